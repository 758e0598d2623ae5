/**
 * DICOM RLE Lossless (PS3.5 Annex G). No maintained package decodes it, and it is short: a 64-byte
 * header of up to 15 segment offsets, each segment one byte plane compressed with PackBits (G.3.1).
 */

const RLE_HEADER_BYTES = 64;
const MAX_SEGMENTS = 15;

export class RleError extends Error {}

function decodeSegment(source: Uint8Array, start: number, end: number, out: Uint8Array, outStart: number, stride: number, count: number): void {
  let read = start;
  let written = 0;
  while (written < count && read < end) {
    const header = source[read++];
    if (header < 128) {
      // Literal run of header + 1 bytes.
      const length = Math.min(header + 1, count - written, end - read);
      for (let i = 0; i < length; i++) out[outStart + (written + i) * stride] = source[read + i];
      read += header + 1;
      written += length;
    } else if (header > 128) {
      // Replicate the next byte 257 − header times; 128 is a no-op.
      const length = Math.min(257 - header, count - written);
      const value = source[read++];
      for (let i = 0; i < length; i++) out[outStart + (written + i) * stride] = value;
      written += length;
    }
  }
  if (written < count) throw new RleError(`an RLE segment decoded to ${written} of ${count} bytes`);
}

/**
 * Decodes one RLE frame to little-endian interleaved samples. Segments come most significant byte first,
 * sample by sample (G.2), so byte b of sample s of pixel p goes to ((p × samples + s) × bytes) + (bytes − 1 − b).
 */
export function decodeRleFrame(frame: Uint8Array, pixelCount: number, samplesPerPixel: number, bytesPerSample: number): Uint8Array {
  if (frame.length < RLE_HEADER_BYTES) throw new RleError('the RLE header is incomplete');
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const segmentCount = view.getUint32(0, true);
  const expected = samplesPerPixel * bytesPerSample;
  if (segmentCount > MAX_SEGMENTS || segmentCount !== expected) {
    throw new RleError(`the RLE data has ${segmentCount} segments where the header implies ${expected}`);
  }
  const offsets: number[] = [];
  for (let i = 0; i < segmentCount; i++) offsets.push(view.getUint32(4 + 4 * i, true));
  const out = new Uint8Array(pixelCount * expected);
  for (let segment = 0; segment < segmentCount; segment++) {
    const start = offsets[segment];
    const end = segment + 1 < segmentCount ? offsets[segment + 1] : frame.length;
    if (start < RLE_HEADER_BYTES || end > frame.length || end < start) throw new RleError('an RLE segment offset points outside the data');
    const sample = Math.floor(segment / bytesPerSample);
    const byteInSample = bytesPerSample - 1 - (segment % bytesPerSample);
    decodeSegment(frame, start, end, out, sample * bytesPerSample + byteInSample, expected, pixelCount);
  }
  return out;
}
