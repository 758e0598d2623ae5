import type { InstanceHeader } from './header';
import type { PixelArray } from './pixel-types';

/**
 * Isolates the stored bits of each sample: bits above High Bit are not part of the value and may hold
 * anything (overlays in old files), and signed values whose Bits Stored is less than Bits Allocated are
 * sign-extended from bit Bits Stored − 1 (PS3.5 8.1.1, PS3.3 C.7.6.3.1.4). Works in place.
 */
export function isolateStoredBits(header: InstanceHeader, samples: PixelArray): PixelArray {
  const { bitsAllocated, bitsStored, highBit, pixelRepresentation } = header;
  if (samples instanceof Float32Array || bitsAllocated === 1) return samples;
  const shift = highBit + 1 - bitsStored;
  if (bitsStored === bitsAllocated && shift === 0) return samples;
  const mask = bitsStored >= 32 ? 0xffffffff : 2 ** bitsStored - 1;
  const signBit = 2 ** (bitsStored - 1);
  const range = 2 ** bitsStored;
  const signed = pixelRepresentation === 1;
  const unsignedWord = 2 ** bitsAllocated;
  for (let i = 0; i < samples.length; i++) {
    // Read the raw word as unsigned whatever the array's sign, then keep the stored bits.
    const raw = samples[i] < 0 ? samples[i] + unsignedWord : samples[i];
    const stored = Math.floor(raw / 2 ** shift) % (mask + 1);
    samples[i] = signed && stored >= signBit ? stored - range : stored;
  }
  return samples;
}
