import { Deflate } from 'pako';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCodecProvider } from '../../../shared/dicom/codec-provider';
import type { DicomErrorKind } from '../../../shared/dicom/errors';
import { loadInstance, type LoadResult } from '../../../shared/dicom/load-instance';
import { buildDicomFile, buildEncapsulatedImage, buildImage, encapsulate, encodeElements, imageElements, type ElementSpec } from '../../fixtures/dicom/build-dicom';

const codecs = createCodecProvider();
const KINDS: DicomErrorKind[] = ['not-dicom', 'truncated', 'unsupported-encoding', 'corrupt-pixel-data', 'too-large', 'no-pixel-data', 'invalid-header'];

/** Loads a file through the app's path; asserts that any failure is well formed. A hang fails on the test timeout. */
async function load(bytes: Uint8Array, fileName: string): Promise<LoadResult> {
  const result = await loadInstance(bytes, fileName, codecs);
  if (!result.ok) {
    expect(KINDS).toContain(result.error.kind);
    expect(result.error.fileName).toBe(fileName);
    expect(result.error.reason).toMatch(/\w{3,}/);
  }
  return result;
}

async function expectFailure(bytes: Uint8Array, fileName: string, kinds: DicomErrorKind[]): Promise<void> {
  const result = await load(bytes, fileName);
  expect(result.ok ? 'decoded' : result.error.kind, fileName).toSatisfy((kind: string) => (kinds as string[]).includes(kind));
}

const JPEG_LS = '1.2.840.10008.1.2.4.80';
const J2K = '1.2.840.10008.1.2.4.90';
const RLE = '1.2.840.10008.1.2.5';

/** A JPEG-LS start of frame for a rows × columns 8-bit grey image, then noise (T.87 C.2.2). */
function jpegLsWithGarbage(rows: number, columns: number): Uint8Array {
  const header = [0xff, 0xd8, 0xff, 0xf7, 0x00, 0x0b, 0x08, rows >> 8, rows & 0xff, columns >> 8, columns & 0xff, 0x01, 0x01, 0x11, 0x00];
  const scan = [0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00];
  return Uint8Array.from([...header, ...scan, ...Array.from({ length: 200 }, (_, i) => (i * 37) & 0x7f), 0xff, 0xd9]);
}

/** A J2K codestream start (SOC + SIZ) declaring width × height, then noise (T.800 A.5.1). */
function j2kWithGarbage(width: number, height: number): Uint8Array {
  const siz = new Uint8Array(45);
  const view = new DataView(siz.buffer);
  view.setUint16(0, 0xff4f);
  view.setUint16(2, 0xff51);
  view.setUint16(4, 41);
  view.setUint32(8, width);
  view.setUint32(12, height);
  view.setUint32(24, width);
  view.setUint32(28, height);
  view.setUint16(40, 1);
  siz[42] = 7;
  siz[43] = 1;
  siz[44] = 1;
  return Uint8Array.from([...siz, ...Array.from({ length: 300 }, (_, i) => (i * 91) & 0xff)]);
}

function rleHeader(segments: number, offsets: number[]): Uint8Array {
  const out = new Uint8Array(64);
  const view = new DataView(out.buffer);
  view.setUint32(0, segments, true);
  offsets.forEach((o, i) => view.setUint32(4 + i * 4, o, true));
  return out;
}

function nestedSequence(depth: number): ElementSpec {
  let inner: ElementSpec = { tag: 0x00081030, vr: 'LO', value: 'bottom' };
  for (let i = 0; i < depth; i++) inner = { tag: 0x00400260, vr: 'SQ', value: [[inner]], undefinedLength: true };
  return inner;
}

const image8 = (extra: Partial<Parameters<typeof buildImage>[0]> = {}) => buildImage({ rows: 8, columns: 8, bitsAllocated: 8, ...extra });

