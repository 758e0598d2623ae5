/**
 * Edge snapping for radiographs and MR: a point the reader placed roughly moves to the nearest strong
 * cortical edge along the normal its role implies (superior points along the body's axis, walls across
 * it), found as an extremum of the derivative of a Gaussian-smoothed profile (Canny, IEEE PAMI 1986;8:679:
 * the derivative of a Gaussian is the optimal step detector), averaged over a short band along the edge.
 * The edge taken is the cortex's outer surface — where the image steps from cortex to the tissue outside —
 * so on MR, where the cortex is a dark line, the step from that line to the brighter disc or fat.
 */
import { SIX_POINT_NAMES } from '../measure/six-points';
import type { ImageOrientation, SixPoints } from '../measure/types';
import { orthonormalAxes, pixelPointToMm, pixelSize, mmToPixelPoint, sampleAtMm } from './plane-frame';
import type { PlaneImage, Vec2 } from './types';
import { median } from '../statistics';
import { fitLineConsensus } from './polynomial-fit';
import { fitBoxSampledDarkLine } from './cortex-edge';

/**
 * How bone looks: 'bright-bone' brighter than the tissue outside (CT, MONOCHROME2 radiographs), 'dark-bone'
 * darker (MONOCHROME1 radiographs), 'dark-line' a dark cortical line between brighter marrow and outside (MR).
 */
export type CortexAppearance = 'bright-bone' | 'dark-bone' | 'dark-line';

export type PointRole = keyof SixPoints;

export interface SnapResult {
  /** The snapped point, or the point as given when no edge was strong enough. */
  readonly point: Vec2;
  readonly snapped: boolean;
  /** Distance moved, mm (0 when not snapped). */
  readonly movedMm: number;
}

/** A rough point is within a few mm of its edge; further than this the reader should move it by hand. */
export const SNAP_SEARCH_MM = 4;
/** Smoothing of the profile; at least 0.7 pixel so that the derivative is not pixel noise. */
const SIGMA_MM = 0.6;
/**
 * On MR the cortex is a dark line about a millimetre thick, one or two pixels: smoothing wider than half a
 * pixel merges it with the next step out (the disc's annulus and nucleus) and moves the edge outwards.
 */
const DARK_LINE_SIGMA_PIXELS = 0.5;
/** Profiles are averaged over this half-length along the edge, which keeps its position and halves its noise. */
const BAND_HALF_MM = 1;
/** An edge counts when its step is this many times the image's noise, and its derivative this fraction of the strongest edge in reach. */
const NOISE_FACTOR = 4;
const STRONGEST_FRACTION = 0.5;
/**
 * A disc is at least 2–3 mm tall (as in cortex-edge.ts): within this distance outside a body's surface the
 * profile does not climb back towards bone by more than this fraction of the edge's step.
 */
const DISC_CLEARANCE_MM = 2.5;
const CLIMB_BACK_FRACTION = 0.15;
/**
 * Corners: the endplate and the wall are each found at these distances inside the corner, then extended to
 * meet. On STIR the cortex stands barely out of the noise against fat-suppressed marrow and fat (stored
 * values about 45, 70 and 105 against a noise of some 25 at L4 of the sample), and of six insets 2–7 mm
 * fewer than three often found it, leaving the corner where the whole side's line put it, about 1 mm
 * inside. Twice as many insets, a little further in, let the consensus line form (case 5, six
 * perturbations, with the dark line's prominence in outsideDarkLine; insets every 0.5 mm from 2 mm to:
 * 7 → STIR 34, 8 → 42, 8.5 → 46, 9 → 46, 10 → 47 of 48, the benchmark seed's 8 of 8 from 8.5 on; every 1 mm
 * to 7 mm, as before: 36; with 8.5 T1 48, T2 47 of 48 and radiographs 215 of 222, against 47, 45 and 212
 * before, 9 gives radiographs 214).
 */
