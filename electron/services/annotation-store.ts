/**
 * Saves and loads each study's annotations as one JSON file, keyed by StudyInstanceUID (never by image
 * paths, which move). Crash-safe writes (atomic-file.ts); on load, a damaged file falls back to its backup
 * and is moved aside, never overwritten; files from a newer SpineLab open read-only. Plain Node.
 */
import { constants as fsConstants } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import { basename, join } from 'node:path';
import { migrate } from '../../shared/model/migrate';
import { SCHEMA_VERSION, type StudyAnnotations } from '../../shared/model/types';
import { validateStudyAnnotations } from '../../shared/model/validate';
import { errorCode, sweepOrphanedTempFiles, writeFileAtomic, renameWithRetry, type AtomicFileSystem } from './atomic-file';

export type StoreFileSystem = AtomicFileSystem & Pick<typeof nodeFs, 'readFile' | 'copyFile' | 'mkdir' | 'stat'>;

export interface AnnotationStoreOptions {
  readonly dir: string;
  readonly clock?: () => Date;
  readonly fs?: StoreFileSystem;
}

/** Something the UI should tell the reader about what happened to their file. */
export type StoreNotice =
  | { readonly kind: 'recovered-from-backup'; readonly file: string }
  | { readonly kind: 'corrupt-set-aside'; readonly file: string; readonly movedTo: string; readonly reason: string }
  | { readonly kind: 'opened-read-only'; readonly file: string; readonly schemaVersion: number; readonly skipped: string[] }
  | { readonly kind: 'migrated'; readonly file: string; readonly fromVersion: number; readonly originalKeptAs: string };

export interface LoadResult {
  /** Null when the study has no saved annotations, or none could be read (see notices). */
  readonly document: StudyAnnotations | null;
  /** True for a file written by a newer version: show it, never save over it. */
  readonly readOnly: boolean;
  readonly notices: StoreNotice[];
}

export type SaveResult =
  | { readonly ok: true; readonly file: string }
  | { readonly ok: false; readonly reason: 'invalid' | 'read-only' | 'other-study'; readonly errors: string[] };

export interface AnnotationStore {
  load(studyInstanceUid: string): Promise<LoadResult>;
  /**
   * Validates `doc` (the one check a document gets before it is written) and saves it. With
   * `expectedStudyInstanceUid`, a valid document of another study is refused ('other-study').
   */
  save(doc: unknown, expectedStudyInstanceUid?: string): Promise<SaveResult>;
}

