import { DicomError } from './errors';
import type { ParsedInstance } from './parse';
import type { PixelArray } from './pixel-types';

interface PaletteChannel {
  firstMapped: number;
  entries: Uint16Array;
  /** Bits per entry, from the descriptor. */
  bits: number;
}

/**
 * One channel of a PALETTE COLOR lookup table: descriptor (0028,110x) = [entry count (0 means 65536),
 * first mapped stored value, bits per entry], data (0028,120x) in 16-bit words (PS3.3 C.7.6.3.1.5-6).
 * Some writers pack 8-bit entries two to a word; the data length tells which.
 */
function readChannel(parsed: ParsedInstance, descriptorTag: string, dataTag: string, segmentedTag: string, name: string): PaletteChannel {
  const { attributes, fileName, header } = parsed;
  if (attributes.has(segmentedTag)) {
    throw new DicomError('unsupported-encoding', fileName, 'segmented palette colour lookup tables are not supported');
  }
  const descriptor = attributes.uint16s(descriptorTag);
  const data = attributes.uint16s(dataTag);
  if (!descriptor || descriptor.length < 3 || !data) {
    throw new DicomError('invalid-header', fileName, `the ${name} palette colour lookup table is missing`);
  }
  const count = descriptor[0] === 0 ? 65536 : descriptor[0];
  const firstMapped = header.pixelRepresentation === 1 && descriptor[1] > 0x7fff ? descriptor[1] - 0x10000 : descriptor[1];
  const bits = descriptor[2];
  let entries: Uint16Array;
  if (data.length >= count) {
    entries = data.subarray(0, count);
  } else if (bits === 8 && data.length * 2 >= count) {
    entries = new Uint16Array(count);
    for (let i = 0; i < count; i++) entries[i] = (data[i >>> 1] >>> ((i & 1) * 8)) & 0xff;
  } else {
    throw new DicomError('invalid-header', fileName, `the ${name} palette lookup table holds ${data.length} entries but its descriptor promises ${count}`);
  }
  if (bits === 8) entries = entries.map((v) => (v > 0xff ? v >>> 8 : v));
  return { firstMapped, entries, bits };
}

/**
 * Expands palette indices to interleaved RGB. Indices below the first mapped value take the first
 * entry, those past the end the last (PS3.3 C.7.6.3.1.5). Output keeps the table's depth: 8-bit
 * tables give Uint8Array, 16-bit tables Uint16Array.
 */
export function expandPalette(parsed: ParsedInstance, indices: PixelArray): Uint8Array | Uint16Array {
  const channels = [
    readChannel(parsed, 'x00281101', 'x00281201', 'x00281221', 'red'),
    readChannel(parsed, 'x00281102', 'x00281202', 'x00281222', 'green'),
    readChannel(parsed, 'x00281103', 'x00281203', 'x00281223', 'blue'),
  ];
  const eightBit = channels[0].bits === 8;
  const out = eightBit ? new Uint8Array(indices.length * 3) : new Uint16Array(indices.length * 3);
  for (let c = 0; c < 3; c++) {
    const { firstMapped, entries } = channels[c];
    const last = entries.length - 1;
    for (let i = 0; i < indices.length; i++) {
      const index = indices[i] - firstMapped;
      out[i * 3 + c] = entries[index < 0 ? 0 : index > last ? last : index];
    }
  }
  return out;
}