const CORNER_INSET_FROM_MM = 2;
const CORNER_INSET_TO_MM = 8.5;
const CORNER_INSET_STEP_MM = 0.5;
/** Edge samples within this of one line are one side; further, another edge or noise. */
const SIDE_TOLERANCE_MM = 0.3;
/**
 * A side turns from the body's axes by at most this slope (35°): the rough walls give the axes within about
 * 10°, and a wedged endplate turns some 25° at most from its body's axis (DOMAIN.md §1, grade 3 wedge angles).
 */
const MAX_SIDE_SLOPE = 0.7;

interface Axes {
  readonly anterior: Vec2;
  readonly superior: Vec2;
}

const scaled = (v: Vec2, k: number): Vec2 => ({ x: v.x * k, y: v.y * k });
const plus = (a: Vec2, b: Vec2): Vec2 => ({ x: a.x + b.x, y: a.y + b.y });


/**
 * Position (mm along `normal` from `centre`) of the nearest strong outer cortical edge within the search
 * radius, `normal` pointing out of the body; undefined when none is strong enough.
 */
function edgeAlong(image: PlaneImage, size: Vec2, centre: Vec2, normal: Vec2, cortex: CortexAppearance, searchMm: number, canalOutside = false): number | undefined {
  const step = Math.min(size.x, size.y) / 2;
  const sigma = cortex === 'dark-line' ? DARK_LINE_SIGMA_PIXELS * Math.max(size.x, size.y) : Math.max(SIGMA_MM, 0.7 * Math.max(size.x, size.y));
  const reach = searchMm + 3 * sigma;
  const count = Math.round((2 * reach) / step) + 1;
  const tangent = { x: -normal.y, y: normal.x };
  const raw = new Float64Array(count);
  // Each line's departures from the band's mean at the same depth (edges run along the band, so these are noise).
  const spread: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = -reach + i * step;
    const values: number[] = [];
    for (let s = -BAND_HALF_MM; s <= BAND_HALF_MM + 1e-9; s += BAND_HALF_MM / 2) {
      const v = sampleAtMm(image, size, plus(centre, plus(scaled(normal, t), scaled(tangent, s))));
      if (Number.isFinite(v)) values.push(v);
    }
    raw[i] = values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
    if (cortex !== 'dark-line' && values.length > 1) for (const v of values) spread.push(Math.abs(v - raw[i]) * Math.sqrt(values.length / (values.length - 1)));
  }
  // A body near the image's border: the profile is used as far as it stays in the image, from its centre.
  const middle = Math.min(count - 1, Math.round(reach / step));
  if (!Number.isFinite(raw[middle])) return undefined;
  let first = middle;
  let last = middle;
  while (first > 0 && Number.isFinite(raw[first - 1])) first--;
  while (last < count - 1 && Number.isFinite(raw[last + 1])) last++;
  raw.fill(raw[first], 0, first);
  raw.fill(raw[last], last + 1);
  const radius = Math.ceil((3 * sigma) / step);
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, k) => Math.exp(-(((k - radius) * step) ** 2) / (2 * sigma * sigma)));
  const total = kernel.reduce((a, b) => a + b, 0);
  const smooth = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    let sum = 0;
    for (let k = -radius; k <= radius; k++) sum += kernel[k + radius] * raw[Math.min(count - 1, Math.max(0, i + k))];
    smooth[i] = sum / total;
  }
  // On MR what smoothing removes is mostly noise: its spread is the band's noise. On a radiograph the profile
  // crosses thin bright endplates and a disc only a few mm tall (up to half the profile is edges, and the
  // residuals there put the estimate at about 300 where pixels scatter by some 15, so the endplate beside the disc failed it):
  // the noise of one line is the spread of the band's lines about their mean, which edges along the band do not enter.
  const bandNoise = 1.4826 * median(Array.from(raw.subarray(first, last + 1), (v, i) => Math.abs(v - smooth[first + i])));
  // Outward, a brighter cortex falls to the tissue outside and a darker one rises: make the wanted edge positive.
  const sign = cortex === 'bright-bone' ? -1 : 1;
  const derivative = new Float64Array(count);
  for (let i = 1; i < count - 1; i++) derivative[i] = (sign * (smooth[i + 1] - smooth[i - 1])) / (2 * step);
  const from = first + radius + 1;
  const to = last - radius - 1;
  if (to < from) return undefined;
  const across = Math.round((2 * sigma) / step);
  if (cortex === 'dark-line') return outsideDarkLine(smooth, raw, footprintAlong(size, normal), from, to, step, reach, searchMm, NOISE_FACTOR * bandNoise, canalOutside);
  const pixelNoise = 1.4826 * median(spread);
  // Candidates: peaks of the derivative whose step stands out of the noise and which lie on a body's surface.
  const candidates: { t: number; d: number }[] = [];
  for (let i = from; i <= to; i++) {
    const d = derivative[i];
    if (!(d > 0 && d >= derivative[i - 1] && d > derivative[i + 1])) continue;
    // The step across the edge, two smoothing widths either side, must stand out of the noise.
    const outsideAt = Math.min(count - 1, i + across);
    const contrast = sign * (smooth[outsideAt] - smooth[Math.max(0, i - across)]);
    if (contrast < NOISE_FACTOR * pixelNoise) continue;
    // Outside a body's surface lies at least a thin disc: a profile that climbs back towards bone within it
    // has crossed an edge inside the body (the top of cement, or of a sclerotic band).
    const clear = Math.min(last, i + Math.round(DISC_CLEARANCE_MM / step));
    let climbsBack = false;
    for (let k = outsideAt + 1; k <= clear; k++) if (sign * (smooth[outsideAt] - smooth[k]) > CLIMB_BACK_FRACTION * contrast) climbsBack = true;
    if (!climbsBack) candidates.push({ t: -reach + (i + peakOffset(derivative, i)) * step, d });
  }
  const strongest = Math.max(0, ...candidates.map((c) => c.d));
  let best: number | undefined;
  for (const { t, d } of candidates) {
    if (d >= STRONGEST_FRACTION * strongest && Math.abs(t) <= searchMm && (best === undefined || Math.abs(t) < Math.abs(best))) best = t;
  }
  return best;
}

