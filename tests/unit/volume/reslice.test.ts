import { describe, expect, it } from 'vitest';
import type { Orientation, Vec3 } from '../../../shared/dicom/header';
import { orientationLetters } from '../../../shared/dicom/orientation';
import {
  imagePointToPatient,
  indexOfPosition,
  patientToImagePoint,
  planeIndexRange,
  positionOfIndex,
  referenceLine,
  reslice,
  type AnatomicalPlane,
  type ResliceImage,
} from '../../../shared/volume/reslice';
import { distanceMm } from '../../../shared/measure/units';
import { annotationsOnPlane, patientPointOf } from '../../../shared/model/plane';
import { SCHEMA_VERSION, type ReformatPlane, type StudyAnnotations } from '../../../shared/model/types';
import { buildVolume, isVolume, patientToVoxel, voxelValue, type Volume, type VolumeSlice } from '../../../shared/volume/volume';
import {
  CORONAL_ACQUISITION,
  FEET_FIRST_PRONE_AXIAL,
  HEAD_FIRST_SUPINE_AXIAL,
  SAGITTAL_ACQUISITION,
  SPHERE_RADIUS_MM,
  SPHERE_VALUE,
  sphereSeries,
  syntheticSeries,
} from './synthetic-series';

const CENTRE: Vec3 = [8, 2, 130];
const PLANES: AnatomicalPlane[] = ['axial', 'sagittal', 'coronal'];
/** Image normals (row × column) of the display conventions: axial → Head, sagittal → patient Right, coronal → Posterior. */
const NORMALS: Record<AnatomicalPlane, Vec3> = { axial: [0, 0, 1], sagittal: [-1, 0, 0], coronal: [0, 1, 0] };

const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

function volumeOf(slices: VolumeSlice[]): Volume {
  const result = buildVolume(slices);
  if (!isVolume(result)) throw new Error(result.error);
  return result;
}

const SPHERE = volumeOf(sphereSeries(CENTRE));

/** Extent in mm, along image x and y, of the pixels at or above half the sphere's value. */
function extentMm(image: ResliceImage): { x: number; y: number } {
  let [minX, maxX, minY, maxY] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (image.pixels[y * image.width + x] < SPHERE_VALUE / 2) continue;
      [minX, maxX, minY, maxY] = [Math.min(minX, x), Math.max(maxX, x), Math.min(minY, y), Math.max(maxY, y)];
    }
  }
  return { x: (maxX - minX + 1) * image.columnSpacingMm, y: (maxY - minY + 1) * image.rowSpacingMm };
}

/** A value that changes along every patient axis at a different rate, so any mirroring or swap shows. */
const ramp = (p: Vec3) => Math.round(4 * p[0] + 2 * p[1] + p[2]);

function rampVolume(orientation: Orientation, origin: Vec3): Volume {
  return volumeOf(syntheticSeries({ columns: 24, rows: 20, slices: 9, columnMm: 0.7, rowMm: 0.8, sliceMm: 2.5, orientation, origin, storedValueAt: ramp }));
}

/** Every pixel of the image shows the voxel found at the patient position the image geometry gives for it. */
function expectGeometryMatchesContent(image: ResliceImage): void {
  let worst = 0;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      worst = Math.max(worst, Math.abs(image.pixels[y * image.width + x] - ramp(imagePointToPatient(image, { x, y }))));
    }
  }
  expect(worst).toBeLessThanOrEqual(1);
}

describe('reslice: a sphere stays a sphere on anisotropic voxels (0.7 × 0.8 × 2.5 mm)', () => {
  for (const plane of PLANES) {
    it(`is a circle of diameter 40 mm, within one voxel, on the ${plane} plane through its centre`, () => {
      const image = reslice(SPHERE, plane, { positionMm: dot(CENTRE, NORMALS[plane]) });
      const extent = extentMm(image);
      expect(Math.abs(extent.x - 2 * SPHERE_RADIUS_MM)).toBeLessThanOrEqual(image.columnSpacingMm + 1e-9);
      expect(Math.abs(extent.y - 2 * SPHERE_RADIUS_MM)).toBeLessThanOrEqual(image.rowSpacingMm + 1e-9);
      expect(image.pixelAspectRatio).toBeCloseTo(image.rowSpacingMm / image.columnSpacingMm, 12);
    });
  }

  it('gives the sagittal image the physical size of the volume (rows × 0.8 mm wide, slices × 2.5 mm high)', () => {
    const image = reslice(SPHERE, 'sagittal', { index: 40 });
    expect([image.width, image.height]).toEqual([80, 24]);
    expect(image.width * image.columnSpacingMm).toBeCloseTo(80 * 0.8, 10);
    expect(image.height * image.rowSpacingMm).toBeCloseTo(24 * 2.5, 10);
    expect([image.min, image.max]).toEqual([0, SPHERE_VALUE]);
  });
});

