import type { CallErrorCode } from '../../shared/api';
import { errorCode } from './atomic-file';

/**
 * A failure a service expects and explains: its message is written for the user and crosses to the
 * renderer as it is. Anything else a service throws (a Node system error naming a path, a bug) is
 * logged locally and answered with a message of our own (dispatch.ts).
 */
export class HostError extends Error {
  constructor(
    readonly code: CallErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Where the host writes what must not reach the renderer: its own stderr, read only by whoever started it. */
export type HostLog = (line: string) => void;

export const stderrLog: HostLog = (line) => void process.stderr.write(`SpineLab: ${line}\n`);

/**
 * What the log keeps of an unexpected error: for a system error its code, call and path (paths of the
 * app's own data and sample folders, or of a file the user chose); otherwise its name and message.
 * Host services never read DICOM content, so no patient data is in either.
 */
export function describeForLog(error: unknown): string {
  const code = errorCode(error);
  if (code !== undefined) {
    const { syscall, path } = error as { syscall?: string; path?: string };
    return [code, syscall, path].filter((part) => part !== undefined).join(' ');
  }
  return error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
}