/** Sub-step position of a peak of `values` at index i (parabola through it and its neighbours). */
function peakOffset(values: Float64Array, i: number): number {
  const curvature = values[i - 1] - 2 * values[i] + values[i + 1];
  return curvature < 0 ? (0.5 * (values[i - 1] - values[i + 1])) / curvature : 0;
}

/** A dark cortex is found at most this far from its outer surface. */
const DARK_LINE_REACH_MM = 2.5;

/**
 * On MR the cortex is a dark line between bright marrow and the tissue outside, and the step from marrow
 * into the line is often the stronger one; the next body's cortex, across the disc, has the same steps. So
 * the nearest dark line deeper than the noise is found first (the point is within a few mm of its own
 * cortex, a disc is wider). The outer surface is then placed by fitting the unsmoothed profile `raw` with a
 * dark band one cortex thick between two fitted flanks, as the pixels sample it (fitBoxSampledDarkLine):
 * reading the outside at a fixed distance from the line put the surface 0.3–0.6 mm inside it where the
 * outside keeps rising (STIR), and a fixed distance far enough for that reached the nucleus on T2.
 */
function outsideDarkLine(smooth: Float64Array, raw: Float64Array, footprintMm: number, from: number, to: number, step: number, reach: number, searchMm: number, minDepth: number, canalOutside = false): number | undefined {
  const span = Math.round(DARK_LINE_REACH_MM / step);
  let line: number | undefined;
  for (let i = from; i <= to; i++) {
    if (!(smooth[i] <= smooth[i - 1] && smooth[i] < smooth[i + 1])) continue;
    const t = -reach + i * step;
    if (Math.abs(t) > searchMm) continue;
    // Its depth is its prominence: each flank's brightest value before the profile falls below the line again,
    // so a dark plateau beside the cortex (fat-suppressed fat under an endplate on STIR) is not a second line.
    let inner = -Infinity;
    let outer = -Infinity;
    let innerOpen = true;
    let outerOpen = true;
    for (let k = 1; k <= span; k++) {
      const before = smooth[Math.max(0, i - k)];
      const after = smooth[Math.min(smooth.length - 1, i + k)];
      innerOpen &&= before >= smooth[i];
      outerOpen &&= after >= smooth[i];
      if (innerOpen) inner = Math.max(inner, before);
      if (outerOpen) outer = Math.max(outer, after);
    }
    if (Math.min(inner, outer) - smooth[i] < Math.max(minDepth, 1e-9)) continue;
    if (line === undefined || Math.abs(t) < Math.abs(-reach + line * step)) line = i;
  }
  if (line === undefined) return undefined;
  const surface = fitBoxSampledDarkLine(raw, step, line, footprintMm, canalOutside);
  return surface === undefined ? undefined : -reach + surface * step;
}

