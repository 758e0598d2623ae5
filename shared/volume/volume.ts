/**
 * A stack of parallel slices turned into one voxel grid in patient coordinates, ready for reformatting.
 * Geometry follows the Image Plane Module (DICOM PS3.3 C.7.6.2): Image Position (Patient) is the centre of
 * the first transmitted pixel, Image Orientation (Patient) gives the row and column direction cosines, and
 * Pixel Spacing is [distance between rows, distance between columns]. Patient axes are LPS.
 */
import type { InstanceHeader } from '../dicom/header';
import { frameRange, type DecodedFrame, type PixelArray } from '../dicom/pixel-types';
import { add, angleDeg, cross, dot, length, normalize, scale, subtract, type Vec3 } from './vec3';
import { median } from '../statistics';

export interface VolumeSlice {
  header: InstanceHeader;
  frame: DecodedFrame;
}

/** Reformatted pixels: Int16Array when the modality values are whole numbers that fit, Float32Array otherwise (see `chooseVoxelType`). */
export type VoxelArray = Int16Array | Float32Array;

export interface Volume {
  /** Voxel counts along the row direction (columns), the column direction (rows) and the normal (slices). */
  readonly dimensions: readonly [columns: number, rows: number, slices: number];
  /** Millimetres between voxel centres along the same three axes. */
  readonly spacing: readonly [columnMm: number, rowMm: number, sliceMm: number];
  /** Patient position of the centre of voxel (0, 0, 0): Image Position (Patient) of the first slice. */
  readonly origin: Vec3;
  /** Unit vector of increasing column index i (first half of Image Orientation (Patient)). */
  readonly rowDirection: Vec3;
  /** Unit vector of increasing row index j (second half of Image Orientation (Patient)). */
  readonly columnDirection: Vec3;
  /** Unit vector of increasing slice index k: rowDirection × columnDirection, the order the slices are sorted in. */
  readonly normal: Vec3;
  /**
   * The slices' stored values in order along the normal: the decoded frames themselves, not a copy, so a
   * volume costs no memory beyond its slices. Voxel (i, j, k) is slices[k][i + j·columns].
   */
  readonly slices: readonly PixelArray[];
  /** Each slice's Rescale Slope and Intercept (PS3.3 C.11.1.1.2): modality value = stored value × slope + intercept. */
  readonly slopes: Float64Array;
  readonly intercepts: Float64Array;
  /** How reformats hold modality values: 'int16' when every one is a whole number that fits. */
  readonly voxelType: 'int16' | 'float32';
  /** Exact range of the modality values. */
  readonly min: number;
  readonly max: number;
}

/** Where a volume's voxels lie in the patient. */
export type VolumeGrid = Pick<Volume, 'origin' | 'spacing' | 'rowDirection' | 'columnDirection' | 'normal'>;

export type VolumeOrRefusal = Volume | { error: string };

const MIN_SLICES = 3;
/** Orientations and the slice path may differ by this much before a reformat would visibly skew. */
const MAX_ANGLE_DEG = 0.5;
/** Slice steps may differ from the typical step by this fraction before distances along the stack become wrong. */
const MAX_SPACING_DEVIATION = 0.1;
/** A step this many times the typical one means slices are missing rather than unevenly spaced. */
const GAP_FACTOR = 1.5;
/** Pixel spacings count as equal within this fraction (Decimal String rounding differs between writers). */
const SPACING_TOLERANCE = 1e-3;
/** Rounding of Image Position (Patient) in the file, in mm: sideways drift below this is not tilt. */
const POSITION_NOISE_MM = 0.01;
/** Slices closer than this along the normal sit at the same position. */
const SAME_POSITION_MM = 0.01;

const INT16_MIN = -32768;
const INT16_MAX = 32767;

const mm = (value: number) => `${Number(value.toFixed(2))} mm`;

interface PlacedSlice {
  slice: VolumeSlice;
  position: Vec3;
  /** Distance along the normal, in mm. */
  along: number;
}

/** The refusal for the first slice whose own header and pixels cannot go into a volume, if any. */
function checkEachSlice(slices: readonly VolumeSlice[]): string | undefined {
  for (let n = 0; n < slices.length; n++) {
    const { header, frame } = slices[n];
    const which = `Image ${n + 1} of the series`;
    if (frame.samplesPerPixel !== 1 || header.samplesPerPixel !== 1) return `${which} is in colour; only greyscale series can be reformatted.`;
    if (!header.imagePositionPatient || !header.imageOrientationPatient) {
      return `${which} does not record its position and orientation in the patient, so the slices cannot be stacked.`;
    }
    if (frame.rows !== header.rows || frame.columns !== header.columns || frame.pixels.length < header.rows * header.columns) {
      return `${which} does not hold the pixels its header describes.`;
    }
    if (header.spacing.source !== 'calibrated') {
      return `${which} does not give its pixel size in the patient (Pixel Spacing), so distances across slices cannot be known.`;
    }
  }
  return undefined;
}

