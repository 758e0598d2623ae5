import { promises as fs } from 'node:fs';
import type { Readable } from 'node:stream';
import { errorCode } from './atomic-file';

/** A file ready to be sent: it was opened, it is a regular file, and its first bytes were read. */
export type ServableFile =
  | { readonly ok: true; readonly size: number; readonly stream: Readable }
  | { readonly ok: false; readonly status: 404 | 500; readonly message: string; readonly cause?: string };

/**
 * Opens a file to be sent as a response. The size comes from the open handle and the bytes are read
 * from that same handle, so a file deleted or replaced after the check is still the one checked; the
 * first bytes are read before any header is sent, so a disk that fails (EIO, a removed drive,
 * permission) is answered with a status instead of a cut-off 200. The caller must send the stream
 * with an error handler (stream.pipeline) for failures later in the file.
 */
export async function openServableFile(file: string): Promise<ServableFile> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const stat = await handle.stat();
    if (!stat.isFile()) {
      await handle.close();
      return { ok: false, status: 404, message: 'The file is no longer there' };
    }
    const stream = handle.createReadStream();
    handle = undefined; // the stream closes it from now on
    await firstBytes(stream);
    return { ok: true, size: stat.size, stream };
  } catch (error) {
    await handle?.close().catch(() => undefined);
    const cause = errorCode(error);
    return cause === 'ENOENT' || cause === 'ENOTDIR'
      ? { ok: false, status: 404, message: 'The file is no longer there', cause }
      : { ok: false, status: 500, message: `The file could not be read${cause ? ` (${cause})` : ''}`, cause };
  }
}

/** Resolves once the stream holds data or has ended (an empty file), rejects on its first error. */
function firstBytes(stream: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      stream.off('readable', onReadable);
      stream.off('error', settle);
      if (error) {
        stream.destroy();
        reject(error);
      } else resolve();
    };
    const onReadable = () => settle();
    stream.once('readable', onReadable);
    stream.once('error', settle);
  });
}
