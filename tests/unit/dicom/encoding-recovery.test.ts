import { describe, expect, it } from 'vitest';
import { createCodecProvider } from '../../../shared/dicom/codec-provider';
import { markJpegAsRgb } from '../../../shared/dicom/codec-stream-info';
import { decodeFrame } from '../../../shared/dicom/decode';
import { parseInstance } from '../../../shared/dicom/parse';
import { buildDicomFile, buildImage, encapsulate, imageElements } from '../../fixtures/dicom/build-dicom';

const codecs = createCodecProvider();
const RLE_LOSSLESS = '1.2.840.10008.1.2.5';

/** An 8-bit image whose samples hold the bytes of a Sequence Delimitation Item, (FFFE,E0DD) with length 0. */
const PIXELS = Uint8Array.from([7, 0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0, 9, 10, 11, 12, 13, 14, 15]);

/** One RLE frame (PS3.5 G.3): a header naming a single segment at byte 64, then all samples as one literal run. */
function rleFrame(samples: Uint8Array): Uint8Array {
  const frame = new Uint8Array(64 + 1 + samples.length);
  const view = new DataView(frame.buffer);
  view.setUint32(0, 1, true);
  view.setUint32(4, 64, true);
  frame[64] = samples.length - 1;
  frame.set(samples, 65);
  return frame;
}

/** Image elements of a 4 × 4 8-bit image, without Pixel Data (the caller encapsulates it). */
const headerElements = () => imageElements({ rows: 4, columns: 4, bitsAllocated: 8 }).filter((e) => e.tag !== 0x7fe00010);

describe('encapsulated pixel data follows item lengths (PS3.5 A.4)', () => {
  it('keeps a fragment whose bytes contain a sequence delimiter, and the fragment after it', async () => {
    const frame = rleFrame(PIXELS);
    // The first fragment ends just after the delimiter-like bytes; a reader that scanned for (FFFE,E0DD)
    // instead of following the item length would end the pixel data inside it and lose the second.
    const file = buildDicomFile(headerElements(), { transferSyntax: RLE_LOSSLESS, encapsulatedPixelData: encapsulate([[frame.subarray(0, 74), frame.subarray(74)]], false) });
    const parsed = parseInstance(file, 'test.dcm');
    expect(parsed.pixelData!.element.fragments!.map((f) => f.length)).toEqual([74, 8]);
    const decoded = await decodeFrame(parsed, 0, codecs);
    expect(Array.from(decoded.pixels)).toEqual(Array.from(PIXELS));
  });
});

describe('a data set written in implicit VR under an explicit transfer syntax (PS3.5 7.1)', () => {
  it('reads uncompressed pixels as implicit VR and says so', async () => {
    const pixels = Uint8Array.from({ length: 16 }, (_, i) => i * 3);
    const file = buildImage({ rows: 4, columns: 4, bitsAllocated: 8, pixelData: pixels }, { dataSetEncoding: 'implicit-le' });
    const parsed = parseInstance(file, 'test.dcm');
    expect(parsed.header.transferSyntaxUid).toBe('1.2.840.10008.1.2.1');
    expect(parsed.header).toMatchObject({ rows: 4, columns: 4, patientName: 'Test^Patient' });
    expect(parsed.warnings.join('\n')).toMatch(/Explicit VR Little Endian \(explicit VR\) but it is written in implicit VR/);
    const decoded = await decodeFrame(parsed, 0, codecs);
    expect(Array.from(decoded.pixels)).toEqual(Array.from(pixels));
  });

  it('reads encapsulated fragments of an implicit data set by their item lengths', async () => {
    const file = buildDicomFile(headerElements(), { transferSyntax: RLE_LOSSLESS, dataSetEncoding: 'implicit-le', encapsulatedPixelData: encapsulate([[rleFrame(PIXELS)]], false) });
    const parsed = parseInstance(file, 'test.dcm');
    expect(parsed.pixelData!.encapsulated).toBe(true);
    expect(parsed.warnings.join('\n')).toMatch(/RLE Lossless \(explicit VR\) but it is written in implicit VR/);
    const decoded = await decodeFrame(parsed, 0, codecs);
    expect(Array.from(decoded.pixels)).toEqual(Array.from(PIXELS));
  });

  it('leaves correctly encoded files alone', () => {
    expect(parseInstance(buildImage(), 'test.dcm').warnings).toEqual([]);
    expect(parseInstance(buildImage({}, { transferSyntax: '1.2.840.10008.1.2' }), 'test.dcm').warnings).toEqual([]);
  });

  it('reports a mismatched file that is cut short as truncated', () => {
    const file = buildImage({ rows: 4, columns: 4, bitsAllocated: 8 }, { dataSetEncoding: 'implicit-le' });
    expect(() => parseInstance(file.subarray(0, file.length - 20), 'test.dcm')).toThrow(/cut short/);
  });
});

describe('markJpegAsRgb', () => {
  /** SOI, an optional marker segment, then a 3-component SOF0 with component ids 0, 1, 2 and a matching SOS. */
  const stream = (segment: number[]) =>
    Uint8Array.from([0xff, 0xd8, ...segment, 0xff, 0xc0, 0, 17, 8, 0, 1, 0, 1, 3, 0, 0x11, 0, 1, 0x11, 0, 2, 0x11, 0, 0xff, 0xda, 0, 12, 3, 0, 0, 1, 0, 2, 0, 0, 63, 0]);
  const app14 = (data: number[]) => [0xff, 0xee, 0, data.length + 2, ...data];
  const ADOBE = [0x41, 0x64, 0x6f, 0x62, 0x65];

  it('relabels the components of an RGB stream whose Adobe APP14 is too short for libjpeg to read', () => {
    const patched = markJpegAsRgb(stream(app14([...ADOBE, 0, 0, 0, 0, 0])));
    expect(Array.from(patched.subarray(patched.length - 9, patched.length - 3))).toEqual([0x52, 0, 0x47, 0, 0x42, 0]);
  });

  it('leaves a stream with a complete Adobe APP14 to its transform flag', () => {
    const original = stream(app14([...ADOBE, 0, 100, 0, 0, 0, 0, 1]));
    expect(markJpegAsRgb(original)).toBe(original);
  });
});