/** The refusal when the slices are not all alike in orientation, size and pixel spacing. */
function checkSlicesAlike(slices: readonly VolumeSlice[], rowDirection: Vec3, columnDirection: Vec3): string | undefined {
  const first = slices[0].header;
  for (const { header } of slices) {
    const iop = header.imageOrientationPatient!;
    if (angleDeg([iop[0], iop[1], iop[2]], rowDirection) > MAX_ANGLE_DEG || angleDeg([iop[3], iop[4], iop[5]], columnDirection) > MAX_ANGLE_DEG) {
      return 'The series mixes image orientations (for example axial and sagittal images), so it cannot be stacked into one volume.';
    }
    if (header.rows !== first.rows || header.columns !== first.columns) {
      return `The images are not all the same size (${first.columns}×${first.rows} and ${header.columns}×${header.rows} pixels).`;
    }
    const sameSpacing = (a: number, b: number) => Math.abs(a - b) <= SPACING_TOLERANCE * Math.max(a, b);
    if (!sameSpacing(header.spacing.rowMm, first.spacing.rowMm) || !sameSpacing(header.spacing.columnMm, first.spacing.columnMm)) {
      return `The images do not all have the same pixel size (${mm(first.spacing.columnMm)} × ${mm(first.spacing.rowMm)} and ${mm(header.spacing.columnMm)} × ${mm(header.spacing.rowMm)}).`;
    }
  }
  return undefined;
}

/**
 * Gantry tilt: the slices must advance along the normal. A tilted acquisition shifts each slice sideways
 * in proportion to its distance, so the sideways drift is compared with the distance travelled.
 */
function checkNoTilt(placed: readonly PlacedSlice[], normal: Vec3): string | undefined {
  const first = placed[0];
  const allowed = Math.tan((MAX_ANGLE_DEG * Math.PI) / 180);
  for (let n = 1; n < placed.length; n++) {
    const offset = subtract(placed[n].position, first.position);
    const along = placed[n].along - first.along;
    const sideways = length(subtract(offset, scale(normal, along)));
    if (sideways > allowed * along + POSITION_NOISE_MM) {
      const tiltDeg = (Math.atan2(sideways, along) * 180) / Math.PI;
      return `The slices were acquired with a tilted gantry (about ${Number(tiltDeg.toFixed(1))}° off perpendicular); a reformat would be skewed.`;
    }
  }
  return undefined;
}


/** Duplicates, missing slices and uneven steps: each would stretch or squeeze anatomy along the stack. */
function checkEvenSpacing(placed: readonly PlacedSlice[]): string | undefined {
  const steps = placed.slice(1).map((p, n) => p.along - placed[n].along);
  const duplicate = steps.findIndex((step) => step < SAME_POSITION_MM);
  if (duplicate >= 0) {
    return `Two images sit at the same position (${mm(placed[duplicate].along)} along the stack); the series may hold repeated or overlapping acquisitions.`;
  }
  const typical = median(steps);
  const gap = steps.findIndex((step) => step > GAP_FACTOR * typical);
  if (gap >= 0) {
    const missing = Math.round(steps[gap] / typical) - 1;
    return `About ${missing} image${missing === 1 ? ' is' : 's are'} missing between ${mm(placed[gap].along)} and ${mm(placed[gap + 1].along)} along the stack (slices are otherwise ${mm(typical)} apart).`;
  }
  if (steps.some((step) => Math.abs(step - typical) > MAX_SPACING_DEVIATION * typical)) {
    return `The slices are unevenly spaced (from ${mm(Math.min(...steps))} to ${mm(Math.max(...steps))} apart); a reformat would distort distances.`;
  }
  return undefined;
}

/** Range of the modality values of one slice: Rescale Slope and Intercept (PS3.3 C.11.1.1.2) applied to its stored range. */
function modalityRange({ header, frame }: VolumeSlice): [number, number] {
  const { minValue, maxValue } = frameRange(frame);
  const a = minValue * header.rescaleSlope + header.rescaleIntercept;
  const b = maxValue * header.rescaleSlope + header.rescaleIntercept;
  return [Math.min(a, b), Math.max(a, b)];
}

