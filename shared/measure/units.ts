/**
 * Pixels to millimetres. Distances and angles are computed only after this conversion because
 * rows and columns may be spaced differently (DICOM PS3.3 §10.7.1.3 Pixel Spacing; DOMAIN.md §2).
 */
import type { PixelSpacing } from '../calibration';
import type { Length, Vec2 } from './types';

/**
 * Millimetres per column and per row. An uncalibrated image ('none') measures in pixels, so its
 * scale is 1 × 1 whatever numbers came with it.
 */
function scaleOf(spacing: PixelSpacing): Vec2 {
  if (spacing.source === 'none') return { x: 1, y: 1 };
  for (const mm of [spacing.columnMm, spacing.rowMm]) {
    if (!Number.isFinite(mm) || mm <= 0) {
      throw new RangeError(`Pixel spacing must be a positive number of millimetres, got ${mm} (${spacing.note})`);
    }
  }
  return { x: spacing.columnMm, y: spacing.rowMm };
}

/** x is a column, so it scales by the column spacing; y is a row (PS3.3 §10.7.1.3: row spacing is the first value). */
export function toMillimetres(point: Vec2, spacing: PixelSpacing): Vec2 {
  const scale = scaleOf(spacing);
  return { x: point.x * scale.x, y: point.y * scale.y };
}

export function lengthUnit(spacing: PixelSpacing): Length['unit'] {
  return spacing.source === 'none' ? 'px' : 'mm';
}

/** Euclidean distance in mm (or px when uncalibrated), after converting both points. */
export function distanceMm(a: Vec2, b: Vec2, spacing: PixelSpacing): number {
  const p = toMillimetres(a, spacing);
  const q = toMillimetres(b, spacing);
  return Math.hypot(q.x - p.x, q.y - p.y);
}

/** Wraps a value already in the spacing's unit with that unit and calibration badge. */
export function lengthIn(value: number, spacing: PixelSpacing): Length {
  return { value, unit: lengthUnit(spacing), calibration: spacing.source };
}

export function lengthOf(a: Vec2, b: Vec2, spacing: PixelSpacing): Length {
  return lengthIn(distanceMm(a, b, spacing), spacing);
}

/** Same unit and calibration, so that the values may be compared or combined. */
export function sameScale(a: Length, b: Length): boolean {
  return a.unit === b.unit && a.calibration === b.calibration;
}

/** "30.8 mm" / "412.0 px", for words that name a reference. */
export function formatLength(length: Length): string {
  return `${length.value.toFixed(1)} ${length.unit}`;
}
