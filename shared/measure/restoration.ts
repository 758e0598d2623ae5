/** Before/after augmentation comparisons (DOMAIN.md §3). */
import { sameScale } from './units';
import type { AngleChange, HeightRestoration, Length } from './types';

/**
 * Manual Cobb measurement error: intra-observer 95 % limits 2.8–4.9°, inter-observer 6.3–7.2°
 * (Morrissy et al., JBJS 1990). Kyphoplasty corrects about 3–5°, the same size, hence "±5° typical error".
 */
export const TYPICAL_ANGLE_ERROR_DEG = 5;

/**
 * Height restoration % = (H_post − H_pre) / (H_reference − H_pre) × 100, "gain over loss"
 * (Teng et al., AJNR 2003). Undefined when nothing was lost before (H_reference ≤ H_pre) or when the
 * three heights are not on one scale (different units or calibration sources cannot be compared).
 */
export function heightRestoration(pre: Length, post: Length, reference: Length): HeightRestoration | undefined {
  if (!sameScale(pre, post) || !sameScale(pre, reference)) return undefined;
  const lost = reference.value - pre.value;
  if (!(lost > 0)) return undefined;
  const gained = post.value - pre.value;
  return { percent: (gained / lost) * 100, gain: { ...pre, value: gained } };
}

/**
 * post − pre, and whether it is larger than the typical manual error (Morrissy 1990). The size is
 * rounded to 1e-9° first so that 10.3° → 5.3° (5.000000000000001 in floating point) counts as 5°.
 */
export function angleChange(preDeg: number, postDeg: number): AngleChange {
  const changeDeg = postDeg - preDeg;
  const size = Math.round(Math.abs(changeDeg) * 1e9) / 1e9;
  return {
    changeDeg,
    typicalErrorDeg: TYPICAL_ANGLE_ERROR_DEG,
    exceedsTypicalError: size > TYPICAL_ANGLE_ERROR_DEG,
  };
}
