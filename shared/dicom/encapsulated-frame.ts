import { Decoder as JpegLosslessDecoder } from 'jpeg-lossless-decoder-js';
import type { CodecProvider, EmscriptenCodecName, WasmFrameDecoder } from './codec-provider';
import { j2kComponentTransform, j2kDimensions, jpegDimensions, jpegHasHuffmanScan, markJpegAsRgb, type StreamDimensions } from './codec-stream-info';
import { DicomError, describeThrown } from './errors';
import { fragmentsByFrame, frameBytes } from './frame-fragments';
import type { InstanceHeader } from './header';
import type { ParsedInstance } from './parse';
import { viewSamples, type PixelArray } from './pixel-types';
import { RleError, decodeRleFrame } from './rle';

export interface EncapsulatedFrame {
  samples: PixelArray;
  colourConverted: boolean;
  planar: boolean;
  /**
   * The samples are a lossy codec's reconstruction of the stored values, with the header's signedness:
   * ringing at sharp edges can take them past the range Bits Stored holds, which decodeFrame clamps.
   * Otherwise they are the stored bit patterns themselves (lossless, or a signed image coded as unsigned).
   */
  mayOvershoot: boolean;
}

/**
 * Whether a codec's output is a lossy reconstruction of values rather than bit patterns: lossy coding
 * (PS3.5 8.2) of samples whose signedness the stream shares with Pixel Representation. A signed image
 * coded in an unsigned stream carries two's complement patterns, which only sign extension can read.
 */
function reconstructsValues(parsed: ParsedInstance, streamSigned: boolean): boolean {
  return parsed.transferSyntax.lossy && streamSigned === (parsed.header.pixelRepresentation === 1);
}

/** Bytes per sample as codecs return them: 8-bit and below in bytes, up to 16 bits in 16-bit words. */
const codecBytesPerSample = (bits: number) => (bits <= 8 ? 1 : bits <= 16 ? 2 : 4);

/** Codec output (little-endian bytes of some width) as the header's sample type. */
function toHeaderSamples(header: InstanceHeader, bytes: Uint8Array, sourceBytesPerSample: number): PixelArray {
  const headerBytes = Math.max(1, header.bitsAllocated / 8);
  if (sourceBytesPerSample === headerBytes) {
    const own = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    return viewSamples(header, own.buffer as ArrayBuffer);
  }
  const count = Math.floor(bytes.length / sourceBytesPerSample);
  const out = viewSamples(header, new ArrayBuffer(count * headerBytes));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < count; i++) {
    out[i] = sourceBytesPerSample === 1 ? view.getUint8(i) : sourceBytesPerSample === 2 ? view.getUint16(i * 2, true) : view.getUint32(i * 4, true);
  }
  return out;
}

/** Refuses a stream whose declared size disagrees with the header, before any decoder allocates for it. */
function checkStreamDimensions(parsed: ParsedInstance, dimensions: StreamDimensions | undefined, frameIndex: number): void {
  const { header, fileName } = parsed;
  if (!dimensions) throw new DicomError('corrupt-pixel-data', fileName, `frame ${frameIndex + 1}'s compressed data does not start like a ${parsed.transferSyntax.name} image`);
  if (dimensions.width !== header.columns || dimensions.height !== header.rows) {
    throw new DicomError('corrupt-pixel-data', fileName, `frame ${frameIndex + 1}'s compressed data is ${dimensions.width} × ${dimensions.height} pixels but the header says ${header.columns} × ${header.rows}`);
  }
  if (dimensions.components !== header.samplesPerPixel) {
    throw new DicomError('corrupt-pixel-data', fileName, `frame ${frameIndex + 1}'s compressed data has ${dimensions.components} colour component(s) but the header says ${header.samplesPerPixel}`);
  }
}

const WASM_DECODERS: Record<EmscriptenCodecName, string> = {
  libjpegTurbo: 'JPEGDecoder',
  charls: 'JpegLSDecoder',
  openjpeg: 'J2KDecoder',
  openjph: 'HTJ2KDecoder',
};

/**
 * One decoder per codec module, reused for every frame as the codecs' own loaders do: a decoder keeps its
 * WASM buffers between frames, where a new one per frame would allocate and free them each time.
 */