describe('reslice: display conventions and orientation letters', () => {
  it('head-first supine axial series: axial R|L A/P, sagittal A|P H/F, coronal R|L H/F', () => {
    const letters = (plane: AnatomicalPlane) => {
      const image = reslice(SPHERE, plane, { index: 10 });
      return orientationLetters(image.rowDirection, image.columnDirection);
    };
    expect(letters('axial')).toEqual({ left: 'R', right: 'L', top: 'A', bottom: 'P' });
    expect(letters('sagittal')).toEqual({ left: 'A', right: 'P', top: 'H', bottom: 'F' });
    expect(letters('coronal')).toEqual({ left: 'R', right: 'L', top: 'H', bottom: 'F' });
  });

  // Each image's geometry must agree with its pixels, and its letters with the convention, for acquisitions
  // whose grid runs every which way relative to the patient.
  const acquisitions: [string, Orientation, Vec3][] = [
    ['head-first supine axial', HEAD_FIRST_SUPINE_AXIAL, [-8, -8, 40]],
    ['feet-first prone axial', FEET_FIRST_PRONE_AXIAL, [8, 8, 40]],
    ['sagittal', SAGITTAL_ACQUISITION, [10, -8, 48]],
    ['coronal', CORONAL_ACQUISITION, [-8, 10, 48]],
  ];
  for (const [name, orientation, origin] of acquisitions) {
    it(`${name} acquisition: every plane shows the right voxels in the conventional orientation`, () => {
      const volume = rampVolume(orientation, origin);
      const expected: Record<AnatomicalPlane, { left: string; right: string; top: string; bottom: string }> = {
        axial: { left: 'R', right: 'L', top: 'A', bottom: 'P' },
        sagittal: { left: 'A', right: 'P', top: 'H', bottom: 'F' },
        coronal: { left: 'R', right: 'L', top: 'H', bottom: 'F' },
      };
      for (const plane of PLANES) {
        const range = planeIndexRange(volume, plane);
        const image = reslice(volume, plane, { index: Math.floor((range.first + range.last) / 2) });
        expect(orientationLetters(image.rowDirection, image.columnDirection)).toEqual(expected[plane]);
        expect(image.normal.map((v) => v + 0)).toEqual(NORMALS[plane]);
        expectGeometryMatchesContent(image);
      }
    });
  }
});

