/**
 * Where a CT profile leaves the vertebral body: the outer surface of the cortex, to a fraction of a pixel.
 *
 * The threshold that segments bone lies far below cortical HU, so the mask boundary sits outside the true
 * surface by most of the blur width (slice thickness, reconstruction kernel). The half-maximum crossing
 * between the cortical peak and the tissue just outside does not depend on the blur width for a symmetric
 * blur (the classic full-width-at-half-maximum edge, e.g. Prevrhal et al., Phys Med Biol 1999;44:751), so
 * the edge is placed where the profile falls through (peak + outside) / 2.
 */
import { sampleAtMm } from './plane-frame';
import type { PlaneImage, Vec2 } from './types';
import { leastSquares } from './polynomial-fit';

/** Sampling step along a profile. */
const STEP_MM = 0.2;
/** The cortical peak lies within this distance inside the mask boundary. */
const PEAK_SEARCH_MM = 4;
/** The tissue outside is judged this far beyond the boundary (a disc is at least 2–3 mm tall). */
const OUTSIDE_SEARCH_MM = 2.5;
/** Below the running maximum by this much, the profile has passed the cortical peak (noise is ~10–30 HU). */
const PAST_PEAK_HU = 60;

function insideMask(inside: Uint8Array, image: PlaneImage, size: Vec2, p: Vec2): boolean {
  const column = Math.floor(p.x / size.x);
  const row = Math.floor(p.y / size.y);
  return column >= 0 && row >= 0 && column < image.width && row < image.height && inside[row * image.width + column] === 1;
}

/**
 * Distance in mm from `from` (inside the body) along the unit mm direction `direction` to the outer cortical
 * surface, or undefined when the profile never leaves the body within `maxMm` or starts outside it.
 */
export function cortexEdgeDistance(image: PlaneImage, size: Vec2, inside: Uint8Array, from: Vec2, direction: Vec2, maxMm: number): number | undefined {
  const at = (t: number): Vec2 => ({ x: from.x + t * direction.x, y: from.y + t * direction.y });
  const value = (t: number): number => sampleAtMm(image, size, at(t));
  if (!insideMask(inside, image, size, from)) return undefined;
  let boundary: number | undefined;
  for (let t = STEP_MM; t <= maxMm; t += STEP_MM) {
    if (!insideMask(inside, image, size, at(t))) {
      boundary = t;
      break;
    }
  }
  if (boundary === undefined) return undefined;

  let peakT = boundary;
  let peak = -Infinity;
  for (let t = boundary; t >= Math.max(0, boundary - PEAK_SEARCH_MM); t -= STEP_MM) {
    const v = value(t);
    if (v > peak) {
      peak = v;
      peakT = t;
    } else if (v < peak - PAST_PEAK_HU) {
      break;
    }
  }
  let outside = Infinity;
  for (let t = boundary; t <= boundary + OUTSIDE_SEARCH_MM; t += STEP_MM) {
    const v = value(t);
    if (v < outside) outside = v;
  }
  if (!Number.isFinite(peak) || !Number.isFinite(outside) || !(peak > outside)) return undefined;

  const half = (peak + outside) / 2;
  let previousT = peakT;
  let previous = peak;
  for (let t = peakT + STEP_MM; t <= boundary + OUTSIDE_SEARCH_MM; t += STEP_MM) {
    const v = value(t);
    if (v < half) {
      const halfMaximum = previousT + ((previous - half) / (previous - v)) * (t - previousT);
      const grid = pixelGridAlong(size, from, direction);
      return grid.stepMm < COARSE_STEP_MM ? halfMaximum : fitBoxSampledCortex(value, grid, halfMaximum, outside);
    }
    previousT = t;
    previous = v;
  }
  return undefined;
}

/** Pixel centres met along a profile: their spacing along it and the profile position of one of them. */
interface ProfileGrid {
  readonly stepMm: number;
  readonly phaseMm: number;
}

/** The pixel axis the profile runs most along sets the spacing of the samples that are really independent. */
function pixelGridAlong(size: Vec2, from: Vec2, direction: Vec2): ProfileGrid {
  const perMmX = direction.x / size.x;
  const perMmY = direction.y / size.y;
  const [start, perMm] = Math.abs(perMmY) >= Math.abs(perMmX) ? [from.y / size.y, perMmY] : [from.x / size.x, perMmX];
  // Pixel centres sit at index + 0.5 in annotation coordinates.
  const toNextCentre = Math.ceil(start - 0.5) + 0.5 - start;
  return { stepMm: 1 / Math.abs(perMm), phaseMm: toNextCentre / perMm };
}

