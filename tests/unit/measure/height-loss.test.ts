import { describe, expect, it } from 'vitest';
import {
  adjacentLoss,
  heightLoss,
  ownPosteriorLoss,
  radElementLoss,
  type ReferenceVertebra,
} from '../../../shared/measure/height-loss';
import type { VertebralHeights } from '../../../shared/measure/types';

const mm = (value: number) => ({ value, unit: 'mm', calibration: 'calibrated' }) as const;
const heights = (ha: number, hm: number, hp: number): VertebralHeights => ({ ha: mm(ha), hm: mm(hm), hp: mm(hp) });

// neighbour means: Ha (27 + 29)/2 = 28, Hm (26 + 28)/2 = 27, Hp (29 + 31)/2 = 30
const T12: ReferenceVertebra = { level: 'T12', heights: heights(27, 26, 29) };
const L2: ReferenceVertebra = { level: 'L2', heights: heights(29, 28, 31) };

describe('own posterior wall reference', () => {
  it('gives 34 % anterior loss for the DOMAIN.md reference case (Ha 20.2 / Hp 30.8)', () => {
    const loss = ownPosteriorLoss(heights(20.2, 27, 30.8));
    expect(loss.anterior).toBeCloseTo(1 - 20.2 / 30.8, 12);
    expect(Math.round(loss.anterior * 100)).toBe(34);
    expect(loss.middle).toBeCloseTo(1 - 27 / 30.8, 12);
    expect(loss.posterior).toBeUndefined();
    expect(loss.reference).toBe('own-posterior');
    expect(loss.referenceDetail).toBe('own posterior height (Hp 30.8 mm)');
    expect(loss.referenceHeights.anterior.value).toBe(30.8);
  });

  it('is negative for a body taller in front (L5: Ha 30.3, Hp 26.3)', () => {
    expect(ownPosteriorLoss(heights(30.3, 28, 26.3)).anterior).toBeCloseTo(1 - 30.3 / 26.3, 12);
  });
});

describe('adjacent normal vertebrae reference', () => {
  it('compares each height with the mean of the same height above and below', () => {
    const loss = adjacentLoss(heights(20, 24, 28), [T12, L2]);
    expect(loss?.anterior).toBeCloseTo(1 - 20 / 28, 12); // 0.2857
    expect(loss?.middle).toBeCloseTo(1 - 24 / 27, 12); // 0.1111
    expect(loss?.posterior).toBeCloseTo(1 - 28 / 30, 12); // 0.0667
    expect(loss?.reference).toBe('adjacent');
    expect(loss?.referenceDetail).toBe('mean heights of T12 and L2 (Ha 28.0 mm, Hm 27.0 mm, Hp 30.0 mm)');
  });

  it('uses a single normal neighbour alone', () => {
    const loss = adjacentLoss(heights(20, 24, 28), [L2]);
    expect(loss?.anterior).toBeCloseTo(1 - 20 / 29, 12);
    expect(loss?.referenceDetail).toMatch(/^mean heights of L2 \(/);
  });

  it('is undefined without a normal neighbour, and heightLoss then falls back to the own wall and says so', () => {
    expect(adjacentLoss(heights(20, 24, 28), [])).toBeUndefined();
    const loss = heightLoss('adjacent', heights(20, 24, 28), []);
    expect(loss.reference).toBe('own-posterior');
    expect(loss.anterior).toBeCloseTo(1 - 20 / 28, 12);
    expect(loss.referenceDetail).toBe('own posterior height (Hp 28.0 mm); no normal neighbour measured');
  });
});

describe('RadElement rule (larger reference → larger loss)', () => {
  it('takes the neighbours when they are taller than the own posterior wall (posterior wall collapsed too)', () => {
    const own = heights(20, 24, 26);
    const loss = radElementLoss(own, [T12, L2]);
    expect(loss.anterior).toBeCloseTo(1 - 20 / 28, 12); // own wall alone would say 1 − 20/26 = 23 %
    expect(loss.middle).toBeCloseTo(1 - 24 / 27, 12);
    expect(loss.posterior).toBeCloseTo(1 - 26 / 30, 12);
    expect(loss.reference).toBe('radelement');
    expect(loss.referenceHeights.anterior.value).toBe(28);
  });

  it('picks the larger reference separately for anterior and middle heights', () => {
    // Hp 27.5: anterior ref max(27.5, mean Ha 28) = 28 (neighbours); middle ref max(27.5, mean Hm 27) = 27.5 (own)
    const own = heights(20, 24, 27.5);
    const loss = radElementLoss(own, [T12, L2]);
    expect(loss.anterior).toBeCloseTo(1 - 20 / 28, 12);
    expect(loss.middle).toBeCloseTo(1 - 24 / 27.5, 12);
    expect(loss.referenceDetail).toBe(
      'larger of own posterior height and normal neighbours: anterior vs mean Ha of T12 and L2 28.0 mm, ' +
        'middle vs own Hp 27.5 mm, posterior vs mean Hp of T12 and L2 30.0 mm',
    );
    // never smaller than either rule alone
    const ownWall = ownPosteriorLoss(own);
    const adjacent = adjacentLoss(own, [T12, L2]);
    expect(loss.anterior).toBeGreaterThanOrEqual(Math.max(ownWall.anterior, adjacent?.anterior ?? -1));
    expect(loss.middle).toBeGreaterThanOrEqual(Math.max(ownWall.middle, adjacent?.middle ?? -1));
  });

  it('keeps the own posterior height for the DOMAIN.md case, whose Hp 30.8 exceeds the neighbours', () => {
    const loss = heightLoss('radelement', heights(20.2, 27, 30.8), [T12, L2]);
    expect(loss.anterior).toBeCloseTo(1 - 20.2 / 30.8, 12);
    expect(loss.referenceDetail).toContain('anterior vs own Hp 30.8 mm');
  });

  it('reduces to the own posterior wall without a normal neighbour, and says so', () => {
    const loss = heightLoss('radelement', heights(20.2, 27, 30.8), []);
    expect(loss.reference).toBe('own-posterior');
    expect(loss.anterior).toBeCloseTo(1 - 20.2 / 30.8, 12);
    expect(loss.referenceDetail).toContain('no normal neighbour measured');
  });
});

describe('heightLoss dispatch', () => {
  it('applies the chosen rule', () => {
    const own = heights(20, 24, 26);
    expect(heightLoss('own-posterior', own, [T12, L2]).reference).toBe('own-posterior');
    expect(heightLoss('adjacent', own, [T12, L2]).reference).toBe('adjacent');
    expect(heightLoss('radelement', own, [T12, L2]).reference).toBe('radelement');
  });
});
