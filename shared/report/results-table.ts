/**
 * The results table shared by the CSV and PDF exports: one row per measured level, the reader's final
 * grade beside the computed suggestion, then every angle labelled by its endplates.
 */
import { calibrationBadge } from '../calibration';
import { definitionOf } from '../measure/definitions';
import { GENANT_GRADE_NAMES } from '../measure/genant';
import type {
  AngleMeasurement,
  FractureShape,
  GenantGrade,
  Length,
  ReaderGenantGrade,
  VertebralLevel,
} from '../measure/types';
import type { Annotation, VertebraAnnotation } from '../model/types';
import { heightLossSentence } from './height-loss-words';
import type { ReportInput } from './study-info';

export interface VertebraRow {
  readonly level: VertebralLevel;
  readonly ha: Length;
  readonly hm: Length;
  readonly hp: Length;
  /** "mm", "mm at detector", "px"…: where the millimetres came from. */
  readonly calibrationBadge: string;
  /** Ha/Hp */
  readonly wedgeRatio: number;
  /** Hm/Hp */
  readonly biconcaveRatio: number;
  readonly anteriorLossPercent: number;
  readonly middleLossPercent: number;
  /** The heights the loss was measured against, in words. */
  readonly lossReference: string;
  /** The grading loss, its reference and the Genant threshold it sits against (height-loss-words.ts). */
  readonly lossSentence: string;
  readonly suggestedGrade: GenantGrade;
  readonly finalGrade?: ReaderGenantGrade;
  readonly shape: FractureShape;
  readonly wedgeAngleDeg: number;
}

export interface AngleRow {
  /** "T12 sup – L2 inf", or a name for a hand-drawn angle. */
  readonly label: string;
  readonly kind: AngleMeasurement['kind'];
  readonly signedDeg: number;
  /** Kyphosis or lordosis for spine angles; empty for an angle between three points. */
  readonly description: AngleMeasurement['description'] | '';
}

/** "2 (moderate)" */
export function gradeText(grade: ReaderGenantGrade): string {
  return `${grade} (${GENANT_GRADE_NAMES[grade]})`;
}

export const ANGLE_KIND_NAMES: Readonly<Record<AngleMeasurement['kind'], string>> = {
  cobb: 'Cobb angle',
  'local-kyphosis': 'Local kyphotic angle',
  wedge: 'Vertebral wedge angle',
  angle: 'Angle',
};

function vertebraAnnotations(annotations: readonly Annotation[]): Map<string, VertebraAnnotation> {
  return new Map(annotations.filter((a): a is VertebraAnnotation => a.type === 'vertebra').map((a) => [a.id, a]));
}

export function vertebraRows({ doc, results }: ReportInput): VertebraRow[] {
  const byLevel = new Map([...vertebraAnnotations(doc.annotations).values()].map((a) => [a.level, a]));
  return results.vertebrae.map((v) => {
    const finalGrade = byLevel.get(v.level)?.finalGrade;
    return {
      level: v.level,
      ha: v.heights.ha,
      hm: v.heights.hm,
      hp: v.heights.hp,
      calibrationBadge: calibrationBadge(v.heights.ha.calibration),
      wedgeRatio: v.ratios.wedge,
      biconcaveRatio: v.ratios.biconcave,
      anteriorLossPercent: v.loss.anterior * 100,
      middleLossPercent: v.loss.middle * 100,
      lossReference: v.loss.referenceDetail,
      lossSentence: heightLossSentence(v.loss),
      suggestedGrade: v.suggestedGrade,
      ...(finalGrade === undefined ? {} : { finalGrade }),
      shape: v.shape,
      wedgeAngleDeg: v.wedgeAngleDeg,
    };
  });
}

/** The angles the engine derived from the measured endplates: local kyphosis and requested Cobb angles. */
export function engineAngleRows(results: ReportInput['results']): AngleRow[] {
  return results.angles.map((a) => ({ label: a.label, kind: a.kind, signedDeg: a.signedDeg, description: a.description }));
}

/**
 * The rows of the hand-drawn angles among `annotations`, leaving out any whose label is already listed,
 * so a Cobb angle drawn on the endplates the engine measured appears once.
 */
export function drawnAngleRows(
  annotations: readonly Annotation[],
  { annotationMeasurements = {} }: Pick<ReportInput, 'annotationMeasurements'>,
  listed: ReadonlySet<string>,
): AngleRow[] {
  const rows: AngleRow[] = [];
  const seen = new Set(listed);
  for (const annotation of annotations) {
    const row = definitionOf(annotation).reportRow?.(annotationMeasurements[annotation.id]);
    if (!row || seen.has(row.label)) continue;
    rows.push(row);
    seen.add(row.label);
  }
  return rows;
}

/** Engine angles first (local kyphosis, requested Cobb angles), then hand-drawn angles not already listed. */
export function angleRows(input: ReportInput): AngleRow[] {
  const engine = engineAngleRows(input.results);
  return [...engine, ...drawnAngleRows(input.doc.annotations, input, new Set(engine.map((r) => r.label)))];
}