/**
 * Above this spacing along the profile, the half-maximum crossing is biased outwards by up to a third of a
 * pixel, varying with where the edge falls in its pixel (simulated for a 1.2 mm cortex: 0.35 ± 0.3 mm at
 * 1.5 mm, 0.01 ± 0.05 mm at 0.7 mm); the partial-volume model below then places the edge instead.
 */
const COARSE_STEP_MM = 1;
const FIT_RANGE_MM = 1.2;
const FIT_STEP_MM = 0.05;
/**
 * Three samples cannot tell a thin dense cortex from a thick faint one, and the edge moves with that choice by
 * half the difference in thickness. The band is therefore taken as 1 mm thick: endplates are about 0.5–1.2 mm
 * (verify against Zhao et al., Eur Spine J 2009;18:1247; the sample phantom's are 1.2 mm), so the edge
 * stays within about 0.25 mm of where a fitted thickness would put it, without its noise.
 */
const CORTEX_WIDTHS_MM = [1.0];
/** Marrow is judged this far inside the edge, beyond the cortex and its blur. */
const MARROW_FROM_MM = 3;
const MARROW_TO_MM = 5;
/** A dark band's surface is searched from this far inside its darkest sample to this far beyond the band's end there, on a coarse grid and then a fine one. */
const DARK_FIT_RANGE_MM = 1;
const DARK_FIT_STEP_MM = 0.05;
const DARK_FIT_COARSE_MM = 0.2;

/** Length of [a0, a1] ∩ [b0, b1]. */
const overlap = (a0: number, a1: number, b0: number, b1: number): number => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

/**
 * Partial-volume model of a coarsely sampled edge: each pixel averages the true profile over its footprint
 * (a box one pixel long, as thick slices do), and the true profile is marrow, then a cortical band of
 * unknown thickness and density, then the outside tissue. The edge position and band thickness are found by
 * a small grid search, the band density by linear least squares for each; marrow and outside levels come
 * from the profile itself.
 */
function fitBoxSampledCortex(value: (t: number) => number, grid: ProfileGrid, guess: number, outside: number): number {
  const first = Math.ceil((guess - MARROW_TO_MM - grid.phaseMm) / grid.stepMm);
  const last = Math.floor((guess + FIT_RANGE_MM + grid.stepMm - grid.phaseMm) / grid.stepMm);
  const ts: number[] = [];
  const vs: number[] = [];
  const marrow: number[] = [];
  for (let k = first; k <= last; k++) {
    const t = grid.phaseMm + k * grid.stepMm;
    const v = value(t);
    if (!Number.isFinite(v)) continue;
    if (t <= guess - MARROW_FROM_MM) marrow.push(v);
    else {
      ts.push(t);
      vs.push(v);
    }
  }
  if (marrow.length === 0 || ts.length < 3) return guess;
  const inside = marrow.reduce((sum, v) => sum + v, 0) / marrow.length;
  const half = grid.stepMm / 2;
  let best = guess;
  let bestError = Infinity;
  for (let e = guess - FIT_RANGE_MM; e <= guess + FIT_RANGE_MM; e += FIT_STEP_MM) {
    for (const width of CORTEX_WIDTHS_MM) {
      let bb = 0;
      let bv = 0;
      const a: number[] = [];
      const b: number[] = [];
      const c: number[] = [];
      for (let k = 0; k < ts.length; k++) {
        const lo = ts[k] - half;
        const hi = ts[k] + half;
        a.push(overlap(lo, hi, e, Infinity) / grid.stepMm);
        b.push(overlap(lo, hi, e - width, e) / grid.stepMm);
        c.push(overlap(lo, hi, -Infinity, e - width) / grid.stepMm);
        const rest = vs[k] - outside * a[k] - inside * c[k];
        bb += b[k] * b[k];
        bv += b[k] * rest;
      }
      if (bb === 0) continue;
      const cortex = Math.max(inside, outside, bv / bb);
      let error = 0;
      for (let k = 0; k < ts.length; k++) {
        const r = vs[k] - outside * a[k] - cortex * b[k] - inside * c[k];
        error += r * r;
      }
      if (error < bestError) {
        bestError = error;
        best = e;
      }
    }
  }
  return best;
}

/**
 * A dark cortex as the pixels record it: the true profile is the inside level, a dark band one cortex thick
 * (CORTEX_WIDTHS_MM) ending at the surface e, then the outside level; each sample averages it over the
 * pixel's footprint and the linear interpolation between pixel centres (a box and a triangle one footprint
 * wide). The surface is found by a grid search over e, the three levels by linear least squares for each, so
 * both flanks are fitted rather than read at one distance from the line — where an outside still rising
 * (through a thin annulus towards the bright nucleus) reads low and pulls a half-maximum edge inwards. The
 * flanks are fitted over one cortex thickness either side of the band: further out lie other tissues (the
 * nucleus on T2 and STIR 1–2 mm beyond an endplate, fat beyond a wall), which a constant level cannot follow.
 * `profile` is sampled every `step` mm from position 0 and `darkest` is the line's darkest sample; returns the
 * surface on the same scale (samples), or undefined when no dark band fits. `canalOutside`: the profile
 * crosses a posterior wall, the spinal canal beyond it (below).
 */
