import { describe, expect, it } from 'vitest';
import {
  effectiveGrade,
  fractureShape,
  genantGradeFromLoss,
  maximumLoss,
  suggestGenantGrade,
} from '../../../shared/measure/genant';
import { ownPosteriorLoss } from '../../../shared/measure/height-loss';
import type { HeightLoss, VertebralHeights } from '../../../shared/measure/types';

const mm = (value: number) => ({ value, unit: 'mm', calibration: 'calibrated' }) as const;
const heights = (ha: number, hm: number, hp: number): VertebralHeights => ({ ha: mm(ha), hm: mm(hm), hp: mm(hp) });
const gradeOfWedge = (ha: number, hp: number) => suggestGenantGrade(ownPosteriorLoss(heights(ha, hp, hp)));

describe('genantGradeFromLoss (Genant 1993: <20 % 0, 20–<25 % 1, 25–<40 % 2, ≥40 % 3)', () => {
  it.each([
    [-0.15, 0],
    [0, 0],
    [0.1999, 0],
    [0.2, 1],
    [0.2499, 1],
    [0.25, 2],
    [0.3999, 2],
    [0.4, 3],
    [1, 3],
  ])('loss %f → grade %i', (loss, grade) => {
    expect(genantGradeFromLoss(loss)).toBe(grade);
  });

  it('counts floating-point results that mean exactly a boundary as that boundary', () => {
    expect(1 - 0.8).toBe(0.19999999999999996);
    expect(genantGradeFromLoss(1 - 0.8)).toBe(1);
    expect(1 - 0.6000000000000001).toBe(0.3999999999999999);
    expect(genantGradeFromLoss(1 - 0.6000000000000001)).toBe(3);
    // a real 19.99999 % stays grade 0
    expect(genantGradeFromLoss(0.1999999)).toBe(0);
  });

  it('grades height ratios on the boundaries: Ha/Hp 0.80 → 1, 0.75 → 2, 0.60 → 3', () => {
    expect(gradeOfWedge(24, 30)).toBe(1);
    expect(gradeOfWedge(22.5, 30)).toBe(2);
    expect(gradeOfWedge(18, 30)).toBe(3);
    expect(gradeOfWedge(24.1, 30)).toBe(0);
  });
});

describe('published cases', () => {
  it('DOMAIN.md reference L1 (Ha 20.2 / Hp 30.8, 34 %) → grade 2; after kyphoplasty Ha 23.7 (23 %) → grade 1', () => {
    expect(gradeOfWedge(20.2, 30.8)).toBe(2);
    expect(gradeOfWedge(23.7, 30.8)).toBe(1);
  });

  it('JOSR 2023 values: G1 L1 23.8/30.9, G2 T12 19.8/30.1, G2 L1 20.2/30.8, G3 T12 13.6/28.3', () => {
    expect(gradeOfWedge(23.8, 30.9)).toBe(1);
    expect(gradeOfWedge(19.8, 30.1)).toBe(2);
    expect(gradeOfWedge(20.2, 30.8)).toBe(2);
    expect(gradeOfWedge(13.6, 28.3)).toBe(3);
  });
});

describe('suggestGenantGrade', () => {
  const loss = (anterior: number, middle: number, posterior?: number): HeightLoss => ({
    anterior,
    middle,
    ...(posterior !== undefined && { posterior }),
    reference: 'adjacent',
    referenceDetail: 'test',
    referenceHeights: { anterior: mm(30), middle: mm(30) },
    referenceSources: { anterior: { kind: 'own-posterior' }, middle: { kind: 'own-posterior' } },
  });

  it('takes the largest of anterior, middle and posterior loss', () => {
    expect(maximumLoss(loss(0.05, 0.1, 0.3))).toBe(0.3);
    expect(suggestGenantGrade(loss(0.05, 0.1, 0.3))).toBe(2);
    expect(suggestGenantGrade(loss(0.05, 0.22))).toBe(1);
    expect(suggestGenantGrade(loss(0.41, 0.1, -0.05))).toBe(3);
  });
});

describe('fractureShape', () => {
  it('is normal when ungraded, whatever the ratios', () => {
    expect(fractureShape(0, { wedge: 0.85, biconcave: 0.9 })).toBe('normal');
  });

  it('is named by the lowest ratio', () => {
    expect(fractureShape(2, { wedge: 0.66, biconcave: 0.88, crushAbove: 1.06, crushBelow: 0.99 })).toBe('wedge');
    expect(fractureShape(1, { wedge: 0.95, biconcave: 0.78, crushBelow: 0.97 })).toBe('biconcave');
    expect(fractureShape(2, { wedge: 0.98, biconcave: 0.95, crushAbove: 0.74, crushBelow: 0.69 })).toBe('crush');
  });

  it('ignores missing crush ratios and breaks ties in the order wedge, biconcave, crush', () => {
    expect(fractureShape(1, { wedge: 0.98, biconcave: 0.97 })).toBe('biconcave');
    expect(fractureShape(1, { wedge: 0.7, biconcave: 0.7, crushAbove: 0.7 })).toBe('wedge');
  });
});

describe('effectiveGrade', () => {
  it("uses the reader's grade when set, including 0 and borderline 0.5", () => {
    expect(effectiveGrade(2)).toBe(2);
    expect(effectiveGrade(2, 1)).toBe(1);
    expect(effectiveGrade(2, 0)).toBe(0);
    expect(effectiveGrade(0, 0.5)).toBe(0.5);
  });
});
