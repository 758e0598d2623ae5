import type { SpineLevel } from '../../shared/procedure/types';

/**
 * Mean adult dimensions of one vertebra, in millimetres and degrees; drawn shapes only, never
 * shown as measurements.
 */
export interface LevelMorphometry {
  /** Upper endplate width and depth. */
  endplateWidth: number;
  endplateDepth: number;
  /** Narrowest transverse width (isthmus) and height of the pedicle. */
  pedicleWidth: number;
  pedicleHeight: number;
  /** Medial convergence of the pedicle axis going forward, in the transverse plane. */
  pedicleTransverseDeg: number;
  /** Tilt of the pedicle axis in the sagittal plane, its back end higher. */
  pedicleSagittalDeg: number;
  /** Interpedicular distance (canal width between the pedicles' medial walls) and canal depth. */
  canalWidth: number;
  canalDepth: number;
  /** From the canal's posterior margin in the midline to the spinous tip. */
  spinousLength: number;
  /** Slope of the spinous process below the horizontal. */
  spinousTiltDeg: number;
  /** Vertical height of the spinous process at its tip: slender in the thoracic spine, a broad hatchet in the lumbar. */
  spinousHeight: number;
  /** Tip to tip of the two transverse processes. */
  transverseWidth: number;
  laminaHeight: number;
  /** Inferior articular facet's width and height; the superior facets are drawn the same size. */
  facetWidth: number;
  facetHeight: number;
  /** Angle of the facet joint's plane from the sagittal plane: about 70° (near-coronal) thoracic, 25–50° lumbar. */
  facetAngleDeg: number;
}

type Row = [number, number, number, number, number, number, number, number, number, number, number, number, number, number, number, number];

/**
 * Means by level, rounded. Body, pedicle, canal, spinous, transverse and lamina columns after Panjabi
 * et al., "Thoracic human vertebrae: quantitative three-dimensional anatomy" (Spine 1991;16:888) and
 * "Human lumbar vertebrae: quantitative three-dimensional anatomy" (Spine 1992;17:299); facet width
 * and height after Panjabi et al., "Articular facets of the human spine" (Spine 1993;18:1298), as
 * tabulated by Patel et al. (J Anat Soc India 2007;56:1); facet orientation after Masharawi et al.
 * (Spine 2004;29:1755). Spinous tilt and height are drawing estimates (steepest T5–T8, level in the
 * lumbar spine). Entered from secondary tables: check against the originals before any use beyond
 * drawing.
 *
 *       endW endD pedW  pedH pTr pSag canW  canD spL spTilt spH  tpW lamH facW facH facAng
 */
const TABLE: Record<SpineLevel, Row> = {
  T1: [28, 17, 7.9, 9.6, 27, 14, 21.0, 14.5, 46, 20, 8, 75, 14, 11.9, 12.5, 70],
  T2: [28, 18, 6.5, 11.4, 19, 15, 17.5, 15.0, 48, 30, 8, 71, 16, 11.1, 11.2, 72],
  T3: [28, 20, 5.3, 11.9, 13, 14, 16.0, 15.0, 48, 40, 8, 66, 17, 9.9, 11.0, 74],
  T4: [28, 22, 4.7, 11.6, 11, 13, 15.0, 15.0, 48, 50, 8, 64, 18, 10.4, 11.0, 75],
  T5: [29, 24, 4.6, 11.3, 9, 12, 15.0, 15.0, 47, 55, 8, 63, 18, 9.7, 10.9, 75],
  T6: [30, 25, 4.8, 11.7, 8, 12, 15.0, 15.0, 47, 60, 8, 62, 18, 9.6, 10.3, 75],
  T7: [31, 26, 4.9, 11.6, 7, 12, 15.0, 15.0, 46, 60, 8, 62, 19, 9.8, 10.6, 75],
  T8: [32, 27, 5.3, 12.1, 6, 11, 15.5, 15.5, 45, 55, 9, 61, 19, 10.4, 10.9, 75],
  T9: [34, 28, 5.7, 13.0, 5, 10, 15.5, 15.5, 43, 45, 10, 60, 20, 11.9, 12.3, 73],
  T10: [36, 29, 6.6, 14.1, 4, 9, 16.0, 16.0, 40, 35, 11, 58, 20, 11.9, 12.4, 70],
  T11: [38, 30, 7.8, 16.0, 1, 7, 17.5, 16.5, 37, 25, 13, 54, 21, 11.4, 13.3, 55],
  T12: [40, 31, 7.9, 15.7, -4, 5, 19.5, 17.0, 33, 15, 15, 50, 22, 9.5, 12.5, 35],
  L1: [41, 33, 8.7, 15.4, 11, 2, 22.0, 17.5, 30, 8, 17, 71, 24, 12.4, 15.3, 25],
  L2: [43, 34, 8.9, 15.0, 12, 2, 22.5, 17.0, 31, 6, 18, 78, 25, 12.7, 16.0, 28],
  L3: [45, 35, 10.3, 14.9, 14, 1, 23.5, 16.5, 31, 4, 18, 86, 25, 13.8, 15.7, 35],
  L4: [47, 35, 12.9, 14.8, 17, 0, 24.0, 16.5, 30, 3, 17, 83, 23, 14.7, 16.2, 45],
  L5: [49, 35, 18.0, 14.0, 30, -2, 26.5, 17.0, 26, 0, 15, 90, 20, 15.6, 18.4, 50],
};

export function levelMorphometry(level: SpineLevel): LevelMorphometry {
  const [endplateWidth, endplateDepth, pedicleWidth, pedicleHeight, pedicleTransverseDeg, pedicleSagittalDeg, canalWidth, canalDepth,
    spinousLength, spinousTiltDeg, spinousHeight, transverseWidth, laminaHeight, facetWidth, facetHeight, facetAngleDeg] = TABLE[level];
  return {
    endplateWidth, endplateDepth, pedicleWidth, pedicleHeight, pedicleTransverseDeg, pedicleSagittalDeg, canalWidth, canalDepth,
    spinousLength, spinousTiltDeg, spinousHeight, transverseWidth, laminaHeight, facetWidth, facetHeight, facetAngleDeg,
  };
}
