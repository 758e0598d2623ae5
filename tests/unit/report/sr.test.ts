import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dcmjs from 'dcmjs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/model/types';
import { buildSr } from '../../../shared/report/sr';
import { readSr } from '../../../shared/report/sr-read';
import { OTHER_IMAGE_PLANE } from '../model/sample-document';
import { SOURCE_IMAGES, reportInput } from './report-input';

const now = new Date('2025-05-06T07:08:09.000Z');
let counter = 0;
const newUid = () => `1.2.826.0.1.3680043.8.498.99.${++counter}`;

function hasTool(name: string): boolean {
  return spawnSync('which', [name]).status === 0;
}

const dir = mkdtempSync(join(tmpdir(), 'spinelab-sr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The source images as a CT series records them: with the Frame of Reference a reformat lives in. */
const WITH_FRAME_OF_REFERENCE = SOURCE_IMAGES.map((image) => ({ ...image, frameOfReferenceUid: '1.2.826.0.1.3680043.8.498.77' }));

function writeSrFile(sourceImages = SOURCE_IMAGES, name = 'report.dcm'): string {
  const path = join(dir, name);
  writeFileSync(path, buildSr(reportInput(), { now, sourceImages, newUid }).bytes);
  return path;
}

type Dataset = Record<string, unknown>;
const contentItems = (d: Dataset): Dataset[] => (Array.isArray(d.ContentSequence) ? (d.ContentSequence as Dataset[]) : []);

function naturalized(bytes: Uint8Array) {
  const dict = dcmjs.data.DicomMessage.readFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return { dict, dataset: dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict) };
}

/** Every TEXT value of the content tree, depth first. */
function textValues(bytes: Uint8Array): string[] {
  const walk = (d: Dataset): string[] => [...(typeof d.TextValue === 'string' ? [d.TextValue] : []), ...contentItems(d).flatMap(walk)];
  return walk(naturalized(bytes).dataset);
}

/** The report with its TEXT values rewritten, as an older SpineLab would have written them. */
function withTextValues(bytes: Uint8Array, change: (text: string) => string): Uint8Array {
  const { dict, dataset } = naturalized(bytes);
  const walk = (d: Dataset): void => {
    if (typeof d.TextValue === 'string') d.TextValue = change(d.TextValue);
    contentItems(d).forEach(walk);
  };
  walk(dataset);
  dict.dict = dcmjs.data.DicomMetaDictionary.denaturalizeDataset(dataset);
  return new Uint8Array(dict.write());
}

/** SCOORD coordinates are stored as 32-bit floats, so a point returns within float precision. */
function rounded(annotation: Annotation): unknown {
  return JSON.parse(JSON.stringify(annotation, (key, value) => (typeof value === 'number' && key !== 'frameIndex' ? Math.fround(value) : value)));
}

describe('buildSr / readSr', () => {
  it('round-trips every image annotation back onto its own image', () => {
    const input = reportInput();
    const { bytes, omitted } = buildSr(input, { now, sourceImages: SOURCE_IMAGES, newUid });
    expect(omitted).toEqual([{ annotationId: 'v-ref', reason: expect.stringContaining('record no Frame of Reference') }]);
    const read = readSr(bytes);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    const expected = input.doc.annotations.filter((a) => a.plane.kind === 'image');
    expect(read.value.studyInstanceUid).toBe(input.doc.studyInstanceUid);
    expect(read.value.patientPosition).toBe('standing');
    expect(read.value.annotations.map((a) => a.id)).toEqual(expected.map((a) => a.id));
    read.value.annotations.forEach((a, i) => {
      const { createdAt: _read, ...restored } = a;
      const { createdAt: _original, ...original } = expected[i];
      expect(rounded(restored as Annotation), a.id).toEqual(rounded(original as Annotation));
    });
  });

  it('puts a measurement drawn on a reformat back on that plane, from SCOORD3D points in a Comprehensive 3D SR', () => {
    const input = reportInput();
    const { bytes, omitted } = buildSr(input, { now, sourceImages: WITH_FRAME_OF_REFERENCE, newUid });
    expect(omitted).toEqual([]);
    const read = readSr(bytes);
    if (!read.ok) throw new Error(read.errors.join('\n'));
    expect(read.value.annotations.map((a) => a.id)).toEqual(input.doc.annotations.map((a) => a.id));
    const original = input.doc.annotations.find((a) => a.id === 'v-ref')!;
    const restored = read.value.annotations.find((a) => a.id === 'v-ref')!;
    expect(restored.plane).toEqual(original.plane);
    if (original.type !== 'vertebra' || restored.type !== 'vertebra') throw new Error('vertebra expected');
    expect(restored.level).toBe('L3');
    for (const [name, point] of Object.entries(original.points)) {
      // Patient coordinates travel as 32-bit floats: back on the plane within a thousandth of a pixel.
      expect(restored.points[name as keyof typeof original.points].x).toBeCloseTo(point.x, 3);
      expect(restored.points[name as keyof typeof original.points].y).toBeCloseTo(point.y, 3);
    }
  });

  it('keeps the reader grade and the suggestion apart, and single-frame images without a frame number', () => {
    const { bytes } = buildSr(reportInput(), { now, sourceImages: SOURCE_IMAGES, newUid });
    const read = readSr(bytes);
    if (!read.ok) throw new Error(read.errors.join('\n'));
    const grades = read.value.annotations.flatMap((a) => (a.type === 'vertebra' ? [[a.level, a.finalGrade]] : []));
    expect(grades).toEqual([['T12', undefined], ['L1', 2], ['L2', undefined]]);
  });

  it('names the endplates a Cobb line follows by level, never by annotation id, and finds them again by level on the same plane', () => {
    const input = reportInput();
    // The same level measured on another image comes first: the line must follow the T12 of its own image.
    const elsewhere: Annotation = { ...input.doc.annotations[0], id: 'v-t12-other', plane: OTHER_IMAGE_PLANE };
    const doc = { ...input.doc, annotations: [elsewhere, ...input.doc.annotations] };
    const { bytes } = buildSr({ ...input, doc }, { now, sourceImages: SOURCE_IMAGES, newUid });
    const follows = textValues(bytes).filter((t) => t.includes('follows'));
    expect(follows).toEqual(['line 1 follows T12 superior', 'line 2 follows L2 inferior']);
    const read = readSr(bytes);
    if (!read.ok) throw new Error(read.errors.join('\n'));
    const cobb = read.value.annotations.find((a) => a.id === 'cobb-1');
    expect(cobb?.type === 'cobb' && cobb.lines).toEqual([
      { kind: 'endplate', annotationId: 'v-t12', endplate: 'superior' },
      { kind: 'endplate', annotationId: 'v-l2', endplate: 'inferior' },
    ]);
  });

  it('still reads a report that named the followed vertebra by its annotation id', () => {
    const { bytes } = buildSr(reportInput(), { now, sourceImages: SOURCE_IMAGES, newUid });
    const older = withTextValues(bytes, (t) => t.replace('follows T12 superior', 'follows v-t12 superior').replace('follows L2 inferior', 'follows v-l2 inferior'));
    expect(textValues(older)).toContain('line 1 follows v-t12 superior');
    const read = readSr(older);
    if (!read.ok) throw new Error(read.errors.join('\n'));
    const cobb = read.value.annotations.find((a) => a.id === 'cobb-1');
    expect(cobb?.type === 'cobb' && cobb.lines.map((l) => (l.kind === 'endplate' ? l.annotationId : l.kind))).toEqual(['v-t12', 'v-l2']);
  });

  it('refuses bytes that are not a SpineLab-readable SR', () => {
    expect(readSr(new Uint8Array([1, 2, 3])).ok).toBe(false);
  });

  it.skipIf(!hasTool('dcmdump'))('dcmdump reads it: patient and study copied, SR IOD, values in mm and deg', () => {
    const dump = execFileSync('dcmdump', ['-q', writeSrFile()], { encoding: 'utf8' });
    expect(dump).toContain('Testperson^Erika');
    expect(dump).toContain('PID-4711');
    expect(dump).toMatch(/SOPClassUID[\s\S]*=ComprehensiveSRStorage/);
    expect(dump).toContain('(0040,a30a) DS [20]'); // Ha of L1, in mm
    expect(dump).toMatch(/UCUM[\s\S]*mm/);
    expect(dump).toContain('[deg]');
    expect(dump).toContain('[285285000]');
    expect(dump).not.toMatch(/^E:|error/im);
  });

  it.skipIf(!hasTool('dsrdump'))('dsrdump parses the structured report without errors', () => {
    const result = spawnSync('dsrdump', ['-Ee', writeSrFile()], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/^E:/m);
    expect(result.stdout).toContain('Imaging Measurement Report');
    expect(result.stdout).toContain('L1 vertebra');
    expect(result.stdout).toContain('Genant grade 2 (moderate)');
  });

  it.skipIf(!hasTool('dsrdump'))('dsrdump parses the 3D report of a reformat measurement without errors', () => {
    const result = spawnSync('dsrdump', ['-Ee', writeSrFile(WITH_FRAME_OF_REFERENCE, 'report-3d.dcm')], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/^E:/m);
    expect(result.stdout).toContain('Comprehensive 3D SR');
    expect(result.stdout).toMatch(/SCOORD3D/);
    expect(result.stdout).toContain('L3 vertebra');
  });
});

if (!hasTool('dcmdump') || !hasTool('dsrdump')) {
  console.warn('sr.test.ts: DCMTK (dcmdump, dsrdump) is not installed; the DICOM conformance checks are skipped. CI installs it.');
}
