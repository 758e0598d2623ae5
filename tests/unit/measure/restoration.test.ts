import { describe, expect, it } from 'vitest';
import { TYPICAL_ANGLE_ERROR_DEG, angleChange, heightRestoration } from '../../../shared/measure/restoration';
import type { Length } from '../../../shared/measure/types';

const mm = (value: number): Length => ({ value, unit: 'mm', calibration: 'calibrated' });

describe('heightRestoration (Teng et al., AJNR 2003: gain over loss)', () => {
  it('hand-worked: pre 20, post 25, reference 30 mm → 5 / 10 = 50 %', () => {
    expect(heightRestoration(mm(20), mm(25), mm(30))).toEqual({ percent: 50, gain: mm(5) });
  });

  it('DOMAIN.md reference case: Ha 20.2 → 23.7 mm against Hp 30.8 restores 3.5 / 10.6 = 33 %', () => {
    const r = heightRestoration(mm(20.2), mm(23.7), mm(30.8));
    expect(r?.percent).toBeCloseTo((3.5 / 10.6) * 100, 10);
    expect(Math.round(r?.percent ?? 0)).toBe(33);
    expect(r?.gain.value).toBeCloseTo(3.5, 10);
  });

  it('reports full, over- and negative restoration as they are', () => {
    expect(heightRestoration(mm(20), mm(30), mm(30))?.percent).toBe(100);
    expect(heightRestoration(mm(20), mm(32), mm(30))?.percent).toBeCloseTo(120, 10);
    expect(heightRestoration(mm(20), mm(19), mm(30))?.percent).toBeCloseTo(-10, 10);
  });

  it('is undefined when nothing had been lost or the heights are on different scales', () => {
    expect(heightRestoration(mm(30), mm(31), mm(30))).toBeUndefined();
    expect(heightRestoration(mm(31), mm(32), mm(30))).toBeUndefined();
    expect(heightRestoration(mm(20), { value: 250, unit: 'px', calibration: 'none' }, mm(30))).toBeUndefined();
    expect(heightRestoration(mm(20), mm(25), { ...mm(30), calibration: 'detector' })).toBeUndefined();
  });
});

describe('angleChange (±5° typical Cobb error, Morrissy JBJS 1990)', () => {
  it('reference case 26° → 21° local kyphosis: −5°, not beyond the typical error', () => {
    expect(angleChange(26, 21)).toEqual({ changeDeg: -5, typicalErrorDeg: 5, exceedsTypicalError: false });
    expect(TYPICAL_ANGLE_ERROR_DEG).toBe(5);
  });

  it('published mean corrections (Teng 2003 −4.3°, Papanastassiou 2012 −4.8°) are within the error', () => {
    expect(angleChange(20, 15.7).exceedsTypicalError).toBe(false);
    expect(angleChange(20, 15.2).exceedsTypicalError).toBe(false);
  });

  it('flags changes larger than 5° in either direction, with 5° itself safe from float noise', () => {
    expect(angleChange(26, 20).exceedsTypicalError).toBe(true);
    expect(angleChange(15, 21).exceedsTypicalError).toBe(true);
    expect(10.3 - 5.3).toBeGreaterThan(5);
    expect(angleChange(5.3, 10.3).exceedsTypicalError).toBe(false);
  });
});