describe('reslice: positions and point mapping', () => {
  it('indexes layers and positions consistently', () => {
    expect(planeIndexRange(SPHERE, 'axial')).toEqual({ first: 0, last: 23, stepMm: 2.5 });
    expect(planeIndexRange(SPHERE, 'sagittal')).toEqual({ first: 0, last: 79, stepMm: 0.7 });
    expect(planeIndexRange(SPHERE, 'coronal')).toEqual({ first: 0, last: 79, stepMm: 0.8 });
    expect(positionOfIndex(SPHERE, 'axial', 12)).toBeCloseTo(130, 10);
    // The sagittal normal points to patient Right, so positions fall as x (towards Left) rises.
    expect(positionOfIndex(SPHERE, 'sagittal', 40)).toBeCloseTo(-8, 10);
    expect(indexOfPosition(SPHERE, 'coronal', positionOfIndex(SPHERE, 'coronal', 17))).toBeCloseTo(17, 10);
    const image = reslice(SPHERE, 'coronal', { index: 17 });
    expect(image.positionMm).toBeCloseTo(positionOfIndex(SPHERE, 'coronal', 17), 10);
  });

  it('maps a click on the sagittal image to the axial slice through it, and back', () => {
    const sagittal = reslice(SPHERE, 'sagittal', { positionMm: -8 });
    const clicked = { x: 30, y: 10 };
    const patient = imagePointToPatient(sagittal, clicked);
    // Sagittal y runs from Head to Feet, so row 10 of 24 slices is slice 23 − 10.
    const axialIndex = indexOfPosition(SPHERE, 'axial', dot(patient, NORMALS.axial));
    expect(axialIndex).toBeCloseTo(13, 10);
    expect(patientToVoxel(SPHERE, patient)[2]).toBeCloseTo(13, 10);
    const axial = reslice(SPHERE, 'axial', { index: Math.round(axialIndex) });
    const onAxial = patientToImagePoint(axial, patient);
    expect(onAxial.x).toBeCloseTo(40, 10);
    expect(onAxial.y).toBeCloseTo(30, 10);
    expect(axial.pixels[Math.round(onAxial.y) * axial.width + Math.round(onAxial.x)]).toBe(sagittal.pixels[clicked.y * sagittal.width + clicked.x]);
    const back = patientToImagePoint(sagittal, imagePointToPatient(axial, onAxial));
    expect(back.x).toBeCloseTo(clicked.x, 10);
    expect(back.y).toBeCloseTo(clicked.y, 10);
  });

  it('interpolates linearly between acquired slices and places the image exactly there', () => {
    const volume = rampVolume(HEAD_FIRST_SUPINE_AXIAL, [0, 0, 0]);
    const between = reslice(volume, 'axial', { positionMm: 3.75 });
    expect(between.positionMm).toBeCloseTo(3.75, 12);
    const below = reslice(volume, 'axial', { index: 1 });
    const above = reslice(volume, 'axial', { index: 2 });
    for (let p = 0; p < between.pixels.length; p += 37) {
      expect(between.pixels[p]).toBe(Math.round((below.pixels[p] + above.pixels[p]) / 2));
    }
  });

  it('keeps Float32 volumes in Float32, unrounded', () => {
    const volume = volumeOf(syntheticSeries({
      columns: 4, rows: 3, slices: 4, columnMm: 0.5, rowMm: 0.5, sliceMm: 2,
      orientation: HEAD_FIRST_SUPINE_AXIAL, origin: [0, 0, 0], storedValueAt: (p) => p[2], rescaleSlope: 0.5,
    }));
    const between = reslice(volume, 'axial', { positionMm: 2.5 });
    expect(between.pixels).toBeInstanceOf(Float32Array);
    expect(Array.from(new Set(between.pixels))).toEqual([1.25]);
  });

  it('refuses a plane outside the volume', () => {
    expect(() => reslice(SPHERE, 'axial', { positionMm: 200 })).toThrow(RangeError);
    expect(() => reslice(SPHERE, 'sagittal', { index: 80 })).toThrow(/outside the volume/);
  });
});

