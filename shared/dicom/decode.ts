import type { CodecProvider } from './codec-provider';
import { expandYbr422, interleavePlanes, isYbr422, ybrFullToRgb } from './colour';
import { decodeEncapsulatedFrame } from './encapsulated-frame';
import { DicomError, toDicomError } from './errors';
import { readNativeFrame } from './native-pixels';
import { nativeSamplesPerFrame } from './parse';
import { expandPalette } from './palette';
import type { InstanceHeader } from './header';
import type { ParsedInstance } from './parse';
import { valueRange, type DecodedFrame, type PixelArray, type ValueRange } from './pixel-types';
import { clampToStoredRange, isolateStoredBits, storedBitsNeedIsolation, wordsHaveUnusedBits } from './stored-values';

/** The frame's samples as the file stores them (or the codec returns them), before colour handling. */
interface RawFrame {
  samples: PixelArray;
  /** The codec already returned RGB (JPEG and JPEG 2000 decoders undo their own colour transforms). */
  colourConverted: boolean;
  /** Samples are planar (RRR…GGG…BBB…) rather than interleaved. */
  planar: boolean;
  /** Samples are native YBR_FULL_422: Y1 Y2 Cb Cr for each pair of pixels (PS3.3 C.7.6.3.1.2). */
  subsampled: boolean;
  /** A lossy codec's reconstruction, clamped to the stored range rather than masked (EncapsulatedFrame). */
  mayOvershoot: boolean;
  /** The samples are a view on the file's buffer: anything that changes them in place copies first. */
  sharesFileBuffer: boolean;
}

async function readRawFrame(parsed: ParsedInstance, frameIndex: number, codecs: CodecProvider): Promise<RawFrame> {
  const { header } = parsed;
  if (!parsed.pixelData!.encapsulated) {
    // 4:2:2 fixes the sample order whatever Planar Configuration says (C.7.6.3.1.2 allows only 0).
    const subsampled = isYbr422(header);
    const planar = !subsampled && header.planarConfiguration === 1;
    return { ...readNativeFrame(parsed, frameIndex), colourConverted: false, planar, subsampled, mayOvershoot: false };
  }
  // Codecs return every component at full resolution, YBR_FULL_422 included (its chroma is upsampled by the codec).
  return { ...(await decodeEncapsulatedFrame(parsed, frameIndex, codecs)), sharesFileBuffer: false, subsampled: false };
}

/**
 * Brings the raw samples to their stored values (stored-values.ts) and returns their range when it was
 * measured on the way. The range of the words as read decides whether there is anything to isolate, so
 * conformant files cost one pass and keep their zero-copy view. A lossy codec's overshoot is clamped,
 * never masked: masking would turn the brightest pixels nearly black.
 */
function toStoredValues(header: InstanceHeader, raw: RawFrame): ValueRange | undefined {
  if (!wordsHaveUnusedBits(header, raw.samples)) return undefined;
  const range = valueRange(raw.samples);
  if (!storedBitsNeedIsolation(header, raw.samples, range)) return range;
  if (raw.mayOvershoot) return clampToStoredRange(header, raw.samples, range);
  if (raw.sharesFileBuffer) {
    raw.samples = raw.samples.slice();
    raw.sharesFileBuffer = false;
  }
  isolateStoredBits(header, raw.samples);
  return undefined;
}

/**
 * Turns colour samples into interleaved RGB: planar to interleaved (PS3.3 C.7.6.3.1.3), YBR_FULL_422 and
 * YBR_FULL to RGB (C.7.6.3.1.2), palette indices through their lookup tables (C.7.6.3.1.5). YBR_RCT and
 * YBR_ICT only occur in JPEG 2000, whose decoder already undoes them.
 */
function toDisplaySamples(parsed: ParsedInstance, raw: RawFrame): { pixels: PixelArray; samplesPerPixel: 1 | 3 } {
  const { header } = parsed;
  const pixelCount = header.rows * header.columns;
  const photometric = header.photometricInterpretation;
  if (photometric === 'PALETTE COLOR') {
    return { pixels: expandPalette(parsed, raw.samples), samplesPerPixel: 3 };
  }
  if (header.samplesPerPixel === 1) return { pixels: raw.samples, samplesPerPixel: 1 };

  let samples = raw.samples;
  if (raw.subsampled) {
    samples = expandYbr422(samples as Uint8Array | Uint16Array);
  } else if (raw.planar) {
    samples = interleavePlanes(samples, pixelCount);
  }
  if (!raw.colourConverted && (photometric === 'YBR_FULL' || photometric === 'YBR_FULL_422')) {
    if (samples === raw.samples && raw.sharesFileBuffer) samples = samples.slice();
    ybrFullToRgb(samples as Uint8Array | Uint16Array, header.bitsStored);
  }
  return { pixels: samples, samplesPerPixel: 3 };
}

/**
 * Decodes one frame to stored values (before rescale). Throws only DicomError.
 * The returned pixels' buffer may be transferred to another thread. When the parse was allowed to share
 * the file's buffer (ParseOptions.adoptBuffer), frames of uncompressed files may be views on that one
 * buffer: decode every frame needed before transferring any.
 */
export async function decodeFrame(parsed: ParsedInstance, frameIndex: number, codecs: CodecProvider): Promise<DecodedFrame> {
  const { header, fileName } = parsed;
  try {
    if (!parsed.pixelData) {
      const what = header.modality ? `a ${header.modality} object` : 'a non-image object';
      throw new DicomError('no-pixel-data', fileName, `the file holds no image (${what})`);
    }
    if (!Number.isInteger(frameIndex) || frameIndex < 0 || frameIndex >= header.numberOfFrames) {
      throw new DicomError('invalid-header', fileName, `frame ${frameIndex + 1} does not exist (the image has ${header.numberOfFrames})`);
    }
    const raw = await readRawFrame(parsed, frameIndex, codecs);
    const expected = raw.subsampled ? nativeSamplesPerFrame(header) : header.rows * header.columns * header.samplesPerPixel;
    if (raw.samples.length < expected) {
      throw new DicomError('corrupt-pixel-data', fileName, `frame ${frameIndex + 1} decoded to fewer pixels than the header describes`);
    }
    if (raw.samples.length > expected) raw.samples = raw.samples.slice(0, expected);
    const storedRange = toStoredValues(header, raw);
    const { pixels, samplesPerPixel } = toDisplaySamples(parsed, raw);
    // A range measured on the way is kept; otherwise frameRange measures it when the frame is first used.
    const range = pixels === raw.samples && storedRange ? storedRange : {};
    return { pixels, rows: header.rows, columns: header.columns, samplesPerPixel, ...range };
  } catch (e) {
    throw toDicomError(e, fileName);
  }
}
