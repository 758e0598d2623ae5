/**
 * One height loss in words a reader can check: which height, against what, and where it stands against
 * the Genant thresholds (Genant et al., JBMR 1993), e.g. "13% anterior height loss against T11 — below the
 * 20% threshold of grade 1 (Genant)". The thresholds are read from genant.ts, never restated.
 */
import { GENANT_GRADE_NAMES, GENANT_LOSS_THRESHOLDS, genantGradeFromLoss, maximumLoss } from '../measure/genant';
import type { GenantGrade, HeightLoss, HeightReferenceSource } from '../measure/types';

type Part = 'anterior' | 'middle' | 'posterior';

const percent = (fraction: number) => `${Math.round(fraction * 100)}%`;

/** Lower bound of each grade ≥ 1, in the order of the grades. */
const LOWER_BOUND: Readonly<Record<Exclude<GenantGrade, 0>, number>> = {
  1: GENANT_LOSS_THRESHOLDS.mild,
  2: GENANT_LOSS_THRESHOLDS.moderate,
  3: GENANT_LOSS_THRESHOLDS.severe,
};

/** The part whose loss sets the grade (maximumLoss); ties keep anterior, middle, posterior. */
function gradingPart(loss: HeightLoss): Part {
  const worst = maximumLoss(loss);
  if (loss.anterior === worst) return 'anterior';
  if (loss.middle === worst) return 'middle';
  return 'posterior';
}

/** "against T11", "against the mean of T11 and L1", "against its own posterior height". */
export function againstWords(source: HeightReferenceSource): string {
  if (source.kind === 'own-posterior') return 'against its own posterior height';
  if (source.levels.length === 1) return `against ${source.levels[0]}`;
  return `against the mean of ${source.levels.join(' and ')}`;
}

/** The loss range of a grade ≥ 1: "25% to under 40%", "40% or more". */
function rangeWords(grade: Exclude<GenantGrade, 0>): string {
  return grade === 3 ? `${percent(LOWER_BOUND[3])} or more` : `${percent(LOWER_BOUND[grade])} to under ${percent(LOWER_BOUND[(grade + 1) as 2 | 3])}`;
}

/** Where a loss stands against the Genant thresholds, naming the grade it earns. */
export function thresholdWords(loss: number): string {
  const grade = genantGradeFromLoss(loss);
  if (grade === 0) return `below the ${percent(GENANT_LOSS_THRESHOLDS.mild)} threshold of grade 1 (Genant)`;
  return `grade ${grade} (${GENANT_GRADE_NAMES[grade]}): ${rangeWords(grade)} (Genant)`;
}

/** The loss that sets the grade, against what it was measured and how it compares with the thresholds. */
export function heightLossSentence(loss: HeightLoss): string {
  const part = gradingPart(loss);
  const value = loss[part] ?? 0;
  const source = loss.referenceSources[part] ?? loss.referenceSources.anterior;
  return `${percent(Math.max(0, value))} ${part} height loss ${againstWords(source)} — ${thresholdWords(value)}`;
}

/** The whole scale, "under 20% normal (0), 20% to under 25% mild (1), …", for legends and feedback. */
export function genantScaleWords(): string {
  const graded = ([1, 2, 3] as const).map((g) => `${rangeWords(g)} ${GENANT_GRADE_NAMES[g]} (${g})`);
  return [`under ${percent(GENANT_LOSS_THRESHOLDS.mild)} normal (0)`, ...graded].join(', ');
}
