/**
 * The Specific Character Set of what SpineLab writes into a study (SR, encapsulated PDF): none for ASCII,
 * Latin-1 for a patient whose name needs it, UTF-8 beyond that; and dsrdump (DCMTK) reads the SR with no
 * warning wherever its checker knows the character set.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dcmjs from 'dcmjs';
import dicomParser from 'dicom-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { buildEncapsulatedPdf } from '../../../shared/pacs/encapsulated-pdf';
import { foldToAscii } from '../../../shared/report/ascii-text';
import { buildSr } from '../../../shared/report/sr';
import { readSr } from '../../../shared/report/sr-read';
import { SOURCE_IMAGES, reportInput } from './report-input';

const now = new Date('2025-05-06T07:08:09.000Z');
const hasDsrdump = spawnSync('which', ['dsrdump']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'spinelab-charset-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PATIENTS = { ascii: 'Testperson^Erika', latin1: 'Müller^Jürgen', greek: 'Παπαδόπουλος^Γιώργος' } as const;

function srFor(patientName: string, studyDescription = reportInput().study.studyDescription): Uint8Array {
  const input = reportInput();
  return buildSr({ ...input, study: { ...input.study, patientName, studyDescription } }, { now, sourceImages: SOURCE_IMAGES }).bytes;
}

function dataset(bytes: Uint8Array) {
  const dict = dcmjs.data.DicomMessage.readFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict);
}

/** As written: dcmjs reports every file it decoded as ISO_IR 192. */
const characterSet = (bytes: Uint8Array) => dicomParser.parseDicom(bytes).string('x00080005');

function dsrdump(bytes: Uint8Array, name: string) {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return spawnSync('dsrdump', ['-Ee', file], { encoding: 'utf8' });
}

describe('Specific Character Set', () => {
  it('folds SpineLab typography to ASCII for the report text', () => {
    expect(foldToAscii('T12 superior – L2 inferior: 12.3°, loss ≥ 20% (Hp′) · Müller')).toBe("T12 superior - L2 inferior: 12.3 deg, loss >= 20% (Hp') - Muller");
    expect(foldToAscii('山')).toBe('?');
  });

  it('names none for an ASCII patient, ISO_IR 100 with Latin-1 bytes when the name needs it, ISO_IR 192 beyond Latin-1', () => {
    expect(characterSet(srFor(PATIENTS.ascii))).toBeUndefined();

    const latin1 = srFor(PATIENTS.latin1, 'XR Wirbelsäule');
    expect(characterSet(latin1)).toBe('ISO_IR 100');
    expect(dataset(latin1)).toMatchObject({ PatientName: [{ Alphabetic: PATIENTS.latin1 }], StudyDescription: 'XR Wirbelsäule' });
    // "ü" is the one byte 0xFC in Latin-1, not UTF-8's 0xC3 0xBC.
    expect(Buffer.from(latin1).includes(Buffer.from('M\xfcller^J\xfcrgen', 'latin1'))).toBe(true);
    expect(readSr(latin1).ok).toBe(true);

    const greek = srFor(PATIENTS.greek);
    expect(characterSet(greek)).toBe('ISO_IR 192');
    expect(dataset(greek)).toMatchObject({ PatientName: [{ Alphabetic: PATIENTS.greek }] });
    expect(readSr(greek).ok).toBe(true);
  });

  it('keeps the encapsulated PDF right too: the same rule for the patient it is filed under', () => {
    const study = reportInput().study;
    const pdf = (patientName: string) => buildEncapsulatedPdf(new Uint8Array([37, 80, 68, 70]), { ...study, patientName }, { now }).bytes;
    expect(characterSet(pdf(PATIENTS.ascii))).toBeUndefined();
    expect(characterSet(pdf(PATIENTS.latin1))).toBe('ISO_IR 100');
    expect(dataset(pdf(PATIENTS.latin1))).toMatchObject({ PatientName: [{ Alphabetic: PATIENTS.latin1 }], DocumentTitle: 'SpineLab vertebral morphometry report' });
  });

  it.skipIf(!hasDsrdump)('dsrdump reads the SR of an ASCII and of a Latin-1 patient without a warning', () => {
    for (const [name, patient] of [['ascii', PATIENTS.ascii], ['latin1', PATIENTS.latin1]] as const) {
      const result = dsrdump(srFor(patient), `${name}.dcm`);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stderr, name).toBe('');
      expect(result.stdout).toContain('T12 superior - L2 inferior');
    }
  });

  it.skipIf(!hasDsrdump)('beyond Latin-1, dsrdump only says its checker does not know UTF-8', () => {
    const result = dsrdump(srFor(PATIENTS.greek), 'greek.dcm');
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr.trim().split('\n')).toEqual(['W: The VR checker does not support this Specific Character Set: ISO_IR 192']);
    expect(result.stdout).toContain(PATIENTS.greek);
  });
});

if (!hasDsrdump) console.warn('character-set.test.ts: DCMTK (dsrdump) is not installed; its checks are skipped. CI installs it.');
