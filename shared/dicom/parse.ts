// dicom-parser is a UMD bundle: only its default export is visible to Node's ES module loader.
import dicomParser, { type ByteArrayParser, type DataSet, type Element } from 'dicom-parser';
import { Inflate } from 'pako';
import { isYbr422 } from './colour';
import { DicomError, describeThrown, isPartialParseFailure, toDicomError } from './errors';
import { AttributeReader, PIXEL_DATA_TAGS, readInstanceHeader, type InstanceHeader } from './header';
import {
  EXPLICIT_VR_BIG_ENDIAN,
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
  findTransferSyntax,
  type TransferSyntax,
} from './transfer-syntax';

/**
 * Explicit budgets so that hostile headers fail cleanly instead of exhausting memory (NOTES.md:
 * DCMTK's fuzz harness caps every allocation; dicom-parser inflates without any limit).
 */
export interface ParseLimits {
  /** Largest inflated data set of a Deflated transfer syntax file. */
  maxInflatedBytes: number;
  /**
   * Largest expansion of deflated data beyond a small floor: real data sets deflate a few times over,
   * bombs a thousand times, and an inflated run of zeros is millions of empty elements to parse.
   */
  maxInflateRatio: number;
  /** Largest decoded image (all frames, before any display conversion). */
  maxDecodedBytes: number;
  /** Deepest nesting of sequences accepted. */
  maxSequenceDepth: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxInflatedBytes: 256 * 1024 * 1024,
  maxInflateRatio: 200,
  maxDecodedBytes: 1024 * 1024 * 1024,
  maxSequenceDepth: 64,
};

/** Where the pixel data sits in the parsed file, for decode.ts. */
export interface PixelDataLocation {
  dataSet: DataSet;
  element: Element;
  /** Float Pixel Data (7FE0,0008) holds IEEE floats (PS3.3 C.7.6.3.1.4). */
  float: boolean;
  encapsulated: boolean;
  /**
   * Frames may be views on the buffer behind `dataSet.byteArray`: parsing made that buffer itself
   * (inflated or re-framed bytes), or the caller handed over a buffer holding nothing but this file.
   */
  viewable: boolean;
}

export interface ParseOptions {
  limits?: ParseLimits;
  /**
   * The caller gives up the file's buffer (it was transferred to this worker, or just read from disk)
   * and will not change it: decoded frames may then share it instead of copying (see native-pixels.ts).
   * Ignored unless the bytes span the whole buffer, so that a slice of a shared pool is never exposed.
   */
  adoptBuffer?: boolean;
}

export interface ParsedInstance {
  fileName: string;
  header: InstanceHeader;
  warnings: string[];
  transferSyntax: TransferSyntax;
  /** Present when header.hasPixelData. */
  pixelData?: PixelDataLocation;
  /** Attribute access for decoders that need more than the header (palette lookup tables). */
  attributes: AttributeReader;
  limits: ParseLimits;
}

const PREAMBLE_LENGTH = 128;
const DICM = [0x44, 0x49, 0x43, 0x4d];

function hasDicmPrefix(bytes: Uint8Array): boolean {
  return bytes.length >= PREAMBLE_LENGTH + 4 && DICM.every((c, i) => bytes[PREAMBLE_LENGTH + i] === c);
}

const isUpperLetter = (c: number) => c >= 0x41 && c <= 0x5a;

/**
 * A data set written without the File Meta Information starts with a low, even group (0002 or 0008,
 * possibly a group length element). The VR letters tell explicit from implicit; the byte order of the
 * group number tells little from big endian (PS3.5 7.1, Annex A). Anything else is not DICOM.
 */