const decoders = new WeakMap<object, WasmFrameDecoder>();

/**
 * Runs one of the WASM decoders. A codec that traps may leave its module unusable, so on any failure
 * the module (and its decoder) is discarded and re-created on next use.
 */
async function runWasmDecoder(codecs: CodecProvider, codec: EmscriptenCodecName, encoded: Uint8Array): Promise<{ bytes: Uint8Array; bitsPerSample: number }> {
  const module = (await codecs[codec]()) as unknown as Record<string, new () => WasmFrameDecoder>;
  let decoder = decoders.get(module);
  if (!decoder) {
    decoder = new module[WASM_DECODERS[codec]]();
    decoders.set(module, decoder);
  }
  try {
    decoder.getEncodedBuffer(encoded.length).set(encoded);
    decoder.decode();
    const info = decoder.getFrameInfo();
    // openjpeg reports some unreadable streams as a 0 × 0 image instead of failing.
    if (info.width === 0 || info.height === 0) throw new Error('the decoder found no image in the stream');
    // The decoded buffer is a view of WASM memory: copy it out before the decoder runs again.
    return { bytes: decoder.getDecodedBuffer().slice(), bitsPerSample: info.bitsPerSample };
  } catch (e) {
    decoders.delete(module);
    codecs.discard(codec);
    try {
      decoder.delete();
    } catch {
      // A trapped module cannot free its objects; it has been discarded already.
    }
    throw e;
  }
}

/**
 * JPEG Extended with 12-bit samples (T.81 process 4), through IJG libjpeg's 12-bit build in dcmjs-codecs.
 * The codec is told the stream's own precision and unsigned samples: it returns the bit patterns, and
 * decodeFrame sign-extends signed data from Bits Stored like any other frame.
 */
async function decodeJpeg12Bit(parsed: ParsedInstance, encoded: Uint8Array, precision: number, codecs: CodecProvider): Promise<EncapsulatedFrame> {
  const { header, fileName } = parsed;
  if (precision !== 12 || header.bitsAllocated !== 16 || header.samplesPerPixel !== 1) {
    throw new DicomError('unsupported-encoding', fileName, `${precision}-bit JPEG Extended with ${header.samplesPerPixel} sample(s) of ${header.bitsAllocated} bits is not supported (only 12-bit greyscale in 16-bit words)`);
  }
  const { NativeCodecs, Context } = await codecs.dcmjsCodecs();
  const context = new Context({
    width: header.columns,
    height: header.rows,
    bitsAllocated: 16,
    bitsStored: precision,
    samplesPerPixel: 1,
    pixelRepresentation: 0,
    planarConfiguration: 0,
    photometricInterpretation: 'MONOCHROME2',
    encodedBuffer: encoded,
  });
  const decoded = NativeCodecs.decodeJpeg(context, {}).getDecodedBuffer();
  if (!decoded || decoded.length < header.rows * header.columns * 2) throw new Error('the decoder returned too few samples');
  return { samples: toHeaderSamples(header, decoded, 2), colourConverted: false, planar: false, mayOvershoot: reconstructsValues(parsed, false) };
}

