import { deflateSync } from 'node:zlib';
import { concatBytes } from '../shared/bytes';

/**
 * A minimal PNG encoder for 8-bit greyscale or RGB images (PNG spec, ISO/IEC 15948): enough for case
 * thumbnails and diagnostic overlays without another dependency. Each scanline is stored with filter type 0 (none).
 */
export function encodeGreyscalePng(width: number, height: number, pixels: Uint8Array): Uint8Array {
  return encodePng(width, height, pixels, 1);
}

/** RGB, three bytes a pixel row by row. */
export function encodeRgbPng(width: number, height: number, pixels: Uint8Array): Uint8Array {
  return encodePng(width, height, pixels, 3);
}

function encodePng(width: number, height: number, pixels: Uint8Array, channels: 1 | 3): Uint8Array {
  const stride = width * channels;
  if (pixels.length !== stride * height) throw new Error(`PNG: expected ${stride * height} bytes, got ${pixels.length}`);
  const raw = new Uint8Array((stride + 1) * height);
  for (let row = 0; row < height; row++) {
    raw.set(pixels.subarray(row * stride, (row + 1) * stride), row * (stride + 1) + 1);
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8; // bit depth
  header[9] = channels === 1 ? 0 : 2; // colour type: greyscale or truecolour
  const signature = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
  return concatBytes([
    signature,
    chunk('IHDR', header),
    chunk('IDAT', new Uint8Array(deflateSync(raw, { level: 9 }))),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