export function fitBoxSampledDarkLine(profile: ArrayLike<number>, step: number, darkest: number, footprintMm: number, canalOutside = false): number | undefined {
  const width = CORTEX_WIDTHS_MM[0];
  const centre = darkest * step;
  const ts: number[] = [];
  const vs: number[] = [];
  const first = Math.max(0, Math.floor((centre - 1.5 * width) / step));
  const last = Math.min(profile.length - 1, Math.ceil((centre + 1.5 * width) / step));
  // Behind a posterior wall lies the canal: on T2 and STIR its fluid is far brighter than marrow, and a flank
  // running into it pulls the surface out to the fluid's edge, 1–2 mm behind the wall (epidural fat and the
  // ligament lie between). Outwards the fit stops at the first sample brighter than the marrow by more than
  // the line is darker than it.
  let inside = -Infinity;
  for (let k = first; k < darkest; k++) if (profile[k] > inside) inside = profile[k];
  const fluid = canalOutside ? 2 * inside - profile[darkest] : Infinity;
  for (let k = first; k <= last; k++) {
    if (!Number.isFinite(profile[k])) continue;
    if (k > darkest && profile[k] > fluid) break;
    ts.push(k * step);
    vs.push(profile[k]);
  }
  if (ts.length < 6) return undefined;
  const beyond = kernelShareBeyond(footprintMm);
  const rows = ts.map(() => [0, 0, 0]);
  // The squared residual of the best levels for surface e, or Infinity when no dark band fits there.
  const misfit = (e: number): number => {
    ts.forEach((t, k) => {
      const band = beyond(t - (e - width));
      const outside = beyond(t - e);
      rows[k][0] = 1 - band;
      rows[k][1] = band - outside;
      rows[k][2] = outside;
    });
    const levels = leastSquares(rows, vs);
    if (!levels || !(levels[1] < Math.min(levels[0], levels[2]))) return Infinity;
    let error = 0;
    for (let k = 0; k < ts.length; k++) error += (vs[k] - rows[k][0] * levels[0] - rows[k][1] * levels[1] - rows[k][2] * levels[2]) ** 2;
    return error;
  };
  // A coarse grid, then a fine one about its best: the misfit varies over a footprint, far more than a coarse step.
  let best: number | undefined;
  let bestError = Infinity;
  const from = centre - DARK_FIT_RANGE_MM;
  const to = centre + width / 2 + DARK_FIT_RANGE_MM + 1e-9;
  for (let e = from; e <= to; e += DARK_FIT_COARSE_MM) {
    const error = misfit(e);
    if (error < bestError) {
      bestError = error;
      best = e;
    }
  }
  if (best === undefined) return undefined;
  const coarse = best;
  for (let e = Math.max(from, coarse - DARK_FIT_COARSE_MM); e <= Math.min(to, coarse + DARK_FIT_COARSE_MM); e += DARK_FIT_STEP_MM) {
    const error = misfit(e);
    if (error < bestError) {
      bestError = error;
      best = e;
    }
  }
  return best === undefined ? undefined : best / step;
}

/**
 * The share of a sample's kernel (a box one footprint wide convolved with a triangle one footprint either
 * side) lying more than x before it: the kernel's cumulative distribution, tabulated once for a footprint of
 * 1 (the kernel scales with the footprint).
 */
const SHARE_TABLE = ((): Float64Array => {
  const n = 60;
  const h = 3 / n;
  const table = new Float64Array(n + 1);
  const parts = 20;
  for (let i = 1; i <= n; i++) {
    const s = -1.5 + (i - 0.5) * h;
    let w = 0;
    for (let b = 0; b < parts; b++) w += Math.max(0, 1 - Math.abs(s - 0.5 + (b + 0.5) / parts));
    table[i] = table[i - 1] + w;
  }
  for (let i = 0; i <= n; i++) table[i] /= table[n];
  return table;
})();

function kernelShareBeyond(footprintMm: number): (x: number) => number {
  const n = SHARE_TABLE.length - 1;
  return (x) => {
    const at = (x / footprintMm + 1.5) * (n / 3);
    if (at <= 0) return 0;
    if (at >= n) return 1;
    const i = Math.floor(at);
    return SHARE_TABLE[i] + (SHARE_TABLE[i + 1] - SHARE_TABLE[i]) * (at - i);
  };
}