/**
 * Int16 holds CT (−1024…3071 HU) and most MR exactly in half the memory of Float32, and cornerstone-core
 * needs integer pixel values anyway. Any fractional slope or intercept (PET, scaled MR) or a range beyond
 * 16 bits gets Float32, which keeps 24 significant bits.
 */
function chooseVoxelType(slices: readonly VolumeSlice[]): 'int16' | 'float32' {
  const fitsInt16 = slices.every((slice) => {
    const [low, high] = modalityRange(slice);
    return Number.isInteger(slice.header.rescaleSlope) && Number.isInteger(slice.header.rescaleIntercept) && low >= INT16_MIN && high <= INT16_MAX;
  });
  return fitsInt16 ? 'int16' : 'float32';
}

/**
 * Stacks a single-orientation greyscale series into a volume, or says in plain words why it cannot: a
 * reformat of a series with gaps, tilt or mixed orientation would show a distorted image. The slices are
 * sorted again along the normal, whatever order they come in, and referenced rather than copied (a copy
 * of a 512 × 512 × 500 CT took 0.7 s and 262 MB here); reslicing applies each slice's rescale.
 */
export function buildVolume(slices: readonly VolumeSlice[]): VolumeOrRefusal {
  if (slices.length < MIN_SLICES) {
    return { error: `A reformat needs at least ${MIN_SLICES} slices; this series has ${slices.length}.` };
  }
  const eachSlice = checkEachSlice(slices);
  if (eachSlice) return { error: eachSlice };

  const iop = slices[0].header.imageOrientationPatient!;
  const rowDirection = normalize([iop[0], iop[1], iop[2]]);
  const columnDirection = normalize([iop[3], iop[4], iop[5]]);
  const alike = checkSlicesAlike(slices, rowDirection, columnDirection);
  if (alike) return { error: alike };

  const normal = normalize(cross(rowDirection, columnDirection));
  const placed = slices
    .map((slice): PlacedSlice => ({ slice, position: slice.header.imagePositionPatient!, along: dot(slice.header.imagePositionPatient!, normal) }))
    .sort((a, b) => a.along - b.along);
  const stackError = checkNoTilt(placed, normal) ?? checkEvenSpacing(placed);
  if (stackError) return { error: stackError };

  const { rows, columns, spacing } = slices[0].header;
  const sliceLength = rows * columns;
  const voxelType = chooseVoxelType(slices);
  const ranges = slices.map(modalityRange);
  const exact = voxelType === 'int16' ? (v: number) => v : Math.fround;
  return {
    dimensions: [columns, rows, placed.length],
    spacing: [spacing.columnMm, spacing.rowMm, (placed[placed.length - 1].along - placed[0].along) / (placed.length - 1)],
    origin: placed[0].position,
    rowDirection,
    columnDirection,
    normal,
    slices: placed.map(({ slice }) => slice.frame.pixels.subarray(0, sliceLength)),
    slopes: Float64Array.from(placed, ({ slice }) => slice.header.rescaleSlope),
    intercepts: Float64Array.from(placed, ({ slice }) => slice.header.rescaleIntercept),
    voxelType,
    min: exact(Math.min(...ranges.map((r) => r[0]))),
    max: exact(Math.max(...ranges.map((r) => r[1]))),
  };
}

/** The modality value of voxel (i, j, k). */
export function voxelValue(volume: Volume, i: number, j: number, k: number): number {
  return volume.slices[k][i + j * volume.dimensions[0]] * volume.slopes[k] + volume.intercepts[k];
}

export function isVolume(result: VolumeOrRefusal): result is Volume {
  return !('error' in result);
}

/** Patient position (LPS mm) of a voxel index, fractional indices included (PS3.3 C.7.6.2.1.1, extended along the normal). */
export function voxelToPatient(volume: VolumeGrid, [i, j, k]: readonly [number, number, number]): Vec3 {
  const [columnMm, rowMm, sliceMm] = volume.spacing;
  return add(
    volume.origin,
    add(add(scale(volume.rowDirection, i * columnMm), scale(volume.columnDirection, j * rowMm)), scale(volume.normal, k * sliceMm)),
  );
}

/** Fractional voxel index of a patient position; it may lie outside the volume. */
export function patientToVoxel(volume: VolumeGrid, point: Vec3): Vec3 {
  const offset = subtract(point, volume.origin);
  const [columnMm, rowMm, sliceMm] = volume.spacing;
  return [dot(offset, volume.rowDirection) / columnMm, dot(offset, volume.columnDirection) / rowMm, dot(offset, volume.normal) / sliceMm];
}
