/**
 * Least-squares polynomials of degree 1 or 2 through edge samples, with one pass of outlier rejection:
 * an endplate at mid-sagittal is close to a parabola (its central concavity), a wall close to a line with a
 * slight waist, so a quadratic describes either side and can be evaluated at the corners, where the edge
 * itself is rounded and blurred.
 */

export interface Polynomial {
  /** c[0] + c[1]·t + c[2]·t² */
  readonly coefficients: readonly number[];
  /** Root-mean-square distance of the kept samples from the curve, in the samples' unit. */
  readonly rms: number;
  /** Samples kept after rejecting outliers. */
  readonly kept: number;
}

export function evaluate(p: Polynomial, t: number): number {
  const c = p.coefficients;
  return c[0] + (c[1] ?? 0) * t + (c[2] ?? 0) * t * t;
}

export function slope(p: Polynomial, t: number): number {
  const c = p.coefficients;
  return (c[1] ?? 0) + 2 * (c[2] ?? 0) * t;
}

/**
 * Normal equations solved by Gaussian elimination with partial pivoting (a few unknowns at most), on an
 * augmented n × (n + 1) matrix stored by rows, overwritten.
 */
function solve(a: Float64Array, n: number): number[] | undefined {
  const w = n + 1;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r * w + col]) > Math.abs(a[pivot * w + col])) pivot = r;
    if (Math.abs(a[pivot * w + col]) < 1e-12) return undefined;
    if (pivot !== col) {
      for (let c = 0; c < w; c++) {
        const t = a[col * w + c];
        a[col * w + c] = a[pivot * w + c];
        a[pivot * w + c] = t;
      }
    }
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const factor = a[r * w + col] / a[col * w + col];
      for (let c = col; c < w; c++) a[r * w + c] -= factor * a[col * w + c];
    }
  }
  return Array.from({ length: n }, (_, i) => a[i * w + n] / a[i * w + i]);
}

/**
 * Least-squares solution of rows · x = values through the normal equations, or undefined when singular.
 * Edge snapping solves thousands of these a click (some fifty for each dark line it fits), hence the flat matrix.
 */
export function leastSquares(rows: readonly (readonly number[])[], values: readonly number[]): number[] | undefined {
  const n = rows[0]?.length ?? 0;
  const w = n + 1;
  const a = new Float64Array(n * w);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    for (let r = 0; r < n; r++) {
      const x = row[r];
      a[r * w + n] += x * values[i];
      for (let c = 0; c < n; c++) a[r * w + c] += x * row[c];
    }
  }
  return solve(a, n);
}

function fitOnce(ts: readonly number[], ys: readonly number[], degree: 1 | 2): number[] | undefined {
  return leastSquares(
    ts.map((t) => [1, t, t * t].slice(0, degree + 1)),
    ys,
  );
}

function residuals(coefficients: readonly number[], ts: readonly number[], ys: readonly number[]): number[] {
  const p: Polynomial = { coefficients, rms: 0, kept: 0 };
  return ts.map((t, i) => ys[i] - evaluate(p, t));
}

/**
 * Fit, then drop the samples further than `outlierMm` (or 3 × the median absolute residual, if larger)
 * from the first curve and fit again. Undefined when too few samples remain.
 */
export function fitPolynomial(ts: readonly number[], ys: readonly number[], degree: 1 | 2, outlierMm: number): Polynomial | undefined {
  if (ts.length < degree + 2) return undefined;
  const first = fitOnce(ts, ys, degree);
  if (!first) return undefined;
  const r = residuals(first, ts, ys).map(Math.abs);
  const sorted = [...r].sort((a, b) => a - b);
  const limit = Math.max(outlierMm, 3 * sorted[sorted.length >> 1]);
  const keep = r.map((value) => value <= limit);
  const keptT = ts.filter((_, i) => keep[i]);
  const keptY = ys.filter((_, i) => keep[i]);
  if (keptT.length < degree + 2) return undefined;
  const second = fitOnce(keptT, keptY, degree);
  if (!second) return undefined;
  const final = residuals(second, keptT, keptY);
  const rms = Math.sqrt(final.reduce((sum, value) => sum + value * value, 0) / final.length);
  return { coefficients: second, rms, kept: keptT.length };
}

/**
 * A line through the largest subset of samples that agree within `toleranceMm`, found by trying the line
 * through every pair (RANSAC, Fischler and Bolles, Commun ACM 1981;24:381, exhaustively since the samples are
 * few), then refitted by least squares on that subset; ties go to the subset fitting closest. Unlike one pass
 * of rejection it holds when a third of the samples lie on another edge. Undefined when fewer than
 * `minimum` samples agree.
 */
export function fitLineConsensus(ts: readonly number[], ys: readonly number[], toleranceMm: number, minimum = 3): Polynomial | undefined {
  let best: Polynomial | undefined;
  for (let i = 0; i < ts.length; i++) {
    for (let j = i + 1; j < ts.length; j++) {
      if (ts[j] === ts[i]) continue;
      const slopeIJ = (ys[j] - ys[i]) / (ts[j] - ts[i]);
      const keep = ts.map((t, k) => Math.abs(ys[i] + slopeIJ * (t - ts[i]) - ys[k]) <= toleranceMm);
      const keptT = ts.filter((_, k) => keep[k]);
      const keptY = ys.filter((_, k) => keep[k]);
      if (keptT.length < minimum || (best && keptT.length < best.kept)) continue;
      const coefficients = fitOnce(keptT, keptY, 1);
      if (!coefficients) continue;
      const r = residuals(coefficients, keptT, keptY);
      const rms = Math.sqrt(r.reduce((sum, value) => sum + value * value, 0) / r.length);
      if (!best || keptT.length > best.kept || rms < best.rms) best = { coefficients, rms, kept: keptT.length };
    }
  }
  return best;
}
