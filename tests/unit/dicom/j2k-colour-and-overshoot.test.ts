/**
 * JPEG 2000 colour and lossy range (issue 13, items 9 and 10), on fixtures made by OpenJPEG's encoder
 * (tests/fixtures/dicom/make-j2k.ts):
 * - YBR_FULL coded without the multiple component transform is converted to RGB here, because the
 *   decoder has nothing to undo (PS3.5 8.2.4; the COD marker's flag, T.800 A.6.1); YBR_RCT is undone by
 *   the decoder itself.
 * - A lossy 16-bit codestream of 12-bit data rings past the stored range at sharp bone edges: the
 *   overshoot is clamped to 0 … 4095 (−2048 … 2047 signed), never masked into near-black specks.
 * The GDCM comparisons (gdcmconv --raw, then pydicom) run where both are installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCodecProvider } from '../../../shared/dicom/codec-provider';
import { j2kComponentTransform } from '../../../shared/dicom/codec-stream-info';
import { fragmentsByFrame, frameBytes } from '../../../shared/dicom/frame-fragments';
import { loadInstance, type LoadResult } from '../../../shared/dicom/load-instance';
import { parseInstance } from '../../../shared/dicom/parse';
import { STORED_MAX, brightEdges, brightEdgesSigned } from '../../fixtures/dicom/bright-edges';
import { buildEncapsulatedImage } from '../../fixtures/dicom/build-dicom';
import { PATCH_COLOURS, rgbPatches } from '../../fixtures/dicom/colour-patches';
import { pydicomDecode, pydicomPython } from '../../fixtures/dicom/pydicom';

const FIXTURES = join(__dirname, '../../fixtures/dicom');
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const codecs = createCodecProvider();
const workDir = mkdtempSync(join(tmpdir(), 'spinelab-j2k-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const hasGdcm = !spawnSync('gdcmconv', ['--version'], { stdio: 'ignore' }).error;
const gdcmSkip = hasGdcm && pydicomPython ? '' : ' (skipped: needs gdcmconv and pydicom with numpy)';
const PATCH_COLUMNS = 64;
const PATCH_ROWS = 16;
const PATCH_STRIPE = 8;
const J2K_LOSSLESS = '1.2.840.10008.1.2.4.90';

function framesOf(result: LoadResult) {
  if (!result.ok) throw new Error(result.error.reason);
  return result.frames;
}

/** GDCM's decode of a fixture, made native by gdcmconv and read by pydicom (YBR converted to RGB). */
function gdcmDecode(name: string): Uint8Array {
  const native = join(workDir, `${name}.native.dcm`);
  execFileSync('gdcmconv', ['--raw', join(FIXTURES, name), native], { stdio: 'pipe' });
  return pydicomDecode(new Uint8Array(readFileSync(native)), workDir, name);
}

const codestreamOf = (file: Uint8Array) => {
  const parsed = parseInstance(file, 'fixture.dcm');
  return frameBytes(parsed, fragmentsByFrame(parsed)[0]);
};

/** Where `marker` first starts in the codestream's main header, walking its marker segments from SIZ. */
function markerAt(stream: Uint8Array, marker: number): number {
  for (let position = 2; position + 4 <= stream.length; position += 2 + ((stream[position + 2] << 8) | stream[position + 3])) {
    if (((stream[position] << 8) | stream[position + 1]) === marker) return position;
  }
  throw new Error(`no marker ${marker.toString(16)}`);
}

/** The codestream with a copy of its main COD, flag set to `mct`, in the header of each tile in `tiles`. */
function withTileCod(stream: Uint8Array, tiles: number[], mct: number): Uint8Array {
  const codAt = markerAt(stream, 0xff52);
  const cod = stream.slice(codAt, codAt + 2 + ((stream[codAt + 2] << 8) | stream[codAt + 3]));
  cod[8] = mct;
  let position = markerAt(stream, 0xff90);
  const parts = [stream.subarray(0, position)];
  while (((stream[position] << 8) | stream[position + 1]) === 0xff90) {
    const view = new DataView(stream.buffer, stream.byteOffset + position);
    const length = view.getUint32(6);
    const part = stream.slice(position, position + length);
    if (tiles.includes(view.getUint16(4))) {
      new DataView(part.buffer).setUint32(6, length + cod.length);
      parts.push(part.subarray(0, 12), cod, part.subarray(12));
    } else parts.push(part);
    position += length;
  }
  parts.push(stream.subarray(position));
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}

const ybrImage = (codestream: Uint8Array) =>
  buildEncapsulatedImage({ rows: PATCH_ROWS, columns: PATCH_COLUMNS, bitsAllocated: 8, samplesPerPixel: 3, photometric: 'YBR_FULL' }, J2K_LOSSLESS, [[codestream]]);

