import type { InstanceHeader } from './header';
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

/** Whether the samples are subsampled YBR_FULL_422 (PS3.3 C.7.6.3.1.2), which needs three samples a pixel. */
export function isYbr422(header: Pick<InstanceHeader, 'photometricInterpretation' | 'samplesPerPixel'>): boolean {
  return header.photometricInterpretation === 'YBR_FULL_422' && header.samplesPerPixel === 3;
}

/**
 * Native YBR_FULL_422 stores two luminance samples per chroma pair, Y1 Y2 Cb Cr, the chroma sampled at
 * the first of the two pixels (PS3.3 C.7.6.3.1.2). Expands it to YBR_FULL interleaved samples, each
 * chroma pair serving both pixels. Rows have an even number of pixels (parse.ts refuses odd Columns),
 * so pairs never straddle rows and the frame is one run of pairs.
 */
export function expandYbr422(samples: Uint8Array | Uint16Array): Uint8Array | Uint16Array {
  const pairs = samples.length >> 2;
  const out = samples instanceof Uint16Array ? new Uint16Array(pairs * 6) : new Uint8Array(pairs * 6);
  for (let pair = 0, source = 0, target = 0; pair < pairs; pair++, source += 4, target += 6) {
    const cb = samples[source + 2];
    const cr = samples[source + 3];
    out[target] = samples[source];
    out[target + 1] = cb;
    out[target + 2] = cr;
    out[target + 3] = samples[source + 1];
    out[target + 4] = cb;
    out[target + 5] = cr;
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
