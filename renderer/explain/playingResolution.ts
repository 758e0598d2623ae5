/**
 * The share of the resolution the explainer draws at while it plays, kept so the animation stays smooth
 * on the machine it runs on. Under software WebGL (SwiftShader) a frame's cost is mostly shading pixels,
 * and how many a machine can shade in a frame varies several-fold with its speed and load; a fixed share
 * either stutters on a slow machine or is needlessly soft on a fast one. So the share follows the frame
 * intervals actually seen, as games' dynamic resolution does: down when frames come later than 30 a
 * second, up again when there is room. The paused picture is always drawn at full resolution.
 */

/** Where playing starts: 0.4 (16 % of the pixels) kept the close-ups at about 35 frames/s on a quiet machine. */
export const START_SCALE = 0.4;
/**
 * The least share: under SwiftShader the close-ups need about this to reach 30 frames/s on two cores (0.4:
 * 22 frames/s), and below it the bone's edges turn coarser still (stair-stepped already here, in motion).
 */
export const MIN_SCALE = 0.28;
/** A machine with room to spare (any real GPU) climbs back to every pixel within a second or two of play. */
export const MAX_SCALE = 1;
/** Frames averaged before each decision: enough to ignore a single late frame, few enough to react within half a second. */
export const FRAMES_PER_DECISION = 12;
/** Slower than this (30 frames/s with 5 % margin) the share goes down... */
const SLOW_MS = 35;
/** ...and faster than this (about 45 frames/s) it goes up: the gap keeps it from see-sawing. */
const FAST_MS = 22;
/** Each step changes the pixel count by about a quarter. */
const STEP = 0.87;
/** A gap this long is a pause, a hidden tab or a scene being built, not the cost of a frame. */
const NOT_A_FRAME_MS = 250;

export interface PlayingResolution {
  readonly scale: number;
  /** Frame intervals seen since the last decision, ms. */
  readonly intervals: readonly number[];
}

export const initialPlayingResolution: PlayingResolution = { scale: START_SCALE, intervals: [] };

/** The state after one more frame drawn `intervalMs` after the one before it. */
export function afterFrame(state: PlayingResolution, intervalMs: number): PlayingResolution {
  if (!(intervalMs > 0) || intervalMs > NOT_A_FRAME_MS) return state;
  const intervals = [...state.intervals, intervalMs];
  if (intervals.length < FRAMES_PER_DECISION) return { scale: state.scale, intervals };
  const mean = intervals.reduce((sum, ms) => sum + ms, 0) / intervals.length;
  const scale =
    mean > SLOW_MS ? Math.max(MIN_SCALE, state.scale * STEP) : mean < FAST_MS ? Math.min(MAX_SCALE, state.scale / STEP) : state.scale;
  return { scale, intervals: [] };
}