describe('reslice: interpolation across 3 mm slices for display', () => {
  // The case: 3 mm axial slices on 1.07 mm pixels, so sagittal and coronal pixels are 1.07 × 3 mm.
  const thick = (storedValueAt: (p: Vec3) => number, orientation: Orientation = HEAD_FIRST_SUPINE_AXIAL) =>
    volumeOf(syntheticSeries({ columns: 20, rows: 18, slices: 8, columnMm: 1.07, rowMm: 1.07, sliceMm: 3, orientation, origin: [0, 0, 0], storedValueAt }));
  /** Each slice holds one value, 90 apart: on the native grid a column down a sagittal image is a staircase. */
  const terraced = thick((p) => 30 * Math.round(p[2]));
  const smooth = { interpolateAcrossSlices: true };

  function column(image: ResliceImage, x: number): number[] {
    return Array.from({ length: image.height }, (_, y) => image.pixels[y * image.width + x]);
  }

  it('divides each 3 mm step into three 1 mm rows whose values rise linearly, not in steps', () => {
    const image = reslice(terraced, 'sagittal', { index: 10 }, smooth);
    expect([image.width, image.height]).toEqual([18, 7 * 3 + 1]);
    expect(image.rowSpacingMm).toBeCloseTo(1, 12);
    expect(image.columnSpacingMm).toBe(1.07);
    const profile = column(image, 9);
    const steps = profile.slice(1).map((v, y) => v - profile[y]);
    // Head at the top: values fall by 90 per slice, 30 per row, at every row; the native grid falls 90 at once.
    expect(new Set(steps)).toEqual(new Set([-30]));
    // Without it: one 3 mm row per slice, which the screen stretches into 90-high steps.
    const native = reslice(terraced, 'sagittal', { index: 10 });
    expect([native.height, native.rowSpacingMm]).toEqual([8, 3]);
  });

  it('keeps every acquired slice, unchanged, on a row of its own', () => {
    const native = reslice(terraced, 'coronal', { index: 6 });
    const image = reslice(terraced, 'coronal', { index: 6 }, smooth);
    for (let row = 0; row < native.height; row++) {
      expect(Array.from(image.pixels.subarray(row * 3 * image.width, (row * 3 + 1) * image.width))).toEqual(Array.from(native.pixels.subarray(row * native.width, (row + 1) * native.width)));
    }
  });

  it('describes the finer grid exactly: every pixel shows the value at the patient position its geometry gives', () => {
    // The ramp is linear in the patient, so linear interpolation reproduces it to the rounding.
    for (const [orientation, plane] of [[HEAD_FIRST_SUPINE_AXIAL, 'sagittal'], [HEAD_FIRST_SUPINE_AXIAL, 'coronal'], [SAGITTAL_ACQUISITION, 'axial'], [SAGITTAL_ACQUISITION, 'coronal']] as const) {
      const volume = thick(ramp, orientation);
      const image = reslice(volume, plane, { index: 5 }, smooth);
      expect(image.columnSpacingMm * image.rowSpacingMm).toBeLessThan(1.07 * 3 - 1e-9);
      expect(image.pixelAspectRatio).toBeCloseTo(image.rowSpacingMm / image.columnSpacingMm, 12);
      expectGeometryMatchesContent(image);
    }
  });

  it('leaves planes alone whose pixels are already near-square, and axial planes of axial series', () => {
    expect(reslice(terraced, 'axial', { index: 4 }, smooth)).toEqual(reslice(terraced, 'axial', { index: 4 }));
    // 2.5 mm slices beside 0.8 mm (sagittal: rows of the axial slices) and 0.7 mm (coronal: columns) pixels.
    for (const [plane, steps] of [['sagittal', 3], ['coronal', 4]] as const) {
      const native = reslice(SPHERE, plane, { index: 12 });
      const subdivided = reslice(SPHERE, plane, { index: 12 }, smooth);
      expect([subdivided.width, subdivided.height]).toEqual([native.width, (native.height - 1) * steps + 1]);
      expect(subdivided.rowSpacingMm).toBeCloseTo(2.5 / steps, 12);
    }
    const fine = volumeOf(sphereSeries(CENTRE, { sliceMm: 0.9 }));
    expect(reslice(fine, 'sagittal', { index: 40 }, smooth).height).toBe(24);
  });

  it('measures the same millimetres and keeps a stored annotation on the same anatomy', () => {
    const native = reslice(SPHERE, 'sagittal', { index: 40 });
    const image = reslice(SPHERE, 'sagittal', { index: 40 }, smooth);
    const planeOf = (g: ResliceImage): ReformatPlane => {
      const v = (a: Vec3) => ({ x: a[0], y: a[1], z: a[2] });
      return { kind: 'reformat', seriesInstanceUid: '1.2.3.1', orientation: 'sagittal', origin: v(g.origin), rowDirection: v(g.rowDirection), columnDirection: v(g.columnDirection), rowSpacingMm: g.rowSpacingMm, columnSpacingMm: g.columnSpacingMm };
    };
    // A length drawn on the native grid (saved before this change) is shown on the finer grid.
    const drawn = [{ x: 12, y: 3 }, { x: 61, y: 20 }] as const;
    const doc: StudyAnnotations = { schemaVersion: SCHEMA_VERSION, studyInstanceUid: '1.2.3', updatedAt: '2026-01-01T00:00:00Z', annotations: [{ id: 'a', createdAt: '2026-01-01T00:00:00Z', type: 'length' as const, plane: planeOf(native), points: drawn }] };
    const [shown] = annotationsOnPlane(doc, planeOf(image));
    if (shown.type !== 'length') throw new Error('length expected');
    expect(shown.points.map((p) => [p.x, p.y])).toEqual([[12, 9], [61, 60]].map(([x, y]) => [expect.closeTo(x, 9), expect.closeTo(y, 9)]));
    for (let n = 0; n < 2; n++) {
      const before = patientPointOf(planeOf(native), drawn[n]);
      const after = patientPointOf(planeOf(image), shown.points[n]);
      expect(Math.hypot(before.x - after.x, before.y - after.y, before.z - after.z)).toBeLessThan(1e-9);
      expect(image.pixels[shown.points[n].y * image.width + shown.points[n].x]).toBe(native.pixels[drawn[n].y * native.width + drawn[n].x]);
    }
    const mm = (g: ResliceImage, [a, b]: readonly [{ x: number; y: number }, { x: number; y: number }]) =>
      distanceMm(a, b, { rowMm: g.rowSpacingMm, columnMm: g.columnSpacingMm, source: 'calibrated', note: '' });
    expect(mm(image, [shown.points[0], shown.points[1]])).toBeCloseTo(mm(native, drawn), 9);
  });

  it('interpolates between slab images the way it does between slices', () => {
    const noisy = thick((p) => (Math.round(p[0] * 131 + p[1] * 977 + p[2] * 71) * 2654435761) % 2000 - 1000);
    for (const mode of ['average', 'mip'] as const) {
      const slab = { thicknessMm: 3.2, mode };
      const native = reslice(noisy, 'sagittal', { index: 9 }, { slab });
      const image = reslice(noisy, 'sagittal', { index: 9 }, { slab, ...smooth });
      expect(image.slabThicknessMm).toBe(native.slabThicknessMm);
      const x = 7;
      const [top, next] = [native.pixels[x], native.pixels[native.width + x]];
      expect(column(image, x).slice(0, 4)).toEqual([top, Math.round(top + (next - top) / 3), Math.round(top + (2 * (next - top)) / 3), next]);
    }
  });
});

