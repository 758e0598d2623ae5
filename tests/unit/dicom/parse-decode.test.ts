import { describe, expect, it } from 'vitest';
import { createCodecProvider } from '../../../shared/dicom/codec-provider';
import { decodeFrame } from '../../../shared/dicom/decode';
import { DicomError } from '../../../shared/dicom/errors';
import { parseInstance } from '../../../shared/dicom/parse';
import { frameRange } from '../../../shared/dicom/pixel-types';
import { buildDicomFile, buildImage, imageElements, words } from '../../fixtures/dicom/build-dicom';

const codecs = createCodecProvider();

function expectDicomError(run: () => unknown, kind: DicomError['kind']): DicomError {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(DicomError);
    expect((e as DicomError).kind).toBe(kind);
    expect((e as DicomError).message.startsWith('test.dcm: ')).toBe(true);
    return e as DicomError;
  }
  throw new Error('expected a DicomError');
}

describe('parseInstance', () => {
  it('reads the header of an explicit VR little endian image', () => {
    const parsed = parseInstance(buildImage({ rows: 2, columns: 3, patientName: 'Doe^Jane' }), 'test.dcm');
    expect(parsed.header).toMatchObject({ rows: 2, columns: 3, bitsAllocated: 16, patientName: 'Doe^Jane', modality: 'CT', hasPixelData: true });
    expect(parsed.header.transferSyntaxUid).toBe('1.2.840.10008.1.2.1');
  });

  it('reads implicit VR little endian, files without preamble and bare data sets', () => {
    const implicit = parseInstance(buildImage({}, { transferSyntax: '1.2.840.10008.1.2' }), 'test.dcm');
    expect(implicit.header.rows).toBe(4);
    const noPreamble = parseInstance(buildImage({}, { noPreamble: true }), 'test.dcm');
    expect(noPreamble.header.transferSyntaxUid).toBe('1.2.840.10008.1.2.1');
    const bareImplicit = parseInstance(buildImage({}, { noMeta: true, transferSyntax: '1.2.840.10008.1.2' }), 'test.dcm');
    expect(bareImplicit.header.transferSyntaxUid).toBe('1.2.840.10008.1.2');
    const bareExplicit = parseInstance(buildImage({}, { noMeta: true }), 'test.dcm');
    expect(bareExplicit.header.columns).toBe(4);
  });

  it('rejects an empty file, a text file and a truncated file with plain reasons', () => {
    expect(expectDicomError(() => parseInstance(new Uint8Array(0), 'test.dcm'), 'not-dicom').reason).toMatch(/empty/);
    const text = new TextEncoder().encode('Patient notes: nothing to see here, this is plain text.\n'.repeat(5));
    expectDicomError(() => parseInstance(text, 'test.dcm'), 'not-dicom');
    const full = buildImage({ rows: 16, columns: 16 });
    expectDicomError(() => parseInstance(full.subarray(0, full.length - 100), 'test.dcm'), 'truncated');
  });

  it('refuses a Rows × Columns × Frames bomb before allocating', () => {
    const bomb = buildImage({ rows: 65535, columns: 65535, frames: 1000, pixelData: new Uint8Array(64) });
    expect(expectDicomError(() => parseInstance(bomb, 'test.dcm'), 'too-large').reason).toMatch(/MB/);
  });

  it('indexes an object without pixel data as a non-image', () => {
    const elements = imageElements().filter((e) => e.tag !== 0x7fe00010);
    const parsed = parseInstance(buildDicomFile(elements), 'test.dcm');
    expect(parsed.header.hasPixelData).toBe(false);
    return expect(decodeFrame(parsed, 0, codecs)).rejects.toMatchObject({ kind: 'no-pixel-data' });
  });
});

describe('decodeFrame, uncompressed', () => {
  it('decodes unsigned and signed 16-bit with sign extension of Bits Stored', async () => {
    const unsigned = parseInstance(buildImage({ rows: 1, columns: 4, pixelData: words([0, 1, 4095, 65535]) }), 'test.dcm');
    const u = await decodeFrame(unsigned, 0, codecs);
    expect(u.pixels).toBeInstanceOf(Uint16Array);
    expect(Array.from(u.pixels)).toEqual([0, 1, 4095, 65535]);
    expect(frameRange(u)).toEqual({ minValue: 0, maxValue: 65535 });

    // 12 bits stored in 16: 0x0FFF is −1, 0x0800 is −2048; the top 4 bits are not part of the value.
    const signed = parseInstance(buildImage({ rows: 1, columns: 4, signed: true, bitsStored: 12, pixelData: words([0x0fff, 0x0800, 0x07ff, 0xf001]) }), 'test.dcm');
    const s = await decodeFrame(signed, 0, codecs);
    expect(s.pixels).toBeInstanceOf(Int16Array);
    expect(Array.from(s.pixels)).toEqual([-1, -2048, 2047, 1]);
  });

  it('decodes 8-bit and planar RGB to interleaved RGB', async () => {
    const planar = Uint8Array.from([1, 2, 10, 20, 100, 200]); // R R G G B B for two pixels
    const parsed = parseInstance(buildImage({ rows: 1, columns: 2, bitsAllocated: 8, samplesPerPixel: 3, planarConfiguration: 1, pixelData: planar }), 'test.dcm');
    const frame = await decodeFrame(parsed, 0, codecs);
    expect(frame.samplesPerPixel).toBe(3);
    expect(Array.from(frame.pixels)).toEqual([1, 10, 100, 2, 20, 200]);
  });

  it('decodes each frame of a multi-frame image at an odd byte offset', async () => {
    const elements = imageElements({ rows: 1, columns: 2, frames: 2, pixelData: words([1, 2, 3, 4]) });
    // A private element of odd length (non-conformant but seen) puts the pixel data at an odd offset.
    elements.push({ tag: 0x00091010, vr: 'OB', value: Uint8Array.from([1, 2, 3]) });
    const parsed = parseInstance(buildDicomFile(elements), 'test.dcm');
    expect(Array.from((await decodeFrame(parsed, 1, codecs)).pixels)).toEqual([3, 4]);
    await expect(decodeFrame(parsed, 2, codecs)).rejects.toMatchObject({ kind: 'invalid-header' });
  });

  it('keeps MONOCHROME1 values as stored (inversion is the viewer’s job)', async () => {
    const parsed = parseInstance(buildImage({ rows: 1, columns: 2, bitsAllocated: 8, photometric: 'MONOCHROME1', pixelData: Uint8Array.from([0, 255]) }), 'test.dcm');
    expect(parsed.header.photometricInterpretation).toBe('MONOCHROME1');
    expect(Array.from((await decodeFrame(parsed, 0, codecs)).pixels)).toEqual([0, 255]);
  });

  it('reports pixel data shorter than the header promises as truncated', () => {
    const short = buildImage({ rows: 8, columns: 8, pixelData: new Uint8Array(64) });
    expectDicomError(() => parseInstance(short, 'test.dcm'), 'truncated');
  });
});
