import { describe, expect, it } from 'vitest';
import { vertexAngleDeg } from '../../../shared/measure/vertex-angle';

const square = { rowMm: 1, columnMm: 1, source: 'calibrated' as const, note: '' };

describe('angle at a vertex', () => {
  it('measures right, straight and 45° angles', () => {
    expect(vertexAngleDeg({ x: 10, y: 0 }, { x: 0, y: 0 }, { x: 0, y: 10 }, square)).toBeCloseTo(90, 10);
    expect(vertexAngleDeg({ x: -10, y: 0 }, { x: 0, y: 0 }, { x: 10, y: 0 }, square)).toBeCloseTo(180, 10);
    expect(vertexAngleDeg({ x: 10, y: 10 }, { x: 0, y: 0 }, { x: 10, y: 0 }, square)).toBeCloseTo(45, 10);
  });

  it('works in millimetres: 45° in pixels is atan(2) on pixels twice as tall as wide', () => {
    const tall = { rowMm: 0.4, columnMm: 0.2, source: 'calibrated' as const, note: '' };
    const expected = (Math.atan2(0.4, 0.2) * 180) / Math.PI;
    expect(vertexAngleDeg({ x: 10, y: 10 }, { x: 0, y: 0 }, { x: 10, y: 0 }, tall)).toBeCloseTo(expected, 10);
  });
});
