import { describe, expect, it } from 'vitest';
import { measureApDepth, measureHeights, morphometryRatios } from '../../../shared/measure/morphometry';
import type { VertebralHeights } from '../../../shared/measure/types';
import { NON_SQUARE, SQUARE_MM, bodyMm, pointsToPixels } from './fixtures';

const mm = (value: number) => ({ value, unit: 'mm', calibration: 'calibrated' }) as const;
const heights = (ha: number, hm: number, hp: number): VertebralHeights => ({ ha: mm(ha), hm: mm(hm), hp: mm(hp) });

describe('measureHeights', () => {
  it('measures Ha, Hm, Hp between matching points (DOMAIN.md reference L1: Ha 20.2, Hp 30.8)', () => {
    const h = measureHeights(bodyMm({ ha: 20.2, hm: 27, hp: 30.8 }), SQUARE_MM);
    expect(h.ha.value).toBeCloseTo(20.2, 10);
    expect(h.hm.value).toBeCloseTo(27, 10);
    expect(h.hp.value).toBeCloseTo(30.8, 10);
    expect(h.ha).toMatchObject({ unit: 'mm', calibration: 'calibrated' });
  });

  it('gives the same millimetres from non-square pixels as from square ones, on a tilted body', () => {
    const body = bodyMm({ ha: 20.2, hm: 27, hp: 30.8, tiltDeg: 17 });
    const square = measureHeights(body, SQUARE_MM);
    const nonSquare = measureHeights(pointsToPixels(body, NON_SQUARE), NON_SQUARE);
    expect(nonSquare.ha.value).toBeCloseTo(square.ha.value, 10);
    expect(nonSquare.hm.value).toBeCloseTo(square.hm.value, 10);
    expect(nonSquare.hp.value).toBeCloseTo(square.hp.value, 10);
    expect(square.ha.value).toBeCloseTo(20.2, 10);
  });

  it('refuses coincident points instead of dividing by zero later', () => {
    const body = bodyMm({ ha: 20, hp: 30 });
    expect(() => measureHeights({ ...body, posteriorSuperior: body.posteriorInferior }, SQUARE_MM)).toThrow(/hp/);
  });
});

describe('measureApDepth', () => {
  it('is the mean of the superior and inferior endplate lengths', () => {
    // inferior endplate 35 mm; superior from (−35, 10.6 up) to (0, 30.8 up): √(35² + 10.6²) = 36.570 mm
    const depth = measureApDepth(bodyMm({ ha: 20.2, hp: 30.8, depth: 35 }), SQUARE_MM);
    expect(depth.value).toBeCloseTo((35 + Math.hypot(35, 10.6)) / 2, 10);
    expect(depth.value).toBeCloseTo(35.785, 3);
  });
});

describe('morphometryRatios', () => {
  it('gives wedge Ha/Hp 0.656 for the DOMAIN.md reference case and biconcave Hm/Hp', () => {
    const r = morphometryRatios(heights(20.2, 27, 30.8), {});
    expect(r.wedge).toBeCloseTo(0.656, 3);
    expect(r.wedge.toFixed(2)).toBe('0.66');
    expect(r.biconcave).toBeCloseTo(27 / 30.8, 12);
    expect(r).not.toHaveProperty('crushAbove');
    expect(r).not.toHaveProperty('crushBelow');
  });

  it('gives Ha/Hp 0.77 after kyphoplasty (Ha 23.7 mm)', () => {
    expect(morphometryRatios(heights(23.7, 27, 30.8), {}).wedge.toFixed(2)).toBe('0.77');
  });

  it('gives crush ratios Hp/Hp′ and Hp/Hp″ against whichever neighbours exist', () => {
    const own = heights(21, 20.5, 21.5);
    const both = morphometryRatios(own, { above: heights(28, 27.5, 29), below: heights(30, 29.5, 31) });
    expect(both.crushAbove).toBeCloseTo(21.5 / 29, 12);
    expect(both.crushBelow).toBeCloseTo(21.5 / 31, 12);
    const onlyBelow = morphometryRatios(own, { below: heights(30, 29.5, 31) });
    expect(onlyBelow.crushAbove).toBeUndefined();
    expect(onlyBelow.crushBelow).toBeCloseTo(0.6935, 4);
  });
});