/** Spacing of pixel centres along a unit direction, along the pixel axis it runs most along. */
const footprintAlong = (size: Vec2, direction: Vec2): number => 1 / Math.max(Math.abs(direction.x) / size.x, Math.abs(direction.y) / size.y);

/** A straight edge in image mm: a point on it and its unit direction. */
interface EdgeLine {
  readonly point: Vec2;
  readonly direction: Vec2;
}

/** A side's stations start this far in from each rough corner, where a corner is rounded (as the insets above). */
const SIDE_END_MM = 2;
/** Lines are tried with their two ends this far apart in offset, which sets the slope grid. */
const LINE_GRID_MM = 0.25;
/**
 * A dark line's middle lies about half a cortex inside the body's surface, and a line through a whole
 * concave endplate runs inside its rim at the corners: its ends may lie this much further than the search
 * radius from the rough corners.
 */
const LINE_END_SLACK_MM = 1;
/** About a cortex's thickness. */
const LINE_MIDDLE_MM = 1;
/**
 * The line taken is the nearest of those at least this fraction as deep as the deepest: weaker dark bands
 * (an impacted band or oedema under a fractured endplate, a ligament) are passed over, and the next body's
 * cortex across a disc, as deep as this one, is not taken for it. On the sample MR 0.6–0.75 give the same
 * results, 0.5 takes a band inside a fractured body, 0.9 a tilted line through an endplate and its band.
 */
const LINE_FRACTION = 2 / 3;

/**
 * A whole side of the body (an endplate or a wall) between two rough corners, found as one line: the image
 * is averaged along every candidate line, with its ends each within reach of their rough corners, and the
 * lines kept are those along which the average holds a dark line that stands out of the noise (a line
 * search, as the Radon or Hough transform, Duda and Hart, Commun ACM 1972;15:11: the averaging is what the
 * line integral buys, some thirty pixels of one cortex instead of the five of one point's band). Depth is
 * measured against the darker of the two flanks, so it does not matter which side is brighter: it holds
 * when the marrow is dark (fat suppressed on STIR) or bright (fatty on T1, oedema on STIR), and when the
 * outside is barely brighter than the line (prevertebral fat on STIR). Of the deep lines the nearest to the
 * rough corners is taken (LINE_FRACTION). The returned line is the cortex's outer surface, at the
 * band fitted to the averaged profile (outsideDarkLine). Undefined when the side is too short or no line
 * stands out of the noise.
 */
