import type { Random } from '../random';

/**
 * In-place 3×3 binomial smoothing ([1 2 1] ⊗ [1 2 1] / 16), edges clamped. Applied after noise it
 * mimics a CT reconstruction kernel or a detector's blur: edges soften a little and the noise gets
 * the fine grain of a real image instead of independent pixels.
 */
export function smoothBinomial(image: Float32Array, width: number, height: number): void {
  const row = new Float32Array(width * height);
  for (let r = 0; r < height; r++) {
    const base = r * width;
    for (let c = 0; c < width; c++) {
      const left = image[base + Math.max(0, c - 1)];
      const right = image[base + Math.min(width - 1, c + 1)];
      row[base + c] = (left + 2 * image[base + c] + right) / 4;
    }
  }
  for (let r = 0; r < height; r++) {
    const up = Math.max(0, r - 1) * width;
    const down = Math.min(height - 1, r + 1) * width;
    const base = r * width;
    for (let c = 0; c < width; c++) image[base + c] = (row[up + c] + 2 * row[base + c] + row[down + c]) / 4;
  }
}

export function addGaussianNoise(image: Float32Array, sigma: number, random: Random): void {
  for (let i = 0; i < image.length; i++) image[i] += sigma * random.gaussian();
}

/** Values at the given fractions (0–1) of the sorted samples; used to choose display windows. */
export function percentiles(values: ArrayLike<number>, fractions: readonly number[], step = 7): number[] {
  const sample: number[] = [];
  for (let i = 0; i < values.length; i += step) sample.push(values[i]);
  sample.sort((a, b) => a - b);
  return fractions.map((f) => sample[Math.min(sample.length - 1, Math.max(0, Math.round(f * (sample.length - 1))))]);
}

/**
 * Adds `weight` × the part of [x0, x1) that falls in each pixel of a row whose pixel c covers
 * [origin + (c − ½)·spacing, origin + (c + ½)·spacing): exact partial-volume averaging along the row.
 */
export function accumulateCoverage(row: Float32Array, offset: number, count: number, origin: number, spacing: number, x0: number, x1: number, weight: number): void {
  const first = Math.max(0, Math.floor((x0 - origin) / spacing + 0.5));
  const last = Math.min(count - 1, Math.floor((x1 - origin) / spacing + 0.5));
  for (let c = first; c <= last; c++) {
    const lo = origin + (c - 0.5) * spacing;
    const overlap = Math.min(x1, lo + spacing) - Math.max(x0, lo);
    if (overlap > 0) row[offset + c] += (weight * overlap) / spacing;
  }
}
