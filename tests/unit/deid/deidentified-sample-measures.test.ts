import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deidentify } from '../../../shared/deid/deidentify';
import { createUidMapper } from '../../../shared/deid/uid-mapper';
import { createCodecProvider } from '../../../shared/dicom/codec-provider';
import { decodeFrame } from '../../../shared/dicom/decode';
import type { InstanceHeader } from '../../../shared/dicom/header';
import { parseInstance, type ParsedInstance } from '../../../shared/dicom/parse';
import { anatomicalDirections } from '../../../shared/measure/anatomical-directions';
import { assessSpine } from '../../../shared/measure/spine';
import { readCaseDetails } from '../../../shared/training/case-truth';

// A de-identified export is only worth sharing if it measures exactly like the original: the
// profile must strip the patient and leave every attribute the geometry, the calibration and
// the pixels depend on. Checked end to end on a generated sample radiograph.

const CASE_DIR = path.resolve('samples/cases/case-02-l1-mild-wedge');
const SERIES_DIR = path.join(CASE_DIR, 'xr-lateral');
const generated = existsSync(path.join(CASE_DIR, 'case.json')) && existsSync(SERIES_DIR);
if (!generated) console.warn('deidentified-sample-measures.test.ts: samples are not generated (npm run samples); skipped.');

/** What the viewer and the measurement engine read of a header, i.e. everything but the identity. */
const GEOMETRY_KEYS = [
  'modality',
  'rows',
  'columns',
  'numberOfFrames',
  'bitsAllocated',
  'bitsStored',
  'highBit',
  'pixelRepresentation',
  'samplesPerPixel',
  'photometricInterpretation',
  'planarConfiguration',
  'rescaleSlope',
  'rescaleIntercept',
  'rescaleType',
  'windowCenter',
  'windowWidth',
  'pixelPaddingValue',
  'imagePositionPatient',
  'imageOrientationPatient',
  'sliceThickness',
  'spacingBetweenSlices',
  'patientPosition',
  'patientOrientation',
  'viewPosition',
  'spacing',
  'frameGeometry',
] as const satisfies readonly (keyof InstanceHeader)[];

const geometry = (header: InstanceHeader) => Object.fromEntries(GEOMETRY_KEYS.map((key) => [key, header[key]]));

describe.skipIf(!generated)('de-identified sample radiograph (case-02-l1-mild-wedge)', () => {
  const file = path.join(SERIES_DIR, readdirSync(SERIES_DIR).filter((n) => n.endsWith('.dcm')).sort()[0] ?? 'missing.dcm');
  const originalBytes = new Uint8Array(readFileSync(file));
  const exported = deidentify(originalBytes.slice().buffer, {
    uidMap: createUidMapper('salt-for-the-sample-export-test'),
    patientPseudonym: 'SPINELAB-0001',
  });
  const exportedBytes = new Uint8Array(exported.bytes);
  const original: ParsedInstance = parseInstance(originalBytes, path.basename(file));
  const deidentified: ParsedInstance = parseInstance(exportedBytes, 'deidentified.dcm');
  const details = readCaseDetails(JSON.parse(readFileSync(path.join(CASE_DIR, 'case.json'), 'utf8')));
  const scratch = mkdtempSync(path.join(tmpdir(), 'spinelab-deid-sample-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('is the identified sample to begin with, and loses its patient', () => {
    expect(original.header.patientName).toMatch(/^SAMPLE\^/);
    expect(original.header.patientId).toMatch(/^SL-CASE-/);
    expect(deidentified.header.patientName).toBe('SPINELAB-0001');
    expect(deidentified.header.patientId).toBe('SPINELAB-0001');
    expect(deidentified.header.sopInstanceUid).not.toBe(original.header.sopInstanceUid);
    const text = Buffer.from(exportedBytes).toString('latin1');
    expect(text).not.toContain('SAMPLE^');
    expect(text).not.toContain('SL-CASE');
    if (original.header.patientBirthDate) expect(text).not.toContain(original.header.patientBirthDate);
  });

  it('keeps the geometry and the pixel spacing, with its source, unchanged', () => {
    expect(original.header.spacing.source).not.toBe('none');
    expect(deidentified.header.spacing).toEqual(original.header.spacing);
    expect(geometry(deidentified.header)).toEqual(geometry(original.header));
  });

  it('decodes to the same pixels', async () => {
    const codecs = createCodecProvider();
    expect(original.header.numberOfFrames).toBeGreaterThan(0);
    for (let frame = 0; frame < original.header.numberOfFrames; frame++) {
      const [a, b] = await Promise.all([decodeFrame(original, frame, codecs), decodeFrame(deidentified, frame, codecs)]);
      expect({ ...b, pixels: undefined }).toEqual({ ...a, pixels: undefined });
      expect(b.pixels.constructor).toBe(a.pixels.constructor);
      expect(Buffer.from(b.pixels.buffer, b.pixels.byteOffset, b.pixels.byteLength).equals(Buffer.from(a.pixels.buffer, a.pixels.byteOffset, a.pixels.byteLength))).toBe(true);
    }
  });

  it('measures the ground-truth points to the same heights', () => {
    const image = details.studies[0]?.images[0];
    if (image?.kind !== 'pixels') throw new Error('case-02 should give its ground truth in pixels');
    expect(image.sopInstanceUid).toBe(original.header.sopInstanceUid);
    const vertebrae = image.vertebrae.map((v) => ({ level: v.level, points: v.points }));
    const measure = (header: InstanceHeader) =>
      assessSpine({ vertebrae, spacing: header.spacing, orientation: anatomicalDirections(header), angleRequests: [] });
    const before = measure(original.header);
    const after = measure(deidentified.header);
    const heights = (results: typeof before) => results.vertebrae.map((v) => ({ level: v.level, ...v.heights }));
    expect(heights(before)).toHaveLength(vertebrae.length);
    expect(heights(after)).toEqual(heights(before));
    expect(after).toEqual(before);
    // and those heights are the case's stated ones, so the comparison is of real measurements
    for (const truth of details.studies[0].vertebrae) {
      const measured = after.vertebrae.find((v) => v.level === truth.level);
      if (measured) expect(Math.abs(measured.heights.ha.value - truth.haMm)).toBeLessThan(0.1);
    }
  });

  const dcmdump = spawnSync('dcmdump', ['--version']).status === 0;
  if (!dcmdump) console.warn('deidentified-sample-measures.test.ts: DCMTK dcmdump is not installed; its check is skipped.');
  it.skipIf(!dcmdump)('dcmdump of the export shows neither the patient name nor the ID (it does for the original)', () => {
    const dump = (file: string) => {
      const result = spawnSync('dcmdump', ['-q', file], { encoding: 'utf8' });
      expect(result.status, result.stderr).toBe(0);
      return result.stdout;
    };
    expect(dump(file)).toMatch(/SAMPLE\^[\s\S]*SL-CASE-/);
    const out = path.join(scratch, 'deidentified.dcm');
    writeFileSync(out, exportedBytes);
    const exportedDump = dump(out);
    expect(exportedDump).toContain('(0010,0010)');
    expect(exportedDump).not.toContain('SAMPLE^');
    expect(exportedDump).not.toContain('SL-CASE');
  });
});
