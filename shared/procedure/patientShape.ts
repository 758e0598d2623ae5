import { wedgeAngleFromHeightsDeg } from '../measure/angles';
import { isSpineLevel } from './spineLevels';
import type { PatientSpineShape, SpineLevel, VertebralHeightsMm } from './types';

/**
 * The DOMAIN.md §3 reference case (L1 wedge, Genant 2): Hp 30.8, Ha 20.2 mm, local kyphosis 26°.
 * Hm is not published for it; 24 mm sits between the two walls as a wedge fracture's does.
 */
export const REFERENCE_CASE_SHAPE: PatientSpineShape = {
  fracturedLevel: 'L1',
  heightsMm: { anterior: 20.2, middle: 24, posterior: 30.8 },
  normalHeightsMm: { anterior: 30.8, middle: 30.8, posterior: 30.8 },
  localKyphosisDeg: 26,
  source: 'manual',
};

/** Anteroposterior body depth used to turn a height difference into a wedge angle (DOMAIN.md §2). */
export const REFERENCE_BODY_DEPTH_MM = 35;

/**
 * Kyphoplasty restores about a third of the lost height (reference case Ha 20.2 → 23.7 mm against a
 * normal of 30.8 mm, DOMAIN.md §3) — not the full normal height.
 */
export const KYPHOPLASTY_HEIGHT_GAIN_OF_LOSS = 0.33;

/** Mean kyphosis correction after kyphoplasty (Papanastassiou, Eur Spine J 2012). */
export const KYPHOPLASTY_MAX_KYPHOSIS_CORRECTION_DEG = 4.8;

const MIN_HEIGHT_MM = 4;
const MAX_HEIGHT_MM = 60;

export interface MeasuredFracture {
  level: string;
  anteriorMm: number;
  middleMm: number;
  posteriorMm: number;
  localKyphosisDeg: number;
  /** Heights of the vertebra without the fracture, e.g. the mean of its neighbours; when absent the own posterior wall is the reference (DOMAIN.md §1, rule 1). */
  normalHeightsMm?: VertebralHeightsMm;
  /** The image the measurements were made on, e.g. "LAT SPINE, image 1". */
  from?: string;
}

/** Builds the shape from a study's morphometry, or returns an error in words a clinician understands. */
export function shapeFromMeasurements(m: MeasuredFracture): PatientSpineShape | { error: string } {
  if (!isSpineLevel(m.level)) return { error: `The explainer draws levels T1 to L5; the measured level is ${m.level}.` };
  const heights = [m.anteriorMm, m.middleMm, m.posteriorMm];
  if (heights.some((h) => !Number.isFinite(h) || h < MIN_HEIGHT_MM || h > MAX_HEIGHT_MM)) {
    return { error: `Vertebral heights must lie between ${MIN_HEIGHT_MM} and ${MAX_HEIGHT_MM} mm.` };
  }
  if (!Number.isFinite(m.localKyphosisDeg)) return { error: 'The local kyphosis angle is missing.' };
  const posteriorReference = Math.max(m.anteriorMm, m.middleMm, m.posteriorMm);
  return {
    fracturedLevel: m.level,
    heightsMm: { anterior: m.anteriorMm, middle: m.middleMm, posterior: m.posteriorMm },
    normalHeightsMm: m.normalHeightsMm ?? { anterior: posteriorReference, middle: posteriorReference, posterior: posteriorReference },
    localKyphosisDeg: m.localKyphosisDeg,
    source: 'measured',
    measuredOn: m.from,
  };
}

/** A hand-chosen shape, with heights kept within drawable limits. */
export function manualShape(level: SpineLevel, heights: VertebralHeightsMm, localKyphosisDeg: number): PatientSpineShape {
  const clampHeight = (h: number) => Math.min(MAX_HEIGHT_MM, Math.max(MIN_HEIGHT_MM, h));
  const heightsMm = { anterior: clampHeight(heights.anterior), middle: clampHeight(heights.middle), posterior: clampHeight(heights.posterior) };
  const normal = Math.max(heightsMm.anterior, heightsMm.middle, heightsMm.posterior, REFERENCE_CASE_SHAPE.normalHeightsMm.posterior);
  return {
    fracturedLevel: level,
    heightsMm,
    normalHeightsMm: { anterior: normal, middle: normal, posterior: normal },
    localKyphosisDeg: Math.min(60, Math.max(-30, localKyphosisDeg)),
    source: 'manual',
  };
}

/** The body's wedge angle from its heights, at the reference depth unless told otherwise (DOMAIN.md §2). */
export function wedgeAngleDeg(heights: VertebralHeightsMm, depthMm = REFERENCE_BODY_DEPTH_MM): number {
  return wedgeAngleFromHeightsDeg(heights.anterior, heights.posterior, depthMm);
}

export interface ExpectedOutcome {
  heightsMm: VertebralHeightsMm;
  kyphosisDeg: number;
}

/** Heights and kyphosis after balloon inflation: a modest lift, never past normal. */
export function kyphoplastyOutcome(shape: PatientSpineShape): ExpectedOutcome {
  const lift = (now: number, normal: number) => now + KYPHOPLASTY_HEIGHT_GAIN_OF_LOSS * Math.max(0, normal - now);
  const heightsMm = {
    anterior: lift(shape.heightsMm.anterior, shape.normalHeightsMm.anterior),
    middle: lift(shape.heightsMm.middle, shape.normalHeightsMm.middle),
    posterior: lift(shape.heightsMm.posterior, shape.normalHeightsMm.posterior),
  };
  // The angle can only improve as much as the body's own wedge does.
  const wedgeGain = Math.max(0, wedgeAngleDeg(shape.heightsMm) - wedgeAngleDeg(heightsMm));
  return { heightsMm, kyphosisDeg: shape.localKyphosisDeg - Math.min(KYPHOPLASTY_MAX_KYPHOSIS_CORRECTION_DEG, wedgeGain) };
}
