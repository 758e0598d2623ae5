import { describe, expect, it } from 'vitest';
import { UNCALIBRATED, type PixelSpacing } from '../../../shared/calibration';
import {
  distanceMm,
  formatLength,
  lengthOf,
  lengthUnit,
  sameScale,
  toMillimetres,
} from '../../../shared/measure/units';
import { NON_SQUARE } from './fixtures';

describe('toMillimetres', () => {
  it('scales columns (x) by column spacing and rows (y) by row spacing', () => {
    // NON_SQUARE: rowMm 0.5, columnMm 0.25
    expect(toMillimetres({ x: 12, y: 8 }, NON_SQUARE)).toEqual({ x: 3, y: 4 });
  });

  it('keeps pixels when the image is uncalibrated, whatever numbers came with it', () => {
    const bogus: PixelSpacing = { rowMm: 0.5, columnMm: 0.25, source: 'none', note: 'no spacing' };
    expect(toMillimetres({ x: 12, y: 8 }, bogus)).toEqual({ x: 12, y: 8 });
  });

  it('rejects spacing that is not a positive number', () => {
    for (const bad of [0, -0.2, Number.NaN, Infinity]) {
      expect(() => toMillimetres({ x: 1, y: 1 }, { ...NON_SQUARE, rowMm: bad })).toThrow(RangeError);
    }
  });
});

describe('distance and length', () => {
  it('honours non-square pixels: 12 × 8 px at 0.25 × 0.5 mm is a 3-4-5 triangle', () => {
    expect(distanceMm({ x: 0, y: 0 }, { x: 12, y: 8 }, NON_SQUARE)).toBeCloseTo(5, 12);
  });

  it('labels lengths with the unit and calibration of the spacing', () => {
    expect(lengthOf({ x: 0, y: 0 }, { x: 12, y: 8 }, NON_SQUARE)).toEqual({ value: 5, unit: 'mm', calibration: 'calibrated' });
    const detector: PixelSpacing = { rowMm: 0.139, columnMm: 0.139, source: 'detector', note: 'Imager Pixel Spacing' };
    expect(lengthOf({ x: 0, y: 0 }, { x: 0, y: 100 }, detector)).toMatchObject({ unit: 'mm', calibration: 'detector' });
    expect(lengthOf({ x: 0, y: 0 }, { x: 3, y: 4 }, UNCALIBRATED)).toEqual({ value: 5, unit: 'px', calibration: 'none' });
    expect(lengthUnit(UNCALIBRATED)).toBe('px');
  });

  it('compares scales and formats lengths to 0.1', () => {
    const mm = { value: 30.8, unit: 'mm', calibration: 'calibrated' } as const;
    expect(sameScale(mm, { ...mm, value: 1 })).toBe(true);
    expect(sameScale(mm, { ...mm, calibration: 'detector' })).toBe(false);
    expect(sameScale(mm, { ...mm, unit: 'px', calibration: 'calibrated' })).toBe(false);
    expect(formatLength(mm)).toBe('30.8 mm');
    expect(formatLength({ value: 412, unit: 'px', calibration: 'none' })).toBe('412.0 px');
  });
});