describe('bad-input battery: every malformed file fails with a DicomError naming it, within 2 s', () => {
  let deflateBomb: Uint8Array;

  beforeAll(() => {
    // 300 MB of zeros deflate to about 300 kB: beyond both the ratio and the absolute cap.
    const deflate = new Deflate({ raw: true, level: 1 });
    const chunk = new Uint8Array(8 * 1024 * 1024);
    for (let i = 0; i < 37; i++) deflate.push(chunk, false);
    deflate.push(new Uint8Array(0), true);
    const header = buildDicomFile([], { transferSyntax: '1.2.840.10008.1.2.1.99' });
    deflateBomb = Uint8Array.from([...header, ...deflate.result]);
  });

  it('empty file', () => expectFailure(new Uint8Array(0), 'empty.dcm', ['not-dicom']));
  it('a text file named .dcm', () => expectFailure(new TextEncoder().encode('This is a discharge letter, not an image.\n'.repeat(20)), 'letter.dcm', ['not-dicom']));
  it('random bytes', () => expectFailure(Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24), 'noise.dcm', ['not-dicom']));
  it('a PNG signature', () => expectFailure(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Uint8Array(200)]), 'picture.dcm', ['not-dicom']));

  const whole = image8({ rows: 16, columns: 16 });
  for (const fraction of [0.05, 0.1, 0.2, 0.3, 0.45, 0.6, 0.75, 0.9, 0.99]) {
    it(`truncated at ${Math.round(fraction * 100)}%`, () => expectFailure(whole.subarray(0, Math.floor(whole.length * fraction)), `cut-${fraction}.dcm`, ['truncated', 'not-dicom', 'invalid-header']));
  }

  it('an element length past the end (explicit VR)', () => {
    const elements = imageElements({ rows: 4, columns: 4 });
    elements.push({ tag: 0x00081030, vr: 'LO', value: 'study', lengthOverride: 0xfff0 });
    return expectFailure(buildDicomFile(elements), 'long-element.dcm', ['truncated', 'invalid-header']);
  });

  it('an element length past the end (implicit VR, where dicom-parser does not check)', () => {
    const elements = imageElements({ rows: 4, columns: 4 });
    elements.push({ tag: 0x00081030, vr: 'LO', value: 'study', lengthOverride: 0x7ffffff0 });
    return expectFailure(buildDicomFile(elements, { transferSyntax: '1.2.840.10008.1.2' }), 'long-implicit.dcm', ['truncated', 'invalid-header']);
  });

  it('an odd element length is read or refused, never crashes', async () => {
    const elements = imageElements({ rows: 4, columns: 4 });
    elements.push({ tag: 0x00091010, vr: 'OB', value: Uint8Array.from([1, 2, 3]) });
    await load(buildDicomFile(elements), 'odd.dcm');
  });

  it('an undefined-length sequence without delimiters', () => {
    const body = encodeElements(imageElements({ rows: 2, columns: 2 }).filter((e) => e.tag < 0x00400000), 'explicit-le');
    const unterminated = Uint8Array.from([0x40, 0x00, 0x60, 0x02, 0x53, 0x51, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0x00, 0xe0, 0xff, 0xff, 0xff, 0xff, 0x08, 0x00, 0x30, 0x10, 0x4c, 0x4f, 2, 0, 0x41, 0x42]);
    const file = Uint8Array.from([...buildDicomFile([]), ...body, ...unterminated]);
    return expectFailure(file, 'open-sequence.dcm', ['truncated', 'invalid-header', 'no-pixel-data']);
  });

  it('sequences nested 1000 deep', () => expectFailure(buildDicomFile([...imageElements(), nestedSequence(1000)]), 'deep.dcm', ['invalid-header', 'truncated']));

  it('missing pixel data', () => expectFailure(buildDicomFile(imageElements().filter((e) => e.tag !== 0x7fe00010)), 'no-pixels.dcm', ['no-pixel-data']));
  it('pixel data shorter than Rows × Columns', () => expectFailure(image8({ pixelData: new Uint8Array(10) }), 'short-pixels.dcm', ['truncated']));
  it('Rows × Columns × Frames bomb', () => expectFailure(image8({ rows: 65535, columns: 65535, frames: 2000, pixelData: new Uint8Array(64) }), 'bomb.dcm', ['too-large']));
  it('rows of zero', () => expectFailure(image8({ rows: 0 }), 'zero-rows.dcm', ['invalid-header']));
  it('Bits Stored above Bits Allocated', () => expectFailure(image8({ bitsStored: 12 }), 'bits.dcm', ['invalid-header']));
  it('Bits Allocated 12', () => expectFailure(buildImage({ bitsAllocated: 12 }), 'bits12.dcm', ['unsupported-encoding']));
  it('four samples per pixel', () => expectFailure(image8({ samplesPerPixel: 4 }), 'cmyk.dcm', ['unsupported-encoding']));

  it('an unknown transfer syntax', () =>
    expectFailure(buildDicomFile(imageElements().filter((e) => e.tag !== 0x7fe00010), { transferSyntax: '1.2.3.999', encapsulatedPixelData: encapsulate([[new Uint8Array(16)]], false) }), 'unknown-ts.dcm', ['unsupported-encoding']));

  const compressed = (ts: string, frames: Uint8Array[][], options: Parameters<typeof imageElements>[0] = {}) =>
    buildEncapsulatedImage({ rows: 8, columns: 8, bitsAllocated: 8, ...options }, ts, frames);

  it('a corrupt JPEG-LS stream', () => expectFailure(compressed(JPEG_LS, [[jpegLsWithGarbage(8, 8)]]), 'bad-jls.dcm', ['corrupt-pixel-data']));
  it('a JPEG-LS stream larger than the header says', () => expectFailure(compressed(JPEG_LS, [[jpegLsWithGarbage(60000, 60000)]]), 'big-jls.dcm', ['corrupt-pixel-data']));
  it('a corrupt JPEG 2000 stream', () => expectFailure(compressed(J2K, [[j2kWithGarbage(8, 8)]]), 'bad-j2k.dcm', ['corrupt-pixel-data']));
  it('a JPEG 2000 stream whose size disagrees with the header', () => expectFailure(compressed(J2K, [[j2kWithGarbage(50000, 50000)]]), 'big-j2k.dcm', ['corrupt-pixel-data']));
  it('a corrupt JPEG lossless stream', () => expectFailure(compressed('1.2.840.10008.1.2.4.70', [[Uint8Array.from([0xff, 0xd8, 0xff, 0xc3, 0, 11, 8, 0, 8, 0, 8, 1, 1, 0x11, 0, 0xff, 0xda, 0, 8, 1, 1, 0, 1, 0, 0, 0x12, 0x34])]]), 'bad-jpll.dcm', ['corrupt-pixel-data']));
  it('a corrupt JPEG baseline stream', () => expectFailure(compressed('1.2.840.10008.1.2.4.50', [[Uint8Array.from([0xff, 0xd8, 0xff, 0xc0, 0, 11, 8, 0, 8, 0, 8, 1, 1, 0x11, 0, 0xff, 0xda, 0, 8, 1, 1, 0, 0, 63, 0, 1, 2, 3, 0xff, 0xd9])]]), 'bad-jpeg.dcm', ['corrupt-pixel-data']));
  it('RLE with 16 segments', () => expectFailure(compressed(RLE, [[rleHeader(16, [64])]]), 'rle16.dcm', ['corrupt-pixel-data']));
  it('RLE segment offsets outside the data', () => expectFailure(compressed(RLE, [[rleHeader(1, [100000])]]), 'rle-offset.dcm', ['corrupt-pixel-data']));
  it('RLE that decodes to too few bytes', () => expectFailure(compressed(RLE, [[Uint8Array.from([...rleHeader(1, [64]), 0x00, 0x05])]]), 'rle-short.dcm', ['corrupt-pixel-data']));
  it('fewer compressed frames than Number of Frames', () => expectFailure(compressed(RLE, [[rleHeader(1, [64])], [rleHeader(1, [64])]], { frames: 3 }), 'frames.dcm', ['corrupt-pixel-data']));
  it('compressed fragments under an uncompressed transfer syntax', () => expectFailure(compressed('1.2.840.10008.1.2.1', [[new Uint8Array(64)]]), 'mixed.dcm', ['corrupt-pixel-data', 'invalid-header', 'truncated']));

  it('a palette lookup table that disagrees with its descriptor', () => {
    const palette: ElementSpec[] = [0x1101, 0x1102, 0x1103].map((e) => ({ tag: 0x00280000 | e, vr: 'US', value: [256, 0, 16] }));
    const data: ElementSpec[] = [0x1201, 0x1202, 0x1203].map((e) => ({ tag: 0x00280000 | e, vr: 'OW', value: new Uint8Array(20) }));
    return expectFailure(image8({ photometric: 'PALETTE COLOR', extra: [...palette, ...data] }), 'palette.dcm', ['invalid-header']);
  });

  it('a deflate bomb', () => expectFailure(deflateBomb, 'bomb-deflate.dcm', ['too-large']));
  it('damaged deflated data', () => expectFailure(Uint8Array.from([...buildDicomFile([], { transferSyntax: '1.2.840.10008.1.2.1.99' }), 0xff, 0xff, 0xff, 0x00, 0x13]), 'bad-deflate.dcm', ['invalid-header', 'truncated']));

  it('markup in the patient name stays plain text', async () => {
    const result = await load(image8({ patientName: '<img src=x onerror=alert(1)>' }), 'markup.dcm');
    expect(result.ok && result.header.patientName).toBe('<img src=x onerror=alert(1)>');
  });

  it('trailing garbage after a complete image is ignored with a warning', async () => {
    const file = Uint8Array.from([...image8(), 0, 0, 0, 0, 0, 0, 0]);
    const result = await load(file, 'trailing.dcm');
    expect(result.ok).toBe(true);
  });
});