function sideLine(image: PlaneImage, size: Vec2, a: Vec2, b: Vec2, normal: Vec2, searchMm: number, canalOutside = false): EdgeLine | undefined {
  const across = { x: -normal.y, y: normal.x };
  const runs = (b.x - a.x) * across.x + (b.y - a.y) * across.y;
  const tangent = runs >= 0 ? across : scaled(across, -1);
  const length = Math.abs(runs);
  // The rough chord rises this much along the normal per mm along the side.
  const chordSlope = ((b.x - a.x) * normal.x + (b.y - a.y) * normal.y) / length;
  const step = Math.min(size.x, size.y) / 2;
  const stations: number[] = [];
  for (let s = SIDE_END_MM; s <= length - SIDE_END_MM + 1e-9; s += Math.max(size.x, size.y)) stations.push(s);
  if (stations.length < 3) return undefined;
  const centre = (stations[0] + stations[stations.length - 1]) / 2;
  const ends = searchMm + LINE_END_SLACK_MM;
  const span = Math.round(DARK_LINE_REACH_MM / step);
  // Offsets u from the chord at the centre station, on a grid reaching a dark line's flanks beyond the ends.
  const half = ends + DARK_LINE_REACH_MM + 2 * step;
  const offsets = Math.round((2 * half) / step) + 1;
  const slopes = Math.round((2 * ends) / LINE_GRID_MM);
  // Station j's profile along the normal from the chord, sample i at −reach + i·step: far enough for every slope.
  const reach = half + ends + step;
  const count = Math.round((2 * reach) / step) + 1;
  const profiles = stations.map((s) => {
    const base = plus(a, plus(scaled(tangent, s), scaled(normal, chordSlope * s)));
    return Float64Array.from({ length: count }, (_, i) => sampleAtMm(image, size, plus(base, scaled(normal, -reach + i * step))));
  });
  const slopeOf = (m: number) => ((m - slopes) * LINE_GRID_MM) / length;
  // The average along the line of slope q (from the chord) through each offset u; NaN where no station is in the image.
  const averaged = (q: number, fromStation = 0, toStation = stations.length): Float64Array =>
    Float64Array.from({ length: offsets }, (_, i) => {
      let sum = 0;
      let n = 0;
      for (let j = fromStation; j < toStation; j++) {
        const at = (-half + i * step + q * (stations[j] - centre) + reach) / step;
        const k = Math.floor(at);
        if (k < 0 || k >= count - 1) continue;
        const v = profiles[j][k] + (profiles[j][k + 1] - profiles[j][k]) * (at - k);
        if (Number.isFinite(v)) {
          sum += v;
          n++;
        }
      }
      return n > 0 ? sum / n : NaN;
    });
  const along = Array.from({ length: 2 * slopes + 1 }, (_, m) => averaged(slopeOf(m)));
  // Noise: how far single stations stray from their chord-aligned mean, scaled down to the mean of all.
  const flat = along[slopes];
  const residuals: number[] = [];
  for (let j = 0; j < stations.length; j++) {
    for (let i = 0; i < offsets; i++) {
      const v = profiles[j][Math.round((-half + i * step + reach) / step)] - flat[i];
      if (Number.isFinite(v)) residuals.push(Math.abs(v));
    }
  }
  const minDepth = (NOISE_FACTOR * 1.4826 * median(residuals)) / Math.sqrt(stations.length);
  // How far each line's average dips below the darker of its two flanks' brightest values.
  const depthAt = (profile: Float64Array, i: number): number => {
    if (i < span || i >= offsets - span) return NaN;
    let inner = -Infinity;
    let outer = -Infinity;
    for (let k = 1; k <= span; k++) {
      inner = Math.max(inner, profile[i - k]);
      outer = Math.max(outer, profile[i + k]);
    }
    return Math.min(inner, outer) - profile[i];
  };
  const depths = along.map((profile) => Float64Array.from(profile, (_, i) => depthAt(profile, i)));
  // A line is a peak of the depth over slope and offset: a maximum on the grid's border is a line cut off.
  const peaks: { m: number; i: number; depth: number; distance: number }[] = [];
  for (let m = 1; m < along.length - 1; m++) {
    const q = slopeOf(m);
    for (let i = span + 1; i < offsets - span - 1; i++) {
      const depth = depths[m][i];
      const u = -half + i * step;
      if (!(depth >= minDepth)) continue;
      const atA = u - q * centre;
      const atB = u + q * (length - centre);
      if (Math.abs(atA) > ends || Math.abs(atB) > ends) continue;
      let peak = true;
      for (let dm = -1; dm <= 1; dm++) for (let di = -1; di <= 1; di++) if (depths[m + dm][i + di] > depth) peak = false;
      if (peak) peaks.push({ m, i, depth, distance: Math.abs(atA) + Math.abs(atB) });
    }
  }
  // Each line is judged by the shallower of its two halves: a line tilted about the side's middle, its one end
  // leaving the body into the dark annulus beyond the rim or into the band under a fractured endplate, is
  // dark along one half only, while the whole side's average alone let it pass as deep. A small gain once the
  // corners are refined within GUIDED_SEARCH_MM (case 5, six perturbations: STIR 35 -> 36/48, T1 and T2 the
  // same), a larger one with a narrower refinement (2.5 mm: T2 39 -> 42/48).
  // (The halves share the middle station when their number is odd.)
  const halfStations = Math.ceil(stations.length / 2);
  const halves = peaks.map((p) => Math.min(depthAt(averaged(slopeOf(p.m), 0, halfStations), p.i), depthAt(averaged(slopeOf(p.m), stations.length - halfStations), p.i)));
  const deepest = Math.max(0, ...halves.filter(Number.isFinite));
  let best: (typeof peaks)[number] | undefined;
  peaks.forEach((p, k) => {
    if (halves[k] >= LINE_FRACTION * deepest && (!best || p.distance < best.distance)) best = p;
  });
  if (!best) return undefined;
  // The outer surface: the band fitted to the chosen line's average, from its darkest point
  // (within a cortex's thickness of the deepest offset, which is measured against the flanks, not the minimum).
  const edge = outsideDarkLine(along[best.m], along[best.m], footprintAlong(size, normal), best.i - span + 1, best.i + span - 1, step, best.i * step, LINE_MIDDLE_MM, minDepth, canalOutside);
  if (edge === undefined) return undefined;
  const q = slopeOf(best.m);
  const direction = plus(tangent, scaled(normal, chordSlope + q));
  const norm = Math.hypot(direction.x, direction.y);
  return { point: plus(a, scaled(normal, -half + best.i * step - q * centre + edge)), direction: scaled(direction, 1 / norm) };
}

