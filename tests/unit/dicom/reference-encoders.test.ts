/**
 * Cross-checks our decoders against files written by independent encoders, DCMTK and GDCM (Debian's
 * dcmtk and libgdcm-tools): a small uncompressed image built here is compressed by each tool, decoded by
 * shared/dicom, and compared with the source pixels — exactly for lossless transfer syntaxes, within
 * the encoder's NEAR bound for JPEG-LS near-lossless (ITU T.87 A.2: every reconstructed sample is within
 * NEAR of the original). Lossy DCT JPEG has no such bound, so those files are compared with the same
 * toolkit's own decode instead (at most 2 grey levels apart, the corpus rule for lossy files).
 * A tool that is not installed skips its cases and says so in the test name.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCodecProvider } from '../../../shared/dicom/codec-provider';
import { loadInstance } from '../../../shared/dicom/load-instance';
import type { PixelArray } from '../../../shared/dicom/pixel-types';
import { buildImage, type ImageOptions } from '../../fixtures/dicom/build-dicom';

const SIZE = 64;

interface Source {
  name: string;
  options: ImageOptions;
  pixels: PixelArray;
}

/** A CT-like slice: air outside the body, soft tissue with noise, a bright bone, negative values. */
function ctSource(): Source {
  const pixels = new Int16Array(SIZE * SIZE);
  let noise = 7;
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      noise = (noise * 1103515245 + 12345) & 0x7fffffff;
      const r = Math.hypot(x - 30, y - 34);
      const tissue = r < 9 ? 900 + ((x * y) % 120) : 40 + ((noise >> 16) % 41) - 20;
      pixels[y * SIZE + x] = r > 27 ? -1000 - ((noise >> 16) % 24) : tissue;
    }
  }
  // Signed, 12 of 16 bits stored: the codecs see 12-bit patterns that decoding must sign-extend.
  return { name: 'CT signed 12/16-bit', options: { signed: true, bitsStored: 12, pixelData: new Uint8Array(pixels.buffer) }, pixels };
}

function grey8Source(): Source {
  const pixels = new Uint8Array(SIZE * SIZE);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (Math.round(128 + 100 * Math.sin(i / 37) * Math.cos(i / 501)) + (i % 7)) & 0xff;
  return { name: 'grey 8-bit', options: { bitsAllocated: 8, pixelData: pixels }, pixels };
}

function rgbSource(): Source {
  const pixels = new Uint8Array(SIZE * SIZE * 3);
  for (let i = 0; i < SIZE * SIZE; i++) {
    const x = i % SIZE;
    const y = Math.floor(i / SIZE);
    pixels[i * 3] = (x * 4) & 0xff;
    pixels[i * 3 + 1] = (y * 4) & 0xff;
    pixels[i * 3 + 2] = ((x ^ y) * 4) & 0xff;
  }
  return { name: 'RGB 8-bit', options: { bitsAllocated: 8, samplesPerPixel: 3, pixelData: pixels }, pixels };
}

const SOURCES = [ctSource(), grey8Source(), rgbSource()];
const [CT, GREY8, RGB] = SOURCES;

interface EncoderCase {
  tool: string;
  args: string[];
  transferSyntax: string;
  sources: Source[];
  /** JPEG-LS NEAR: the largest difference allowed; 0 for lossless. */
  near: number;
  /** For lossy DCT JPEG: the toolkit command that decodes its own file, the reference we compare with. */
  referenceDecoder?: string[];
}

/** Grey levels by which a lossy decode may differ from another toolkit's (as for the corpus's lossy files). */
const LOSSY_TOLERANCE = 2;

