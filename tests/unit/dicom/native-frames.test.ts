/**
 * The fast path for uncompressed frames: views on an adopted file buffer instead of copies, stored-bit
 * isolation only when a word holds bits outside its stored value (PS3.5 8.1.1), and the value range.
 */
import { describe, expect, it } from 'vitest';
import { createCodecProvider } from '../../../shared/dicom/codec-provider';
import { decodeFrame } from '../../../shared/dicom/decode';
import { parseInstance } from '../../../shared/dicom/parse';
import { frameRange, valueRange, type PixelArray } from '../../../shared/dicom/pixel-types';
import { isolateStoredBits } from '../../../shared/dicom/stored-values';
import type { InstanceHeader } from '../../../shared/dicom/header';
import { buildImage, words } from '../../fixtures/dicom/build-dicom';

const codecs = createCodecProvider();

/** The file in a buffer of its own, as a worker receives it or Node reads a large file. */
const ownBuffer = (bytes: Uint8Array) => new Uint8Array(bytes.slice().buffer);

describe('uncompressed frames: view or copy', () => {
  const ct = [-1000, -3, 0, 40, 1200, 2047, -2048, 7];

  it('an aligned little-endian frame of an adopted buffer is a view on it', async () => {
    const file = ownBuffer(buildImage({ rows: 2, columns: 4, signed: true, pixelData: words(ct) }));
    const frame = await decodeFrame(parseInstance(file, 'test.dcm', { adoptBuffer: true }), 0, codecs);
    expect(frame.pixels.buffer).toBe(file.buffer);
    expect(Array.from(frame.pixels)).toEqual(ct);
    expect(frameRange(frame)).toEqual({ minValue: -2048, maxValue: 2047 });
  });

  it('leaves the range of 16-of-16-bit frames to first use, then keeps it; 12-of-16 gets it on the way', async () => {
    const full = await decodeFrame(parseInstance(ownBuffer(buildImage({ rows: 2, columns: 4, signed: true, pixelData: words(ct) })), 'full.dcm'), 0, codecs);
    expect(full.minValue).toBeUndefined();
    expect(frameRange(full)).toEqual({ minValue: -2048, maxValue: 2047 });
    expect([full.minValue, full.maxValue]).toEqual([-2048, 2047]);
    const twelve = await decodeFrame(parseInstance(ownBuffer(buildImage({ rows: 2, columns: 4, signed: true, bitsStored: 12, pixelData: words(ct) })), 'twelve.dcm'), 0, codecs);
    expect([twelve.minValue, twelve.maxValue]).toEqual([-2048, 2047]);
  });

  it('copies when the buffer is not handed over, or holds more than the file', async () => {
    const file = ownBuffer(buildImage({ rows: 2, columns: 4, signed: true, pixelData: words(ct) }));
    const borrowed = await decodeFrame(parseInstance(file, 'test.dcm'), 0, codecs);
    expect(borrowed.pixels.buffer).not.toBe(file.buffer);

    const pooled = new Uint8Array(file.length + 64);
    pooled.set(file, 32);
    const slice = pooled.subarray(32, 32 + file.length);
    const fromPool = await decodeFrame(parseInstance(slice, 'test.dcm', { adoptBuffer: true }), 0, codecs);
    expect(fromPool.pixels.buffer).not.toBe(pooled.buffer);
    expect(Array.from(fromPool.pixels)).toEqual(ct);
  });

  it('a frame at an odd offset is copied and read correctly', async () => {
    const file = buildImage({ rows: 2, columns: 4, signed: true, pixelData: words(ct) });
    const shifted = new Uint8Array(file.length + 1);
    shifted.set(file, 1);
    const frame = await decodeFrame(parseInstance(shifted.subarray(1), 'test.dcm', { adoptBuffer: true }), 0, codecs);
    expect(Array.from(frame.pixels)).toEqual(ct);
  });

  it('words with bits above High Bit are isolated in a copy, leaving the file as it was', async () => {
    // 12 bits stored: 0xF001 carries an overlay bit pattern above bit 11; 0x0FFF is −1.
    const file = ownBuffer(buildImage({ rows: 1, columns: 4, signed: true, bitsStored: 12, pixelData: words([0x0fff, 0x0800, 0x07ff, 0xf001]) }));
    const before = file.slice();
    const parsed = parseInstance(file, 'test.dcm', { adoptBuffer: true });
    const first = await decodeFrame(parsed, 0, codecs);
    const again = await decodeFrame(parsed, 0, codecs);
    expect(Array.from(first.pixels)).toEqual([-1, -2048, 2047, 1]);
    expect(Array.from(again.pixels)).toEqual([-1, -2048, 2047, 1]);
    expect(frameRange(first)).toEqual({ minValue: -2048, maxValue: 2047 });
    expect(first.pixels.buffer).not.toBe(file.buffer);
    expect(file).toEqual(before);
  });

  it('conformant 12-bit words keep the view: nothing lies outside the stored range', async () => {
    const values = [-2048, -1, 0, 2047];
    const file = ownBuffer(buildImage({ rows: 1, columns: 4, signed: true, bitsStored: 12, pixelData: words(values) }));
    const frame = await decodeFrame(parseInstance(file, 'test.dcm', { adoptBuffer: true }), 0, codecs);
    expect(frame.pixels.buffer).toBe(file.buffer);
    expect(Array.from(frame.pixels)).toEqual(values);
  });

  it('a frame of a multi-frame file views its own part of the buffer', async () => {
    const file = ownBuffer(buildImage({ rows: 1, columns: 2, frames: 3, pixelData: words([1, 2, 3, 4, 5, 6]) }));
    const parsed = parseInstance(file, 'test.dcm', { adoptBuffer: true });
    const second = await decodeFrame(parsed, 1, codecs);
    expect(Array.from(second.pixels)).toEqual([3, 4]);
    expect(frameRange(second)).toEqual({ minValue: 3, maxValue: 4 });
  });
});