describe('JPEG 2000 colour: YBR_FULL without the component transform', () => {
  for (const name of ['j2k-ybr-full-no-mct.dcm', 'j2k-ybr-full-no-mct-tiled.dcm']) {
    it(`${name}: every patch decodes to its own colour, red stays red`, async () => {
      const [frame] = framesOf(await loadInstance(fixture(name), name, codecs));
      expect(frame.samplesPerPixel).toBe(3);
      // Shown as RGB, red's YBR samples would read (76, 85, 255).
      expect(Array.from(frame.pixels.subarray(0, 3))).toEqual([254, 0, 0]);
      for (let row = 0; row < PATCH_ROWS; row++) {
        PATCH_COLOURS.forEach((colour, patch) => {
          for (let column = patch * PATCH_STRIPE; column < (patch + 1) * PATCH_STRIPE; column++) {
            const at = (row * PATCH_COLUMNS + column) * 3;
            colour.forEach((value, c) => expect(Math.abs(frame.pixels[at + c] - value)).toBeLessThanOrEqual(2));
          }
        });
      }
    });
  }

  it.skipIf(gdcmSkip !== '')(`matches GDCM's decode with pydicom's YBR→RGB exactly${gdcmSkip}`, async () => {
    const [frame] = framesOf(await loadInstance(fixture('j2k-ybr-full-no-mct.dcm'), 'ybr.dcm', codecs));
    expect(Array.from(frame.pixels)).toEqual(Array.from(gdcmDecode('j2k-ybr-full-no-mct.dcm')));
  });

  it('YBR_RCT, undone by the decoder, decodes to the source RGB exactly', async () => {
    const [frame] = framesOf(await loadInstance(fixture('j2k-rgb-rct.dcm'), 'rct.dcm', codecs));
    expect(Array.from(frame.pixels)).toEqual(Array.from(rgbPatches(PATCH_COLUMNS, PATCH_ROWS, PATCH_STRIPE)));
  });

  it('reads the flag from the main COD, and from tile-part CODs that override it', () => {
    expect(j2kComponentTransform(codestreamOf(fixture('j2k-ybr-full-no-mct.dcm')))).toBe(false);
    expect(j2kComponentTransform(codestreamOf(fixture('j2k-rgb-rct.dcm')))).toBe(true);
    const tiled = codestreamOf(fixture('j2k-ybr-full-no-mct-tiled.dcm'));
    expect(j2kComponentTransform(tiled)).toBe(false);
    expect(j2kComponentTransform(withTileCod(tiled, [0, 1], 1))).toBe(true);
    expect(j2kComponentTransform(withTileCod(tiled, [1], 1))).toBe('mixed');
    expect(j2kComponentTransform(withTileCod(tiled, [0, 1], 0))).toBe(false);
  });

  it('refuses tiles that disagree on the transform, saying why', async () => {
    const result = await loadInstance(ybrImage(withTileCod(codestreamOf(fixture('j2k-ybr-full-no-mct-tiled.dcm')), [1], 1)), 'mixed.dcm', codecs);
    expect(result.ok ? 'decoded' : result.error.kind).toBe('unsupported-encoding');
    expect(result.ok ? '' : result.error.reason).toContain('disagree on whether their colours are transformed');
  });
});

describe('lossy JPEG 2000 overshoot is clamped to the stored range', () => {
  const cases = [
    { name: 'j2k-lossy-bright-edges.dcm', source: brightEdges(), low: 0, high: STORED_MAX, signed: false },
    { name: 'j2k-lossy-bright-edges-signed.dcm', source: brightEdgesSigned(), low: -2048, high: 2047, signed: true },
  ];
  for (const { name, source, low, high, signed } of cases) {
    it(`${name}: no pixel of the brightest bone decodes dark nor of the air bright, nothing leaves ${low} … ${high}`, async () => {
      const [frame] = framesOf(await loadInstance(fixture(name), name, codecs));
      expect(frame.pixels).toBeInstanceOf(signed ? Int16Array : Uint16Array);
      let bright = 0;
      let atMaximum = 0;
      for (let i = 0; i < source.length; i++) {
        expect(frame.pixels[i]).toBeGreaterThanOrEqual(low);
        expect(frame.pixels[i]).toBeLessThanOrEqual(high);
        // The air gaps at the bottom of the range must not wrap to bright either.
        if (source[i] <= low + 100) expect(frame.pixels[i]).toBeLessThan(low + 600);
        if (source[i] < high - 100) continue;
        bright++;
        // Masking wraps 4096 + k to k: the brightest bone would turn black.
        expect(frame.pixels[i]).toBeGreaterThan(high - 600);
        if (frame.pixels[i] === high) atMaximum++;
      }
      expect(bright).toBeGreaterThan(1000);
      expect(atMaximum).toBeGreaterThan(0);
    });

    it.skipIf(gdcmSkip !== '')(`${name}: GDCM's decode overshoots, and clamped equals ours within 2${gdcmSkip}`, async () => {
      const [frame] = framesOf(await loadInstance(fixture(name), name, codecs));
      const bytes = gdcmDecode(name);
      const reference = signed ? new Int16Array(bytes.buffer) : new Uint16Array(bytes.buffer);
      expect(Math.max(...reference)).toBeGreaterThan(high);
      if (signed) expect(Math.min(...reference)).toBeLessThan(low);
      let largest = 0;
      reference.forEach((value, i) => (largest = Math.max(largest, Math.abs(Math.min(high, Math.max(low, value)) - frame.pixels[i]))));
      expect(largest).toBeLessThanOrEqual(2);
    });
  }
});
