import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dcmjs from 'dcmjs';
import { parseDicom, type DataSet } from 'dicom-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { deidentify, type DeidentifyOptions } from '../../../shared/deid/deidentify';
import { deidentifyStudy } from '../../../shared/deid/deidentify-study';
import { createUidMapper } from '../../../shared/deid/uid-mapper';
import { buildImage } from '../../fixtures/dicom/build-dicom';
import {
  buildCtFile,
  buildDxFile,
  FRAME_OF_REFERENCE_UID,
  IDENTIFYING,
  IDENTIFYING_ATTRIBUTES,
  pixelsFor,
  SERIES_UID,
  STUDY_UID,
} from './identified-files';

const PSEUDONYM = 'SPINELAB-0001';
const options = (): DeidentifyOptions => ({ uidMap: createUidMapper('salt-for-deidentify-tests'), patientPseudonym: PSEUDONYM });

const CT_A = '1.2.826.0.1.3680043.8.498.20000000000000000001';
const CT_B = '1.2.826.0.1.3680043.8.498.20000000000000000002';
const DX = '1.2.826.0.1.3680043.8.498.20000000000000000003';

const parse = (bytes: ArrayBuffer): DataSet => parseDicom(new Uint8Array(bytes));
const asText = (bytes: ArrayBuffer) => Buffer.from(bytes).toString('latin1');

/** The dicom-parser tag ("x00100010") of a keyword, from the dcmjs data dictionary. */
function parserTag(keyword: string): string {
  // Left out of dcmjs's typings (shared/report/dcmjs.d.ts).
  const { nameMap } = dcmjs.data.DicomMetaDictionary as unknown as { nameMap: Record<string, { tag: string }> };
  const entry = nameMap[keyword] ?? nameMap[`RETIRED_${keyword}`];
  if (!entry) throw new Error(`unknown keyword ${keyword}`);
  return `x${entry.tag.replace(/[(),]/g, '').toLowerCase()}`;
}

const ctA = buildCtFile(CT_A, 10);
const ctB = buildCtFile(CT_B, 11.25, CT_A);
const dx = buildDxFile(DX);

describe('deidentify: identifying attributes', () => {
  const outputs = [ctA, ctB, dx].map((bytes) => deidentify(bytes, options()));

  it('leaves none of the identifying attributes with its original value (dicom-parser)', () => {
    for (const output of outputs) {
      const dataSet = parse(output.bytes);
      for (const [keyword, original] of Object.entries(IDENTIFYING_ATTRIBUTES)) {
        const value = dataSet.string(parserTag(keyword));
        expect([undefined, '', PSEUDONYM], `${keyword} kept "${value}"`).toContain(value);
        expect(value).not.toBe(String(original));
      }
      expect(dataSet.string('x00100010')).toBe(PSEUDONYM);
      expect(dataSet.string('x00100020')).toBe(PSEUDONYM);
    }
  });

  it('leaves no identifying text anywhere in the file, nested or private', () => {
    for (const output of outputs) {
      const text = asText(output.bytes);
      for (const value of [...Object.values(IDENTIFYING), 'Doe', 'ELSEWHERE_PACS', 'RP-555']) expect(text).not.toContain(value);
    }
  });

  it('removes private groups, overlay planes and the request context', () => {
    const dataSet = parse(outputs[1].bytes);
    const tags = Object.keys(dataSet.elements);
    expect(tags.filter((t) => parseInt(t.slice(1, 5), 16) % 2 === 1)).toEqual([]);
    expect(tags.filter((t) => t.startsWith('x60'))).toEqual([]);
    expect(dataSet.elements.x00400275).toBeUndefined();
    const reference = dataSet.elements.x00081140.items![0].dataSet!;
    const attributes = Object.keys(reference.elements).filter((t) => !t.startsWith('xfffe')); // item delimiters
    expect(attributes.sort()).toEqual(['x00081150', 'x00081155']);
  });

  it('records the de-identification (PS3.15 E.1.1)', () => {
    const dataSet = parse(outputs[0].bytes);
    expect(dataSet.string('x00120062')).toBe('YES');
    expect(dataSet.string('x00120063')).toContain('Basic Application Confidentiality Profile');
    const code = dataSet.elements.x00120064.items![0].dataSet!;
    expect([code.string('x00080100'), code.string('x00080102'), code.string('x00080104')]).toEqual([
      '113100', 'DCM', 'Basic Application Confidentiality Profile',
    ]);
    expect(dataSet.string('x00280303')).toBe('REMOVED');
  });

  it('keeps study dates and records the option only when asked', () => {
    const dataSet = parse(deidentify(ctA, { ...options(), keepDates: true }).bytes);
    expect(dataSet.string('x00080020')).toBe(IDENTIFYING.studyDate);
    expect(dataSet.string('x00100030') ?? '').toBe('');
    expect(dataSet.elements.x00120064.items!.map((item) => item.dataSet!.string('x00080100'))).toEqual(['113100', '113106']);
    expect(dataSet.string('x00280303')).toBe('UNMODIFIED');
  });
});

