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

/**
 * A typed array of the right kind over bytes that are already little-endian, from `byteOffset` (a
 * multiple of the sample size) for `length` samples, or over the whole buffer.
 */
export function viewSamples(header: InstanceHeader, buffer: ArrayBuffer, float = false, byteOffset = 0, length?: number): PixelArray {
  const signed = header.pixelRepresentation === 1;
  if (float) return new Float32Array(buffer, byteOffset, length);
  if (header.bitsAllocated <= 8) return signed ? new Int8Array(buffer, byteOffset, length) : new Uint8Array(buffer, byteOffset, length);
  if (header.bitsAllocated <= 16) return signed ? new Int16Array(buffer, byteOffset, length) : new Uint16Array(buffer, byteOffset, length);
  return signed ? new Int32Array(buffer, byteOffset, length) : new Uint32Array(buffer, byteOffset, length);
}

export interface ValueRange {
  minValue: number;
  maxValue: number;
}

/*
 * One loop per common array kind: V8 specialises a loop's element loads for the array kinds it has
 * seen, and a single loop fed every kind becomes megamorphic and runs about five times slower. Each
 * loop takes four samples at a time, ranging them among themselves before touching the running
 * minimum and maximum (about 1.5× faster here than one sample at a time). A sample below a minimum
 * cannot also be above the maximum that started from the same sample, hence the `else`.
 */
function rangeInt16(pixels: Int16Array): ValueRange {
  let minValue = pixels[0];
  let maxValue = minValue;
  const n = pixels.length;
  let i = 1;
  for (; i + 4 <= n; i += 4) {
    let low = pixels[i];
    let high = low;
    const b = pixels[i + 1];
    const c = pixels[i + 2];
    const d = pixels[i + 3];
    if (b < low) low = b;
    else if (b > high) high = b;
    if (c < low) low = c;
    else if (c > high) high = c;
    if (d < low) low = d;
    else if (d > high) high = d;
    if (low < minValue) minValue = low;
    if (high > maxValue) maxValue = high;
  }
  for (; i < n; i++) {
    const v = pixels[i];
    if (v < minValue) minValue = v;
    else if (v > maxValue) maxValue = v;
  }
  return { minValue, maxValue };
}

function rangeUint16(pixels: Uint16Array): ValueRange {
  let minValue = pixels[0];
  let maxValue = minValue;
  const n = pixels.length;
  let i = 1;
  for (; i + 4 <= n; i += 4) {
    let low = pixels[i];
    let high = low;
    const b = pixels[i + 1];
    const c = pixels[i + 2];
    const d = pixels[i + 3];
    if (b < low) low = b;
    else if (b > high) high = b;
    if (c < low) low = c;
    else if (c > high) high = c;
    if (d < low) low = d;
    else if (d > high) high = d;
    if (low < minValue) minValue = low;
    if (high > maxValue) maxValue = high;
  }
  for (; i < n; i++) {
    const v = pixels[i];
    if (v < minValue) minValue = v;
    else if (v > maxValue) maxValue = v;
  }
  return { minValue, maxValue };
}

function rangeUint8(pixels: Uint8Array): ValueRange {
  let minValue = pixels[0];
  let maxValue = minValue;
  const n = pixels.length;
  let i = 1;
  for (; i + 4 <= n; i += 4) {
    let low = pixels[i];
    let high = low;
    const b = pixels[i + 1];
    const c = pixels[i + 2];
    const d = pixels[i + 3];
    if (b < low) low = b;
    else if (b > high) high = b;
    if (c < low) low = c;
    else if (c > high) high = c;
    if (d < low) low = d;
    else if (d > high) high = d;
    if (low < minValue) minValue = low;
    if (high > maxValue) maxValue = high;
  }
  for (; i < n; i++) {
    const v = pixels[i];
    if (v < minValue) minValue = v;
    else if (v > maxValue) maxValue = v;
  }
  return { minValue, maxValue };
}

/** The rarer kinds (Int8, 32-bit, float); NaN samples are skipped. */
function rangeOther(pixels: PixelArray): ValueRange {
  let minValue = Infinity;
  let maxValue = -Infinity;
  for (let i = 0, n = pixels.length; i < n; i++) {
    const v = pixels[i];
    if (v < minValue) minValue = v;
    if (v > maxValue) maxValue = v;
  }
  return minValue <= maxValue ? { minValue, maxValue } : { minValue: 0, maxValue: 0 };
}

/** Smallest and largest sample, in one pass; 0 and 0 for an empty array. */
export function valueRange(pixels: PixelArray): ValueRange {
  if (pixels.length === 0) return { minValue: 0, maxValue: 0 };
  if (pixels instanceof Int16Array) return rangeInt16(pixels);
  if (pixels instanceof Uint16Array) return rangeUint16(pixels);
  if (pixels instanceof Uint8Array) return rangeUint8(pixels);
  return rangeOther(pixels);
}
