import type { Phantom } from '../phantom/phantom';
import { RaySpans } from '../phantom/ray-spans';
import { appearanceTable } from '../phantom/tissues';
import type { Random } from '../random';
import { percentiles, smoothBinomial } from './image-filters';

/**
 * A left lateral radiograph (patient's left side against the detector) as a digitally reconstructed
 * radiograph: the line integral of attenuation along x for every pixel.
 *
 * Geometry: rays are treated as parallel and the whole image is magnified by the Estimated
 * Radiographic Magnification Factor (ERMF = source–detector / source–object distance, DOMAIN.md §5),
 * so a pixel of ImagerPixelSpacing s at the detector covers exactly s / ERMF in the mid-sagittal
 * plane. Ground-truth distances in that plane are therefore pixel distance × s / ERMF.
 * Columns run anterior → posterior (the patient faces the viewer's left, PatientOrientation P\F),
 * rows run superior → inferior.
 */
export interface RadiographGeometry {
  readonly columns: number;
  readonly rows: number;
  readonly imagerPixelMm: number;
  readonly magnification: number;
  readonly sourceToDetectorMm: number;
  /** Patient y and z at the image centre (mid-sagittal plane). */
  readonly centreY: number;
  readonly centreZ: number;
}

export interface Radiograph {
  /** 12-bit stored values, MONOCHROME2 sense (bone bright); the DICOM writer inverts for MONOCHROME1. */
  readonly pixels: Uint16Array;
  readonly windowCenter: number;
  readonly windowWidth: number;
}

const WATER_ATTENUATION_PER_MM = 0.02; // about 0.2 cm⁻¹ at an effective energy near 60 keV
/**
 * Calcium absorbs relatively more at radiographic energies than CT numbers (reconstructed near
 * 70 keV) suggest, because of the photoelectric effect: bone contrast is scaled up by this factor.
 */
const BONE_CONTRAST_GAIN = 1.8;
const BONE_THRESHOLD_HU = 150;
const ENTRANCE_PHOTONS = 4e6; // per pixel: sets the quantum noise after passing ~300 mm of tissue
const EQUALISATION = 0.65; // how much of the large-scale contrast the processing removes
const EQUALISATION_RADIUS_MM = 25;
const MAX_STORED = 4095;

export function objectPixelMm(geometry: RadiographGeometry): number {
  return geometry.imagerPixelMm / geometry.magnification;
}

/** Patient (y, z) at the centre of pixel (0, 0). */
export function radiographOrigin(geometry: RadiographGeometry): { y: number; z: number } {
  const spacing = objectPixelMm(geometry);
  return { y: geometry.centreY - (geometry.columns / 2) * spacing, z: geometry.centreZ + (geometry.rows / 2) * spacing };
}

export function renderRadiograph(phantom: Phantom, geometry: RadiographGeometry, random: Random): Radiograph {
  const attenuation = Float64Array.from(appearanceTable('hu'), (hu) => WATER_ATTENUATION_PER_MM * Math.max(0, 1 + ((hu > BONE_THRESHOLD_HU ? BONE_CONTRAST_GAIN : 1) * hu) / 1000));
  const { columns, rows } = geometry;
  const spacing = objectPixelMm(geometry);
  const origin = radiographOrigin(geometry);
  const spans = new RaySpans();
  const lineIntegral = new Float32Array(columns * rows);
  for (let row = 0; row < rows; row++) {
    const z = origin.z - row * spacing;
    for (let column = 0; column < columns; column++) {
      phantom.castRay(origin.y + column * spacing, z, spans);
      let sum = 0;
      for (let i = 0; i < spans.count; i++) sum += (spans.end[i] - spans.start[i]) * attenuation[spans.tissue[i]];
      lineIntegral[row * columns + column] = sum;
    }
  }
  smoothBinomial(lineIntegral, columns, rows);
  // Quantum noise: N = N0·e^(−p) photons reach the pixel; the log signal then varies by 1/√N.
  for (let i = 0; i < lineIntegral.length; i++) {
    const photons = ENTRANCE_PHOTONS * Math.exp(-lineIntegral[i]);
    lineIntegral[i] += random.gaussian() / Math.sqrt(Math.max(1, photons));
  }
  // Processing as on a DR console: subtract part of a heavily blurred copy so that thick and thin
  // regions both stay in range and bone edges stand out (unsharp-mask equalisation).
  const background = boxBlur(lineIntegral, columns, rows, Math.round(EQUALISATION_RADIUS_MM / spacing));
  const processed = new Float32Array(lineIntegral.length);
  for (let i = 0; i < processed.length; i++) processed[i] = lineIntegral[i] - EQUALISATION * background[i];
  const [low, high] = percentiles(processed, [0.002, 0.998]);
  const pixels = new Uint16Array(processed.length);
  for (let i = 0; i < pixels.length; i++) {
    pixels[i] = Math.round(Math.min(MAX_STORED, Math.max(0, ((processed[i] - low) / (high - low)) * MAX_STORED)));
  }
  // Window on the spine: from the soft tissue in front of it to the densest bone.
  const [windowLow, windowHigh] = percentiles(pixels, [0.2, 0.995]);
  return { pixels, windowCenter: Math.round((windowLow + windowHigh) / 2), windowWidth: Math.max(1, Math.round(windowHigh - windowLow)) };
}

/** Separable running-mean blur with a square window of side 2·radius + 1 (edges clamped). */
function boxBlur(image: Float32Array, width: number, height: number, radius: number): Float32Array {
  const pass = (source: Float32Array, length: number, lines: number, stride: number, step: number): Float32Array => {
    const out = new Float32Array(source.length);
    const size = 2 * radius + 1;
    for (let line = 0; line < lines; line++) {
      const base = line * stride;
      const at = (i: number): number => source[base + Math.min(length - 1, Math.max(0, i)) * step];
      let sum = 0;
      for (let i = -radius; i <= radius; i++) sum += at(i);
      for (let i = 0; i < length; i++) {
        out[base + i * step] = sum / size;
        sum += at(i + radius + 1) - at(i - radius);
      }
    }
    return out;
  };
  const horizontal = pass(image, width, height, width, 1);
  return pass(horizontal, height, width, 1, width);
}
