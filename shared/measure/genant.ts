/**
 * Suggested Genant semi-quantitative grade and fracture shape (Genant et al., JBMR 1993; DOMAIN.md §1).
 * Genant is a visual grade by an expert: this is a suggestion the reader confirms or overrides.
 */
import type { FractureShape, GenantGrade, HeightLoss, MorphometryRatios, ReaderGenantGrade } from './types';

/**
 * Lower bounds of height reduction for grades 1, 2, 3: 20 % to < 25 % mild, 25 % to < 40 % moderate,
 * ≥ 40 % severe (Genant 1993, RadElement definition).
 */
export const GENANT_LOSS_THRESHOLDS = { mild: 0.2, moderate: 0.25, severe: 0.4 } as const;

/**
 * Loss rounded to 1e-9 so that floating-point noise cannot move a value across a boundary:
 * 1 − 0.8 is 0.19999999999999996 and must count as 20 %.
 */
function roundedLoss(loss: number): number {
  return Math.round(loss * 1e9) / 1e9;
}

export function genantGradeFromLoss(loss: number): GenantGrade {
  const l = roundedLoss(loss);
  if (l >= GENANT_LOSS_THRESHOLDS.severe) return 3;
  if (l >= GENANT_LOSS_THRESHOLDS.moderate) return 2;
  if (l >= GENANT_LOSS_THRESHOLDS.mild) return 1;
  return 0;
}

/** The largest of the anterior, middle and (when a reference exists) posterior losses sets the grade. */
export function maximumLoss(loss: HeightLoss): number {
  return Math.max(loss.anterior, loss.middle, loss.posterior ?? -Infinity);
}

export function suggestGenantGrade(loss: HeightLoss): GenantGrade {
  return genantGradeFromLoss(maximumLoss(loss));
}

/**
 * The lowest ratio names the shape (DOMAIN.md §1; McCloskey 1993): wedge Ha/Hp, biconcave Hm/Hp,
 * crush Hp against the lower of Hp/Hp′ and Hp/Hp″. Ties keep that order. An ungraded body is 'normal'.
 */
export function fractureShape(grade: GenantGrade, ratios: MorphometryRatios): FractureShape {
  if (grade === 0) return 'normal';
  const candidates: [FractureShape, number][] = [
    ['wedge', ratios.wedge],
    ['biconcave', ratios.biconcave],
    ['crush', Math.min(ratios.crushAbove ?? Infinity, ratios.crushBelow ?? Infinity)],
  ];
  return candidates.reduce((lowest, c) => (c[1] < lowest[1] ? c : lowest))[0];
}

/** Names of the grades (Genant 1993; 0.5 is the reader's borderline). */
export const GENANT_GRADE_NAMES: Readonly<Record<ReaderGenantGrade, string>> = {
  0: 'normal',
  0.5: 'borderline',
  1: 'mild',
  2: 'moderate',
  3: 'severe',
};

/** The reader's grade when set, otherwise the suggestion. */
export function effectiveGrade(suggested: GenantGrade, final?: ReaderGenantGrade): ReaderGenantGrade {
  return final ?? suggested;
}
