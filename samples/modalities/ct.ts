import type { Phantom } from '../phantom/phantom';
import { RaySpans } from '../phantom/ray-spans';
import { appearanceTable } from '../phantom/tissues';
import type { Random } from '../random';
import { accumulateCoverage, addGaussianNoise, smoothBinomial } from './image-filters';

/**
 * An axial CT series. Rows run along +y (posterior), columns along +x (patient left), so
 * ImageOrientationPatient is 1\0\0\0\1\0 and the image shows the patient's right on the viewer's left.
 * Column `columns/2` lies on the midline x = 0, so the mid-sagittal plane passes through pixel centres.
 */
export interface CtGeometry {
  readonly columns: number;
  readonly rows: number;
  readonly pixelMm: number;
  readonly sliceMm: number;
  readonly slices: number;
  /** Patient y of the centre row and z of the middle slice. */
  readonly centreY: number;
  readonly centreZ: number;
}

export interface CtSlice {
  /** ImagePositionPatient: the centre of the top-left pixel. */
  readonly position: readonly [number, number, number];
  /** Hounsfield units, row by row. */
  readonly hu: Float32Array;
}

const SUBSAMPLES_Y = 2; // in-plane partial volume across rows (along x it is exact)
const SUBSAMPLES_Z = 3; // through the slice thickness
const NOISE_HU = 30; // before smoothing; about 11 HU after it
const MAX_HU = 3071; // 12 bits stored with intercept −1024

export function ctOrigin(geometry: CtGeometry): { x: number; y: number } {
  return { x: -(geometry.columns / 2) * geometry.pixelMm, y: geometry.centreY - (geometry.rows / 2) * geometry.pixelMm };
}

/** z of slice `index`; slice 0 is the most superior (head first, as the table moves in). */
export function ctSliceZ(geometry: CtGeometry, index: number): number {
  return geometry.centreZ + ((geometry.slices - 1) / 2 - index) * geometry.sliceMm;
}

export function renderCt(phantom: Phantom, geometry: CtGeometry, random: Random): CtSlice[] {
  const hu = appearanceTable('hu');
  const air = hu[0];
  const origin = ctOrigin(geometry);
  const { columns, rows, pixelMm } = geometry;
  const spans = new RaySpans();
  const weight = 1 / (SUBSAMPLES_Y * SUBSAMPLES_Z);
  const slices: CtSlice[] = [];
  for (let index = 0; index < geometry.slices; index++) {
    const z = ctSliceZ(geometry, index);
    const image = new Float32Array(columns * rows);
    for (let row = 0; row < rows; row++) {
      for (let sy = 0; sy < SUBSAMPLES_Y; sy++) {
        const y = origin.y + (row + (sy + 0.5) / SUBSAMPLES_Y - 0.5) * pixelMm;
        for (let sz = 0; sz < SUBSAMPLES_Z; sz++) {
          phantom.castRay(y, z + ((sz + 0.5) / SUBSAMPLES_Z - 0.5) * geometry.sliceMm, spans);
          for (let i = 0; i < spans.count; i++) {
            accumulateCoverage(image, row * columns, columns, origin.x, pixelMm, spans.start[i], spans.end[i], (hu[spans.tissue[i]] - air) * weight);
          }
        }
      }
    }
    for (let i = 0; i < image.length; i++) image[i] += air;
    addGaussianNoise(image, NOISE_HU, random);
    smoothBinomial(image, columns, rows);
    for (let i = 0; i < image.length; i++) image[i] = Math.min(MAX_HU, Math.max(-1024, image[i]));
    slices.push({ position: [origin.x, origin.y, z], hu: image });
  }
  return slices;
}
