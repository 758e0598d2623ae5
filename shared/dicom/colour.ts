import type { PixelArray } from './pixel-types';

/** Planar configuration 1 (RRR…GGG…BBB…) to interleaved RGB (PS3.3 C.7.6.3.1.3). */
export function interleavePlanes<T extends PixelArray>(planar: T, pixelCount: number): T {
  const result = planar.slice() as T;
  for (let i = 0; i < pixelCount; i++) {
    result[3 * i] = planar[i];
    result[3 * i + 1] = planar[pixelCount + i];
    result[3 * i + 2] = planar[2 * pixelCount + i];
  }
  return result;
}

/**
 * YBR_FULL_422 stores two luminance samples per chroma pair: Y1 Y2 Cb Cr (PS3.3 C.7.6.3.1.2). Expands it
 * to full YBR_FULL interleaved samples.
 */
export function expandYbr422(samples: Uint8Array | Uint16Array, rows: number, columns: number): Uint8Array | Uint16Array {
  const out = samples instanceof Uint16Array ? new Uint16Array(rows * columns * 3) : new Uint8Array(rows * columns * 3);
  let source = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c += 2) {
      const y1 = samples[source];
      const y2 = samples[source + 1];
      const cb = samples[source + 2];
      const cr = samples[source + 3];
      source += 4;
      const target = (r * columns + c) * 3;
      out.set([y1, cb, cr], target);
      if (c + 1 < columns) out.set([y2, cb, cr], target + 3);
    }
  }
  return out;
}

/**
 * YBR_FULL to RGB in place, with the equations of PS3.3 C.7.6.3.1.2 (ITU-R BT.601 full range), rounded
 * and clamped to the sample range.
 */
export function ybrFullToRgb(samples: Uint8Array | Uint16Array, bitsStored: number): void {
  const max = 2 ** bitsStored - 1;
  const half = 2 ** (bitsStored - 1);
  const clamp = (v: number) => (v < 0 ? 0 : v > max ? max : Math.round(v));
  for (let i = 0; i + 2 < samples.length; i += 3) {
    const y = samples[i];
    const cb = samples[i + 1] - half;
    const cr = samples[i + 2] - half;
    samples[i] = clamp(y + 1.402 * cr);
    samples[i + 1] = clamp(y - 0.344136 * cb - 0.714136 * cr);
    samples[i + 2] = clamp(y + 1.772 * cb);
  }
}
