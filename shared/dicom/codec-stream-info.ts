/**
 * Reads the image size a compressed stream declares, before any decoder allocates for it: a stream whose
 * own dimensions disagree with the header is refused up front (NOTES.md, "never trust the header").
 */
export interface StreamDimensions {
  width: number;
  height: number;
  components: number;
  precision: number;
  /** The stream's samples are two's complement values (JPEG 2000 Ssiz); JPEG and JPEG-LS have no signed samples. */
  signed: boolean;
}

/**
 * Whether a JPEG stream has the structure of a Huffman-coded image: Huffman tables (DHT) before its
 * first scan (SOS) (ITU T.81 B.2.4.2). The lossless decoder would otherwise return noise without error.
 */
export function jpegHasHuffmanScan(stream: Uint8Array): boolean {
  let position = 2;
  let tables = false;
  while (position + 4 < stream.length && stream[position] === 0xff) {
    const marker = stream[position + 1];
    if (marker === 0xc4) tables = true;
    if (marker === 0xda) return tables;
    position += 2 + ((stream[position + 2] << 8) | stream[position + 3]);
  }
  return false;
}

/** JPEG and JPEG-LS: the first Start Of Frame marker (ITU T.81 B.2.2, T.87 C.2.2). */
export function jpegDimensions(stream: Uint8Array): StreamDimensions | undefined {
  if (stream.length < 4 || stream[0] !== 0xff || stream[1] !== 0xd8) return undefined;
  let position = 2;
  while (position + 9 < stream.length) {
    if (stream[position] !== 0xff) return undefined;
    const marker = stream[position + 1];
    if (marker === 0xff) {
      position += 1; // fill byte
      continue;
    }
    const length = (stream[position + 2] << 8) | stream[position + 3];
    const isStartOfFrame = (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) || marker === 0xf7;
    if (isStartOfFrame) {
      return {
        precision: stream[position + 4],
        height: (stream[position + 5] << 8) | stream[position + 6],
        width: (stream[position + 7] << 8) | stream[position + 8],
        components: stream[position + 9],
        signed: false,
      };
    }
    position += 2 + length;
  }
  return undefined;
}

/**
 * Where the codestream starts: at SOC, or inside a JP2 file's contiguous codestream box ('jp2c',
 * ITU T.800 I.5.4) when the stream is wrapped in one.
 */
function j2kCodestream(stream: Uint8Array): Uint8Array {
  if (stream.length > 12 && stream[4] === 0x6a && stream[5] === 0x50) {
    for (let i = 0; i + 8 < stream.length; i++) {
      if (stream[i] === 0x6a && stream[i + 1] === 0x70 && stream[i + 2] === 0x32 && stream[i + 3] === 0x63) return stream.subarray(i + 4);
    }
  }
  return stream;
}

/** JPEG 2000 and HTJ2K codestreams: the SIZ marker segment right after SOC (ITU T.800 A.5.1). */
export function j2kDimensions(stream: Uint8Array): StreamDimensions | undefined {
  const s = j2kCodestream(stream);
  if (s.length < 42 || s[0] !== 0xff || s[1] !== 0x4f || s[2] !== 0xff || s[3] !== 0x51) return undefined;
  const view = new DataView(s.buffer, s.byteOffset, s.byteLength);
  const width = view.getUint32(8) - view.getUint32(16);
  const height = view.getUint32(12) - view.getUint32(20);
  const components = view.getUint16(40);
  // Ssiz of the first component: bit 7 is the sign, the low 7 bits the precision minus one (T.800 Table A.11).
  const precision = s.length > 42 ? (s[42] & 0x7f) + 1 : 0;
  const signed = s.length > 42 && (s[42] & 0x80) !== 0;
  return { width, height, components, precision, signed };
}

/** Tiles in the image: the tile grid of SIZ (XTsiz, YTsiz, XTOsiz, YTOsiz) over the image area (T.800 B.3). */
function j2kTileCount(s: Uint8Array): number {
  const view = new DataView(s.buffer, s.byteOffset, s.byteLength);
  const across = Math.ceil((view.getUint32(8) - view.getUint32(32)) / view.getUint32(24));
  const down = Math.ceil((view.getUint32(12) - view.getUint32(36)) / view.getUint32(28));
  return across * down;
}

const COD = 0xff52;
const SOT = 0xff90;
const SOD = 0xff93;

/**
 * The multiple component transform flag of each COD marker segment in the marker segments from `start`
 * up to `end` marker: SGcod's fourth byte, after the progression order and the two-byte layer count
 * (T.800 A.6.1, Table A.14). Returns the position where `end` was found, or −1.
 */
