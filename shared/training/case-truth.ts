import type { EndplateRef, GenantGrade, SixPoints, Vec2, VertebralLevel } from '../measure/types';
import { readEndplateLabel } from '../measure/angles';
import { isVertebralLevel } from '../measure/levels';
import { SIX_POINT_NAMES } from '../measure/six-points';

/**
 * The ground truth of a sample case (samples/cases/<id>/case.json), read defensively: the file comes
 * from disk, so anything malformed is dropped rather than trusted.
 */
export interface VertebraTruth {
  readonly level: VertebralLevel;
  readonly fractured: boolean;
  readonly genantGrade: GenantGrade;
  readonly shape?: string;
  readonly haMm: number;
  readonly hmMm: number;
  readonly hpMm: number;
}

export interface AngleTruth {
  readonly label: string;
  readonly degrees: number;
  /** The two endplates the label names ("T12 superior – L2 inferior", or "T12 sup – L2 inf" in older cases), so the engine can be asked for them. */
  readonly first: EndplateRef;
  readonly second: EndplateRef;
}

/** Six points on one image: pixel coordinates, or patient LPS mm on the CT mid-sagittal plane. */
export type ImagePointsTruth =
  | { readonly kind: 'pixels'; readonly sopInstanceUid: string; readonly seriesInstanceUid: string; readonly vertebrae: ReadonlyArray<{ level: VertebralLevel; points: SixPoints }> }
  | {
      readonly kind: 'patient';
      readonly seriesInstanceUid: string;
      readonly sagittalPlaneXmm: number;
      readonly vertebrae: ReadonlyArray<{ level: VertebralLevel; points: Readonly<Record<keyof SixPoints, readonly [number, number, number]>> }>;
    };

export interface StudyTruth {
  readonly label: string;
  readonly studyInstanceUid: string;
  readonly vertebrae: readonly VertebraTruth[];
  readonly angles: readonly AngleTruth[];
  readonly images: readonly ImagePointsTruth[];
}

export interface CaseDetails {
  readonly id: string;
  readonly title: string;
  readonly difficulty: string;
  readonly level: string;
  readonly history: string;
  readonly whatToLookAt: string;
  readonly whatToMeasure: string;
  readonly answerExplained: string;
  readonly studies: readonly StudyTruth[];
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);

function pixelPoints(raw: unknown): SixPoints | undefined {
  const o = obj(raw);
  const points = SIX_POINT_NAMES.map((n) => obj(o[n]));
  if (!points.every((p) => Number.isFinite(num(p.x)) && Number.isFinite(num(p.y)))) return undefined;
  return Object.fromEntries(SIX_POINT_NAMES.map((n, i) => [n, { x: num(points[i].x), y: num(points[i].y) } as Vec2])) as unknown as SixPoints;
}

function patientPoints(raw: unknown) {
  const o = obj(raw);
  const points = SIX_POINT_NAMES.map((n) => arr(o[n]).map(num));
  if (!points.every((p) => p.length === 3 && p.every(Number.isFinite))) return undefined;
  return Object.fromEntries(SIX_POINT_NAMES.map((n, i) => [n, points[i] as unknown as readonly [number, number, number]])) as Record<keyof SixPoints, readonly [number, number, number]>;
}

function imageTruth(raw: unknown): ImagePointsTruth | undefined {
  const o = obj(raw);
  const vertebrae = arr(o.vertebrae).map(obj).filter((v) => isVertebralLevel(str(v.level)));
  if (typeof o.sopInstanceUid === 'string') {
    return {
      kind: 'pixels',
      sopInstanceUid: o.sopInstanceUid,
      seriesInstanceUid: str(o.seriesInstanceUid),
      vertebrae: vertebrae.flatMap((v) => {
        const points = pixelPoints(v.points);
        return points ? [{ level: str(v.level) as VertebralLevel, points }] : [];
      }),
    };
  }
  if (typeof o.sagittalPlaneXmm === 'number') {
    return {
      kind: 'patient',
      seriesInstanceUid: str(o.seriesInstanceUid),
      sagittalPlaneXmm: o.sagittalPlaneXmm,
      vertebrae: vertebrae.flatMap((v) => {
        const points = patientPoints(v.points);
        return points ? [{ level: str(v.level) as VertebralLevel, points }] : [];
      }),
    };
  }
  return undefined;
}

export function readCaseDetails(raw: unknown): CaseDetails {
  const o = obj(raw);
  const truth = obj(o.groundTruth);
  return {
    id: str(o.id),
    title: str(o.title),
    difficulty: str(o.difficulty),
    level: str(o.level),
    history: str(o.history),
    whatToLookAt: str(o.whatToLookAt),
    whatToMeasure: str(o.whatToMeasure),
    answerExplained: str(o.answerExplained),
    studies: arr(truth.studies).map(obj).map((s) => ({
      label: str(s.label),
      studyInstanceUid: str(s.studyInstanceUid),
      vertebrae: arr(s.vertebrae)
        .map(obj)
        .filter((v) => isVertebralLevel(str(v.level)) && [0, 1, 2, 3].includes(num(v.genantGrade)))
        .map((v) => ({
          level: str(v.level) as VertebralLevel,
          fractured: v.fractured === true,
          genantGrade: num(v.genantGrade) as GenantGrade,
          shape: typeof v.shape === 'string' ? v.shape : undefined,
          haMm: num(v.haMm),
          hmMm: num(v.hmMm),
          hpMm: num(v.hpMm),
        })),
      angles: arr(s.angles)
        .map(obj)
        .flatMap((a) => {
          const [first, second] = str(a.label).split('–').map(readEndplateLabel);
          return first && second && Number.isFinite(num(a.degrees)) ? [{ label: str(a.label), degrees: num(a.degrees), first, second }] : [];
        }),
      images: arr(s.images).flatMap((i) => imageTruth(i) ?? []),
    })),
  };
}
