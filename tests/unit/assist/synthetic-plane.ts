/**
 * Hand-made sagittal CT planes for the edge cases the sample cases do not hold: rectangular bodies with a
 * cortical shell, discs of chosen height, an optional anterior osteophyte, box-blurred like a thick slice.
 */
import type { PlaneImage } from '../../../shared/assist/types';
import type { SixPoints } from '../../../shared/measure/types';

export interface SyntheticBody {
  /** Anterior and posterior x (mm), inferior and superior y of the body (mm, image y grows downwards). */
  readonly front: number;
  readonly back: number;
  readonly top: number;
  readonly bottom: number;
  /** A bony spur from the anterior-superior corner, this many mm long, pointing forwards and up. */
  readonly osteophyteMm?: number;
}

/** Tissue values: CT numbers by default; MR-like values give a dark cortex. */
export interface TissueValues {
  readonly cortex: number;
  readonly marrow: number;
  readonly disc: number;
  readonly soft: number;
}

export const CT_VALUES: TissueValues = { cortex: 1300, marrow: 200, disc: 85, soft: 40 };
/** T1-like: fatty marrow bright, cortex dark, disc in between (samples/phantom/tissues.ts). */
export const MR_T1_VALUES: TissueValues = { cortex: 40, marrow: 620, disc: 260, soft: 380 };
/** STIR-like: fat-suppressed marrow nearly as dark as the cortex, the annulus a little brighter, fat outside dark. */
export const MR_STIR_VALUES: TissueValues = { cortex: 30, marrow: 110, disc: 150, soft: 70 };
const CORTEX_MM = 1.2;

/** Image of 0.5 mm square pixels, anterior to the left and superior up, as the app's sagittal reformat. */
export function syntheticPlane(widthMm: number, heightMm: number, bodies: readonly SyntheticBody[], discBetween = true, values: TissueValues = CT_VALUES): PlaneImage {
  const pixelMm = 0.5;
  const width = Math.round(widthMm / pixelMm);
  const height = Math.round(heightMm / pixelMm);
  const truthAt = (x: number, y: number): number => {
    for (const b of bodies) {
      if (x >= b.front && x <= b.back && y >= b.top && y <= b.bottom) {
        const inner = x - b.front > CORTEX_MM && b.back - x > CORTEX_MM && y - b.top > CORTEX_MM && b.bottom - y > CORTEX_MM;
        return inner ? values.marrow : values.cortex;
      }
      if (b.osteophyteMm) {
        // A 2 mm thick spur along the diagonal from the corner.
        const along = (b.front - x + (b.top - y)) / Math.SQRT2;
        const across = Math.abs(b.front - x - (b.top - y)) / Math.SQRT2;
        if (along >= 0 && along <= b.osteophyteMm && across <= 1) return values.cortex;
      }
    }
    const inColumn = bodies.some((b) => x >= b.front && x <= b.back);
    return discBetween && inColumn && y > Math.min(...bodies.map((b) => b.top)) && y < Math.max(...bodies.map((b) => b.bottom)) ? values.disc : values.soft;
  };
  const pixels = new Float32Array(width * height);
  const sub = 4;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      let sum = 0;
      for (let i = 0; i < sub; i++) for (let j = 0; j < sub; j++) sum += truthAt((c + (i + 0.5) / sub) * pixelMm, (r + (j + 0.5) / sub) * pixelMm);
      pixels[r * width + c] = sum / (sub * sub);
    }
  }
  return {
    width,
    height,
    pixels,
    spacing: { rowMm: pixelMm, columnMm: pixelMm, source: 'calibrated', note: 'synthetic' },
    orientation: { anterior: { x: -1, y: 0 }, superior: { x: 0, y: -1 } },
  };
}

/** The body's true six points in pixels (annotation convention: mm / pixel size). */
export function syntheticTruth(image: PlaneImage, b: SyntheticBody): SixPoints {
  const s = image.spacing.columnMm;
  const p = (x: number, y: number) => ({ x: x / s, y: y / s });
  const middle = (b.front + b.back) / 2;
  return {
    anteriorSuperior: p(b.front, b.top),
    middleSuperior: p(middle, b.top),
    posteriorSuperior: p(b.back, b.top),
    anteriorInferior: p(b.front, b.bottom),
    middleInferior: p(middle, b.bottom),
    posteriorInferior: p(b.back, b.bottom),
  };
}
