/**
 * One-click six-point proposal on a CT plane (DOMAIN.md §1): segment the body under the click, trace its
 * outline with subpixel cortical edges in the body's own frame, fit each side, and put the points where
 * the definition puts them — corners where the endplate meets the wall on the cortical margin (sides are
 * fitted away from the corners, so an osteophyte beyond the wall line is ignored), middle points at the
 * deepest point of each endplate at mid-depth, posterior points on the posterior wall.
 */
import { growBodyMask, BONE_MIN_HU, MAX_REACH_MM, type BodyMask } from './body-mask';
import { cortexEdgeDistance } from './cortex-edge';
import { frameToMm, mmToFrame, mmToPixelPoint, orthonormalAxes, pixelPointToMm, pixelSize, turnFrame, type Frame } from './plane-frame';
import { evaluate, fitPolynomial, type Polynomial } from './polynomial-fit';
import type { PlaneImage, ProposalFailure, ProposalFailureCode, ProposalResult, Vec2 } from './types';
import { median } from '../statistics';

/** A mid-sagittal vertebral body is at least about 10 × 15 mm even when crushed. */
const MIN_BODY_AREA_MM2 = 150;
/**
 * No vertebral body is this tall: L5, the tallest, measures Ha 30.3 ± 1.9 mm (DOMAIN.md §1). Taller bone is
 * two bodies or more without a visible disc between them.
 */
const MAX_BODY_HEIGHT_MM = 45;
/**
 * Walls are traced between these fractions of the body's height, endplates between these of its depth: away
 * from rounded corners and osteophytes. Endplates run close to the walls (5 %): a quadratic carried further
 * to a corner bends with the endplate's concavity and pulls the corner into the body (on the sample CTs
 * 0.1–0.9 left 2 of 14 bodies over 1 mm in height; 0.05–0.95, none).
 */
const WALL_SPAN = [0.2, 0.8] as const;
const ENDPLATE_SPAN = [0.05, 0.95] as const;
const WALL_SAMPLES = 13;
const ENDPLATE_SAMPLES = 31;
/** An edge sample further than this from its side's first fit is an outlier (a vessel, a spur, a cleft). */
const OUTLIER_MM = 1.0;
/** Front and back walls agreeing within this tilt are averaged; otherwise the posterior wall alone sets the axis. */
const WALL_AGREEMENT_DEG = 5;
/** Fits with an RMS below this are as good as the image allows; the confidence falls to 0 at RMS_ZERO_MM. */
const RMS_GOOD_MM = 0.3;
const RMS_ZERO_MM = 1.5;

interface Side {
  readonly fit: Polynomial;
  readonly found: number;
  readonly tried: number;
}

interface Outline {
  /** u of the anterior and posterior walls as functions of v. */
  readonly anterior: Side;
  readonly posterior: Side;
  /** v of the superior and inferior endplates as functions of u. */
  readonly superior: Side;
  readonly inferior: Side;
}

function failure(code: ProposalFailureCode, reason: string): ProposalFailure {
  return { ok: false, code, reason };
}

function spread(from: number, to: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from + ((to - from) * i) / (count - 1));
}


/** Extent of the mask in frame coordinates, from the centres of its pixels. */
function extentInFrame(mask: BodyMask, width: number, size: Vec2, frame: Frame): { uMin: number; uMax: number; vMin: number; vMax: number } {
  let uMin = Infinity;
  let uMax = -Infinity;
  let vMin = Infinity;
  let vMax = -Infinity;
  for (let r = mask.minRow; r <= mask.maxRow; r++) {
    for (let c = mask.minColumn; c <= mask.maxColumn; c++) {
      if (!mask.inside[r * width + c]) continue;
      const { u, v } = mmToFrame(frame, { x: (c + 0.5) * size.x, y: (r + 0.5) * size.y });
      uMin = Math.min(uMin, u);
      uMax = Math.max(uMax, u);
      vMin = Math.min(vMin, v);
      vMax = Math.max(vMax, v);
    }
  }
  return { uMin, uMax, vMin, vMax };
}