describe('deidentify: geometry and pixels', () => {
  const geometryTags = ['x00200032', 'x00200037', 'x00280030', 'x00180050', 'x00181164', 'x00181114'];

  it.each([
    ['CT', ctA, 10],
    ['DX', dx, 0],
  ] as const)('keeps the %s geometry and the pixel data bytes unchanged', (_, source, position) => {
    const before = parse(source);
    const after = parse(deidentify(source, options()).bytes);
    for (const tag of geometryTags) expect(after.string(tag), tag).toBe(before.string(tag));
    expect([after.uint16('x00280010'), after.uint16('x00280011')]).toEqual([4, 4]);
    const pixels = after.elements.x7fe00010;
    const bytes = new Uint8Array(after.byteArray.buffer, after.byteArray.byteOffset + pixels.dataOffset, pixels.length);
    expect(Buffer.from(bytes)).toEqual(Buffer.from(pixelsFor(position).buffer));
  });

  it('keeps Imager Pixel Spacing and the magnification factor of the radiograph', () => {
    const after = parse(deidentify(dx, options()).bytes);
    expect(after.string('x00181164', 0)).toBe('0.15');
    expect(after.string('x00181114')).toBe('1.12');
  });
});

describe('deidentify: UID replacement', () => {
  const [a, b] = [ctA, ctB].map((bytes) => parse(deidentify(bytes, options()).bytes));

  it('gives both files of the series the same new study, series and frame of reference UIDs', () => {
    for (const tag of ['x0020000d', 'x0020000e', 'x00200052']) {
      expect(a.string(tag), tag).toBe(b.string(tag));
      expect(a.string(tag)).toMatch(/^2\.25\.\d+$/);
    }
    expect(a.string('x0020000d')).not.toBe(STUDY_UID);
    expect(a.string('x0020000e')).not.toBe(SERIES_UID);
    expect(a.string('x00200052')).not.toBe(FRAME_OF_REFERENCE_UID);
  });

  it('gives each instance its own new UID, in the data set and the meta group alike', () => {
    expect(a.string('x00080018')).not.toBe(b.string('x00080018'));
    expect(a.string('x00080018')).not.toBe(CT_A);
    expect(a.string('x00020003')).toBe(a.string('x00080018'));
    expect(a.string('x00080016')).toBe('1.2.840.10008.5.1.4.1.1.2');
  });

  it('points the reference in file B at the new UID of file A', () => {
    expect(b.elements.x00081140.items![0].dataSet!.string('x00081155')).toBe(a.string('x00080018'));
  });

  it('leaves no original instance UID in the output', () => {
    for (const bytes of [ctA, ctB]) {
      const text = asText(deidentify(bytes, options()).bytes);
      for (const uid of [STUDY_UID, SERIES_UID, FRAME_OF_REFERENCE_UID, CT_A, CT_B]) expect(text).not.toContain(uid);
    }
  });
});