describe('reslice: slabs', () => {
  /** Deterministic noise (LCG), so that every layer differs. */
  const noisy = volumeOf(syntheticSeries({
    columns: 30, rows: 26, slices: 12, columnMm: 0.7, rowMm: 0.7, sliceMm: 2.5,
    orientation: HEAD_FIRST_SUPINE_AXIAL, origin: [0, 0, 0],
    storedValueAt: (p) => (Math.round(p[0] * 131 + p[1] * 977 + p[2] * 71) * 2654435761) % 2000 - 1000,
  }));

  function layers(plane: AnatomicalPlane, first: number, count: number): ResliceImage[] {
    return Array.from({ length: count }, (_, l) => reslice(noisy, plane, { index: first + l }));
  }

  it('MIP picks the maximum of the layers in the slab, for every plane', () => {
    for (const [plane, count] of [['sagittal', 14], ['coronal', 14], ['axial', 4]] as const) {
      const step = planeIndexRange(noisy, plane).stepMm;
      const slab = reslice(noisy, plane, { index: 8 }, { slab: { thicknessMm: count * step, mode: 'mip' } });
      const parts = layers(plane, 8 - Math.floor((count - 1) / 2), count);
      const expected = Array.from(parts[0].pixels, (_, p) => Math.max(...parts.map((part) => part.pixels[p])));
      expect(Array.from(slab.pixels)).toEqual(expected);
      expect(slab.slabThicknessMm).toBeCloseTo(count * step, 10);
      expect(slab.max).toBe(Math.max(...slab.pixels));
    }
  });

  it('average is the rounded mean of the layers, centred on the plane asked for', () => {
    const slab = reslice(noisy, 'sagittal', { index: 10 }, { slab: { thicknessMm: 2.1, mode: 'average' } });
    const parts = layers('sagittal', 9, 3);
    const expected = Array.from(parts[0].pixels, (_, p) => Math.round((parts[0].pixels[p] + parts[1].pixels[p] + parts[2].pixels[p]) / 3));
    expect(Array.from(slab.pixels)).toEqual(expected);
    expect(slab.positionMm).toBeCloseTo(positionOfIndex(noisy, 'sagittal', 10), 10);
  });
});

