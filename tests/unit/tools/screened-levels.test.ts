import { describe, expect, it } from 'vitest';
import type { SpineScreening } from '../../../shared/assist/spine-screen';
import { screenedLevels } from '../../../renderer/tools/screened-levels';

const screening = (anchored: boolean, levels: (string | undefined)[]) =>
  ({ levels: { anchored, explanation: '' }, vertebrae: levels.map((level, i) => ({ order: i + 1, ...(level && { level }) })) }) as unknown as SpineScreening;

describe('levels of screened bodies', () => {
  it('takes the levels the ribs anchored', () => {
    expect(screenedLevels(screening(true, ['T11', 'T12', 'L1']), 'T4')).toEqual(['T11', 'T12', 'L1']);
  });
  it('counts down from the reader’s starting level when the count is not anchored, and stops below L5', () => {
    expect(screenedLevels(screening(false, [undefined, undefined, undefined]), 'T10')).toEqual(['T10', 'T11', 'T12']);
    expect(screenedLevels(screening(false, [undefined, undefined, undefined]), 'L4')).toEqual(['L4', 'L5', undefined]);
  });
});