/**
 * Near a corner a side bends from the whole side's line (a concave endplate rises to its rim, a wedged or
 * impacted endplate turns): the corner is refined by the six insets within this distance of the lines, which
 * also keeps it off other edges. The sample MR's corners lie up to 2–3 mm off the whole side's line, as far
 * as a rough point from its corner; 1.5 mm could not reach them (case 5 over six perturbations, with the
 * halves' depth above: 2, 2.5, 3, 3.5, 4 mm give T1 46, 47, 47, 47, 47 / T2 41, 42, 45, 45, 45 / STIR 37,
 * 35, 36, 31, 35 of 48).
 */
const GUIDED_SEARCH_MM = 3;

/** Where two lines cross, or undefined when they are nearly parallel. */
function intersection(p: EdgeLine, r: EdgeLine): Vec2 | undefined {
  const det = p.direction.x * r.direction.y - p.direction.y * r.direction.x;
  if (Math.abs(det) < 1e-6) return undefined;
  const t = ((r.point.x - p.point.x) * r.direction.y - (r.point.y - p.point.y) * r.direction.x) / det;
  return plus(p.point, scaled(p.direction, t));
}

/** A line's slope in a corner's coordinates: mm along `normal` per mm along `inward`. */
function slopeAlong(line: EdgeLine, normal: Vec2, inward: Vec2): number {
  return (line.direction.x * normal.x + line.direction.y * normal.y) / (line.direction.x * inward.x + line.direction.y * inward.y);
}

/** Outward normals of a role: endplate (superior or inferior) and wall (anterior or posterior); middle points have no wall. */
function normalsOf(role: PointRole, axes: Axes): { endplate: Vec2; wall?: Vec2 } {
  const endplate = role.endsWith('Superior') ? axes.superior : scaled(axes.superior, -1);
  if (role.startsWith('middle')) return { endplate };
  return { endplate, wall: role.startsWith('anterior') ? axes.anterior : scaled(axes.anterior, -1) };
}

/**
 * The edge of one side near a corner, as a line in the corner's own coordinates: offset(s) = at + slope·s
 * mm along `normal`, s mm in from the corner along `inward`. The edge is searched at several insets and a
 * line fitted through the largest subset that agrees (fitLineConsensus): a rough corner is 2–3 mm off in
 * any direction, so the nearest insets may fall on the rounded corner or beyond the body, and others on a
 * stronger edge inside it (cement), where another edge is found. `guide` (a slope) centres each inset's
 * search on a line already found through the corner. Undefined when fewer than three agree.
 */
