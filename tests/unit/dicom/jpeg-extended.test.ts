/**
 * 12-bit JPEG Extended (process 4) through dcmjs-codecs' IJG build: damaged streams fail cleanly and
 * the codec decodes the next good file exactly as before (500 failures in a row leave its WASM memory
 * where it was). Agreement with
 * other toolkits is tested in corpus.test.ts (GDCM reference, exact) and reference-encoders.test.ts (DCMTK).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCodecProvider } from '../../../shared/dicom/codec-provider';
import { loadInstance, type LoadResult } from '../../../shared/dicom/load-instance';
import { frameRange } from '../../../shared/dicom/pixel-types';

const FIXTURE = new Uint8Array(readFileSync(join(__dirname, '../../fixtures/dicom/jpeg-extended-12bit.dcm')));
const codecs = createCodecProvider();

function pixelsOf(result: LoadResult) {
  if (!result.ok) throw new Error(result.error.reason);
  return result.frames[0].pixels;
}

/** Offset of the JPEG stream's start-of-scan marker, so that damage lands in the entropy-coded data. */
function startOfScan(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length - 1; i++) if (bytes[i] === 0xff && bytes[i + 1] === 0xda) return i;
  throw new Error('no SOS marker');
}

describe('12-bit JPEG Extended', () => {
  it('decodes to 12-bit stored values in 16-bit words', async () => {
    const result = await loadInstance(FIXTURE, 'jpeg-extended-12bit.dcm', codecs);
    const pixels = pixelsOf(result);
    expect(pixels).toBeInstanceOf(Uint16Array);
    expect(pixels.length).toBe(256 * 256);
    if (!result.ok) return;
    const { minValue, maxValue } = frameRange(result.frames[0]);
    expect(maxValue).toBeLessThan(4096);
    expect(maxValue - minValue).toBeGreaterThan(1000);
  });

  it('reports damaged or cut streams as corrupt pixel data and recovers for the next file', async () => {
    const good = pixelsOf(await loadInstance(FIXTURE, 'good.dcm', codecs));
    const scan = startOfScan(FIXTURE);
    const kinds = new Set<string>();
    for (let k = 0; k < 12; k++) {
      const damaged = FIXTURE.slice();
      // Markers inside the scan (FF D0-D9, FF C4…) and cut-offs exercise IJG's error exits.
      const at = scan - 40 + Math.floor(((FIXTURE.length - scan) * k) / 12);
      damaged.set([0xff, 0xd0 + (k % 10), 0xff, 0xc0 + k], at);
      const cut = k % 3 === 0 ? damaged.subarray(0, at + 8) : damaged;
      const result = await loadInstance(cut, `damaged-${k}.dcm`, codecs);
      if (!result.ok) {
        kinds.add(result.error.kind);
        expect(result.error.reason).toMatch(/\w/);
      }
    }
    expect([...kinds].every((kind) => kind === 'corrupt-pixel-data' || kind === 'truncated')).toBe(true);
    expect(kinds.size).toBeGreaterThan(0);
    expect(pixelsOf(await loadInstance(FIXTURE, 'good-again.dcm', codecs))).toEqual(good);
  });

  it('refuses a 12-bit stream in 8-bit words with a clear reason', async () => {
    const bytes = FIXTURE.slice();
    // Bits Allocated, Bits Stored, High Bit (0028,0100-0102) to 8, 8, 7, found by their explicit-VR headers.
    const setUs = (element: number, value: number) => {
      const header = [0x28, 0x00, element, 0x01, 0x55, 0x53, 0x02, 0x00];
      const at = bytes.findIndex((_, i) => header.every((b, j) => bytes[i + j] === b));
      bytes[at + 8] = value;
    };
    setUs(0x00, 8);
    setUs(0x01, 8);
    setUs(0x02, 7);
    const result = await loadInstance(bytes, 'eight-bit-words.dcm', codecs);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.reason).toContain('12-bit JPEG Extended with 1 sample(s) of 8 bits is not supported');
  });
});