const CASES: EncoderCase[] = [
  { tool: 'dcmcjpeg', args: ['+e1'], transferSyntax: '1.2.840.10008.1.2.4.70', sources: SOURCES, near: 0 },
  { tool: 'dcmcjpeg', args: ['+el', '+sv', '6'], transferSyntax: '1.2.840.10008.1.2.4.57', sources: SOURCES, near: 0 },
  { tool: 'dcmcjpls', args: ['+el'], transferSyntax: '1.2.840.10008.1.2.4.80', sources: SOURCES, near: 0 },
  // DCMTK refuses signed images for near-lossless; GDCM's encoder covers them below.
  { tool: 'dcmcjpls', args: ['+en', '+md', '2'], transferSyntax: '1.2.840.10008.1.2.4.81', sources: [GREY8, RGB], near: 2 },
  // 12-bit JPEG Extended (process 4): DCMTK shifts the signed CT to unsigned before encoding.
  { tool: 'dcmcjpeg', args: ['+ee'], transferSyntax: '1.2.840.10008.1.2.4.51', sources: [CT], near: LOSSY_TOLERANCE, referenceDecoder: ['dcmdjpeg'] },
  { tool: 'dcmcjpeg', args: ['+eb'], transferSyntax: '1.2.840.10008.1.2.4.50', sources: [GREY8, RGB], near: LOSSY_TOLERANCE, referenceDecoder: ['dcmdjpeg', '+cp'] },
  { tool: 'dcmcrle', args: [], transferSyntax: '1.2.840.10008.1.2.5', sources: SOURCES, near: 0 },
  { tool: 'gdcmconv', args: ['--j2k'], transferSyntax: '1.2.840.10008.1.2.4.90', sources: SOURCES, near: 0 },
  { tool: 'gdcmconv', args: ['--jpegls'], transferSyntax: '1.2.840.10008.1.2.4.80', sources: SOURCES, near: 0 },
  { tool: 'gdcmconv', args: ['--jpegls', '--lossy', '--allowed-error', '3'], transferSyntax: '1.2.840.10008.1.2.4.81', sources: [CT], near: 3 },
  { tool: 'gdcmconv', args: ['--jpeg'], transferSyntax: '1.2.840.10008.1.2.4.70', sources: SOURCES, near: 0 },
  { tool: 'gdcmconv', args: ['--rle'], transferSyntax: '1.2.840.10008.1.2.5', sources: SOURCES, near: 0 },
];

const installed = new Map<string, boolean>();
function isInstalled(tool: string): boolean {
  if (!installed.has(tool)) installed.set(tool, !spawnSync(tool, ['--version'], { stdio: 'ignore' }).error);
  return installed.get(tool)!;
}

const codecs = createCodecProvider();
let workDir: string;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'spinelab-reference-encoders-'));
  SOURCES.forEach((source, index) => writeFileSync(join(workDir, `source-${index}.dcm`), buildImage({ rows: SIZE, columns: SIZE, ...source.options })));
});

afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function largestDifference(decoded: PixelArray, source: PixelArray): number {
  let largest = 0;
  for (let i = 0; i < source.length; i++) largest = Math.max(largest, Math.abs(decoded[i] - source[i]));
  return largest;
}

/** Range of decoded − source over the image: small when the decode is the source plus a constant. */
function spreadOfDifference(decoded: PixelArray, source: PixelArray): number {
  let low = Infinity;
  let high = -Infinity;
  for (let i = 0; i < source.length; i++) {
    low = Math.min(low, decoded[i] - source[i]);
    high = Math.max(high, decoded[i] - source[i]);
  }
  return high - low;
}

describe('reference encoders (DCMTK, GDCM): their files decode to the source pixels', () => {
  for (const encoder of CASES) {
    const command = [encoder.tool, ...encoder.args].join(' ');
    const missing = !isInstalled(encoder.tool);
    for (const source of encoder.sources) {
      const expectation = encoder.referenceDecoder ? `as ${encoder.referenceDecoder[0]} decodes it, within ${encoder.near}` : encoder.near === 0 ? 'exactly' : `within NEAR ${encoder.near}`;
      const name = `${command} · ${source.name} · ${expectation}${missing ? ` (skipped: ${encoder.tool} is not installed)` : ''}`;
      it.skipIf(missing)(name, async () => {
        const input = join(workDir, `source-${SOURCES.indexOf(source)}.dcm`);
        const output = join(workDir, `${encoder.tool}-${encoder.args.join('')}-${SOURCES.indexOf(source)}.dcm`);
        execFileSync(encoder.tool, [...encoder.args, input, output], { stdio: 'pipe' });
        const result = await loadInstance(readFileSync(output), 'encoded.dcm', codecs);
        if (!result.ok) throw new Error(`${command} wrote a file we cannot decode: ${result.error.reason}`);
        expect(result.header.transferSyntaxUid).toBe(encoder.transferSyntax);
        const [frame] = result.frames;
        expect(frame.samplesPerPixel).toBe(source.options.samplesPerPixel ?? 1);
        expect(frame.pixels.length).toBe(source.pixels.length);
        let expected = source.pixels;
        if (encoder.referenceDecoder) {
          const [decoder, ...decoderArgs] = encoder.referenceDecoder;
          const decodedPath = `${output}.reference.dcm`;
          execFileSync(decoder, [...decoderArgs, output, decodedPath], { stdio: 'pipe' });
          const reference = await loadInstance(readFileSync(decodedPath), 'reference.dcm', codecs);
          if (!reference.ok) throw new Error(`${decoder} wrote a file we cannot read: ${reference.error.reason}`);
          expected = reference.frames[0].pixels;
          // Lossy, yet recognisably the source (give or take the encoder's value shift), so that the
          // comparison cannot pass on two equally wrong images.
          expect(spreadOfDifference(frame.pixels, source.pixels)).toBeLessThan(200);
        }
        expect(largestDifference(frame.pixels, expected)).toBeLessThanOrEqual(encoder.near);
      });
    }
  }
});