function guessRawEncoding(bytes: Uint8Array): { metaOnly: boolean; transferSyntax?: string } | undefined {
  if (bytes.length < 8) return undefined;
  const groupLittle = bytes[0] | (bytes[1] << 8);
  const groupBig = (bytes[0] << 8) | bytes[1];
  const explicit = isUpperLetter(bytes[4]) && isUpperLetter(bytes[5]);
  const plausible = (group: number) => group >= 0x0002 && group <= 0x0010 && group % 2 === 0;
  if (groupLittle === 0x0002 && explicit) return { metaOnly: true };
  if (plausible(groupLittle)) {
    if (explicit) return { metaOnly: false, transferSyntax: EXPLICIT_VR_LITTLE_ENDIAN };
    const length = bytes[4] | (bytes[5] << 8) | (bytes[6] << 16) | (bytes[7] * 0x1000000);
    return length <= bytes.length - 8 ? { metaOnly: false, transferSyntax: IMPLICIT_VR_LITTLE_ENDIAN } : undefined;
  }
  if (plausible(groupBig) && explicit) return { metaOnly: false, transferSyntax: EXPLICIT_VR_BIG_ENDIAN };
  return undefined;
}

/** Inflates a Deflated Explicit VR Little Endian data set (PS3.5 A.5), refusing to grow past the budget. */
const INFLATE_RATIO_FLOOR_BYTES = 4 * 1024 * 1024;

function cappedInflater(fileName: string, limits: ParseLimits) {
  return (bytes: Uint8Array, position: number): Uint8Array => {
    const deflatedBytes = bytes.length - position;
    const maxBytes = Math.min(limits.maxInflatedBytes, Math.max(INFLATE_RATIO_FLOOR_BYTES, deflatedBytes * limits.maxInflateRatio));
    const chunks: Uint8Array[] = [];
    let total = 0;
    const inflate = new Inflate({ raw: true });
    inflate.onData = (chunk: Uint8Array) => {
      total += chunk.length;
      if (total > maxBytes) {
        throw new DicomError('too-large', fileName, `the compressed (deflated) data expands to more than ${Math.round(maxBytes / 1048576)} MB, far more than any real file: it looks like a decompression bomb`);
      }
      chunks.push(chunk);
    };
    inflate.push(bytes.subarray(position), true);
    if (inflate.err) throw new DicomError('invalid-header', fileName, `the compressed (deflated) data is damaged: ${inflate.msg}`);
    const full = new Uint8Array(position + total);
    full.set(bytes.subarray(0, position), 0);
    let offset = position;
    for (const chunk of chunks) {
      full.set(chunk, offset);
      offset += chunk.length;
    }
    return full;
  };
}

/** Bytes in the form dicom-parser reads: a plain Uint8Array with the DICM preamble when meta is present. */
function framedBytes(input: Uint8Array, fileName: string): { bytes: Uint8Array; rawTransferSyntax?: string } {
  const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length === 0) throw new DicomError('not-dicom', fileName, 'the file is empty');
  if (hasDicmPrefix(bytes)) return { bytes };
  const guess = guessRawEncoding(bytes);
  if (!guess) throw new DicomError('not-dicom', fileName, 'this is not a DICOM file (no DICOM signature and no recognisable DICOM data)');
  if (!guess.metaOnly) return { bytes, rawTransferSyntax: guess.transferSyntax };
  // File Meta Information without the 128-byte preamble: give dicom-parser the frame it expects.
  const framed = new Uint8Array(PREAMBLE_LENGTH + 4 + bytes.length);
  framed.set(DICM, PREAMBLE_LENGTH);
  framed.set(bytes, PREAMBLE_LENGTH + 4);
  return { bytes: framed };
}

/** The pixel data element, only if its value lies wholly in the bytes we hold. */
function completePixelData(dataSet: DataSet): Element | undefined {
  for (const tag of PIXEL_DATA_TAGS) {
    const element = dataSet.elements[tag];
    if (!element) continue;
    if (element.encapsulatedPixelData) return element.fragments && element.fragments.length > 0 ? element : undefined;
    return element.dataOffset + element.length <= dataSet.byteArray.length ? element : undefined;
  }
  return undefined;
}