async function decodeWithCodec(parsed: ParsedInstance, encoded: Uint8Array, frameIndex: number, codecs: CodecProvider): Promise<EncapsulatedFrame> {
  const { header, fileName, transferSyntax } = parsed;
  const colour = header.samplesPerPixel === 3;
  switch (transferSyntax.encoding) {
    case 'rle': {
      if (header.bitsAllocated === 1) throw new DicomError('unsupported-encoding', fileName, 'RLE-compressed 1-bit images are not supported');
      const bytesPerSample = header.bitsAllocated / 8;
      const bytes = decodeRleFrame(encoded, header.rows * header.columns, header.samplesPerPixel, bytesPerSample);
      // Segments are per sample, so the result is interleaved whatever Planar Configuration says (G.2).
      return { samples: viewSamples(header, bytes.buffer as ArrayBuffer), colourConverted: false, planar: false, mayOvershoot: false };
    }
    case 'jpeg-lossless': {
      const dimensions = jpegDimensions(encoded);
      checkStreamDimensions(parsed, dimensions, frameIndex);
      if (!jpegHasHuffmanScan(encoded)) throw new Error('the JPEG stream has no Huffman tables before its scan');
      // The decoder only reads its input, so it is given the frame's bytes where they lie.
      const decoded = new JpegLosslessDecoder().decode(encoded.buffer as ArrayBuffer, encoded.byteOffset, encoded.length, dimensions!.precision <= 8 ? 1 : 2);
      const bytes = new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength);
      return { samples: toHeaderSamples(header, bytes, decoded.BYTES_PER_ELEMENT), colourConverted: false, planar: false, mayOvershoot: false };
    }
    case 'jpeg-baseline':
    case 'jpeg-extended': {
      const dimensions = jpegDimensions(encoded);
      checkStreamDimensions(parsed, dimensions, frameIndex);
      if (dimensions!.precision > 8) return decodeJpeg12Bit(parsed, encoded, dimensions!.precision, codecs);
      const rgb = colour && header.photometricInterpretation === 'RGB';
      const out = await runWasmDecoder(codecs, 'libjpegTurbo', rgb ? markJpegAsRgb(encoded) : encoded);
      // libjpeg converts YCbCr to RGB itself unless the stream marks its components as RGB (T.81, JFIF, Adobe APP14).
      return { samples: toHeaderSamples(header, out.bytes, 1), colourConverted: colour, planar: false, mayOvershoot: reconstructsValues(parsed, false) };
    }
    case 'jpeg-ls': {
      checkStreamDimensions(parsed, jpegDimensions(encoded), frameIndex);
      const out = await runWasmDecoder(codecs, 'charls', encoded);
      return { samples: toHeaderSamples(header, out.bytes, codecBytesPerSample(out.bitsPerSample)), colourConverted: false, planar: false, mayOvershoot: reconstructsValues(parsed, false) };
    }
    case 'jpeg-2000':
    case 'htj2k': {
      const dimensions = j2kDimensions(encoded);
      checkStreamDimensions(parsed, dimensions, frameIndex);
      // The decoder undoes the component transform (YBR_RCT, YBR_ICT) when the codestream applied one.
      // Without it the samples are as Photometric Interpretation says (PS3.5 8.2.4), so YBR_FULL is left
      // for decodeFrame to convert. RGB comes out as RGB either way.
      const ybrFull = header.photometricInterpretation === 'YBR_FULL' || header.photometricInterpretation === 'YBR_FULL_422';
      const transform = colour && ybrFull ? j2kComponentTransform(encoded) : colour;
      if (transform === undefined) throw new Error('the codestream has no readable coding style (COD) marker');
      if (transform === 'mixed') {
        throw new DicomError('unsupported-encoding', fileName, `frame ${frameIndex + 1}'s JPEG 2000 tiles disagree on whether their colours are transformed, which this app cannot display`);
      }
      const out = await runWasmDecoder(codecs, transferSyntax.encoding === 'htj2k' ? 'openjph' : 'openjpeg', encoded);
      const samples = toHeaderSamples(header, out.bytes, codecBytesPerSample(out.bitsPerSample));
      return { samples, colourConverted: transform, planar: false, mayOvershoot: reconstructsValues(parsed, dimensions!.signed) };
    }
    case 'native':
      throw new DicomError('corrupt-pixel-data', fileName, 'uncompressed image data was stored as compressed fragments');
  }
}

/** Decodes one frame of encapsulated (compressed) pixel data (PS3.5 A.4). */
export async function decodeEncapsulatedFrame(parsed: ParsedInstance, frameIndex: number, codecs: CodecProvider): Promise<EncapsulatedFrame> {
  const fragments = fragmentsByFrame(parsed)[frameIndex];
  if (!fragments || fragments.length === 0) {
    throw new DicomError('corrupt-pixel-data', parsed.fileName, `frame ${frameIndex + 1} has no compressed data`);
  }
  const encoded = frameBytes(parsed, fragments);
  try {
    return await decodeWithCodec(parsed, encoded, frameIndex, codecs);
  } catch (e) {
    if (e instanceof DicomError) throw e;
    const detail = e instanceof RleError ? e.message : describeThrown(e);
    throw new DicomError('corrupt-pixel-data', parsed.fileName, `frame ${frameIndex + 1}'s compressed image data is damaged and cannot be decoded (${detail})`);
  }
}
