import type { PixelSpacing } from '../calibration';

/** The attributes that decide where an image's millimetres come from (DOMAIN.md §5). */
export interface SpacingAttributes {
  modality: string;
  /** Pixel Spacing (0028,0030): row spacing, column spacing. */
  pixelSpacing?: readonly number[];
  /** Imager Pixel Spacing (0018,1164): at the detector front plane. */
  imagerPixelSpacing?: readonly number[];
  /** Estimated Radiographic Magnification Factor (0018,1114). */
  estimatedMagnification?: number;
  /** Pixel Spacing Calibration Type (0028,0A02): GEOMETRY or FIDUCIAL. */
  calibrationType?: string;
  /** Pixel Spacing Calibration Description (0028,0A04). */
  calibrationDescription?: string;
}

/**
 * Projection radiography modalities, whose Pixel Spacing is a copy of Imager Pixel Spacing unless the
 * image was calibrated (PS3.3 C.8.11.1.1.1 for DX, C.8.7.1.1 for CR, C.8.12.1 for XA/RF).
 */
const PROJECTION_MODALITIES = new Set(['CR', 'DX', 'MG', 'RF', 'XA', 'IO', 'PX', 'RG']);

/** A spacing pair worth trusting: two finite, positive values below a metre per pixel. */
function validPair(values: readonly number[] | undefined): [number, number] | undefined {
  if (!values || values.length < 2) return undefined;
  const [row, column] = values;
  const plausible = (v: number) => Number.isFinite(v) && v > 0 && v < 1000;
  return plausible(row) && plausible(column) ? [row, column] : undefined;
}

const formatMm = (pair: [number, number]) =>
  pair[0] === pair[1] ? `${pair[0]} mm` : `${pair[0]} × ${pair[1]} mm`;

/** Spacings that agree to a micrometre are the same (the values are decimal strings in the file). */
const samePair = (a: [number, number], b: [number, number]) =>
  Math.abs(a[0] - b[0]) < 1e-3 && Math.abs(a[1] - b[1]) < 1e-3;

/**
 * Chooses the pixel spacing and names its source, in this order (DOMAIN.md §5):
 * 1. Pixel Spacing with a Pixel Spacing Calibration Type or Description → 'calibrated'.
 * 2. Pixel Spacing on a cross-sectional image (CT, MR, PT, US…) → 'calibrated': it is the patient plane.
 * 3. Pixel Spacing on a projection image that differs from Imager Pixel Spacing → 'calibrated': the
 *    modality corrected it, since otherwise the two are equal (PS3.3 C.8.11.1.1.1).
 * 4. Otherwise a projection image's spacing is at the detector: Imager Pixel Spacing (or a Pixel Spacing
 *    equal to it, or standing alone with no calibration attribute), divided by the Estimated
 *    Radiographic Magnification Factor when one is present → 'magnification-corrected', else 'detector'.
 * 5. Nothing usable → 'none' (lengths in pixels).
 */
export function chooseSpacing(attributes: SpacingAttributes): PixelSpacing {
  const pixel = validPair(attributes.pixelSpacing);
  const imager = validPair(attributes.imagerPixelSpacing);
  const calibration = [attributes.calibrationType, attributes.calibrationDescription].filter(Boolean).join(': ');
  const projection = PROJECTION_MODALITIES.has(attributes.modality.toUpperCase());

  if (pixel && calibration) {
    return { rowMm: pixel[0], columnMm: pixel[1], source: 'calibrated', note: `Pixel Spacing ${formatMm(pixel)}, calibrated (${calibration})` };
  }
  if (pixel && !projection) {
    return { rowMm: pixel[0], columnMm: pixel[1], source: 'calibrated', note: `Pixel Spacing ${formatMm(pixel)} in the patient plane` };
  }
  if (pixel && imager && !samePair(pixel, imager)) {
    return {
      rowMm: pixel[0],
      columnMm: pixel[1],
      source: 'calibrated',
      note: `Pixel Spacing ${formatMm(pixel)}, corrected by the modality from Imager Pixel Spacing ${formatMm(imager)}`,
    };
  }

  const detector = imager ?? pixel;
  if (!detector) return { rowMm: 1, columnMm: 1, source: 'none', note: 'No usable pixel spacing in the file: lengths are in pixels' };
  const named = imager ? `Imager Pixel Spacing ${formatMm(detector)}` : `Pixel Spacing ${formatMm(detector)} (not calibrated)`;
  const magnification = attributes.estimatedMagnification;
  if (magnification !== undefined && Number.isFinite(magnification) && magnification >= 1 && magnification < 10) {
    return {
      rowMm: detector[0] / magnification,
      columnMm: detector[1] / magnification,
      source: 'magnification-corrected',
      note: `${named} / Estimated Radiographic Magnification Factor ${magnification}`,
    };
  }
  return { rowMm: detector[0], columnMm: detector[1], source: 'detector', note: `${named} at the detector, magnified` };
}
