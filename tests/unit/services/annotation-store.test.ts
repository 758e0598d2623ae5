import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { build } from 'esbuild';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { annotationFileName, createAnnotationStore } from '../../../electron/services/annotation-store';
import { writeFileAtomic, type AtomicFileSystem } from '../../../electron/services/atomic-file';
import * as nodeFs from 'node:fs/promises';
import { addAnnotation } from '../../../shared/model/operations';
import { IMAGE_PLANE, STUDY_UID, sampleDocument } from '../model/sample-document';
import { crashDocument } from './crash-documents';

const clock = () => new Date('2025-03-04T05:06:07.089Z');
let dir: string;
let main: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spinelab-store-'));
  main = join(dir, annotationFileName(STUDY_UID));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('annotation store', () => {
  it('saves and loads a document; an unknown study loads as empty', async () => {
    const store = createAnnotationStore({ dir, clock });
    expect(await store.load('1.2.3')).toEqual({ document: null, readOnly: false, notices: [] });
    expect(await store.save(sampleDocument())).toEqual({ ok: true, file: main });
    expect(await createAnnotationStore({ dir, clock }).load(STUDY_UID)).toEqual({ document: sampleDocument(), readOnly: false, notices: [] });
  });

  it('never uses a UID as a path', async () => {
    const store = createAnnotationStore({ dir, clock });
    for (const uid of ['../../etc/passwd', '1.2/3', '1.2.', '', 'C:\\x', '1'.repeat(65)]) {
      await expect(store.load(uid)).rejects.toThrow('Not a DICOM Study Instance UID');
    }
  });

  it('refuses to save an invalid document', async () => {
    const store = createAnnotationStore({ dir, clock });
    const result = await store.save({ ...sampleDocument(), updatedAt: 'yesterday' });
    expect(result).toMatchObject({ ok: false, reason: 'invalid' });
    await expect(readdir(dir)).resolves.toEqual([]);
  });

  it('keeps the previous version as .bak', async () => {
    const store = createAnnotationStore({ dir, clock });
    const first = sampleDocument();
    const second = addAnnotation(first, { id: 'x', type: 'length', createdAt: first.updatedAt, plane: IMAGE_PLANE, points: [{ x: 0, y: 0 }, { x: 1, y: 1 }] }, clock());
    await store.save(first);
    await store.save(second);
    expect(JSON.parse(await readFile(`${main}.bak`, 'utf8'))).toEqual(first);
    expect(JSON.parse(await readFile(main, 'utf8'))).toEqual(second);
  });

  it('falls back to the backup when the main file is damaged, and moves the damaged file aside', async () => {
    const store = createAnnotationStore({ dir, clock });
    await store.save(sampleDocument());
    await store.save(sampleDocument());
    await writeFile(main, '{"schemaVersion": 1, "studyInst');
    const result = await createAnnotationStore({ dir, clock }).load(STUDY_UID);
    expect(result.document).toEqual(sampleDocument());
    const movedTo = join(dir, `${STUDY_UID}.annotations.corrupt-2025-03-04T05-06-07-089Z.json`);
    expect(result.notices).toEqual([
      { kind: 'corrupt-set-aside', file: main, movedTo, reason: 'it is not complete JSON (damaged or cut short)' },
      { kind: 'recovered-from-backup', file: `${main}.bak` },
    ]);
    expect(await readFile(movedTo, 'utf8')).toBe('{"schemaVersion": 1, "studyInst');
  });

  it('never moves a damaged file over an earlier one set aside', async () => {
    await writeFile(main, 'garbage one');
    await createAnnotationStore({ dir, clock }).load(STUDY_UID);
    await writeFile(main, 'garbage two');
    const { notices, document } = await createAnnotationStore({ dir, clock }).load(STUDY_UID);
    expect(document).toBeNull();
    const names = (await readdir(dir)).sort();
    expect(names).toEqual([
      `${STUDY_UID}.annotations.corrupt-2025-03-04T05-06-07-089Z-2.json`,
      `${STUDY_UID}.annotations.corrupt-2025-03-04T05-06-07-089Z.json`,
    ]);
    expect(notices[0]).toMatchObject({ kind: 'corrupt-set-aside' });
  });

  it('treats a valid file of another study as damaged', async () => {
    await writeFile(main, JSON.stringify({ ...sampleDocument(), studyInstanceUid: '1.2.3' }));
    const { document, notices } = await createAnnotationStore({ dir, clock }).load(STUDY_UID);
    expect(document).toBeNull();
    expect(notices[0]).toMatchObject({ kind: 'corrupt-set-aside', reason: 'it belongs to another study (1.2.3)' });
  });

  it('does not rotate a damaged file into the backup when saving', async () => {
    const store = createAnnotationStore({ dir, clock });
    await store.save(sampleDocument());
    await store.save(sampleDocument());
    const goodBackup = await readFile(`${main}.bak`, 'utf8');
    await writeFile(main, 'damaged');
    await store.save(sampleDocument());
    expect(await readFile(`${main}.bak`, 'utf8')).toBe(goodBackup);
    expect((await readdir(dir)).some((n) => n.includes('.corrupt-'))).toBe(true);
  });

  it('opens a newer version read-only and never saves over it', async () => {
    const newer = JSON.stringify({ ...sampleDocument(), schemaVersion: 2, futureField: true });
    await writeFile(main, newer);
    const store = createAnnotationStore({ dir, clock });
    const loaded = await store.load(STUDY_UID);
    expect(loaded.readOnly).toBe(true);
    expect(loaded.document?.annotations).toHaveLength(sampleDocument().annotations.length);
    expect(loaded.notices).toEqual([{ kind: 'opened-read-only', file: main, schemaVersion: 2, skipped: [] }]);
    expect(await store.save(sampleDocument())).toMatchObject({ ok: false, reason: 'read-only' });
    expect(await readFile(main, 'utf8')).toBe(newer);
  });

  it('migrates a v0 file and keeps the original beside it', async () => {
    const v0 = JSON.stringify({ studyInstanceUid: STUDY_UID, updatedAt: '2024-01-01T00:00:00Z', annotations: [] });
    await writeFile(main, v0);
    const loaded = await createAnnotationStore({ dir, clock }).load(STUDY_UID);
    expect(loaded.document).toMatchObject({ schemaVersion: 1, annotations: [] });
    const originalKeptAs = join(dir, `${STUDY_UID}.annotations.v0.json`);
    expect(loaded.notices).toEqual([{ kind: 'migrated', file: main, fromVersion: 0, originalKeptAs }]);
    expect(await readFile(originalKeptAs, 'utf8')).toBe(v0);
  });

  it('sweeps orphaned temp files of its own at start-up, and nothing else', async () => {
    const orphan = join(dir, `${STUDY_UID}.annotations.json.0123456789abcdef.tmp`);
    const foreign = join(dir, 'notes.txt.0123456789abcdef.tmp');
    await writeFile(orphan, '{"half');
    await writeFile(foreign, 'keep');
    await createAnnotationStore({ dir, clock }).load(STUDY_UID);
    expect((await readdir(dir)).sort()).toEqual(['notes.txt.0123456789abcdef.tmp']);
  });
});

