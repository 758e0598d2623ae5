/**
 * Crash-safe file replacement (../shared/NOTES.md, "Saving without losing work"): write a temp file in the
 * same folder, fsync it, keep the previous version as a backup, rename over the target, fsync the folder.
 * A kill at any moment leaves the old file, the new file, or (between the two renames) the old file as
 * the backup — never a half-written one. Plain Node; the file system is injectable for tests.
 */
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export type AtomicFileSystem = Pick<typeof nodeFs, 'open' | 'rename' | 'unlink' | 'readdir'>;

export interface RetryPolicy {
  readonly attempts: number;
  readonly firstDelayMs: number;
}

/**
 * Windows refuses a rename while another process (antivirus, indexer, backup tool) holds the file open,
 * with EPERM, EACCES or EBUSY; it passes within moments, so retry with a growing delay.
 */
const TRANSIENT_RENAME_CODES = new Set(['EPERM', 'EACCES', 'EBUSY']);
export const DEFAULT_RENAME_RETRY: RetryPolicy = { attempts: 6, firstDelayMs: 10 };

export interface AtomicWriteOptions {
  /** Where the previous version goes before the new one takes its place. */
  readonly backupPath?: string;
  readonly fs?: AtomicFileSystem;
  readonly retry?: RetryPolicy;
  readonly sleep?: (ms: number) => Promise<void>;
}

const TEMP_SUFFIX = /\.[0-9a-f]{16}\.tmp$/;

function tempPathFor(path: string): string {
  return `${path}.${randomBytes(8).toString('hex')}.tmp`;
}

/** The `code` of a Node system error (ENOENT, EPERM, …), or undefined for anything else. */
export function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as { code?: string }).code : undefined;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function renameWithRetry(
  from: string,
  to: string,
  fs: AtomicFileSystem = nodeFs,
  retry: RetryPolicy = DEFAULT_RENAME_RETRY,
  sleep: (ms: number) => Promise<void> = realSleep,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await fs.rename(from, to);
      return;
    } catch (error) {
      if (attempt >= retry.attempts || !TRANSIENT_RENAME_CODES.has(errorCode(error) ?? '')) throw error;
      await sleep(retry.firstDelayMs * 2 ** (attempt - 1));
    }
  }
}

/** Makes the renames themselves durable. Windows cannot open a folder for fsync; there the rename is enough. */
async function syncFolder(folder: string, fs: AtomicFileSystem): Promise<void> {
  let handle: nodeFs.FileHandle | undefined;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch (error) {
    if (!['EPERM', 'EISDIR', 'EACCES', 'EINVAL'].includes(errorCode(error) ?? '')) throw error;
  } finally {
    await handle?.close();
  }
}

export async function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const fs = options.fs ?? nodeFs;
  const rename = (from: string, to: string) => renameWithRetry(from, to, fs, options.retry, options.sleep);
  const temp = tempPathFor(path);
  const handle = await fs.open(temp, 'wx');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    if (options.backupPath) {
      await rename(path, options.backupPath).catch((error: unknown) => {
        if (errorCode(error) !== 'ENOENT') throw error; // a first save has nothing to keep
      });
    }
    await rename(temp, path);
  } catch (error) {
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(path), fs);
}

/**
 * Removes temp files a killed writer left behind (NOTES.md: 11 orphans in 40 kills). Only names made by
 * writeFileAtomic for a target accepted by `isTarget` are touched. Returns the files removed.
 */
export async function sweepOrphanedTempFiles(
  folder: string,
  isTarget: (fileName: string) => boolean,
  fs: AtomicFileSystem = nodeFs,
): Promise<string[]> {
  const names = await fs.readdir(folder).catch((error: unknown) => {
    if (errorCode(error) === 'ENOENT') return [] as string[];
    throw error;
  });
  const orphans = names.filter((name) => TEMP_SUFFIX.test(name) && isTarget(basename(name.replace(TEMP_SUFFIX, ''))));
  for (const name of orphans) await fs.unlink(join(folder, name)).catch(() => undefined);
  return orphans.map((name) => join(folder, name));
}

/** One JSON file of the data folder rewritten whole, for the small stores (recent list, PACS nodes). */
export interface JsonFileWriter {
  /** Runs read-modify-write steps one at a time: each reads what the previous one wrote, so none is lost. */
  serialised<T>(work: () => Promise<T>): Promise<T>;
  /** Replaces the file atomically; the first write creates the folder and sweeps a killed writer's temp files. */
  write(value: unknown): Promise<void>;
}

export function createJsonFileWriter(path: string, options: { readonly folderMode?: number } = {}): JsonFileWriter {
  let ready: Promise<void> | null = null;
  const whenReady = () =>
    (ready ??= (async () => {
      await nodeFs.mkdir(dirname(path), { recursive: true, ...(options.folderMode !== undefined ? { mode: options.folderMode } : {}) });
      await sweepOrphanedTempFiles(dirname(path), (name) => name === basename(path));
    })().catch((error: unknown) => {
      ready = null; // try again on the next write
      throw error;
    }));
  let queue: Promise<unknown> = Promise.resolve();
  return {
    serialised(work) {
      const result = queue.then(work, work);
      queue = result.catch(() => undefined);
      return result;
    },
    async write(value) {
      await whenReady();
      await writeFileAtomic(path, JSON.stringify(value, null, 1));
    },
  };
}
