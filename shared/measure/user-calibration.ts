import type { PixelSpacing } from '../calibration';
import type { Vec2 } from './types';

/**
 * Spacing from a line the reader drew across an object of known size (a calibration ball or ruler),
 * the "user-calibrated" badge of DOMAIN.md §5. The pixel aspect ratio of the file, when it has one,
 * is kept: only the scale is taken from the drawing.
 */
export function userCalibratedSpacing(from: Vec2, to: Vec2, knownLengthMm: number, fileSpacing?: PixelSpacing): PixelSpacing {
  if (!(knownLengthMm > 0) || !Number.isFinite(knownLengthMm)) throw new RangeError('The known length must be a positive number of millimetres');
  const aspect = fileSpacing && fileSpacing.source !== 'none' ? fileSpacing.rowMm / fileSpacing.columnMm : 1;
  // Length of the drawn line in column-pixel units, rows stretched by the aspect ratio.
  const units = Math.hypot(to.x - from.x, (to.y - from.y) * aspect);
  if (units < 1) throw new RangeError('The calibration line is too short; draw it across the whole object');
  const columnMm = knownLengthMm / units;
  return {
    rowMm: columnMm * aspect,
    columnMm,
    source: 'user',
    note: `User-calibrated: ${knownLengthMm} mm over ${units.toFixed(1)} px`,
  };
}
