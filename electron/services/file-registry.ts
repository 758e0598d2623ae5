import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FileRef, OpenedFiles } from '../../shared/api';

/**
 * The only way the renderer reaches a file on disk: the host registers what the user opened
 * (dialog, recent list, sample case) and hands out opaque ids; the renderer fetches `files/<id>`.
 * No path ever comes from the renderer, and symbolic links that leave an opened folder are skipped.
 */
export interface FileRegistry {
  openPaths(paths: readonly string[], label?: string): Promise<OpenedFiles>;
  /** The absolute path behind an id, or undefined for an unknown id. */
  resolve(id: string): string | undefined;
}

export interface FileRegistryOptions {
  /** Stop enumerating after this many files, so a mistaken "open /" cannot exhaust memory. */
  readonly maxFiles?: number;
  readonly maxDepth?: number;
}

interface Candidate {
  readonly absolute: string;
  readonly relative: string;
  readonly size: number;
}

const SKIPPED_NAMES = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);

export function createFileRegistry(options: FileRegistryOptions = {}): FileRegistry {
  const maxFiles = options.maxFiles ?? 20_000;
  const maxDepth = options.maxDepth ?? 16;
  const byId = new Map<string, string>();

  async function walk(root: string, dir: string, depth: number, out: Candidate[]): Promise<void> {
    if (depth > maxDepth || out.length >= maxFiles) return;
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (out.length >= maxFiles) return;
      if (SKIPPED_NAMES.has(entry.name) || entry.name.startsWith('._')) continue;
      // `dir` is a resolved path, so only a symbolic link can lead elsewhere: resolve it and keep it
      // only when its target is inside the opened folder. Other entries need no realpath, and only
      // files need a stat (for their size).
      const absolute = path.join(dir, entry.name);
      const relative = path.relative(root, absolute);
      if (entry.isSymbolicLink()) {
        const real = await fs.realpath(absolute).catch(() => undefined);
        if (!real || !isInside(root, real)) continue;
        const stat = await fs.stat(real).catch(() => undefined);
        if (stat?.isDirectory()) await walk(root, real, depth + 1, out);
        else if (stat?.isFile()) out.push({ absolute: real, relative, size: stat.size });
      } else if (entry.isDirectory()) {
        await walk(root, absolute, depth + 1, out);
      } else if (entry.isFile()) {
        const stat = await fs.stat(absolute).catch(() => undefined);
        if (stat?.isFile()) out.push({ absolute, relative, size: stat.size });
      }
    }
  }

  async function candidatesFor(p: string): Promise<Candidate[]> {
    const real = await fs.realpath(p);
    const stat = await fs.stat(real);
    if (stat.isDirectory()) {
      const out: Candidate[] = [];
      await walk(real, real, 0, out);
      return out;
    }
    return stat.isFile() ? [{ absolute: real, relative: path.basename(p), size: stat.size }] : [];
  }

  return {
    async openPaths(paths, label) {
      const files: FileRef[] = [];
      for (const p of paths) {
        const found = await candidatesFor(p).catch(() => []);
        for (const c of found) {
          if (files.length >= maxFiles) break;
          const id = randomBytes(12).toString('base64url');
          byId.set(id, c.absolute);
          files.push({ id, name: path.basename(c.absolute), relativePath: c.relative.split(path.sep).join('/'), size: c.size });
        }
      }
      return { label: label ?? (paths.length === 1 ? path.basename(paths[0]) : `${paths.length} items`), files };
    },
    resolve: (id) => byId.get(id),
  };
}

/** True when `candidate` is `root` or below it, compared as resolved paths (never by string prefix alone). */
export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