/** Every delimiter (FFFE,<element>) in the file rewritten with length 0xFFFFFFFF instead of 0 (PS3.5 7.5). */
function withDelimiterLength(bytes: Uint8Array, element: 0xe0dd | 0xe00d): Uint8Array {
  const out = bytes.slice();
  for (let i = 0; i + 8 <= out.length; i++) {
    if (out[i] === 0xfe && out[i + 1] === 0xff && out[i + 2] === (element & 0xff) && out[i + 3] === element >> 8) out.set([0xff, 0xff, 0xff, 0xff], i + 4);
  }
  return out;
}

describe("dicom-parser's known gaps end in a clear result, never a crash", () => {
  const EXPLICIT = '1.2.840.10008.1.2.1';
  const IMPLICIT = '1.2.840.10008.1.2';
  const privateElement = (vr: string): ElementSpec[] => [
    { tag: 0x00091010, vr: 'LO', value: 'SPINELAB' },
    { tag: 0x00091001, vr, value: Uint8Array.from([0xfb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]) },
  ];
  const referencedImages: ElementSpec = { tag: 0x00081140, vr: 'SQ', undefinedLength: true, value: [[{ tag: 0x00081155, vr: 'UI', value: '1.2.3.9' }]] };

  for (const vr of ['OV', 'SV', 'UV']) {
    it(`a 64-bit ${vr} element (issue #284): refused by name in explicit VR, read in implicit VR`, async () => {
      const explicit = await load(buildDicomFile([...imageElements(), ...privateElement(vr)], { transferSyntax: EXPLICIT }), `${vr}.dcm`);
      expect(explicit.ok).toBe(false);
      if (!explicit.ok) {
        expect(explicit.error.kind).toBe('unsupported-encoding');
        expect(explicit.error.reason).toContain(`(0009,1001) has the value representation ${vr}`);
      }
      // Implicit VR carries no VR, so the parser skips the value by its 32-bit length.
      expect((await load(buildDicomFile([...imageElements(), ...privateElement(vr)], { transferSyntax: IMPLICIT }), `${vr}-implicit.dcm`)).ok).toBe(true);
    });
  }

  for (const transferSyntax of [EXPLICIT, IMPLICIT]) {
    it(`a sequence delimiter with length 0xFFFFFFFF (issue #266) is read (${transferSyntax})`, async () => {
      const file = withDelimiterLength(buildDicomFile([...imageElements(), referencedImages], { transferSyntax }), 0xe0dd);
      const result = await load(file, 'delimiter.dcm');
      expect(result.ok && result.frames.length).toBe(1);
    });

    it(`an item delimiter with length 0xFFFFFFFF fails as a damaged file (${transferSyntax})`, () =>
      expectFailure(withDelimiterLength(buildDicomFile([...imageElements(), referencedImages], { transferSyntax }), 0xe00d), 'item-delimiter.dcm', ['truncated', 'invalid-header']));
  }
});