/** A tag as DICOM writes it, e.g. (0018,9515). */
const tagText = (tag: string) => `(${tag.slice(1, 5)},${tag.slice(5)})`.toUpperCase();

/**
 * The 64-bit VRs added to DICOM in 2019 (PS3.5 Table 7.1-1) that dicom-parser does not know (its issue
 * #284): in explicit VR it reads their reserved bytes as a short length and loses its place, so the
 * parse fails far from the cause. Such an element, left in the partial data set, is the real reason.
 */
const VRS_UNKNOWN_TO_PARSER = new Set(['OV', 'SV', 'UV']);

function elementWithUnknownVr(dataSet: DataSet): Element | undefined {
  return Object.values(dataSet.elements).find((e) => e.vr !== undefined && VRS_UNKNOWN_TO_PARSER.has(e.vr));
}

/** Every value representation of PS3.5 Table 6.2-1: in explicit VR each element header names one (§7.1.2). */
const KNOWN_VRS = new Set(['AE', 'AS', 'AT', 'CS', 'DA', 'DS', 'DT', 'FD', 'FL', 'IS', 'LO', 'LT', 'OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'PN', 'SH', 'SL', 'SQ', 'SS', 'ST', 'SV', 'TM', 'UC', 'UI', 'UL', 'UN', 'UR', 'US', 'UT', 'UV']);

/**
 * The declared transfer syntax of a Part 10 file whose data set is nevertheless written in implicit VR:
 * it declares an explicit little endian syntax (every compressed one is, PS3.5 §10.1, Annex A.4), yet the
 * two bytes after the first data set tag are no VR (§7.1.2) but the low half of an implicit VR length
 * (§7.1.3). Some writers do this; pydicom reads such files by the same test.
 */
function explicitDeclaredButImplicitWritten(bytes: Uint8Array): { meta: DataSet; syntax: TransferSyntax } | undefined {
  if (!hasDicmPrefix(bytes)) return undefined;
  let meta: DataSet;
  try {
    meta = dicomParser.readPart10Header(bytes);
  } catch {
    return undefined;
  }
  const syntax = findTransferSyntax(meta.string('x00020010')?.replace(/\0/g, '') ?? '');
  if (!syntax || syntax.uid === IMPLICIT_VR_LITTLE_ENDIAN || syntax.bigEndian || syntax.deflated) return undefined;
  const start = (meta as DataSet & { position: number }).position;
  if (start + 8 > bytes.length) return undefined;
  const vr = String.fromCharCode(bytes[start + 4], bytes[start + 5]);
  return KNOWN_VRS.has(vr) ? undefined : { meta, syntax };
}

/** dicom-parser's DataSet class, which its type declarations describe only as an interface. */
const DataSetClass = (dicomParser as unknown as { DataSet: new (parser: ByteArrayParser, bytes: Uint8Array, elements: Record<string, Element>) => DataSet }).DataSet;

/**
 * Parses the data set after the File Meta Information as Implicit VR Little Endian. dicom-parser's implicit
 * path takes undefined-length Pixel Data for a sequence (its next tag is an item), so the parse stops at
 * (7FE0,0010) and reads its encapsulated fragments by their item lengths as PS3.5 A.4 lays them out.
 */
function parseImplicitAfterMeta(bytes: Uint8Array, meta: DataSet): DataSet {
  const parser = dicomParser.littleEndianByteArrayParser;
  const stream = new dicomParser.ByteStream(parser, bytes, (meta as DataSet & { position: number }).position);
  const dataSet = new DataSetClass(parser, bytes, {});
  dataSet.warnings = stream.warnings;
  dicomParser.parseDicomDataSetImplicit(dataSet, stream, bytes.length, { untilTag: 'x7fe00010' });
  const pixelData = dataSet.elements.x7fe00010;
  if (pixelData) {
    if (pixelData.hadUndefinedLength) dicomParser.findEndOfEncapsulatedElement(stream, pixelData, dataSet.warnings);
    else stream.seek(pixelData.length);
    if (stream.position < bytes.length) dicomParser.parseDicomDataSetImplicit(dataSet, stream, bytes.length);
  }
  Object.assign(dataSet.elements, meta.elements);
  return dataSet;
}

/**
 * Re-reads a file as implicit VR when its declared explicit syntax failed or found no image and its bytes
 * say implicit (see explicitDeclaredButImplicitWritten). Undefined when that does not apply or the
 * implicit reading fails too: the failure under the declared syntax is then the one to report.
 */
function reparseAsWrittenImplicit(bytes: Uint8Array, warnings: string[]): DataSet | undefined {
  const mismatch = explicitDeclaredButImplicitWritten(bytes);
  if (!mismatch) return undefined;
  let dataSet: DataSet;
  try {
    dataSet = parseImplicitAfterMeta(bytes, mismatch.meta);
  } catch {
    return undefined;
  }
  warnings.push(`the file says its data is encoded as ${mismatch.syntax.name} (explicit VR) but it is written in implicit VR; it was read as implicit VR`);
  return dataSet;
}

/**
 * dicom-parser gives up on a file with a damaged tail, yet the image before it is often intact (NOTES.md):
 * keep such a data set when its pixel data is complete, and say so.
 */
function recoverPartialParse(e: unknown, fileName: string, warnings: string[]): DataSet {
  if (isPartialParseFailure(e)) {
    const partial = e.dataSet as DataSet;
    if (partial && typeof partial === 'object' && partial.elements && completePixelData(partial)) {
      warnings.push(`the end of the file is damaged and was ignored (${describeThrown(e.exception)}); the image itself is complete`);
      return partial;
    }
    const unknownVr = partial && typeof partial === 'object' && partial.elements ? elementWithUnknownVr(partial) : undefined;
    if (unknownVr) {
      throw new DicomError('unsupported-encoding', fileName, `element ${tagText(unknownVr.tag)} has the value representation ${unknownVr.vr} (64-bit values, added to DICOM in 2019), which this app cannot read yet`);
    }
    const cause = toDicomError(e.exception, fileName);
    if (cause.kind === 'invalid-header' && !(e.exception instanceof RangeError)) {
      throw new DicomError('truncated', fileName, `the file is damaged or cut short before its image data (${describeThrown(e.exception)})`);
    }
    throw cause;
  }
  throw toDicomError(e, fileName);
}

/** Parses with the declared (or guessed) transfer syntax, falling back to implicit VR or to a partial data set. */
function parseWithRecovery(bytes: Uint8Array, fileName: string, rawTransferSyntax: string | undefined, limits: ParseLimits, warnings: string[]): DataSet {
  let dataSet: DataSet;
  try {
    dataSet = dicomParser.parseDicom(bytes, { TransferSyntaxUID: rawTransferSyntax, inflater: cappedInflater(fileName, limits) });
  } catch (e) {
    if (e instanceof DicomError) throw e;
    return reparseAsWrittenImplicit(bytes, warnings) ?? recoverPartialParse(e, fileName, warnings);
  }
  return completePixelData(dataSet) ? dataSet : (reparseAsWrittenImplicit(bytes, warnings) ?? dataSet);
}

/**
 * An element that claims more bytes than the file holds means the file is cut short or its header is
 * damaged; dicom-parser's implicit VR path reads on regardless (NOTES.md). Tolerated (with a warning)
 * only when the image itself is complete.
 */
function checkElementBounds(dataSet: DataSet, fileName: string, warnings: string[]): void {
  const held = dataSet.byteArray.length;
  const overrun = Object.values(dataSet.elements).find((e) => e.length !== 0xffffffff && e.dataOffset + e.length > held);
  if (!overrun) return;
  const reason = `element ${tagText(overrun.tag)} claims ${overrun.length} bytes but the file ends after ${Math.max(0, held - overrun.dataOffset)}`;
  if (completePixelData(dataSet) && !PIXEL_DATA_TAGS.includes(overrun.tag as (typeof PIXEL_DATA_TAGS)[number])) {
    warnings.push(`${reason}; the image itself is complete`);
    return;
  }
  throw new DicomError('truncated', fileName, `the file is cut short or its header is damaged (${reason})`);
}

/** Rejects pathological nesting before anything walks the tree (deep nesting is a fuzzing classic). */
function checkSequenceDepth(dataSet: DataSet, maxDepth: number, fileName: string): void {
  const pending: { dataSet: DataSet; depth: number }[] = [{ dataSet, depth: 0 }];
  while (pending.length > 0) {
    const current = pending.pop()!;
    for (const element of Object.values(current.dataSet.elements)) {
      for (const item of element.items ?? []) {
        if (!item.dataSet) continue;
        if (current.depth + 1 > maxDepth) {
          throw new DicomError('invalid-header', fileName, `the file nests sequences more than ${maxDepth} levels deep, which no real image does`);
        }
        pending.push({ dataSet: item.dataSet, depth: current.depth + 1 });
      }
    }
  }
}

const SUPPORTED_BITS_ALLOCATED = new Set([1, 8, 16, 32]);

/** Checks the Image Pixel Module's attributes against each other (PS3.3 C.7.6.3) and against the budget. */
function validateImagePixel(header: InstanceHeader, fileName: string, limits: ParseLimits): void {
  const { rows, columns, numberOfFrames, bitsAllocated, bitsStored, highBit, samplesPerPixel } = header;
  if (rows <= 0 || columns <= 0) throw new DicomError('invalid-header', fileName, 'the image size (Rows, Columns) is missing or zero');
  if (!SUPPORTED_BITS_ALLOCATED.has(bitsAllocated)) {
    throw new DicomError('unsupported-encoding', fileName, `images with ${bitsAllocated} bits per pixel (Bits Allocated) are not supported`);
  }
  if (bitsStored < 1 || bitsStored > bitsAllocated || highBit >= bitsAllocated || highBit < bitsStored - 1) {
    throw new DicomError('invalid-header', fileName, `the pixel bit depths contradict each other (Bits Allocated ${bitsAllocated}, Bits Stored ${bitsStored}, High Bit ${highBit})`);
  }
  if (samplesPerPixel !== 1 && samplesPerPixel !== 3) {
    throw new DicomError('unsupported-encoding', fileName, `images with ${samplesPerPixel} samples per pixel are not supported`);
  }
  if (header.pixelRepresentation !== 0 && header.pixelRepresentation !== 1) {
    throw new DicomError('invalid-header', fileName, `Pixel Representation ${header.pixelRepresentation} is neither unsigned (0) nor signed (1)`);
  }
  const decodedBytes = rows * columns * numberOfFrames * samplesPerPixel * Math.max(1, bitsAllocated / 8);
  if (decodedBytes > limits.maxDecodedBytes) {
    throw new DicomError('too-large', fileName, `the header describes ${numberOfFrames} frame(s) of ${rows} × ${columns} pixels (${Math.round(decodedBytes / 1048576)} MB), beyond the ${Math.round(limits.maxDecodedBytes / 1048576)} MB this app accepts`);
  }
}

/**
 * Samples in one native frame: three a pixel for colour, except YBR_FULL_422, which stores Y1 Y2 Cb Cr
 * for each pair of pixels, two a pixel (PS3.3 C.7.6.3.1.2).
 */
export function nativeSamplesPerFrame(header: InstanceHeader): number {
  const pixels = header.rows * header.columns;
  return isYbr422(header) ? pixels * 2 : pixels * header.samplesPerPixel;
}

/** Native (uncompressed) pixel data must hold every frame the header promises (PS3.5 8.1.1). */
export function nativeFrameBits(header: InstanceHeader): number {
  return nativeSamplesPerFrame(header) * header.bitsAllocated;
}

function validateNativeLayout(header: InstanceHeader, element: Element, fileName: string): void {
  // Chroma is shared by pixel pairs within a row, starting at each row's first pixel (C.7.6.3.1.2): an
  // odd row leaves its last pixel without a pair, and the standard says nothing of how it is stored.
  if (isYbr422(header) && header.columns % 2 === 1) {
    throw new DicomError('unsupported-encoding', fileName, `the image is uncompressed YBR_FULL_422 with an odd number of columns (${header.columns}), which the DICOM standard does not define: each row must pair its pixels`);
  }
  const expected = Math.ceil((nativeFrameBits(header) * header.numberOfFrames) / 8);
  if (element.length < expected) {
    throw new DicomError('truncated', fileName, `the image data is shorter than the header promises (${element.length} of ${expected} bytes): the file is incomplete or damaged`);
  }
}

/**
 * Reads a DICOM file (Part 10 with or without preamble, or a bare data set) into a validated header and
 * the location of its pixel data. Throws only DicomError. Instances without pixel data parse fine with
 * header.hasPixelData false.
 */
export function parseInstance(input: Uint8Array, fileName: string, options: ParseOptions = {}): ParsedInstance {
  const limits = options.limits ?? DEFAULT_PARSE_LIMITS;
  try {
    const warnings: string[] = [];
    const { bytes, rawTransferSyntax } = framedBytes(input, fileName);
    const dataSet = parseWithRecovery(bytes, fileName, rawTransferSyntax, limits, warnings);
    checkSequenceDepth(dataSet, limits.maxSequenceDepth, fileName);
    checkElementBounds(dataSet, fileName, warnings);
    warnings.push(...(dataSet.warnings ?? []).map(String));

    const attributes = AttributeReader.forFile(dataSet);
    const transferSyntaxUid = attributes.text('x00020010') ?? rawTransferSyntax ?? IMPLICIT_VR_LITTLE_ENDIAN;
    const header = readInstanceHeader(attributes, transferSyntaxUid, fileName);
    const transferSyntax = findTransferSyntax(transferSyntaxUid);
    const parsedBase = { fileName, header, warnings, attributes, limits };

    if (!header.hasPixelData) {
      return { ...parsedBase, transferSyntax: transferSyntax ?? findTransferSyntax(IMPLICIT_VR_LITTLE_ENDIAN)! };
    }
    if (!transferSyntax) {
      throw new DicomError('unsupported-encoding', fileName, `the image is stored in an encoding this app cannot read (Transfer Syntax ${transferSyntaxUid})`);
    }
    const element = completePixelData(dataSet);
    if (!element) throw new DicomError('truncated', fileName, 'the image data is cut short: the file is incomplete or damaged');
    validateImagePixel(header, fileName, limits);
    const encapsulated = Boolean(element.encapsulatedPixelData);
    if (encapsulated !== (transferSyntax.encoding !== 'native')) {
      throw new DicomError('corrupt-pixel-data', fileName, `the image data is ${encapsulated ? 'compressed' : 'uncompressed'}, but the file says it is stored as ${transferSyntax.name}`);
    }
    if (!encapsulated) validateNativeLayout(header, element, fileName);
    const float = element.tag === 'x7fe00008';
    if (float && header.bitsAllocated !== 32) throw new DicomError('invalid-header', fileName, 'floating-point image data must have 32 bits per pixel');
    const ownBuffer = dataSet.byteArray.buffer !== input.buffer;
    const wholeBuffer = input.byteOffset === 0 && input.byteLength === input.buffer.byteLength;
    const viewable = ownBuffer || (options.adoptBuffer === true && wholeBuffer);
    return { ...parsedBase, transferSyntax, pixelData: { dataSet, element, float, encapsulated, viewable } };
  } catch (e) {
    throw toDicomError(e, fileName);
  }
}