function centroidMm(mask: BodyMask, width: number, size: Vec2): Vec2 {
  let x = 0;
  let y = 0;
  for (let r = mask.minRow; r <= mask.maxRow; r++) {
    for (let c = mask.minColumn; c <= mask.maxColumn; c++) {
      if (!mask.inside[r * width + c]) continue;
      x += c + 0.5;
      y += r + 0.5;
    }
  }
  return { x: (x / mask.pixelCount) * size.x, y: (y / mask.pixelCount) * size.y };
}

/** Edge distances from points (start u, v) along a frame direction; the positions along the side and the edge coordinate. */
function traceSide(
  image: PlaneImage,
  size: Vec2,
  mask: BodyMask,
  frame: Frame,
  starts: readonly { u: number; v: number }[],
  direction: Vec2,
  alongOf: (start: { u: number; v: number }) => number,
  edgeOf: (start: { u: number; v: number }, distance: number) => number,
): Side | undefined {
  const ts: number[] = [];
  const ys: number[] = [];
  for (const start of starts) {
    const distance = cortexEdgeDistance(image, size, mask.inside, frameToMm(frame, start.u, start.v), direction, MAX_REACH_MM);
    if (distance === undefined) continue;
    ts.push(alongOf(start));
    ys.push(edgeOf(start, distance));
  }
  const fit = fitPolynomial(ts, ys, 2, OUTLIER_MM);
  return fit && { fit, found: ts.length, tried: starts.length };
}

function traceEndplates(image: PlaneImage, size: Vec2, mask: BodyMask, frame: Frame, back: number, front: number, vStart: number): Pick<Outline, 'superior' | 'inferior'> | undefined {
  const neg = (v: Vec2): Vec2 => ({ x: -v.x, y: -v.y });
  const starts = spread(back + ENDPLATE_SPAN[0] * (front - back), back + ENDPLATE_SPAN[1] * (front - back), ENDPLATE_SAMPLES).map((u) => ({ u, v: vStart }));
  const superior = traceSide(image, size, mask, frame, starts, frame.superior, (s) => s.u, (s, d) => s.v + d);
  const inferior = traceSide(image, size, mask, frame, starts, neg(frame.superior), (s) => s.u, (s, d) => s.v - d);
  return superior && inferior && { superior, inferior };
}

/**
 * A wall is traced between the endplates where it stands, not over the body's whole height: the anterior
 * wall of a wedged body is much shorter than the posterior one. Profiles start at mid-depth, so the span is
 * also kept within the body's height there.
 */
function traceWall(image: PlaneImage, size: Vec2, mask: BodyMask, frame: Frame, endplates: Pick<Outline, 'superior' | 'inferior'>, at: number, sign: 1 | -1): Side | undefined {
  const bottom = Math.max(evaluate(endplates.inferior.fit, at), evaluate(endplates.inferior.fit, 0));
  const top = Math.min(evaluate(endplates.superior.fit, at), evaluate(endplates.superior.fit, 0));
  const starts = spread(bottom + WALL_SPAN[0] * (top - bottom), bottom + WALL_SPAN[1] * (top - bottom), WALL_SAMPLES).map((v) => ({ u: 0, v }));
  const direction = { x: sign * frame.anterior.x, y: sign * frame.anterior.y };
  return traceSide(image, size, mask, frame, starts, direction, (s) => s.v, (_, d) => sign * d);
}

/** Endplates between the mask's extremes, then each wall between the endplates, then the endplates between the walls. */
function traceOutline(image: PlaneImage, size: Vec2, mask: BodyMask, frame: Frame): Outline | undefined {
  const { uMin, uMax, vMin, vMax } = extentInFrame(mask, image.width, size, frame);
  const vMiddle = (vMin + vMax) / 2;
  const rough = traceEndplates(image, size, mask, frame, uMin, uMax, vMiddle);
  if (!rough) return undefined;
  const anterior = traceWall(image, size, mask, frame, rough, uMax, 1);
  const posterior = traceWall(image, size, mask, frame, rough, uMin, -1);
  if (!anterior || !posterior) return undefined;
  const front = evaluate(anterior.fit, vMiddle);
  const back = evaluate(posterior.fit, vMiddle);
  const endplates = traceEndplates(image, size, mask, frame, back, front, vMiddle);
  return endplates && { anterior, posterior, ...endplates };
}

