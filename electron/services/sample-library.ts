import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { OpenedFiles, SampleCaseSummary } from '../../shared/api';
import type { FileRegistry } from './file-registry';
import { isInside } from './file-registry';
import { HostError } from './host-error';

/** The bundled sample cases written by samples/generate.ts (samples/cases/index.json). */
export interface SampleLibrary {
  list(): Promise<SampleCaseSummary[]>;
  open(caseId: string): Promise<OpenedFiles>;
  details(caseId: string): Promise<unknown>;
}

interface IndexSeries {
  seriesInstanceUid: string;
  description: string;
  modality: string;
  files: string[];
}
interface IndexCase {
  id: string;
  title: string;
  modalities?: string[];
  modality?: string[];
  level: string;
  difficulty: string;
  summary: string;
  /** Paths in the index are relative to the cases folder. */
  thumbnail?: string;
  caseFile?: string;
  series: IndexSeries[];
}

export function createSampleLibrary(casesDir: string, registry: FileRegistry): SampleLibrary {
  let cached: IndexCase[] | undefined;
  /** Built once with the cached index, so each thumbnail is registered once, not on every list(). */
  let summaries: Promise<SampleCaseSummary[]> | undefined;

  async function readIndex(): Promise<IndexCase[]> {
    if (cached) return cached;
    try {
      const raw = JSON.parse(await fs.readFile(path.join(casesDir, 'index.json'), 'utf8')) as { cases?: IndexCase[] } | IndexCase[];
      cached = Array.isArray(raw) ? raw : (raw.cases ?? []);
    } catch {
      cached = [];
    }
    return cached;
  }

  function caseFile(relative: string): string {
    const absolute = path.resolve(casesDir, relative);
    if (!isInside(casesDir, absolute)) throw new Error(`Sample index points outside the sample folder: ${relative}`);
    return absolute;
  }

  async function find(caseId: string): Promise<IndexCase> {
    const found = (await readIndex()).find((c) => c.id === caseId);
    if (!found) throw new HostError('not-found', `No sample case "${caseId}"`);
    return found;
  }

  async function summarise(): Promise<SampleCaseSummary[]> {
    const cases = await readIndex();
    const out: SampleCaseSummary[] = [];
    for (const c of cases) {
      const thumb = c.thumbnail ? (await registry.openPaths([caseFile(c.thumbnail)])).files[0] : undefined;
      out.push({
        id: c.id,
        title: c.title,
        modalities: c.modalities ?? c.modality ?? [...new Set(c.series.map((s) => s.modality))],
        level: c.level,
        difficulty: c.difficulty,
        summary: c.summary,
        thumbnailFileId: thumb?.id,
        series: c.series,
      });
    }
    return out;
  }

  return {
    list() {
      summaries ??= summarise().catch((error: unknown) => {
        summaries = undefined; // not cached: the next list() tries again
        throw error;
      });
      return summaries;
    },
    async open(caseId) {
      const c = await find(caseId);
      return registry.openPaths(c.series.flatMap((s) => s.files.map((f) => caseFile(f))), c.title);
    },
    async details(caseId) {
      const c = await find(caseId);
      return JSON.parse(await fs.readFile(caseFile(c.caseFile ?? path.join(caseId, 'case.json')), 'utf8'));
    },
  };
}
