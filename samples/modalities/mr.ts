import type { Phantom } from '../phantom/phantom';
import { RaySpans } from '../phantom/ray-spans';
import { appearanceTable } from '../phantom/tissues';
import type { Random } from '../random';
import { percentiles } from './image-filters';

export type MrWeighting = 't1' | 't2' | 'stir';

/**
 * A sagittal MR series. Rows run along +y (posterior) and columns down −z, so
 * ImageOrientationPatient is 0\1\0\0\0\−1: anterior on the viewer's left, head at the top.
 * Slices are ordered from the patient's right to left; the middle slice lies on x = 0.
 */
export interface MrGeometry {
  readonly columns: number; // along y
  readonly rows: number; // along z
  readonly pixelMm: number;
  readonly slices: number; // odd, so that one slice is exactly mid-sagittal
  readonly sliceThicknessMm: number;
  readonly sliceSpacingMm: number;
  readonly centreY: number;
  readonly centreZ: number;
}

export interface MrSlice {
  /** ImagePositionPatient: the centre of the top-left pixel. */
  readonly position: readonly [number, number, number];
  /** Stored values (12 bits used). */
  readonly pixels: Uint16Array;
}

export interface MrSeriesImages {
  readonly slices: readonly MrSlice[];
  readonly windowCenter: number;
  readonly windowWidth: number;
}

const SUBSAMPLES = 2; // per axis, in plane; through the slice the partial volume is exact
const NOISE = 14; // on the 0–1000 tissue scale, per quadrature channel (Rician magnitude noise)
const STORED_SCALE = 2; // tissue scale 0–1000 → stored 0–2000 of 4095
/** Posterior spine coil: signal falls off with distance in front of the patient's back. */
const COIL_DEPTH_MM = 130;

export function mrOrigin(geometry: MrGeometry): { y: number; z: number } {
  return { y: geometry.centreY - (geometry.columns / 2) * geometry.pixelMm, z: geometry.centreZ + (geometry.rows / 2) * geometry.pixelMm };
}

export function mrSliceX(geometry: MrGeometry, index: number): number {
  return (index - (geometry.slices - 1) / 2) * geometry.sliceSpacingMm;
}

/** Renders several weightings of the same slices at once: they share every ray through the phantom. */
export function renderMr(phantom: Phantom, geometry: MrGeometry, weightings: readonly MrWeighting[], randomFor: (weighting: MrWeighting) => Random): Map<MrWeighting, MrSeriesImages> {
  const { columns, rows, pixelMm, slices, sliceThicknessMm } = geometry;
  const origin = mrOrigin(geometry);
  const tables = weightings.map((weighting) => appearanceTable(weighting));
  const sums = weightings.map(() => Array.from({ length: slices }, () => new Float32Array(columns * rows)));
  const slabSums = new Float64Array(tables.length * slices);
  const firstSlab = mrSliceX(geometry, 0);
  const halfThickness = sliceThicknessMm / 2;
  const spans = new RaySpans();
  const weight = 1 / (SUBSAMPLES * SUBSAMPLES * sliceThicknessMm);
  const back = phantom.posteriorSkinY;
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const pixel = row * columns + column;
      slabSums.fill(0);
      for (let sz = 0; sz < SUBSAMPLES; sz++) {
        const z = origin.z - (row + (sz + 0.5) / SUBSAMPLES - 0.5) * pixelMm;
        for (let sy = 0; sy < SUBSAMPLES; sy++) {
          const y = origin.y + (column + (sy + 0.5) / SUBSAMPLES - 0.5) * pixelMm;
          phantom.castRay(y, z, spans);
          const coil = Math.exp(-Math.max(0, back - y) / COIL_DEPTH_MM);
          for (let i = 0; i < spans.count; i++) {
            const x0 = spans.start[i];
            const x1 = spans.end[i];
            // Slab k covers [x_k − t/2, x_k + t/2]: add the tissue's signal times the overlap.
            const first = Math.max(0, Math.ceil((x0 - halfThickness - firstSlab) / geometry.sliceSpacingMm));
            const last = Math.min(slices - 1, Math.floor((x1 + halfThickness - firstSlab) / geometry.sliceSpacingMm));
            for (let k = first; k <= last; k++) {
              const centre = firstSlab + k * geometry.sliceSpacingMm;
              const overlap = Math.min(x1, centre + halfThickness) - Math.max(x0, centre - halfThickness);
              if (overlap <= 0) continue;
              for (let w = 0; w < tables.length; w++) slabSums[w * slices + k] += tables[w][spans.tissue[i]] * overlap * coil;
            }
          }
        }
      }
      for (let w = 0; w < tables.length; w++) {
        for (let k = 0; k < slices; k++) sums[w][k][pixel] = slabSums[w * slices + k] * weight;
      }
    }
  }
  const result = new Map<MrWeighting, MrSeriesImages>();
  weightings.forEach((weighting, w) => {
    const random = randomFor(weighting);
    const images = sums[w].map((signal, index): MrSlice => {
      const pixels = new Uint16Array(signal.length);
      for (let i = 0; i < signal.length; i++) {
        const real = signal[i] + NOISE * random.gaussian();
        const imaginary = NOISE * random.gaussian();
        pixels[i] = Math.min(4095, Math.round(Math.hypot(real, imaginary) * STORED_SCALE));
      }
      return { position: [mrSliceX(geometry, index), origin.y, origin.z], pixels };
    });
    const middle = images[(slices - 1) / 2].pixels;
    const [low, high] = percentiles(middle, [0.05, 0.995]);
    result.set(weighting, { slices: images, windowCenter: Math.round((low + high) / 2), windowWidth: Math.max(1, Math.round(high - low)) });
  });
  return result;
}