/** The body's axis from its walls: the angle that turns the frame's superior direction along them. */
function wallTilt(outline: Outline, frame: Frame, image: PlaneImage, size: Vec2, mask: BodyMask): number {
  const { vMin, vMax } = extentInFrame(mask, image.width, size, frame);
  const middle = (vMin + vMax) / 2;
  // Slope du/dv of each wall at mid-height: the waist of the anterior wall is symmetric, so its slope there is the axis too.
  const slopeAt = (side: Side) => {
    const c = side.fit.coefficients;
    return c[1] + 2 * c[2] * middle;
  };
  const back = Math.atan(slopeAt(outline.posterior));
  const front = Math.atan(slopeAt(outline.anterior));
  return Math.abs(front - back) <= (WALL_AGREEMENT_DEG * Math.PI) / 180 ? (front + back) / 2 : back;
}

/** Where a wall u = wall(v) meets an endplate v = endplate(u): a few fixed-point steps (both sides are nearly perpendicular). */
function corner(wall: Polynomial, endplate: Polynomial, guessU: number): { u: number; v: number } {
  let u = guessU;
  let v = evaluate(endplate, u);
  for (let i = 0; i < 6; i++) {
    u = evaluate(wall, v);
    v = evaluate(endplate, u);
  }
  return { u, v };
}

/** The deepest point of an endplate at mid-depth: the median of three profiles 1 mm apart, or the fit if they fail. */
function endplateAt(image: PlaneImage, size: Vec2, mask: BodyMask, frame: Frame, u: number, vStart: number, sign: 1 | -1, fit: Polynomial): number {
  const direction = { x: sign * frame.superior.x, y: sign * frame.superior.y };
  const found = [-1, 0, 1]
    .map((du) => cortexEdgeDistance(image, size, mask.inside, frameToMm(frame, u + du, vStart), direction, MAX_REACH_MM))
    .filter((d): d is number => d !== undefined)
    .map((d) => vStart + sign * d);
  return found.length > 0 ? median(found) : evaluate(fit, u);
}

function confidenceOf(outline: Outline): { confidence: number; warnings: string[] } {
  const warnings: string[] = [];
  const sides: [string, Side][] = [
    ['anterior wall', outline.anterior],
    ['posterior wall', outline.posterior],
    ['superior endplate', outline.superior],
    ['inferior endplate', outline.inferior],
  ];
  let confidence = 1;
  for (const [name, side] of sides) {
    const kept = side.fit.kept / side.tried;
    const smooth = Math.min(1, Math.max(0, 1 - (side.fit.rms - RMS_GOOD_MM) / (RMS_ZERO_MM - RMS_GOOD_MM)));
    confidence = Math.min(confidence, kept * smooth);
    if (kept < 0.75) warnings.push(`The ${name} was found on only ${side.fit.kept} of ${side.tried} profiles.`);
    if (side.fit.rms > 0.6) warnings.push(`The ${name} is irregular (its edge strays ${side.fit.rms.toFixed(1)} mm from a smooth curve).`);
  }
  return { confidence, warnings };
}

/**
 * The six points of the vertebral body under `click` (annotation pixel convention) on a CT plane in HU, or
 * the reason it cannot be proposed.
 */