function readComponentTransformFlags(s: Uint8Array, start: number, end: number, flags: number[]): number {
  let position = start;
  while (position + 4 <= s.length) {
    const marker = (s[position] << 8) | s[position + 1];
    if (marker === end) return position;
    if (s[position] !== 0xff) return -1;
    const length = (s[position + 2] << 8) | s[position + 3];
    if (marker === COD && length >= 7 && position + 8 < s.length) flags.push(s[position + 8]);
    position += 2 + length;
  }
  return -1;
}

/**
 * Whether the decoder turns the first three components back from YCbCr (the reversible or irreversible
 * component transform, T.800 Annex G): the multiple component transform flag of the main header's COD,
 * unless a tile's first tile-part header carries a COD of its own, which governs that tile (A.6.1).
 * Returns undefined when the codestream cannot be read this far, and 'mixed' when tiles disagree.
 */
export function j2kComponentTransform(stream: Uint8Array): boolean | 'mixed' | undefined {
  const s = j2kCodestream(stream);
  if (s.length < 4 || s[0] !== 0xff || s[1] !== 0x4f) return undefined;
  const mainFlags: number[] = [];
  let tilePart = readComponentTransformFlags(s, 2, SOT, mainFlags);
  if (tilePart < 0 || mainFlags.length === 0) return undefined;
  const main = mainFlags[mainFlags.length - 1] !== 0;
  const byTile = new Map<number, boolean>();
  // SOT: Lsot, Isot (the tile), Psot (the tile-part's length from SOT on; 0 = to the end), TPsot, TNsot (A.4.2).
  while (tilePart + 12 <= s.length) {
    const view = new DataView(s.buffer, s.byteOffset + tilePart, 12);
    const tile = view.getUint16(4);
    const tileFlags: number[] = [];
    const dataStart = readComponentTransformFlags(s, tilePart + 12, SOD, tileFlags);
    if (tileFlags.length > 0) byTile.set(tile, tileFlags[tileFlags.length - 1] !== 0);
    const tilePartLength = view.getUint32(6);
    if (dataStart < 0 || tilePartLength === 0) break;
    tilePart += tilePartLength;
    if (tilePart + 2 > s.length || ((s[tilePart] << 8) | s[tilePart + 1]) !== SOT) break;
  }
  const flags = new Set(byTile.values());
  // Tiles without a COD of their own follow the main header.
  if (byTile.size < j2kTileCount(s)) flags.add(main);
  return flags.size === 1 ? [...flags][0] : 'mixed';
}

const ascii = (bytes: Uint8Array, at: number, text: string) => [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));

/**
 * Whether a marker segment is one libjpeg lets decide the colour transform: a JFIF APP0 of at least 14 data
 * bytes, or an Adobe APP14 of at least 12 (libjpeg's jdmarker.c). Shorter ones it ignores, and so do we
 * (SC_rgb_jpeg.dcm carries an Adobe APP14 cut off before its transform flag).
 */
function decidesColour(stream: Uint8Array, marker: number, segment: number, length: number): boolean {
  const dataLength = length - 2;
  if (marker === 0xe0) return dataLength >= 14 && ascii(stream, segment, 'JFIF\0');
  if (marker === 0xee) return dataLength >= 12 && ascii(stream, segment, 'Adobe');
  return false;
}

/**
 * For a DICOM RGB image whose JPEG stream carries neither a JFIF nor an Adobe marker, libjpeg would still
 * assume YCbCr and convert, yet the samples are RGB (DICOM's Photometric Interpretation governs, PS3.5
 * 8.2.1). Relabelling the component identifiers 'R', 'G', 'B' is libjpeg's own signal for untransformed
 * RGB. Returns a patched copy, or the stream unchanged when it already says how it is coded.
 */
export function markJpegAsRgb(stream: Uint8Array): Uint8Array {
  const RGB_IDS = [0x52, 0x47, 0x42];
  const patched = stream.slice();
  const idMap = new Map<number, number>();
  let position = 2;
  while (position + 4 < patched.length && patched[position] === 0xff) {
    const marker = patched[position + 1];
    const length = (patched[position + 2] << 8) | patched[position + 3];
    const segment = position + 4;
    if (decidesColour(patched, marker, segment, length)) return stream;
    if (marker >= 0xc0 && marker <= 0xc3 && patched[segment + 5] === 3) {
      for (let c = 0; c < 3; c++) {
        idMap.set(patched[segment + 6 + c * 3], RGB_IDS[c]);
        patched[segment + 6 + c * 3] = RGB_IDS[c];
      }
    }
    if (marker === 0xda) {
      const count = patched[segment];
      for (let c = 0; c < count; c++) {
        const id = patched[segment + 1 + c * 2];
        patched[segment + 1 + c * 2] = idMap.get(id) ?? id;
      }
      return idMap.size === 3 ? patched : stream;
    }
    position = segment + length - 2;
  }
  return stream;
}
