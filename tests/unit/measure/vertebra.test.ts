import { describe, expect, it } from 'vitest';
import { UNCALIBRATED } from '../../../shared/calibration';
import { measureVertebra, type VertebraContext } from '../../../shared/measure/vertebra';
import { FACING_LEFT, NON_SQUARE, SQUARE_MM, bodyMm, pointsToPixels } from './fixtures';

const alone: VertebraContext = { spacing: SQUARE_MM, orientation: FACING_LEFT, reference: 'radelement' };
const REFERENCE_L1 = bodyMm({ ha: 20.2, hm: 27, hp: 30.8, depth: 35 });

describe('measureVertebra', () => {
  it('measures the DOMAIN.md reference L1: Ha/Hp 0.66, 34 % loss, Genant 2, wedge, 16.8°', () => {
    const m = measureVertebra({ level: 'L1', points: REFERENCE_L1 }, alone);
    expect(m.level).toBe('L1');
    expect(m.ratios.wedge.toFixed(2)).toBe('0.66');
    expect(Math.round(m.loss.anterior * 100)).toBe(34);
    expect(m.loss.reference).toBe('own-posterior');
    expect(m.suggestedGrade).toBe(2);
    expect(m.shape).toBe('wedge');
    expect(m.wedgeAngleDeg.toFixed(1)).toBe('16.8');
    expect(m.apDepth.value).toBeCloseTo((35 + Math.hypot(35, 10.6)) / 2, 10);
  });

  it('after kyphoplasty (Ha 23.7 mm): Ha/Hp 0.77, Genant 1', () => {
    const m = measureVertebra({ level: 'L1', points: bodyMm({ ha: 23.7, hm: 28, hp: 30.8 }) }, alone);
    expect(m.ratios.wedge.toFixed(2)).toBe('0.77');
    expect(m.suggestedGrade).toBe(1);
  });

  it('gives the same mm results from non-square pixels as from the square-pixel construction', () => {
    const square = measureVertebra({ level: 'L1', points: REFERENCE_L1 }, alone);
    const nonSquare = measureVertebra(
      { level: 'L1', points: pointsToPixels(REFERENCE_L1, NON_SQUARE) },
      { ...alone, spacing: NON_SQUARE },
    );
    expect(nonSquare.heights.ha.value).toBeCloseTo(square.heights.ha.value, 10);
    expect(nonSquare.heights.hp.value).toBeCloseTo(square.heights.hp.value, 10);
    expect(nonSquare.apDepth.value).toBeCloseTo(square.apDepth.value, 10);
    expect(nonSquare.ratios.wedge).toBeCloseTo(square.ratios.wedge, 12);
    expect(nonSquare.wedgeAngleDeg).toBeCloseTo(square.wedgeAngleDeg, 10);
    expect(nonSquare.suggestedGrade).toBe(square.suggestedGrade);
  });

  it('on an uncalibrated image gives px lengths but the same ratios, loss, grade and angle', () => {
    const pxPerMm = { ...SQUARE_MM, rowMm: 0.2, columnMm: 0.2 }; // 5 px per mm
    const square = measureVertebra({ level: 'L1', points: REFERENCE_L1 }, alone);
    const px = measureVertebra(
      { level: 'L1', points: pointsToPixels(REFERENCE_L1, pxPerMm) },
      { ...alone, spacing: UNCALIBRATED },
    );
    expect(px.heights.ha).toEqual({ value: expect.closeTo(101, 9), unit: 'px', calibration: 'none' });
    expect(px.loss.referenceHeights.anterior.unit).toBe('px');
    expect(px.loss.referenceDetail).toBe('own posterior height (Hp 154.0 px); no normal neighbour measured');
    expect(px.ratios.wedge).toBeCloseTo(square.ratios.wedge, 12);
    expect(px.loss.anterior).toBeCloseTo(square.loss.anterior, 12);
    expect(px.suggestedGrade).toBe(2);
    expect(px.wedgeAngleDeg).toBeCloseTo(square.wedgeAngleDeg, 10);
  });

  it('does not take a fractured neighbour as its reference', () => {
    // T12 above is itself wedged 38 % (grade 2 on its own wall), L2 below is normal
    const t12 = bodyMm({ ha: 18, hp: 29, origin: { x: 100, y: 55 } });
    const l2 = bodyMm({ ha: 30, hm: 29.5, hp: 31, origin: { x: 100, y: 145 } });
    const m = measureVertebra(
      { level: 'L1', points: bodyMm({ ha: 20.2, hm: 27, hp: 29 }) },
      { ...alone, reference: 'adjacent', above: { level: 'T12', points: t12 }, below: { level: 'L2', points: l2 } },
    );
    expect(m.loss.reference).toBe('adjacent');
    expect(m.loss.anterior).toBeCloseTo(1 - 20.2 / 30, 10);
    expect(m.loss.referenceDetail).toMatch(/^mean heights of L2 \(/);
    // but crush ratios use every measured neighbour (O'Neill 1994)
    expect(m.ratios.crushAbove).toBeCloseTo(1, 10); // Hp 29 / T12 Hp 29
    expect(m.ratios.crushBelow).toBeCloseTo(29 / 31, 10);
  });
});
