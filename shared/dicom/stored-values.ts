import type { InstanceHeader } from './header';
import type { PixelArray, ValueRange } from './pixel-types';

/** Whether the words can hold bits that are not part of the stored value (Bits Stored < Bits Allocated). */
export function wordsHaveUnusedBits(header: InstanceHeader, samples: PixelArray): boolean {
  return !(samples instanceof Float32Array) && header.bitsAllocated !== 1 && header.bitsStored < header.bitsAllocated;
}

/** The values Bits Stored can hold: 0 … 2^n − 1 unsigned, −2^(n−1) … 2^(n−1) − 1 signed (PS3.3 C.7.6.3.1.4). */
function storedRange(header: InstanceHeader): ValueRange {
  const half = 2 ** (header.bitsStored - 1);
  return header.pixelRepresentation === 1 ? { minValue: -half, maxValue: half - 1 } : { minValue: 0, maxValue: 2 * half - 1 };
}

/**
 * Whether isolateStoredBits would change any sample, judged from the range of the words as read. When
 * the stored bits sit at the bottom of the word (High Bit = Bits Stored − 1) and every word already lies
 * within the stored range, the bits above are zeros (unsigned) or copies of the sign bit (signed), as a
 * conformant writer leaves them, and there is nothing to do.
 */
export function storedBitsNeedIsolation(header: InstanceHeader, samples: PixelArray, range: ValueRange): boolean {
  if (!wordsHaveUnusedBits(header, samples)) return false;
  if (header.highBit + 1 !== header.bitsStored) return true;
  const stored = storedRange(header);
  return range.minValue < stored.minValue || range.maxValue > stored.maxValue;
}

/**
 * Clamps a lossy codec's reconstruction to the stored range, in place, and returns the range after.
 * Its overshoot past the largest value (ringing at the edge of bright bone) is a value, not stray high
 * bits: masking it would wrap the brightest pixels to near black. `range` is the samples' range before.
 */
export function clampToStoredRange(header: InstanceHeader, samples: PixelArray, range: ValueRange): ValueRange {
  const { minValue: low, maxValue: high } = storedRange(header);
  for (let i = 0, n = samples.length; i < n; i++) {
    const v = samples[i];
    if (v < low) samples[i] = low;
    else if (v > high) samples[i] = high;
  }
  return { minValue: Math.min(high, Math.max(low, range.minValue)), maxValue: Math.max(low, Math.min(high, range.maxValue)) };
}

/**
 * Isolates the stored bits of each sample: bits above High Bit are not part of the value and may hold
 * anything (overlays in old files), and signed values whose Bits Stored is less than Bits Allocated are
 * sign-extended from bit Bits Stored − 1 (PS3.5 8.1.1, PS3.3 C.7.6.3.1.4). Works in place.
 */
export function isolateStoredBits(header: InstanceHeader, samples: PixelArray): PixelArray {
  const { bitsStored, highBit } = header;
  if (!wordsHaveUnusedBits(header, samples)) return samples;
  // Bits Stored < Bits Allocated ≤ 32, so the stored bits and the mask fit a 32-bit integer. `>>>` reads
  // a negative word as its unsigned bit pattern; the bits it brings in above Bits Allocated are masked off.
  const shift = highBit + 1 - bitsStored;
  const mask = 2 ** bitsStored - 1;
  const up = 32 - bitsStored;
  if (header.pixelRepresentation === 1) {
    for (let i = 0, n = samples.length; i < n; i++) samples[i] = (((samples[i] >>> shift) & mask) << up) >> up;
  } else {
    for (let i = 0, n = samples.length; i < n; i++) samples[i] = (samples[i] >>> shift) & mask;
  }
  return samples;
}