describe('reslice: each slice keeps its own Rescale Slope and Intercept', () => {
  // The volume references the slices' stored values; reslicing rescales each voxel with its own slice's
  // values. Slopes alternate sign so that a MIP must rescale before comparing.
  const series = syntheticSeries({ columns: 12, rows: 10, slices: 7, columnMm: 0.7, rowMm: 0.8, sliceMm: 2.5, orientation: HEAD_FIRST_SUPINE_AXIAL, origin: [0, 0, 0], storedValueAt: ramp });
  const rescaled = volumeOf(series.map((slice, k) => ({ ...slice, header: { ...slice.header, rescaleSlope: k % 3 === 2 ? -1 : 1 + (k % 2), rescaleIntercept: 10 * k - 20 } })));

  it('shows every voxel at its own slice\'s modality value, on every plane', () => {
    expect(rescaled.voxelType).toBe('int16');
    for (const plane of PLANES) {
      const { last } = planeIndexRange(rescaled, plane);
      for (let index = 0; index <= last; index++) {
        const image = reslice(rescaled, plane, { index });
        for (let y = 0; y < image.height; y++) {
          for (let x = 0; x < image.width; x++) {
            const [i, j, k] = patientToVoxel(rescaled, imagePointToPatient(image, { x, y })).map(Math.round);
            expect(image.pixels[y * image.width + x]).toBe(voxelValue(rescaled, i, j, k));
          }
        }
      }
    }
  });

  it('averages and projects rescaled values across slices and within them', () => {
    for (const plane of PLANES) {
      const parts = [2, 3, 4].map((index) => reslice(rescaled, plane, { index }).pixels);
      const step = planeIndexRange(rescaled, plane).stepMm;
      const mip = reslice(rescaled, plane, { index: 3 }, { slab: { thicknessMm: 3 * step, mode: 'mip' } });
      const average = reslice(rescaled, plane, { index: 3 }, { slab: { thicknessMm: 3 * step, mode: 'average' } });
      expect(Array.from(mip.pixels)).toEqual(Array.from(parts[0], (_, p) => Math.max(parts[0][p], parts[1][p], parts[2][p])));
      // `+ 0` turns Math.round's −0 into the 0 an Int16Array holds.
      expect(Array.from(average.pixels)).toEqual(Array.from(parts[0], (_, p) => Math.round((parts[0][p] + parts[1][p] + parts[2][p]) / 3) + 0));
    }
  });
});

describe('referenceLine', () => {
  const roundedTo9 = (v: number) => Number(v.toFixed(9)) + 0;
  const sagittal = reslice(SPHERE, 'sagittal', { index: 40 });
  const axial = reslice(SPHERE, 'axial', { index: 13 });
  const coronal = reslice(SPHERE, 'coronal', { index: 30 });

  it('draws the axial plane on the sagittal image as a full-width horizontal line at its slice', () => {
    const line = referenceLine(sagittal, axial)!;
    expect([line.from.x, line.from.y, line.to.x, line.to.y].map(roundedTo9)).toEqual([-0.5, 10, 79.5, 10]);
  });

  it('draws the sagittal and coronal planes on the axial image as vertical and horizontal lines', () => {
    const sagittalOnAxial = referenceLine(axial, sagittal)!;
    expect([sagittalOnAxial.from.x, sagittalOnAxial.to.x].map(roundedTo9)).toEqual([40, 40]);
    expect([sagittalOnAxial.from.y, sagittalOnAxial.to.y].map(roundedTo9).sort((a, b) => a - b)).toEqual([-0.5, 79.5]);
    const coronalOnAxial = referenceLine(axial, coronal)!;
    expect([coronalOnAxial.from.y, coronalOnAxial.to.y].map(roundedTo9)).toEqual([30, 30]);
    expect([coronalOnAxial.from.x, coronalOnAxial.to.x].map(roundedTo9).sort((a, b) => a - b)).toEqual([-0.5, 79.5]);
  });

  it('has no line for parallel planes', () => {
    expect(referenceLine(axial, reslice(SPHERE, 'axial', { index: 3 }))).toBeUndefined();
  });
});
