/**
 * Series made in memory with known geometry and content, for the volume and reslice tests: each slice is a
 * header and a decoded frame, as shared/dicom would hand them over.
 */
import type { InstanceHeader, Orientation, Vec3 } from '../../../shared/dicom/header';
import { valueRange } from '../../../shared/dicom/pixel-types';
import type { VolumeSlice } from '../../../shared/volume/volume';

export const HEAD_FIRST_SUPINE_AXIAL: Orientation = [1, 0, 0, 0, 1, 0];
export const FEET_FIRST_PRONE_AXIAL: Orientation = [-1, 0, 0, 0, -1, 0];
export const SAGITTAL_ACQUISITION: Orientation = [0, 1, 0, 0, 0, -1];
export const CORONAL_ACQUISITION: Orientation = [1, 0, 0, 0, 0, -1];

export interface SeriesSpec {
  columns: number;
  rows: number;
  slices: number;
  columnMm: number;
  rowMm: number;
  sliceMm: number;
  orientation: Orientation;
  /** Image Position (Patient) of the first slice. */
  origin: Vec3;
  /** Stored value at a patient position (the centre of each pixel). */
  storedValueAt: (p: Vec3) => number;
  rescaleSlope?: number;
  rescaleIntercept?: number;
  /** Overrides Image Position (Patient) of slice k, to make gaps and tilts. */
  positionOf?: (k: number, regular: Vec3) => Vec3;
}

export function header(overrides: Partial<InstanceHeader>): InstanceHeader {
  return {
    sopInstanceUid: '1.2.3.4',
    sopClassUid: '1.2.840.10008.5.1.4.1.1.2',
    studyInstanceUid: '1.2.3',
    seriesInstanceUid: '1.2.3.1',
    patientName: 'Synthetic^Sphere',
    patientId: 'SYN',
    modality: 'CT',
    transferSyntaxUid: '1.2.840.10008.1.2.1',
    rows: 1,
    columns: 1,
    numberOfFrames: 1,
    bitsAllocated: 16,
    bitsStored: 16,
    highBit: 15,
    pixelRepresentation: 1,
    samplesPerPixel: 1,
    photometricInterpretation: 'MONOCHROME2',
    rescaleSlope: 1,
    rescaleIntercept: 0,
    spacing: { rowMm: 1, columnMm: 1, source: 'calibrated', note: 'Pixel Spacing' },
    hasPixelData: true,
    ...overrides,
  };
}

export function syntheticSeries(spec: SeriesSpec): VolumeSlice[] {
  const row: Vec3 = [spec.orientation[0], spec.orientation[1], spec.orientation[2]];
  const column: Vec3 = [spec.orientation[3], spec.orientation[4], spec.orientation[5]];
  const normal: Vec3 = [
    row[1] * column[2] - row[2] * column[1],
    row[2] * column[0] - row[0] * column[2],
    row[0] * column[1] - row[1] * column[0],
  ];
  return Array.from({ length: spec.slices }, (_, k) => {
    const regular: Vec3 = [0, 1, 2].map((a) => spec.origin[a] + k * spec.sliceMm * normal[a]) as Vec3;
    const position = spec.positionOf ? spec.positionOf(k, regular) : regular;
    const pixels = new Int16Array(spec.rows * spec.columns);
    for (let j = 0; j < spec.rows; j++) {
      for (let i = 0; i < spec.columns; i++) {
        const p = [0, 1, 2].map((a) => position[a] + i * spec.columnMm * row[a] + j * spec.rowMm * column[a]) as Vec3;
        pixels[j * spec.columns + i] = spec.storedValueAt(p);
      }
    }
    return {
      header: header({
        sopInstanceUid: `1.2.3.4.${k}`,
        instanceNumber: k + 1,
        rows: spec.rows,
        columns: spec.columns,
        imagePositionPatient: position,
        imageOrientationPatient: spec.orientation,
        sliceThickness: spec.sliceMm * 2,
        rescaleSlope: spec.rescaleSlope ?? 1,
        rescaleIntercept: spec.rescaleIntercept ?? 0,
        spacing: { rowMm: spec.rowMm, columnMm: spec.columnMm, source: 'calibrated', note: 'Pixel Spacing' },
      }),
      frame: { pixels, rows: spec.rows, columns: spec.columns, samplesPerPixel: 1, ...valueRange(pixels) },
    };
  });
}

export const SPHERE_RADIUS_MM = 20;
export const SPHERE_VALUE = 1000;

/**
 * A head-first-supine axial series holding a sphere of radius 20 mm at `centre` (value 1000, background 0),
 * 80 × 80 pixels of 0.7 × 0.8 mm (columns × rows, so a swap of the two spacings shows) and 24 slices 2.5 mm
 * apart: 56 × 64 × 60 mm.
 */
export function sphereSeries(centre: Vec3, overrides: Partial<SeriesSpec> = {}): VolumeSlice[] {
  return syntheticSeries({
    columns: 80,
    rows: 80,
    slices: 24,
    columnMm: 0.7,
    rowMm: 0.8,
    sliceMm: 2.5,
    orientation: HEAD_FIRST_SUPINE_AXIAL,
    origin: [-20, -30, 100],
    storedValueAt: (p) => (Math.hypot(p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]) <= SPHERE_RADIUS_MM ? SPHERE_VALUE : 0),
    ...overrides,
  });
}
