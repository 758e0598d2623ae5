import { describe, expect, it } from 'vitest';
import { userCalibratedSpacing } from '../../../shared/measure/user-calibration';
import { distanceMm } from '../../../shared/measure/units';

describe('user calibration', () => {
  it('turns a 25 mm ball drawn over 125 px into 0.2 mm per pixel', () => {
    const s = userCalibratedSpacing({ x: 10, y: 10 }, { x: 85, y: 110 }, 25);
    expect(s.columnMm).toBeCloseTo(0.2, 10);
    expect(s.rowMm).toBeCloseTo(0.2, 10);
    expect(s.source).toBe('user');
  });

  it('keeps the file’s pixel aspect ratio and measures the calibration line back exactly', () => {
    const file = { rowMm: 0.3, columnMm: 0.15, source: 'detector' as const, note: '' };
    const a = { x: 0, y: 0 };
    const b = { x: 40, y: 30 };
    const s = userCalibratedSpacing(a, b, 20, file);
    expect(s.rowMm / s.columnMm).toBeCloseTo(2, 10);
    expect(distanceMm(a, b, s)).toBeCloseTo(20, 10);
  });

  it('refuses a zero or negative length and a line too short to trust', () => {
    expect(() => userCalibratedSpacing({ x: 0, y: 0 }, { x: 50, y: 0 }, 0)).toThrow(RangeError);
    expect(() => userCalibratedSpacing({ x: 0, y: 0 }, { x: 50, y: 0 }, -5)).toThrow(RangeError);
    expect(() => userCalibratedSpacing({ x: 0, y: 0 }, { x: 0.2, y: 0 }, 10)).toThrow(RangeError);
  });
});