function sideNear(image: PlaneImage, size: Vec2, corner: Vec2, normal: Vec2, inward: Vec2, cortex: CortexAppearance, searchMm: number, guide = 0, canalOutside = false): { at: number; slope: number } | undefined {
  const insets: number[] = [];
  const offsets: number[] = [];
  for (let inset = CORNER_INSET_FROM_MM; inset <= CORNER_INSET_TO_MM + 1e-9; inset += CORNER_INSET_STEP_MM) {
    const t = edgeAlong(image, size, plus(corner, plus(scaled(inward, inset), scaled(normal, guide * inset))), normal, cortex, searchMm, canalOutside);
    if (t === undefined) continue;
    insets.push(inset);
    offsets.push(guide * inset + t);
  }
  const fit = fitLineConsensus(insets, offsets, SIDE_TOLERANCE_MM);
  if (!fit || Math.abs(fit.coefficients[0]) > searchMm || Math.abs(fit.coefficients[1]) > MAX_SIDE_SLOPE) return undefined;
  return { at: fit.coefficients[0], slope: fit.coefficients[1] };
}

function snapInAxes(image: PlaneImage, point: Vec2, role: PointRole, cortex: CortexAppearance, axes: Axes, searchMm: number, guides?: { plate: number; wall: number }): SnapResult {
  const size = pixelSize(image.spacing);
  const start = pixelPointToMm(size, point);
  const { endplate, wall } = normalsOf(role, axes);
  let snappedMm: Vec2 | undefined;
  if (!wall) {
    const t = edgeAlong(image, size, start, endplate, cortex, searchMm);
    if (t !== undefined) snappedMm = plus(start, scaled(endplate, t));
  } else {
    // Each side is looked for a little inside the corner, where it is straight and not yet rounded, and
    // extended to meet the other. In (wall, endplate) coordinates from the rough corner, the endplate is
    // e = at + slope·(−w) and the wall w = at + slope·(−e).
    const plate = sideNear(image, size, start, endplate, scaled(wall, -1), cortex, searchMm, guides?.plate);
    const side = sideNear(image, size, start, wall, scaled(endplate, -1), cortex, searchMm, guides?.wall, role.startsWith('posterior'));
    let w = side?.at ?? 0;
    let e = plate?.at ?? 0;
    if (plate && side) {
      const det = 1 - plate.slope * side.slope;
      if (Math.abs(det) > 1e-6) {
        w = (side.at - side.slope * plate.at) / det;
        e = plate.at - plate.slope * w;
      }
    }
    // With one side found the point moves onto that side along its normal, which is what its height needs.
    if ((plate || side) && Math.hypot(w, e) <= searchMm * Math.SQRT2) snappedMm = plus(start, plus(scaled(wall, w), scaled(endplate, e)));
  }
  if (!snappedMm) return { point, snapped: false, movedMm: 0 };
  return { point: mmToPixelPoint(size, snappedMm), snapped: true, movedMm: Math.hypot(snappedMm.x - start.x, snappedMm.y - start.y) };
}

/**
 * Snaps one point to its cortical edge within `searchMm`. `orientation` gives the body's own front and head
 * directions when known (pixel space); by default the image's.
 */
export function snapPoint(image: PlaneImage, point: Vec2, role: PointRole, cortex: CortexAppearance, orientation: ImageOrientation = image.orientation, searchMm = SNAP_SEARCH_MM): SnapResult {
  return snapInAxes(image, point, role, cortex, orthonormalAxes(orientation, image.spacing), searchMm);
}

/**
 * Snaps a whole set of rough points: the body's axis is taken from the rough walls, the four corners snap
 * first (on MR from the whole sides' lines, then refined near their crossing), then each middle point is put
 * at mid-depth between its snapped corners (DOMAIN.md §1) and snaps along the endplate normal.
 */