describe('writeFileAtomic', () => {
  it('says why a file could not be read in its own words, never with the error message (which names paths)', async () => {
    await writeFile(main, '{}');
    const failing = { ...nodeFs, readFile: async () => Promise.reject(new Error(`read failed at ${main}`)) } as typeof nodeFs;
    const { notices } = await createAnnotationStore({ dir, clock, fs: failing }).load(STUDY_UID);
    expect(notices[0]).toMatchObject({ kind: 'corrupt-set-aside', reason: 'it could not be read (unexpected error)' });
  });

  it('retries a rename refused for a moment (Windows EPERM/EBUSY)', async () => {
    let refusals = 2;
    const flaky: AtomicFileSystem = {
      ...nodeFs,
      rename: async (from, to) => {
        if (refusals-- > 0) throw Object.assign(new Error('busy'), { code: refusals ? 'EPERM' : 'EBUSY' });
        return nodeFs.rename(from, to);
      },
    };
    const delays: number[] = [];
    await writeFileAtomic(join(dir, 'f.json'), 'new', { fs: flaky, sleep: async (ms) => void delays.push(ms) });
    expect(await readFile(join(dir, 'f.json'), 'utf8')).toBe('new');
    expect(delays).toEqual([10, 20]);
  });

  it('gives up on other errors and leaves no temp file behind', async () => {
    const broken: AtomicFileSystem = {
      ...nodeFs,
      rename: async () => {
        throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
      },
    };
    await expect(writeFileAtomic(join(dir, 'f.json'), 'new', { fs: broken })).rejects.toThrow('no space');
    expect(await readdir(dir)).toEqual([]);
  });
});

/** Deterministic random numbers (mulberry32), so a failing kill schedule can be replayed. */
function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('annotation store under SIGKILL', () => {
  it('always leaves exactly the old or the new complete document', async () => {
    // Bundled once to plain JS, so each child starts in tens of milliseconds instead of loading tsx.
    const child = join(dir, 'crash-child.mjs');
    await build({
      entryPoints: [join(import.meta.dirname, 'annotation-store.crash-child.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: child,
      logLevel: 'silent',
    });
    const storeDir = join(dir, 'store');
    const expected = [crashDocument('a'), crashDocument('b')];
    const random = seededRandom(1500);
    let killsMidWrite = 0;

    // At least 36 kills; more (up to 200) until three of them have landed inside a write, since how
    // often a kill hits a write depends on how busy the machine is.
    for (let kill = 0; kill < 200 && (kill < 36 || killsMidWrite < 3); kill++) {
      const proc = spawn(process.execPath, [child, storeDir], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve, reject) => {
        proc.stdout.once('data', () => resolve());
        proc.once('exit', (code) => reject(new Error(`child exited early with ${code}`)));
      });
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      await new Promise((resolve) => setTimeout(resolve, random() * 40));
      proc.kill('SIGKILL');
      await exited;

      if ((await readdir(storeDir)).some((n) => n.endsWith('.tmp'))) killsMidWrite++;
      const loaded = await createAnnotationStore({ dir: storeDir }).load(STUDY_UID);
      expect(expected.some((d) => isDeepStrictEqual(d, loaded.document)), `kill ${kill}`).toBe(true);
      expect(loaded.notices.filter((n) => n.kind !== 'recovered-from-backup'), `kill ${kill}`).toEqual([]);
      expect((await readdir(storeDir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    }
    // The test proves something only if kills land inside writes (a temp file was left behind);
    // about one kill in seven does here, so none in 200 would mean the child no longer writes as it should.
    expect(killsMidWrite, 'kills that interrupted a write').toBeGreaterThan(0);
  }, 90_000);
});
