import { describe, expect, it } from 'vitest';
import type { InstanceHeader } from '../../../shared/dicom/header';
import { orientationLetters, patientOrientationLetters } from '../../../shared/dicom/orientation';
import { parseInstance } from '../../../shared/dicom/parse';
import { buildStudyIndex, seriesGeometry, type IndexEntry } from '../../../shared/dicom/series-index';
import { buildImage, type ImageOptions } from '../../fixtures/dicom/build-dicom';

const AXIAL = [1, 0, 0, 0, 1, 0];
const SAGITTAL = [0, 1, 0, 0, 0, -1];

function entry(fileId: string, options: ImageOptions): IndexEntry {
  return { fileId, header: parseInstance(buildImage({ sopInstanceUid: `1.9.${fileId}`, ...options }), fileId).header };
}

/** A deterministic shuffle (seeded LCG) so the test is reproducible. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('buildStudyIndex', () => {
  it('orders shuffled slices along the slice normal, not by file name or Instance Number', () => {
    // Instance numbers run against position, as on scanners that number head to foot.
    const slices = Array.from({ length: 6 }, (_, i) => entry(`f${i}`, { position: [0, 0, 10 - i * 2], orientation: AXIAL, instanceNumber: i + 1 }));
    const [patient] = buildStudyIndex(shuffled(slices, 7));
    const images = patient.studies[0].series[0].images;
    expect(images.map((image) => image.header.imagePositionPatient![2])).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('falls back to Instance Number then file name when positions are missing', () => {
    const entries = [entry('b', { instanceNumber: 2 }), entry('c', { instanceNumber: 1 }), entry('a10', {}), entry('a9', {})];
    entries[2].header = { ...entries[2].header, instanceNumber: undefined };
    entries[3].header = { ...entries[3].header, instanceNumber: undefined };
    const images = buildStudyIndex(entries)[0].studies[0].series[0].images;
    expect(images.map((i) => i.fileId)).toEqual(['c', 'b', 'a9', 'a10']);
  });

  it('separates two interleaved series and splits a series with mixed orientations', () => {
    const a = Array.from({ length: 3 }, (_, i) => entry(`a${i}`, { seriesInstanceUid: '1.5.1', position: [0, 0, i], orientation: AXIAL }));
    const b = Array.from({ length: 3 }, (_, i) => entry(`b${i}`, { seriesInstanceUid: '1.5.2', position: [0, 0, i], orientation: AXIAL }));
    const localiser = entry('loc', { seriesInstanceUid: '1.5.1', position: [0, 0, 0], orientation: SAGITTAL });
    const interleaved = [a[0], b[0], a[1], localiser, b[1], a[2], b[2]];
    const series = buildStudyIndex(interleaved)[0].studies[0].series;
    expect(series.map((s) => [s.key, s.images.length])).toEqual([
      ['1.5.1', 3],
      ['1.5.1#2', 1],
      ['1.5.2', 3],
    ]);
    expect(series[1].splitReason).toMatch(/orientations/);
  });

  it('keeps patients apart and leaves out duplicate instances', () => {
    const one = entry('x', { patientName: 'A^A' });
    const copy = { ...one, fileId: 'x-copy' };
    const other = entry('y', { patientName: 'B^B' });
    const index = buildStudyIndex([other, one, copy]);
    expect(index.map((p) => p.patientName)).toEqual(['A^A', 'B^B']);
    expect(index[0].studies[0].series[0].duplicateFileIds).toEqual(['x-copy']);
  });
});

describe('seriesGeometry', () => {
  const stack = (zs: number[], orientation = AXIAL, shift = 0) =>
    buildStudyIndex(zs.map((z, i) => entry(`s${i}`, { position: [0, shift * i, z], orientation })))[0].studies[0].series[0];

  it('measures spacing and accepts an even stack', () => {
    expect(seriesGeometry(stack([0, 2.5, 5, 7.5]))).toMatchObject({ sliceSpacingMm: 2.5, gaps: [], unevenSpacing: false, reformattable: true });
  });

  it('finds a missing slice and uneven spacing', () => {
    const g = seriesGeometry(stack([0, 1, 2, 4, 5]));
    expect(g.gaps).toEqual([{ afterIndex: 2, spacingMm: 2 }]);
    expect(g.reformattable).toBe(false);
    expect(g.reason).toMatch(/missing/);
  });

  it('measures gantry tilt', () => {
    // Each slice moves 1 mm in y for 1 mm in z: 45° between the normal and the line through the slices.
    const g = seriesGeometry(stack([0, 1, 2, 3], AXIAL, 1));
    expect(g.gantryTiltDeg).toBeCloseTo(45, 5);
    expect(g.reformattable).toBe(false);
  });

  it('explains why a short or unpositioned stack cannot be reformatted', () => {
    expect(seriesGeometry(stack([0, 1])).reason).toMatch(/at least 3/);
    const header: InstanceHeader = entry('p', {}).header;
    const series = buildStudyIndex([{ fileId: 'p', header }])[0].studies[0].series[0];
    expect(seriesGeometry(series).reason).toMatch(/position or orientation/);
  });
});

describe('orientation letters', () => {
  it('labels an axial image: patient left on the viewer’s right, anterior at the top (PS3.3 C.7.6.1.1.1)', () => {
    expect(orientationLetters([1, 0, 0, 0, 1, 0])).toEqual({ right: 'L', left: 'R', bottom: 'P', top: 'A' });
  });

  it('labels a sagittal image and an oblique one with the strongest direction first', () => {
    expect(orientationLetters([0, 1, 0], [0, 0, -1])).toEqual({ right: 'P', left: 'A', bottom: 'F', top: 'H' });
    const c = Math.SQRT1_2;
    expect(orientationLetters([0.9, 0.436, 0, 0, 0, -1]).right).toBe('LP');
    expect(orientationLetters([c, 0, c, 0, 1, 0]).right).toMatch(/^(LH|HL)$/);
  });

  it('falls back to Patient Orientation for projection images', () => {
    expect(patientOrientationLetters(['P', 'F'])).toEqual({ right: 'P', left: 'A', bottom: 'F', top: 'H' });
  });
});