export function snapSixPoints(image: PlaneImage, points: SixPoints, cortex: CortexAppearance, searchMm = SNAP_SEARCH_MM): { points: SixPoints; moves: Record<PointRole, SnapResult> } {
  const size = pixelSize(image.spacing);
  const mm = (role: PointRole) => pixelPointToMm(size, points[role]);
  const up = plus(plus(mm('anteriorSuperior'), scaled(mm('anteriorInferior'), -1)), plus(mm('posteriorSuperior'), scaled(mm('posteriorInferior'), -1)));
  const imageAxes = orthonormalAxes(image.orientation, image.spacing);
  const length = Math.hypot(up.x, up.y);
  const superior = length > 0 ? scaled(up, 1 / length) : imageAxes.superior;
  // Anterior perpendicular to the body's axis, on the image's anterior side.
  const perpendicular = { x: superior.y, y: -superior.x };
  const anterior = perpendicular.x * imageAxes.anterior.x + perpendicular.y * imageAxes.anterior.y >= 0 ? perpendicular : scaled(perpendicular, -1);
  const axes: Axes = { anterior, superior };
  const moves = {} as Record<PointRole, SnapResult>;
  // On MR each side is first found whole (sideLine); a corner is then refined near where its two sides cross.
  const sides =
    cortex === 'dark-line'
      ? {
          superior: sideLine(image, size, mm('anteriorSuperior'), mm('posteriorSuperior'), superior, searchMm),
          inferior: sideLine(image, size, mm('anteriorInferior'), mm('posteriorInferior'), scaled(superior, -1), searchMm),
          anterior: sideLine(image, size, mm('anteriorSuperior'), mm('anteriorInferior'), anterior, searchMm),
          posterior: sideLine(image, size, mm('posteriorSuperior'), mm('posteriorInferior'), scaled(anterior, -1), searchMm, true),
        }
      : undefined;
  for (const role of ['anteriorSuperior', 'posteriorSuperior', 'anteriorInferior', 'posteriorInferior'] as const) {
    const plate = sides?.[role.endsWith('Superior') ? 'superior' : 'inferior'];
    const wall = sides?.[role.startsWith('anterior') ? 'anterior' : 'posterior'];
    const corner = plate && wall ? intersection(plate, wall) : undefined;
    const rough = mm(role);
    if (!plate || !wall || !corner || Math.hypot(corner.x - rough.x, corner.y - rough.y) > searchMm * Math.SQRT2) {
      moves[role] = snapInAxes(image, points[role], role, cortex, axes, searchMm);
      continue;
    }
    const normals = normalsOf(role, axes);
    const endplate = normals.endplate;
    const across = normals.wall ?? axes.anterior;
    const guided = snapInAxes(image, mmToPixelPoint(size, corner), role, cortex, axes, GUIDED_SEARCH_MM, {
      plate: slopeAlong(plate, endplate, scaled(across, -1)),
      wall: slopeAlong(wall, across, scaled(endplate, -1)),
    });
    const end = pixelPointToMm(size, guided.point);
    moves[role] = { point: guided.point, snapped: true, movedMm: Math.hypot(end.x - rough.x, end.y - rough.y) };
  }
  for (const [role, front, back] of [
    ['middleSuperior', 'anteriorSuperior', 'posteriorSuperior'],
    ['middleInferior', 'anteriorInferior', 'posteriorInferior'],
  ] as const) {
    const a = pixelPointToMm(size, moves[front].point);
    const b = pixelPointToMm(size, moves[back].point);
    const rough = mm(role);
    // Mid-depth between the corners, at the rough point's own height across the endplate line — or on the
    // corners' line when the whole endplate was found.
    const along = { x: b.x - a.x, y: b.y - a.y };
    const middle = plus(a, scaled(along, 0.5));
    const found = sides?.[role === 'middleSuperior' ? 'superior' : 'inferior'];
    const offset = found ? 0 : (rough.x - middle.x) * superior.x + (rough.y - middle.y) * superior.y;
    const recentred = mmToPixelPoint(size, plus(middle, scaled(superior, offset)));
    const snapped = snapInAxes(image, recentred, role, cortex, axes, searchMm);
    const end = pixelPointToMm(size, snapped.point);
    moves[role] = { point: snapped.point, snapped: snapped.snapped, movedMm: Math.hypot(end.x - rough.x, end.y - rough.y) };
  }
  return { points: Object.fromEntries(SIX_POINT_NAMES.map((role) => [role, moves[role].point])) as unknown as SixPoints, moves };
}
