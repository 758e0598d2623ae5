import type { CodecProvider } from './codec-provider';
import { decodeFrame } from './decode';
import { toDicomError, type DicomErrorKind } from './errors';
import type { InstanceHeader } from './header';
import { parseInstance, type ParseOptions } from './parse';
import type { DecodedFrame } from './pixel-types';

export interface LoadFailure {
  kind: DicomErrorKind;
  fileName: string;
  reason: string;
}

export type LoadResult =
  | { ok: true; header: InstanceHeader; frames: DecodedFrame[]; warnings: string[] }
  /** `header` is present when the file was read but holds no image (reports, plans, waveforms). */
  | { ok: false; error: LoadFailure; header?: InstanceHeader };

/**
 * Parses a file and decodes all its frames: the one path shared by the app's workers and the
 * command-line inspector. Never throws; every failure is a LoadFailure in plain words.
 */
export async function loadInstance(bytes: Uint8Array, fileName: string, codecs: CodecProvider, options?: ParseOptions): Promise<LoadResult> {
  let header: InstanceHeader | undefined;
  try {
    const parsed = parseInstance(bytes, fileName, options);
    header = parsed.header;
    const frames: DecodedFrame[] = [];
    // A file without pixel data fails here (decodeFrame's 'no-pixel-data'), its header kept below.
    for (let frame = 0; frame < parsed.header.numberOfFrames; frame++) {
      frames.push(await decodeFrame(parsed, frame, codecs));
    }
    return { ok: true, header: parsed.header, frames, warnings: parsed.warnings };
  } catch (e) {
    const error = toDicomError(e, fileName);
    return { ok: false, header, error: { kind: error.kind, fileName, reason: error.reason } };
  }
}