export function proposeSixPoints(image: PlaneImage, click: Vec2): ProposalResult {
  const size = pixelSize(image.spacing);
  const column = Math.floor(click.x);
  const row = Math.floor(click.y);
  if (!(column >= 0 && row >= 0 && column < image.width && row < image.height)) {
    return failure('outside-image', 'The click is outside the image.');
  }
  if (!(image.pixels[row * image.width + column] >= BONE_MIN_HU)) {
    return failure('no-bone-at-click', `No bone at the click (${Math.round(image.pixels[row * image.width + column])} HU, bone starts near ${BONE_MIN_HU} HU): click inside a vertebral body.`);
  }
  const axes = orthonormalAxes(image.orientation, image.spacing);
  const mask = growBodyMask(image, size, { origin: pixelPointToMm(size, click), ...axes }, { column, row });
  if (mask.reachedLimit) {
    return failure('not-separated', `The bone at the click continues for more than ${MAX_REACH_MM} mm: it is not one vertebral body separated by discs (fused bodies, a bridging osteophyte, or another bone).`);
  }
  if (mask.touchesImageEdge) {
    return failure('touches-image-edge', 'The body touches the edge of the image, so part of it is not shown: move the plane or the field of view.');
  }
  const areaMm2 = mask.pixelCount * size.x * size.y;
  if (areaMm2 < MIN_BODY_AREA_MM2) {
    return failure('too-small', `The bone at the click covers only ${Math.round(areaMm2)} mm², too small for a vertebral body: click inside the body, not a pedicle, spinous process or osteophyte.`);
  }

  let frame: Frame = { origin: centroidMm(mask, image.width, size), ...axes };
  let outline = traceOutline(image, size, mask, frame);
  let tilt = 0;
  // Trace in the image's axes, turn the frame onto the body's own axis, trace again there.
  for (let pass = 0; pass < 2 && outline; pass++) {
    const turn = wallTilt(outline, frame, image, size, mask);
    tilt += turn;
    frame = turnFrame(frame, turn);
    outline = traceOutline(image, size, mask, frame);
  }
  if (!outline) {
    return failure('edges-not-found', 'The cortical edges of the body could not be followed all round: place the points by hand.');
  }

  const { vMin, vMax } = extentInFrame(mask, image.width, size, frame);
  if (vMax - vMin > MAX_BODY_HEIGHT_MM) {
    return failure('not-separated', `The bone at the click is ${Math.round(vMax - vMin)} mm tall, more than any vertebral body: no disc separates it from its neighbours (fused bodies?). Place the points by hand.`);
  }
  const vMiddle = (vMin + vMax) / 2;
  const front = evaluate(outline.anterior.fit, vMiddle);
  const back = evaluate(outline.posterior.fit, vMiddle);
  const anteriorSuperior = corner(outline.anterior.fit, outline.superior.fit, front);
  const anteriorInferior = corner(outline.anterior.fit, outline.inferior.fit, front);
  const posteriorSuperior = corner(outline.posterior.fit, outline.superior.fit, back);
  const posteriorInferior = corner(outline.posterior.fit, outline.inferior.fit, back);
  const uMiddle = (anteriorSuperior.u + anteriorInferior.u + posteriorSuperior.u + posteriorInferior.u) / 4;
  const middleSuperior = { u: uMiddle, v: endplateAt(image, size, mask, frame, uMiddle, vMiddle, 1, outline.superior.fit) };
  const middleInferior = { u: uMiddle, v: endplateAt(image, size, mask, frame, uMiddle, vMiddle, -1, outline.inferior.fit) };

  const toPixels = (p: { u: number; v: number }): Vec2 => mmToPixelPoint(size, frameToMm(frame, p.u, p.v));
  const { confidence, warnings } = confidenceOf(outline);
  return {
    ok: true,
    points: {
      anteriorSuperior: toPixels(anteriorSuperior),
      middleSuperior: toPixels(middleSuperior),
      posteriorSuperior: toPixels(posteriorSuperior),
      anteriorInferior: toPixels(anteriorInferior),
      middleInferior: toPixels(middleInferior),
      posteriorInferior: toPixels(posteriorInferior),
    },
    confidence,
    warnings,
    tiltDeg: (tilt * 180) / Math.PI,
  };
}
