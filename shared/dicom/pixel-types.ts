import type { InstanceHeader } from './header';

export type PixelArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array;

/** One decoded frame: stored values before rescale; colour is interleaved R, G, B. */
export interface DecodedFrame {
  pixels: PixelArray;
  rows: number;
  columns: number;
  samplesPerPixel: 1 | 3;
  /** Exact range of the values in `pixels`, padding included (cornerstone sizes its lookup table from it). */
  minValue: number;
  maxValue: number;
}

/** The typed array for stored values of this bit depth and sign (1-bit data is one byte per pixel). */
export function allocateSamples(header: InstanceHeader, length: number, float = false): PixelArray {
  const signed = header.pixelRepresentation === 1;
  if (float) return new Float32Array(length);
  if (header.bitsAllocated <= 8) return signed ? new Int8Array(length) : new Uint8Array(length);
  if (header.bitsAllocated <= 16) return signed ? new Int16Array(length) : new Uint16Array(length);
  return signed ? new Int32Array(length) : new Uint32Array(length);
}

/** A typed array of the right kind over bytes that are already little-endian and suitably aligned. */
export function viewSamples(header: InstanceHeader, buffer: ArrayBuffer, float = false): PixelArray {
  const signed = header.pixelRepresentation === 1;
  if (float) return new Float32Array(buffer);
  if (header.bitsAllocated <= 8) return signed ? new Int8Array(buffer) : new Uint8Array(buffer);
  if (header.bitsAllocated <= 16) return signed ? new Int16Array(buffer) : new Uint16Array(buffer);
  return signed ? new Int32Array(buffer) : new Uint32Array(buffer);
}

export function valueRange(pixels: PixelArray): { minValue: number; maxValue: number } {
  let minValue = Infinity;
  let maxValue = -Infinity;
  for (let i = 0; i < pixels.length; i++) {
    const v = pixels[i];
    if (v < minValue) minValue = v;
    if (v > maxValue) maxValue = v;
  }
  return pixels.length === 0 ? { minValue: 0, maxValue: 0 } : { minValue, maxValue };
}
