import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { RecentEntry } from '../../shared/api';
import { sweepOrphanedTempFiles, writeFileAtomic } from './atomic-file';

/** Recently opened files and folders, kept in the app's data folder. Paths never leave the host. */
export interface RecentList {
  list(): Promise<RecentEntry[]>;
  add(paths: readonly string[], label: string): Promise<void>;
  pathsFor(id: string): Promise<string[] | undefined>;
}

interface StoredEntry extends RecentEntry {
  readonly paths: string[];
}

const MAX_ENTRIES = 10;

export function createRecentList(file: string, now: () => Date = () => new Date()): RecentList {
  async function read(): Promise<StoredEntry[]> {
    try {
      const parsed: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
      return Array.isArray(parsed) ? parsed.filter(isStoredEntry).slice(0, MAX_ENTRIES) : [];
    } catch {
      return [];
    }
  }
  /** Start-up work, done once before the first write: the folder exists and a killed writer's temp files are gone. */
  let ready: Promise<void> | null = null;
  const whenReady = () =>
    (ready ??= (async () => {
      await fs.mkdir(path.dirname(file), { recursive: true });
      await sweepOrphanedTempFiles(path.dirname(file), (name) => name === path.basename(file));
    })().catch((error: unknown) => {
      ready = null; // try again on the next write
      throw error;
    }));
  async function write(entries: StoredEntry[]): Promise<void> {
    await whenReady();
    await writeFileAtomic(file, JSON.stringify(entries, null, 1));
  }
  /** One add() at a time: each reads the list the previous one wrote, so none is lost. */
  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const result = queue.then(work, work);
    queue = result.catch(() => undefined);
    return result;
  };
  return {
    async list() {
      return (await read()).map(({ id, label, openedAt }) => ({ id, label, openedAt }));
    },
    add(paths, label) {
      const id = createHash('sha256').update(paths.join('\n')).digest('hex').slice(0, 16);
      const entry: StoredEntry = { id, label, openedAt: now().toISOString(), paths: [...paths] };
      return serialised(async () => {
        const rest = (await read()).filter((e) => e.id !== id);
        await write([entry, ...rest].slice(0, MAX_ENTRIES));
      });
    },
    async pathsFor(id) {
      return (await read()).find((e) => e.id === id)?.paths;
    },
  };
}

function isStoredEntry(v: unknown): v is StoredEntry {
  const e = v as StoredEntry;
  return (
    typeof e === 'object' && e !== null && typeof e.id === 'string' && typeof e.label === 'string' &&
    typeof e.openedAt === 'string' && Array.isArray(e.paths) && e.paths.every((p) => typeof p === 'string')
  );
}
