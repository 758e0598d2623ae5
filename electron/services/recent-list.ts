import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { RecentEntry } from '../../shared/api';

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
  async function write(entries: StoredEntry[]): Promise<void> {
    await fs.mkdir(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    await fs.writeFile(tmp, JSON.stringify(entries, null, 1));
    await fs.rename(tmp, file);
  }
  return {
    async list() {
      return (await read()).map(({ id, label, openedAt }) => ({ id, label, openedAt }));
    },
    async add(paths, label) {
      const id = createHash('sha256').update(paths.join('\n')).digest('hex').slice(0, 16);
      const rest = (await read()).filter((e) => e.id !== id);
      await write([{ id, label, openedAt: now().toISOString(), paths: [...paths] }, ...rest].slice(0, MAX_ENTRIES));
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
