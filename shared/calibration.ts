/**
 * Where the millimetres of an image come from (DICOM PS3.3 §10.7.1.3, C.8.7.6; ../shared/DOMAIN.md §5).
 * Every length the app shows carries one of these as a badge; ratios and angles are scale-free.
 */
export type CalibrationSource =
  | 'calibrated' // Pixel Spacing (0028,0030): patient plane (CT/MR, or a calibrated projection image)
  | 'detector' // Imager Pixel Spacing (0018,1164): at the detector front plane, magnified
  | 'magnification-corrected' // Imager Pixel Spacing / Estimated Radiographic Magnification Factor (0018,1114)
  | 'user' // the reader drew across an object of known size
  | 'none'; // no spacing at all: lengths are in pixels

export interface PixelSpacing {
  /** Distance between the centres of adjacent rows, in mm (first value of Pixel Spacing). */
  readonly rowMm: number;
  /** Distance between the centres of adjacent columns, in mm (second value of Pixel Spacing). */
  readonly columnMm: number;
  readonly source: CalibrationSource;
  /** Plain words for the badge tooltip, e.g. "Imager Pixel Spacing 0.139 mm / ERMF 1.15". */
  readonly note: string;
}

export const UNCALIBRATED: PixelSpacing = { rowMm: 1, columnMm: 1, source: 'none', note: 'No pixel spacing in the file' };

/** Short label shown after every length. */
export function calibrationBadge(source: CalibrationSource): string {
  switch (source) {
    case 'calibrated':
      return 'mm';
    case 'detector':
      return 'mm at detector';
    case 'magnification-corrected':
      return 'mm (magnification-corrected)';
    case 'user':
      return 'mm (user-calibrated)';
    case 'none':
      return 'px';
  }
}

/**
 * The badge where space is short (on the image, beside every length), in the words peers use:
 * Cornerstone3D/OHIF write "mm Proj" and "mm ERMF" (DOMAIN.md §5).
 */
export function calibrationBadgeShort(source: CalibrationSource): string {
  switch (source) {
    case 'calibrated':
      return 'mm';
    case 'detector':
      return 'mm Proj';
    case 'magnification-corrected':
      return 'mm ERMF';
    case 'user':
      return 'mm Cal';
    case 'none':
      return 'px';
  }
}