describe('deidentify: burned-in annotation', () => {
  it('warns for a radiograph that does not say whether its pixels hold text', () => {
    expect(deidentify(dx, options()).warnings).toEqual([expect.stringMatching(/Burned In Annotation is absent/)]);
  });

  it('warns for an image that says YES, and not for one that says NO or for CT', () => {
    expect(deidentify(buildDxFile(DX, 'YES'), options()).warnings).toEqual([expect.stringMatching(/YES/)]);
    expect(deidentify(buildDxFile(DX, 'NO'), options()).warnings).toEqual([]);
    expect(deidentify(ctA, options()).warnings).toEqual([]);
  });
});

describe('deidentifyStudy', () => {
  it('renames files after their new SOP Instance UID and reports unreadable files', () => {
    const result = deidentifyStudy(
      [
        { name: 'Doe_Jane_1.dcm', bytes: ctA },
        { name: 'notes.txt', bytes: new TextEncoder().encode('Jane Doe, MRN 4711').buffer },
        { name: 'Doe_Jane_2.dcm', bytes: ctB },
      ],
      options(),
    );
    expect(result.files.map((f) => f.sourceName)).toEqual(['Doe_Jane_1.dcm', 'Doe_Jane_2.dcm']);
    for (const file of result.files) {
      expect(file.name).toBe(`${parse(file.bytes).string('x00080018')}.dcm`);
      expect(file.name).not.toContain('Doe');
    }
    expect(result.failures).toEqual([{ sourceName: 'notes.txt', reason: expect.stringMatching(/cannot be read as DICOM/) }]);
  });

  it('keeps an image whose source holds an over-long Decimal String, value unchanged', () => {
    const source = buildImage({ rows: 2, columns: 2, position: [0, 0, -5.3999999999999995], orientation: [1, 0, 0, 0, 1, 0], patientName: 'Doe^Jane' });
    const result = deidentifyStudy([{ name: 'IM1.dcm', bytes: source.slice().buffer }], options());
    expect(result.failures).toEqual([]);
    expect(parse(result.files[0].bytes).string('x00200032')).toBe('0\\0\\-5.3999999999999995');
    expect(asText(result.files[0].bytes)).not.toContain('Doe');
  });

  it('refuses a pseudonym that is not a valid Patient ID', () => {
    expect(() => deidentifyStudy([], { ...options(), patientPseudonym: 'A\\B' })).toThrow(RangeError);
    expect(() => deidentifyStudy([], { ...options(), patientPseudonym: '' })).toThrow(RangeError);
  });
});

const dcmdumpAvailable = spawnSync('dcmdump', ['--version']).status === 0;
if (!dcmdumpAvailable) console.warn('dcmdump (DCMTK) is not installed: the DCMTK check of de-identified files is skipped. Install dcmtk to run it.');

describe.skipIf(!dcmdumpAvailable)('deidentify: DCMTK reads the output (skipped when dcmdump is not installed)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'spinelab-deid-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it.each([
    ['ct-a', ctA],
    ['ct-b', ctB],
    ['dx', dx],
  ] as const)('dcmdump parses %s without errors and shows no identifying value', (name, source) => {
    const path = join(folder, `${name}.dcm`);
    writeFileSync(path, Buffer.from(deidentify(source, options()).bytes));
    const dump = spawnSync('dcmdump', ['+L', path], { encoding: 'utf8' });
    expect(dump.status, dump.stderr).toBe(0);
    expect(dump.stderr).not.toMatch(/^[EF]:/m);
    expect(dump.stdout).toContain('(0012,0062) CS [YES]');
    expect(dump.stdout).toContain(`(0010,0010) PN [${PSEUDONYM}]`);
    for (const value of [...Object.values(IDENTIFYING), 'Doe', STUDY_UID, SERIES_UID]) expect(dump.stdout).not.toContain(value);
  });
});
