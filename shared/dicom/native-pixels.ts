import type { ParsedInstance } from './parse';
import { nativeFrameBits } from './parse';
import { viewSamples, type PixelArray } from './pixel-types';

/** Reverses the byte order of each `width`-byte word in place (big endian → little endian). */
export function swapBytes(bytes: Uint8Array, width: number): void {
  for (let i = 0; i + width <= bytes.length; i += width) {
    for (let a = i, b = i + width - 1; a < b; a++, b--) {
      const t = bytes[a];
      bytes[a] = bytes[b];
      bytes[b] = t;
    }
  }
}

/**
 * Width of the words whose byte order Explicit VR Big Endian reverses: the sample size, or 16-bit words
 * for OW data holding 1- or 8-bit samples (PS3.5 A.3, 8.1.1).
 */
function bigEndianWordWidth(bitsAllocated: number, vr: string | undefined): number {
  if (bitsAllocated > 8) return bitsAllocated / 8;
  return vr === 'OB' ? 1 : 2;
}

/**
 * Unpacks 1-bit pixels, packed without padding between frames and least significant bit first
 * (PS3.5 8.1.1), to one byte per pixel.
 */
function unpackBits(bytes: Uint8Array, firstBit: number, count: number): Uint8Array {
  const out = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const bit = firstBit + i;
    out[i] = (bytes[bit >>> 3] >>> (bit & 7)) & 1;
  }
  return out;
}

/**
 * Copies one frame of native pixel data into its own little-endian buffer, in the file's sample order
 * (planar or interleaved). The copy is bounded by the element's own length (never the shared buffer's,
 * NOTES.md) and fixes odd offsets that a typed-array view could not take.
 */
export function readNativeFrame(parsed: ParsedInstance, frameIndex: number): PixelArray {
  const { header, pixelData, transferSyntax } = parsed;
  const { dataSet, element, float } = pixelData!;
  const frameBits = nativeFrameBits(header);
  const valueStart = dataSet.byteArray.byteOffset + element.dataOffset;
  const value = new Uint8Array(dataSet.byteArray.buffer, valueStart, element.length);
  const sampleCount = header.rows * header.columns * header.samplesPerPixel;

  if (header.bitsAllocated === 1) {
    const firstBit = frameBits * frameIndex;
    const byteStart = Math.floor(firstBit / 8);
    const byteEnd = Math.ceil((firstBit + frameBits) / 8);
    const width = transferSyntax.bigEndian ? bigEndianWordWidth(1, element.vr) : 1;
    // Whole words are needed to undo big-endian word order.
    const wordStart = byteStart - (byteStart % width);
    const wordEnd = Math.min(value.length, Math.ceil(byteEnd / width) * width);
    const bytes = value.slice(wordStart, wordEnd);
    if (width > 1) swapBytes(bytes, width);
    return unpackBits(bytes, firstBit - wordStart * 8, sampleCount);
  }

  const frameBytes = frameBits / 8;
  const bytes = value.slice(frameBytes * frameIndex, frameBytes * (frameIndex + 1));
  if (transferSyntax.bigEndian) swapBytes(bytes, bigEndianWordWidth(header.bitsAllocated, element.vr));
  return viewSamples(header, bytes.buffer, float);
}
