import { describe, expect, it } from 'vitest';
import type { Vec3 } from '../../../shared/dicom/header';
import { buildVolume, isVolume, patientToVoxel, voxelToPatient, voxelValue, type Volume, type VolumeSlice } from '../../../shared/volume/volume';
import { SAGITTAL_ACQUISITION, sphereSeries, syntheticSeries } from './synthetic-series';

const CENTRE: Vec3 = [8, 2, 130];

function volumeOf(slices: VolumeSlice[]): Volume {
  const result = buildVolume(slices);
  if (!isVolume(result)) throw new Error(result.error);
  return result;
}

function refusalOf(slices: VolumeSlice[]): string {
  const result = buildVolume(slices);
  if (isVolume(result)) throw new Error('expected a refusal');
  return result.error;
}

/** A small axial series whose stored value encodes the slice index, to check the stacking order. */
function indexedSeries(positionOf?: (k: number, regular: Vec3) => Vec3, slices = 6): VolumeSlice[] {
  return syntheticSeries({
    columns: 4,
    rows: 3,
    slices,
    columnMm: 0.5,
    rowMm: 0.5,
    sliceMm: 2,
    orientation: [1, 0, 0, 0, 1, 0],
    origin: [0, 0, 0],
    storedValueAt: (p) => Math.round(p[2] * 10),
    positionOf,
  });
}

describe('buildVolume', () => {
  it('stacks slices along the normal, whatever order they arrive in, with the spacing from their positions', () => {
    const slices = sphereSeries(CENTRE);
    const shuffled = [slices[5], ...slices.slice(12), slices[0], ...slices.slice(6, 12), ...slices.slice(1, 5)];
    const volume = volumeOf(shuffled);
    expect(volume.dimensions).toEqual([80, 80, 24]);
    expect(volume.spacing[0]).toBe(0.7);
    expect(volume.spacing[1]).toBe(0.8);
    // Slice Thickness in these headers is 5 mm; the positions say 2.5 mm.
    expect(volume.spacing[2]).toBeCloseTo(2.5, 12);
    expect(volume.origin).toEqual([-20, -30, 100]);
    expect(volume.rowDirection).toEqual([1, 0, 0]);
    expect(volume.columnDirection).toEqual([0, 1, 0]);
    expect(volume.normal).toEqual([0, 0, 1]);
    expect(volume.voxelType).toBe('int16');
    expect([volume.min, volume.max]).toEqual([0, 1000]);
    const centre = patientToVoxel(volume, CENTRE).map(Math.round);
    expect(voxelValue(volume, centre[0], centre[1], centre[2])).toBe(1000);
  });

  it('orders slices by position, not by the order given, when slices run from head to feet', () => {
    const volume = volumeOf(indexedSeries((k) => [0, 0, 10 - 2 * k]).reverse());
    expect(Array.from({ length: 6 }, (_, k) => voxelValue(volume, 0, 0, k))).toEqual([0, 20, 40, 60, 80, 100]);
    expect(volume.origin).toEqual([0, 0, 0]);
  });

  it('applies Rescale Slope and Intercept, keeping Int16 for whole-number rescales', () => {
    const volume = volumeOf(sphereSeries(CENTRE, { rescaleSlope: 1, rescaleIntercept: -1024 }));
    expect(volume.voxelType).toBe('int16');
    expect([volume.min, volume.max]).toEqual([-1024, -24]);
    const centre = patientToVoxel(volume, CENTRE).map(Math.round);
    expect(voxelValue(volume, centre[0], centre[1], centre[2])).toBe(-24);
  });

  it('uses Float32 when the rescale is fractional or leaves the 16-bit range', () => {
    const fractional = volumeOf(sphereSeries(CENTRE, { rescaleSlope: 0.25, rescaleIntercept: 0.5 }));
    expect(fractional.voxelType).toBe('float32');
    expect([fractional.min, fractional.max]).toEqual([0.5, 250.5]);
    const wide = volumeOf(sphereSeries(CENTRE, { rescaleSlope: 40, rescaleIntercept: 0 }));
    expect(wide.voxelType).toBe('float32');
    expect(wide.max).toBe(40_000);
  });

  it('maps voxels to patient positions and back (PS3.3 C.7.6.2.1.1)', () => {
    const volume = volumeOf(syntheticSeries({
      columns: 5, rows: 4, slices: 3, columnMm: 0.7, rowMm: 0.9, sliceMm: 3,
      orientation: SAGITTAL_ACQUISITION, origin: [-10, -50, 60], storedValueAt: () => 0,
    }));
    // Sagittal acquisition: i runs Posterior, j Feet, k (row × column) towards patient Right.
    expect(volume.normal).toEqual([-1, 0, 0]);
    const patient = voxelToPatient(volume, [2, 3, 1]);
    [-13, -48.6, 57.3].forEach((value, axis) => expect(patient[axis]).toBeCloseTo(value, 10));
    const back = patientToVoxel(volume, patient);
    [2, 3, 1].forEach((value, axis) => expect(back[axis]).toBeCloseTo(value, 10));
  });
});

