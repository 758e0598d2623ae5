import type { Fragment } from 'dicom-parser';
import { DicomError } from './errors';
import type { PixelEncoding } from './transfer-syntax';
import type { ParsedInstance } from './parse';

/** Whether a fragment starts a new compressed frame: JPEG-family SOI, J2K SOC, or a JP2 signature box. */
function startsCodestream(bytes: Uint8Array, encoding: PixelEncoding): boolean {
  if (encoding === 'jpeg-2000' || encoding === 'htj2k') {
    return (bytes[0] === 0xff && bytes[1] === 0x4f && bytes[2] === 0xff && bytes[3] === 0x51) || (bytes[4] === 0x6a && bytes[5] === 0x50);
  }
  if (encoding === 'rle') return true;
  return bytes[0] === 0xff && bytes[1] === 0xd8;
}

/**
 * The fragments that make up each frame (PS3.5 A.4): by the Basic Offset Table when present; otherwise
 * all of them for a single frame, one each when the counts agree, or split where a codestream starts.
 */
export function fragmentsByFrame(parsed: ParsedInstance): Fragment[][] {
  const { header, fileName, transferSyntax } = parsed;
  const { dataSet, element } = parsed.pixelData!;
  const fragments = element.fragments ?? [];
  const frames = header.numberOfFrames;
  const held = dataSet.byteArray.length;
  if (fragments.some((f) => f.position + f.length > held)) {
    throw new DicomError('truncated', fileName, 'the compressed image data is cut short: the file is incomplete');
  }
  const table = element.basicOffsetTable ?? [];
  if (table.length === frames && table.length > 0) {
    const starts = table.map((offset) => fragments.findIndex((f) => f.offset === offset));
    if (starts.every((s, i) => s >= 0 && (i === 0 || s > starts[i - 1]))) {
      return starts.map((s, i) => fragments.slice(s, i + 1 < starts.length ? starts[i + 1] : fragments.length));
    }
  }
  if (frames === 1) return [fragments];
  if (fragments.length === frames) return fragments.map((f) => [f]);
  const groups: Fragment[][] = [];
  for (const fragment of fragments) {
    const bytes = dataSet.byteArray.subarray(fragment.position, fragment.position + Math.min(fragment.length, 16));
    if (groups.length === 0 || startsCodestream(bytes, transferSyntax.encoding)) groups.push([fragment]);
    else groups[groups.length - 1].push(fragment);
  }
  if (groups.length !== frames) {
    throw new DicomError('corrupt-pixel-data', fileName, `the compressed image data holds ${groups.length} frame(s) where the header says ${frames}`);
  }
  return groups;
}

/** One frame's compressed bytes: a view for a single fragment, a joined copy for several. */
export function frameBytes(parsed: ParsedInstance, fragments: Fragment[]): Uint8Array {
  const { byteArray } = parsed.pixelData!.dataSet;
  if (fragments.length === 1) return byteArray.subarray(fragments[0].position, fragments[0].position + fragments[0].length);
  const total = fragments.reduce((sum, f) => sum + f.length, 0);
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const f of fragments) {
    joined.set(byteArray.subarray(f.position, f.position + f.length), offset);
    offset += f.length;
  }
  return joined;
}
