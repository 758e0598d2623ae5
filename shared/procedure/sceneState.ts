import { needleSidesFor } from './captionWords';
import { clamp01, lerp, smootherstep } from './easing';
import type { AnimatedValues, SceneState, Step, Timeline } from './types';

/** Motions finish by this share of their step, leaving the rest of it still for reading the caption. */
export const MOTION_SHARE = 0.8;

/** The camera moves to a step's preset over this long, or less in short steps. */
const CAMERA_MOVE_S = 1.5;

export function stepIndexAt(timeline: Timeline, t: number): number {
  const steps = timeline.steps;
  for (let i = steps.length - 1; i >= 0; i--) if (t >= steps[i].start) return i;
  return 0;
}

/** How far the step's motions have got at time t, eased (0 at the step start, 1 from MOTION_SHARE on). */
export function motionProgress(step: Step, t: number): number {
  return smootherstep((t - step.start) / ((step.end - step.start) * MOTION_SHARE));
}

function valuesAt(step: Step, u: number): AnimatedValues {
  const out = { ...step.from };
  for (const key of Object.keys(out) as (keyof AnimatedValues)[]) out[key] = lerp(step.from[key], step.to[key], u);
  return out;
}

/** The whole scene at time t: a pure function of the timeline and t, clamped to the timeline's ends. */
export function sceneStateAt(timeline: Timeline, time: number): SceneState {
  const t = Math.min(Math.max(time, 0), timeline.duration);
  const index = stepIndexAt(timeline, t);
  const step = timeline.steps[index];
  const v = valuesAt(step, motionProgress(step, t));
  const s = step.switches;
  const cameraMove = Math.min(CAMERA_MOVE_S, (step.end - step.start) * 0.4);
  return {
    procedure: timeline.procedure,
    t,
    stepIndex: index,
    stepId: step.id,
    stepTitle: step.title,
    stepProgress: clamp01((t - step.start) / (step.end - step.start)),
    caption: step.caption,
    clinicianDetail: step.clinicianDetail,
    camera: { from: step.cameraFrom, to: step.camera, blend: smootherstep((t - step.start) / cameraMove) },
    fluoroscopy: s.fluoroscopy,
    proneBlend: v.proneBlend,
    needles: s.needleSides.map((side) => ({ side, depth: v.needleDepth })),
    entrySides: timeline.procedure === 'fusion' ? [] : needleSidesFor(timeline.bipedicular),
    balloon: { visible: s.balloonVisible, radiusMm: v.balloonRadiusMm },
    cavityRadiusMm: v.cavityRadiusMm,
    cementFill: v.cementFill,
    cementSet: v.cementSet,
    vertebraHeightsMm: { anterior: v.anteriorMm, middle: v.middleMm, posterior: v.posteriorMm },
    kyphosisDeg: v.kyphosisDeg,
    boneOpacity: v.boneOpacity,
    numbing: v.numbing,
    screws: { visible: s.screwsVisible, depth: v.screwDepth },
    rods: { visible: s.rodsVisible, progress: v.rodProgress },
    fractureHighlight: v.fractureHighlight,
  };
}

/**
 * The moment that sums a step up in one still picture: its motions are done (the needle is in, the
 * cement has filled) and the caption still holds. A step's midpoint would catch them halfway.
 */
export function stepStillTime(step: Step): number {
  return step.start + (step.end - step.start) * (1 + MOTION_SHARE) / 2;
}

/** The start of the step after the one playing at t, or the end of the timeline. */
export function nextStepTime(timeline: Timeline, t: number): number {
  const next = timeline.steps[stepIndexAt(timeline, t) + 1];
  return next ? next.start : timeline.duration;
}

/** Back to the start of the current step, or to the step before if t is already within its first second. */
export function previousStepTime(timeline: Timeline, t: number): number {
  const index = stepIndexAt(timeline, t);
  const step = timeline.steps[index];
  if (t - step.start > 1 || index === 0) return step.start;
  return timeline.steps[index - 1].start;
}