describe('buildVolume refuses, in words, series that would reformat distorted', () => {
  it('refuses fewer than three slices', () => {
    expect(refusalOf(indexedSeries(undefined, 2))).toMatch(/at least 3 slices; this series has 2/);
  });

  it('refuses missing slices and says where the gap is', () => {
    const withGap = indexedSeries().filter((_, k) => k !== 3);
    expect(refusalOf(withGap)).toBe('About 1 image is missing between 4 mm and 8 mm along the stack (slices are otherwise 2 mm apart).');
  });

  it('refuses slices spaced unevenly by more than 10%', () => {
    const uneven = indexedSeries((k, regular) => (k >= 3 ? [0, 0, regular[2] + 0.3] : regular));
    expect(refusalOf(uneven)).toMatch(/unevenly spaced \(from 2 mm to 2\.3 mm apart\)/);
    const withinTolerance = indexedSeries((k, regular) => (k === 3 ? [0, 0, regular[2] + 0.1] : regular));
    expect(isVolume(buildVolume(withinTolerance))).toBe(true);
  });

  it('refuses two slices at the same position', () => {
    const slices = indexedSeries();
    expect(refusalOf([...slices, slices[2]])).toMatch(/same position \(4 mm along the stack\)/);
  });

  it('refuses gantry tilt: positions that drift sideways as they advance', () => {
    const tiltRad = (2 * Math.PI) / 180;
    const tilted = indexedSeries((_, regular) => [0, regular[2] * Math.tan(tiltRad), regular[2]]);
    expect(refusalOf(tilted)).toBe('The slices were acquired with a tilted gantry (about 2° off perpendicular); a reformat would be skewed.');
    const slight = indexedSeries((_, regular) => [0, regular[2] * Math.tan((0.3 * Math.PI) / 180), regular[2]]);
    expect(isVolume(buildVolume(slight))).toBe(true);
  });

  it('refuses mixed orientations', () => {
    const slices = indexedSeries();
    slices[4] = { ...slices[4], header: { ...slices[4].header, imageOrientationPatient: SAGITTAL_ACQUISITION } };
    expect(refusalOf(slices)).toMatch(/mixes image orientations/);
  });

  it('refuses images of different sizes or pixel spacings', () => {
    const sizes = indexedSeries();
    sizes[1] = { header: { ...sizes[1].header, rows: 2 }, frame: { ...sizes[1].frame, rows: 2, pixels: sizes[1].frame.pixels.subarray(0, 8) } };
    expect(refusalOf(sizes)).toMatch(/not all the same size \(4×3 and 4×2 pixels\)/);
    const spacings = indexedSeries();
    spacings[2] = { ...spacings[2], header: { ...spacings[2].header, spacing: { ...spacings[2].header.spacing, rowMm: 0.6 } } };
    expect(refusalOf(spacings)).toMatch(/same pixel size \(0\.5 mm × 0\.5 mm and 0\.5 mm × 0\.6 mm\)/);
  });

  it('refuses colour, missing geometry and uncalibrated pixels', () => {
    const colour = indexedSeries();
    colour[0] = { ...colour[0], frame: { ...colour[0].frame, samplesPerPixel: 3 } };
    expect(refusalOf(colour)).toMatch(/Image 1 of the series is in colour/);
    const unplaced = indexedSeries();
    unplaced[1] = { ...unplaced[1], header: { ...unplaced[1].header, imagePositionPatient: undefined } };
    expect(refusalOf(unplaced)).toMatch(/Image 2 of the series does not record its position/);
    const uncalibrated = indexedSeries();
    uncalibrated[2] = { ...uncalibrated[2], header: { ...uncalibrated[2].header, spacing: { rowMm: 1, columnMm: 1, source: 'none', note: '' } } };
    expect(refusalOf(uncalibrated)).toMatch(/pixel size in the patient/);
  });
});