describe('isolateStoredBits', () => {
  const header = (bitsAllocated: number, bitsStored: number, highBit: number, signed: boolean) =>
    ({ bitsAllocated, bitsStored, highBit, pixelRepresentation: signed ? 1 : 0 }) as InstanceHeader;

  /** The definition, bit by bit: take bits highBit−bitsStored+1 … highBit, then sign-extend if signed. */
  function reference(word: number, bitsAllocated: number, bitsStored: number, highBit: number, signed: boolean): number {
    const unsignedWord = word < 0 ? word + 2 ** bitsAllocated : word;
    const stored = Math.floor(unsignedWord / 2 ** (highBit + 1 - bitsStored)) % 2 ** bitsStored;
    return signed && stored >= 2 ** (bitsStored - 1) ? stored - 2 ** bitsStored : stored;
  }

  const layouts: [number, number, number, boolean, () => PixelArray][] = [
    [16, 12, 11, true, () => new Int16Array(64)],
    [16, 12, 11, false, () => new Uint16Array(64)],
    [16, 10, 13, true, () => new Int16Array(64)],
    [8, 6, 6, false, () => new Uint8Array(64)],
    [8, 7, 6, true, () => new Int8Array(64)],
    [32, 24, 23, true, () => new Int32Array(64)],
    [32, 31, 31, false, () => new Uint32Array(64)],
  ];
  for (const [bitsAllocated, bitsStored, highBit, signed, make] of layouts) {
    it(`${bitsStored} of ${bitsAllocated} bits, high bit ${highBit}, ${signed ? 'signed' : 'unsigned'}`, () => {
      const samples = make();
      let seed = bitsAllocated * 31 + bitsStored;
      for (let i = 0; i < samples.length; i++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        samples[i] = seed;
      }
      const expected = Array.from(samples, (w) => reference(w, bitsAllocated, bitsStored, highBit, signed));
      expect(Array.from(isolateStoredBits(header(bitsAllocated, bitsStored, highBit, signed), samples))).toEqual(expected);
    });
  }
});

describe('valueRange', () => {
  it('matches Math.min / Math.max for every array kind and length', () => {
    const kinds = [Int16Array, Uint16Array, Uint8Array, Int8Array, Int32Array, Uint32Array, Float32Array];
    let seed = 3;
    for (const Kind of kinds) {
      for (let length = 1; length < 12; length++) {
        const pixels = new Kind(length);
        for (let i = 0; i < length; i++) {
          seed = (seed * 1103515245 + 12345) & 0x7fffffff;
          pixels[i] = (seed % 250) - 120;
        }
        expect(valueRange(pixels), `${Kind.name} of ${length}`).toEqual({ minValue: Math.min(...pixels), maxValue: Math.max(...pixels) });
      }
    }
  });

  it('is 0…0 for no samples, and skips NaN', () => {
    expect(valueRange(new Int16Array(0))).toEqual({ minValue: 0, maxValue: 0 });
    expect(valueRange(Float32Array.from([NaN, 2, -1]))).toEqual({ minValue: -1, maxValue: 2 });
  });
});