/** A UID is digits and dots (PS3.5 §9.1), which makes a safe file name; anything else is refused. */
const UID_FILE_SAFE = /^[0-9]+(\.[0-9]+)*$/;
const FILE_SUFFIX = '.annotations.json';
/** Thousands of annotations take a few MB; anything far larger is not ours. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;

export function annotationFileName(studyInstanceUid: string): string {
  if (studyInstanceUid.length > 64 || !UID_FILE_SAFE.test(studyInstanceUid)) {
    throw new RangeError(`Not a DICOM Study Instance UID: ${JSON.stringify(studyInstanceUid.slice(0, 80))}`);
  }
  return `${studyInstanceUid}${FILE_SUFFIX}`;
}

function isAnnotationFileName(name: string): boolean {
  return name.endsWith(FILE_SUFFIX) && UID_FILE_SAFE.test(name.slice(0, -FILE_SUFFIX.length));
}

type Candidate =
  | { readonly kind: 'missing' }
  | { readonly kind: 'unreadable'; readonly reason: string }
  | { readonly kind: 'current'; readonly document: StudyAnnotations; readonly migratedFrom: number | null }
  | { readonly kind: 'newer'; readonly document: StudyAnnotations | null; readonly schemaVersion: number; readonly skipped: string[] };

export function createAnnotationStore(options: AnnotationStoreOptions): AnnotationStore {
  const { dir } = options;
  const fs = options.fs ?? nodeFs;
  const clock = options.clock ?? (() => new Date());
  /** Start-up work, done once before the first load or save: the folder exists and orphans are gone. */
  let ready: Promise<void> | null = null;
  const whenReady = () =>
    (ready ??= (async () => {
      await fs.mkdir(dir, { recursive: true });
      await sweepOrphanedTempFiles(dir, isAnnotationFileName, fs);
    })());
  /** One operation at a time per study, so two saves never rotate the backup under each other. */
  const queues = new Map<string, Promise<unknown>>();
  const serialised = <T>(uid: string, work: () => Promise<T>): Promise<T> => {
    const result = (queues.get(uid) ?? Promise.resolve()).then(work, work);
    queues.set(uid, result.catch(() => undefined));
    return result;
  };

  async function readCandidate(path: string, studyInstanceUid: string): Promise<Candidate> {
    let text: string;
    try {
      const { size } = await fs.stat(path);
      if (size > MAX_FILE_BYTES) return { kind: 'unreadable', reason: `the file is ${size} bytes, larger than any annotation file` };
      text = await fs.readFile(path, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return { kind: 'missing' };
      // The reason reaches the user: a system code, never the error's message (which names the path).
      return { kind: 'unreadable', reason: `it could not be read (${errorCode(error) ?? 'unexpected error'})` };
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return { kind: 'unreadable', reason: 'it is not complete JSON (damaged or cut short)' };
    }
    const opened = migrate(raw);
    if (!opened.ok) return { kind: 'unreadable', reason: `its content is not valid: ${opened.errors.slice(0, 5).join('; ')}` };
    if (opened.readOnly) return { kind: 'newer', document: opened.document, schemaVersion: opened.schemaVersion, skipped: opened.skipped };
    if (opened.document.studyInstanceUid !== studyInstanceUid) {
      return { kind: 'unreadable', reason: `it belongs to another study (${opened.document.studyInstanceUid})` };
    }
    return { kind: 'current', document: opened.document, migratedFrom: opened.migratedFrom };
  }

  /** A free name beside the file, e.g. "<uid>.annotations.corrupt-2025-01-02T03-04-05-000Z.json". */
  async function freeName(base: string): Promise<string> {
    for (let n = 1; ; n++) {
      const candidate = join(dir, n === 1 ? `${base}.json` : `${base}-${n}.json`);
      try {
        await fs.stat(candidate);
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return candidate;
        throw error;
      }
    }
  }

  async function setAside(path: string, reason: string): Promise<StoreNotice> {
    const stamp = clock().toISOString().replace(/[:.]/g, '-');
    const stem = basename(path).replace(/\.json$/, '').replace(/\.json\.bak$/, '.bak');
    const movedTo = await freeName(`${stem}.corrupt-${stamp}`);
    await renameWithRetry(path, movedTo, fs);
    return { kind: 'corrupt-set-aside', file: path, movedTo, reason };
  }

  /** Before the first save in the new format, the original stays as it was (NOTES.md). */
  async function keepOriginalOfMigration(path: string, fromVersion: number): Promise<StoreNotice> {
    const originalKeptAs = path.replace(/\.json(\.bak)?$/, `.v${fromVersion}.json`);
    await fs.copyFile(path, originalKeptAs, fsConstants.COPYFILE_EXCL).catch((error: unknown) => {
      if (errorCode(error) !== 'EEXIST') throw error;
    });
    return { kind: 'migrated', file: path, fromVersion, originalKeptAs };
  }

  async function opened(path: string, candidate: Candidate, notices: StoreNotice[]): Promise<LoadResult | null> {
    if (candidate.kind === 'current') {
      if (candidate.migratedFrom !== null) notices.push(await keepOriginalOfMigration(path, candidate.migratedFrom));
      return { document: candidate.document, readOnly: false, notices };
    }
    if (candidate.kind === 'newer') {
      notices.push({ kind: 'opened-read-only', file: path, schemaVersion: candidate.schemaVersion, skipped: candidate.skipped });
      return { document: candidate.document, readOnly: true, notices };
    }
    if (candidate.kind === 'unreadable') notices.push(await setAside(path, candidate.reason));
    return null;
  }

  async function load(studyInstanceUid: string): Promise<LoadResult> {
    const main = join(dir, annotationFileName(studyInstanceUid));
    const backup = `${main}.bak`;
    await whenReady();
    return serialised(studyInstanceUid, async () => {
      const notices: StoreNotice[] = [];
      const fromMain = await opened(main, await readCandidate(main, studyInstanceUid), notices);
      if (fromMain) return fromMain;
      const backupCandidate = await readCandidate(backup, studyInstanceUid);
      if (backupCandidate.kind === 'current' || backupCandidate.kind === 'newer') {
        notices.push({ kind: 'recovered-from-backup', file: backup });
      }
      return (await opened(backup, backupCandidate, notices)) ?? { document: null, readOnly: false, notices };
    });
  }

  /** What is on disk now: nothing, something unreadable, or a document of some version. */
  async function inspect(path: string): Promise<{ readonly state: 'missing' | 'unreadable' } | { readonly state: 'json'; readonly version: unknown }> {
    let text: string;
    try {
      text = await fs.readFile(path, 'utf8');
    } catch (error) {
      return { state: errorCode(error) === 'ENOENT' ? 'missing' : 'unreadable' };
    }
    try {
      const raw: unknown = JSON.parse(text);
      return { state: 'json', version: typeof raw === 'object' && raw !== null ? (raw as { schemaVersion?: unknown }).schemaVersion : undefined };
    } catch {
      return { state: 'unreadable' };
    }
  }

  async function save(doc: unknown, expectedStudyInstanceUid?: string): Promise<SaveResult> {
    const checked = validateStudyAnnotations(doc);
    if (!checked.ok) return { ok: false, reason: 'invalid', errors: checked.errors };
    if (expectedStudyInstanceUid !== undefined && checked.value.studyInstanceUid !== expectedStudyInstanceUid) {
      return { ok: false, reason: 'other-study', errors: [`the document belongs to study ${checked.value.studyInstanceUid}`] };
    }
    const main = join(dir, annotationFileName(checked.value.studyInstanceUid));
    await whenReady();
    return serialised(checked.value.studyInstanceUid, async () => {
      const onDisk = await inspect(main);
      if (onDisk.state === 'json' && typeof onDisk.version === 'number' && onDisk.version > SCHEMA_VERSION) {
        return {
          ok: false,
          reason: 'read-only',
          errors: [`${main} was written by a newer SpineLab (format ${onDisk.version}); it is kept as it is`],
        } as const;
      }
      // A damaged file must not be rotated into the backup over the last good version.
      if (onDisk.state === 'unreadable') await setAside(main, 'it was damaged when a new version was saved');
      await writeFileAtomic(main, `${JSON.stringify(checked.value, null, 2)}\n`, { backupPath: `${main}.bak`, fs });
      return { ok: true, file: main } as const;
    });
  }

  return { load, save };
}
