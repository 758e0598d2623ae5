/** What the Cobb tool asks for at each step: the prompt changes once the first line is there. */
import { describe, expect, it } from 'vitest';
import { cobbDefinition } from '../../../../shared/measure/definitions/cobb';
import type { CobbLine } from '../../../../shared/model/types';

const spacing = { rowMm: 1, columnMm: 1, source: 'calibrated' as const, note: '' };
const endplate: CobbLine = { kind: 'endplate', annotationId: 'v-t12', endplate: 'superior' };
const p = (n: number) => Array.from({ length: n }, (_, i) => ({ x: i, y: i }));
const prompt = (points: number, cobbLines: CobbLine[] = []) => cobbDefinition.prompt({ points: p(points), cobbLines, level: 'T12' }, spacing);

describe('Cobb prompt', () => {
  it('asks for the first endplate or line, then for the second', () => {
    expect(prompt(0)).toBe('Cobb: click an endplate of a measured vertebra, or draw a line with two clicks; then the second line');
    expect(prompt(0, [endplate])).toMatch(/^Cobb: now the second endplate or line/);
    expect(prompt(2)).toMatch(/^Cobb: now the second endplate or line/);
  });

  it('asks for the other end while a drawn line has one', () => {
    expect(prompt(1)).toBe('Cobb: click the other end of the first line');
    expect(prompt(1, [endplate])).toBe('Cobb: click the other end of the second line');
    expect(prompt(3)).toBe('Cobb: click the other end of the second line');
  });
});
