import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { RecentEntry } from '../../shared/api';
import { createJsonFileWriter } from './atomic-file';
import { isInside } from './file-registry';

/** Recently opened files and folders, kept in the app's data folder. Paths never leave the host. */
export interface RecentList {
  list(): Promise<RecentEntry[]>;
  add(paths: readonly string[], label: string): Promise<void>;
  /** The entry's paths that can still be opened (a regular file or a folder, not a system path), or undefined. */
  pathsFor(id: string): Promise<string[] | undefined>;
}

interface StoredEntry extends RecentEntry {
  readonly paths: string[];
}

const MAX_ENTRIES = 10;
/** An entry's id is the first 16 hex digits of a SHA-256 (add() below). */
const ENTRY_ID = /^[0-9a-f]{16}$/;
const MAX_LABEL_LENGTH = 260;
/** A multiple selection in the open dialog; far more than anyone picks by hand. */
const MAX_PATHS_PER_ENTRY = 2_000;
/** Linux PATH_MAX; Windows long paths stay below it too. */
const MAX_PATH_LENGTH = 4_096;

/**
 * Where no study is kept and reading is harmful or pointless: device files, kernel and process views
 * (/proc/self/mem is a "regular file"), system configuration. Compared with resolved paths.
 */
const POSIX_SYSTEM_ROOTS = ['/dev', '/proc', '/sys', '/run', '/var/run', '/etc', '/private/etc', '/boot'];
/** Windows device names, reserved in every folder (Microsoft, "Naming Files, Paths, and Namespaces"). */
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

export function isSystemPath(p: string, platform: NodeJS.Platform = process.platform): boolean {
  if (platform === 'win32') {
    const win = path.win32;
    if (p.startsWith('\\\\.\\') || p.startsWith('\\\\?\\') || p.startsWith('//./') || p.startsWith('//?/')) return true;
    if (WINDOWS_DEVICE_NAME.test(win.basename(p))) return true;
    const systemRoot = process.env.SystemRoot ?? 'C:\\Windows';
    const rel = win.relative(systemRoot, p);
    return win.parse(p).root === p || rel === '' || (!rel.startsWith('..') && !win.isAbsolute(rel));
  }
  return p === '/' || POSIX_SYSTEM_ROOTS.some((root) => isInside(root, p));
}

/** The shape and size of one entry of recent.json, which anything with access to the data folder can edit. */
function isStoredEntry(v: unknown): v is StoredEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Record<string, unknown>;
  return (
    typeof e.id === 'string' && ENTRY_ID.test(e.id) &&
    typeof e.label === 'string' && e.label.length <= MAX_LABEL_LENGTH &&
    typeof e.openedAt === 'string' && e.openedAt.length <= 40 && !Number.isNaN(Date.parse(e.openedAt)) &&
    Array.isArray(e.paths) && e.paths.length > 0 && e.paths.length <= MAX_PATHS_PER_ENTRY &&
    e.paths.every((p) => typeof p === 'string' && p.length <= MAX_PATH_LENGTH && !p.includes('\0') && path.isAbsolute(p) && !isSystemPath(p))
  );
}

/** A path is opened again only while it resolves, outside the system paths, to a regular file or a folder. */
async function isStillOpenable(p: string): Promise<boolean> {
  const real = await fs.realpath(p).catch(() => undefined);
  if (real === undefined || isSystemPath(real)) return false;
  const stat = await fs.stat(real).catch(() => undefined);
  return stat !== undefined && (stat.isFile() || stat.isDirectory());
}

export function createRecentList(file: string, now: () => Date = () => new Date()): RecentList {
  async function read(): Promise<StoredEntry[]> {
    try {
      const parsed: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
      return Array.isArray(parsed) ? parsed.filter(isStoredEntry).slice(0, MAX_ENTRIES) : [];
    } catch {
      return [];
    }
  }
  const store = createJsonFileWriter(file);
  return {
    async list() {
      return (await read()).map(({ id, label, openedAt }) => ({ id, label, openedAt }));
    },
    add(paths, label) {
      const id = createHash('sha256').update(paths.join('\n')).digest('hex').slice(0, 16);
      const entry: StoredEntry = { id, label: label.slice(0, MAX_LABEL_LENGTH), openedAt: now().toISOString(), paths: [...paths] };
      return store.serialised(async () => {
        const rest = (await read()).filter((e) => e.id !== id);
        await store.write([entry, ...rest].slice(0, MAX_ENTRIES));
      });
    },
    async pathsFor(id) {
      const entry = (await read()).find((e) => e.id === id);
      if (!entry) return undefined;
      const openable: string[] = [];
      for (const p of entry.paths) if (await isStillOpenable(p)) openable.push(p);
      return openable.length > 0 ? openable : undefined;
    },
  };
}
