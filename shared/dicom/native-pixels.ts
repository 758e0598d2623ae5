import type { ParsedInstance } from './parse';
import { nativeFrameBits, nativeSamplesPerFrame } from './parse';
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

export interface NativeFrame {
  samples: PixelArray;
  /** The samples are a view on the file's own buffer: copy before changing them. */
  sharesFileBuffer: boolean;
}

/**
 * One frame of native pixel data as little-endian samples, in the file's sample order (planar or
 * interleaved). A little-endian frame whose start is aligned to its sample size is a view on the file's
 * buffer when the parse may hand that buffer out (ParsedInstance.pixelData.viewable); otherwise it is
 * copied: odd offsets cannot back a typed array, big-endian words are swapped (PS3.5 A.3), and 1-bit
 * pixels are unpacked. Views and copies are bounded by the element's own length, never the buffer's
 * (NOTES.md).
 */
export function readNativeFrame(parsed: ParsedInstance, frameIndex: number): NativeFrame {
  const { header, pixelData, transferSyntax } = parsed;
  const { dataSet, element, float, viewable } = pixelData!;
  const frameBits = nativeFrameBits(header);
  const valueStart = dataSet.byteArray.byteOffset + element.dataOffset;
  const value = new Uint8Array(dataSet.byteArray.buffer, valueStart, element.length);
  const sampleCount = nativeSamplesPerFrame(header);

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
    return { samples: unpackBits(bytes, firstBit - wordStart * 8, sampleCount), sharesFileBuffer: false };
  }

  const frameBytes = frameBits / 8;
  const frameStart = frameBytes * frameIndex;
  const bytesPerSample = header.bitsAllocated / 8;
  if (viewable && !transferSyntax.bigEndian && (valueStart + frameStart) % bytesPerSample === 0) {
    return { samples: viewSamples(header, value.buffer as ArrayBuffer, float, valueStart + frameStart, sampleCount), sharesFileBuffer: true };
  }
  const bytes = value.slice(frameStart, frameStart + frameBytes);
  if (transferSyntax.bigEndian) swapBytes(bytes, bigEndianWordWidth(header.bitsAllocated, element.vr));
  return { samples: viewSamples(header, bytes.buffer, float), sharesFileBuffer: false };
}
