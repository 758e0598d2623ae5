/**
 * Uncompressed YBR_FULL_422 (PS3.3 C.7.6.3.1.2): two samples a pixel, Y1 Y2 Cb Cr for each pair of
 * pixels in a row, in each of the four native transfer syntaxes. Compared with pydicom's decode and
 * YBR→RGB conversion, and with the colours the image was made from.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCodecProvider } from '../../../shared/dicom/codec-provider';
import { loadInstance, type LoadResult } from '../../../shared/dicom/load-instance';
import { buildImage, type ImageOptions } from '../../fixtures/dicom/build-dicom';
import { PATCH_COLOURS, rgbPatches, rgbToYbrFull, ybrFullTo422 } from '../../fixtures/dicom/colour-patches';
import { pydicomDecode, pydicomPython } from '../../fixtures/dicom/pydicom';

const COLUMNS = 64;
const ROWS = 16;
// Stripes of three columns: some pixel pairs straddle two colours and share the first one's chroma.
const STRIPE = 3;
const codecs = createCodecProvider();
const workDir = mkdtempSync(join(tmpdir(), 'spinelab-ybr422-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const SYNTAXES = [
  { name: 'Implicit VR Little Endian', uid: '1.2.840.10008.1.2' },
  { name: 'Explicit VR Little Endian', uid: '1.2.840.10008.1.2.1' },
  { name: 'Explicit VR Big Endian', uid: '1.2.840.10008.1.2.2' },
  { name: 'Deflated Explicit VR Little Endian', uid: '1.2.840.10008.1.2.1.99', deflate: true },
];

const packed422 = (stripe: number, columns = COLUMNS) => ybrFullTo422(rgbToYbrFull(rgbPatches(columns, ROWS, stripe)));
const image422 = (options: ImageOptions, syntax = SYNTAXES[1]) =>
  buildImage({ rows: ROWS, columns: COLUMNS, bitsAllocated: 8, samplesPerPixel: 3, photometric: 'YBR_FULL_422', ...options }, { transferSyntax: syntax.uid, deflate: syntax.deflate });

function framesOf(result: LoadResult) {
  if (!result.ok) throw new Error(result.error.reason);
  return result.frames;
}

describe('uncompressed YBR_FULL_422', () => {
  for (const syntax of SYNTAXES) {
    it(`${syntax.name}: decodes to RGB, the source colours where a pixel pair shares one`, async () => {
      const [frame] = framesOf(await loadInstance(image422({ pixelData: packed422(STRIPE) }, syntax), 'ybr422.dcm', codecs));
      expect(frame.samplesPerPixel).toBe(3);
      expect(frame.pixels.length).toBe(ROWS * COLUMNS * 3);
      // Worked by hand for red, stored as Y 76, Cb 85, Cr 255: R = 76 + 1.402 × 127 = 254.05,
      // G = 76 + 0.344136 × 43 − 0.714136 × 127 = 0.10, B = 76 − 1.772 × 43 = −0.20 (C.7.6.3.1.2).
      expect(Array.from(frame.pixels.subarray(0, 3))).toEqual([254, 0, 0]);
      const source = rgbPatches(COLUMNS, ROWS, STRIPE);
      let compared = 0;
      for (let p = 0; p < ROWS * COLUMNS; p++) {
        const first = p - (p % 2);
        if (Math.floor((first % COLUMNS) / STRIPE) !== Math.floor(((first % COLUMNS) + 1) / STRIPE)) continue;
        for (let c = 0; c < 3; c++) expect(Math.abs(frame.pixels[p * 3 + c] - source[p * 3 + c])).toBeLessThanOrEqual(2);
        compared++;
      }
      expect(compared).toBeGreaterThan((ROWS * COLUMNS) / 2);
    });

    it.skipIf(!pydicomPython)(`${syntax.name}: matches pydicom's decode and YBR→RGB exactly${pydicomPython ? '' : ' (skipped: no pydicom with numpy)'}`, async () => {
      const file = image422({ pixelData: packed422(STRIPE) }, syntax);
      const [frame] = framesOf(await loadInstance(file, 'ybr422.dcm', codecs));
      expect(Array.from(frame.pixels)).toEqual(Array.from(pydicomDecode(file, workDir, `ybr422-${syntax.uid}`)));
    });
  }

  it('reads each frame of a multi-frame image at its own offset (two samples a pixel)', async () => {
    const frames = [packed422(STRIPE), packed422(5)];
    const both = framesOf(await loadInstance(image422({ frames: 2, pixelData: Uint8Array.from([...frames[0], ...frames[1]]) }), 'two.dcm', codecs));
    for (const [index, pixelData] of frames.entries()) {
      const [alone] = framesOf(await loadInstance(image422({ pixelData }), `frame-${index}.dcm`, codecs));
      expect(Array.from(both[index].pixels)).toEqual(Array.from(alone.pixels));
    }
    expect(Array.from(both[1].pixels.subarray(15 * 3, 16 * 3))).not.toEqual(Array.from(both[0].pixels.subarray(15 * 3, 16 * 3)));
  });

  it('refuses an odd number of columns, which the standard leaves undefined, saying so', async () => {
    const result = await loadInstance(image422({ columns: 63, pixelData: new Uint8Array(63 * ROWS * 2) }), 'odd.dcm', codecs);
    expect(result.ok ? 'decoded' : result.error.kind).toBe('unsupported-encoding');
    expect(result.ok ? '' : result.error.reason).toMatch(/YBR_FULL_422 with an odd number of columns \(63\)/);
  });

  it('still calls data shorter than two samples a pixel truncated, with the right size', async () => {
    const result = await loadInstance(image422({ pixelData: packed422(STRIPE).subarray(0, 1000) }), 'short.dcm', codecs);
    expect(result.ok ? 'decoded' : result.error.kind).toBe('truncated');
    expect(result.ok ? '' : result.error.reason).toContain(`(1000 of ${ROWS * COLUMNS * 2} bytes)`);
  });

  it('keeps the patch colours apart: every patch decodes to its own colour', async () => {
    const [frame] = framesOf(await loadInstance(image422({ pixelData: packed422(8) }), 'patches.dcm', codecs));
    PATCH_COLOURS.forEach((colour, patch) => {
      const at = (patch * 8 + 4) * 3;
      Array.from(frame.pixels.subarray(at, at + 3)).forEach((value, c) => expect(Math.abs(value - colour[c])).toBeLessThanOrEqual(2));
    });
  });
});
