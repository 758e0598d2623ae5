import { describe, expect, it } from 'vitest';
import { isRemovedWithItsGroup } from '../../../shared/deid/removal-groups';

describe('isRemovedWithItsGroup', () => {
  it('removes private attributes and their creators', () => {
    expect(isRemovedWithItsGroup('00090010')).toBe(true);
    expect(isRemovedWithItsGroup('00291010')).toBe(true);
  });

  it('removes curves and whole overlay planes, in every repeating group', () => {
    for (const tag of ['50003000', '501E0010', '60003000', '60004000', '60000010', '601E3000']) expect(isRemovedWithItsGroup(tag), tag).toBe(true);
    expect(isRemovedWithItsGroup('60203000')).toBe(false); // past the last overlay group
  });

  it('removes data set group lengths but keeps the meta group and ordinary attributes', () => {
    expect(isRemovedWithItsGroup('00080000')).toBe(true);
    expect(isRemovedWithItsGroup('00020000')).toBe(false);
    expect(isRemovedWithItsGroup('00280030')).toBe(false);
    expect(isRemovedWithItsGroup('7FE00010')).toBe(false);
  });
});
