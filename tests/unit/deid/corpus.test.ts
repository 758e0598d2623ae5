// De-identifies the public test corpus (../shared/dicom-corpus): every transfer syntax SpineLab
// decodes must come out readable, with its geometry and every frame's bytes unchanged.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import dcmjs from 'dcmjs';
import { parseDicom } from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { deidentify, type DicomElements } from '../../../shared/deid/deidentify';
import { createUidMapper } from '../../../shared/deid/uid-mapper';

const CORPUS = join(__dirname, '../../../../shared/dicom-corpus');
const present = existsSync(join(CORPUS, 'manifest.json'));
if (!present) console.warn(`The DICOM corpus is not at ${CORPUS}: the corpus de-identification test is skipped.`);

interface ManifestEntry {
  file: string;
  expect: 'decode' | 'not-image' | 'broken';
}
const decodable: string[] = present
  ? (JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as ManifestEntry[]).filter((e) => e.expect === 'decode').map((e) => e.file)
  : [];

/** Files dcmjs misreads, which must be refused in plain words rather than written out damaged. */
const REFUSED: Record<string, string> = {
  'SC_rgb_jpeg.dcm': 'its data set is encoded implicit VR although its transfer syntax says explicit VR',
};

const KEPT = ['Rows', 'Columns', 'BitsAllocated', 'PixelRepresentation', 'PhotometricInterpretation', 'NumberOfFrames', 'PixelSpacing', 'ImagerPixelSpacing', 'ImagePositionPatient', 'ImageOrientationPatient', 'SliceThickness'];

function read(bytes: ArrayBuffer) {
  const dict = dcmjs.data.DicomMessage.readFile(bytes).dict as DicomElements;
  return { natural: dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict), frames: (dict['7FE00010']?.Value ?? []) as ArrayBuffer[] };
}

describe.skipIf(!present)('deidentify over the public corpus (skipped when ../shared/dicom-corpus is absent)', () => {
  const uidMap = createUidMapper('salt-for-the-corpus-test');

  it.each(decodable)('%s stays readable with the same geometry and frames', (file) => {
    const source = readFileSync(join(CORPUS, 'files', file));
    const bytes = source.buffer.slice(source.byteOffset, source.byteOffset + source.byteLength);
    if (REFUSED[file]) {
      expect(() => deidentify(bytes, { uidMap, patientPseudonym: 'CORPUS-1' }), REFUSED[file]).toThrow(/SOP Class or SOP Instance UID/);
      return;
    }
    const output = deidentify(bytes, { uidMap, patientPseudonym: 'CORPUS-1' }).bytes;

    const dataSet = parseDicom(new Uint8Array(output));
    expect(dataSet.string('x00120062')).toBe('YES');

    const before = read(bytes);
    const after = read(output);
    for (const keyword of KEPT) expect(after.natural[keyword], keyword).toEqual(before.natural[keyword]);
    expect(after.frames.length).toBe(before.frames.length);
    before.frames.forEach((frame, i) => expect(Buffer.from(after.frames[i]).equals(Buffer.from(frame)), `frame ${i}`).toBe(true));
    if (typeof before.natural.PatientName === 'object' && before.natural.PatientName) {
      expect(after.natural.PatientName).toEqual([{ Alphabetic: 'CORPUS-1' }]);
    }
  });
});
