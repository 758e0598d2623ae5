import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCases } from '../../../samples/generate';

/** Small variants of three cases covering DX (both photometrics), CT and MR, written twice. */
const CASE_IDS = ['case-04-l1-severe-crush', 'case-05-acute-vs-chronic-mr', 'case-06-kyphoplasty-before-after'];
const root = mkdtempSync(join(tmpdir(), 'spinelab-samples-'));
const first = join(root, 'first');
const second = join(root, 'second');

beforeAll(() => {
  generateCases({ outDir: first, seed: 11, detail: 'reduced', caseIds: CASE_IDS });
  generateCases({ outDir: second, seed: 11, detail: 'reduced', caseIds: CASE_IDS });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? listFiles(join(dir, name), `${prefix}${name}/`) : [`${prefix}${name}`]));
}

interface IndexSeries {
  seriesInstanceUid: string;
  studyInstanceUid: string;
  modality: string;
  files: string[];
}
const readIndex = (): { cases: { id: string; series: IndexSeries[]; thumbnail?: string }[] } => JSON.parse(readFileSync(join(first, 'index.json'), 'utf8'));
const parse = (relative: string) => dicomParser.parseDicom(new Uint8Array(readFileSync(join(first, relative))));
const numbers = (value: string | undefined) => (value ?? '').split('\\').map(Number);

describe('sample case generation', () => {
  it('is deterministic: the same seed gives the same bytes', () => {
    const files = listFiles(first);
    expect(files).toEqual(listFiles(second));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) expect(readFileSync(join(first, file)).equals(readFileSync(join(second, file))), file).toBe(true);
  });

  it('indexes every case with its series, files and thumbnail', () => {
    const index = readIndex();
    expect(index.cases.map((c) => c.id)).toEqual(CASE_IDS);
    for (const entry of index.cases) {
      if (entry.thumbnail) expect(readFileSync(join(first, entry.thumbnail)).subarray(1, 4).toString()).toBe('PNG');
      for (const series of entry.series) for (const file of series.files) expect(statSync(join(first, file)).size).toBeGreaterThan(1000);
    }
    const [before, after] = index.cases[2].series;
    expect(before.studyInstanceUid).not.toBe(after.studyInstanceUid);
  });

  it('writes DICOM Part 10 files with consistent headers', () => {
    for (const entry of readIndex().cases) {
      for (const series of entry.series) {
        const sets = series.files.map(parse);
        for (const ds of sets) {
          expect(ds.string('x00020010')).toBe('1.2.840.10008.1.2.1');
          expect(ds.string('x00020003')).toBe(ds.string('x00080018'));
          expect(ds.string('x00080018')).toMatch(/^2\.25\.[1-9]\d*$/);
          expect(ds.string('x0020000e')).toBe(series.seriesInstanceUid);
          const rows = ds.uint16('x00280010') ?? 0;
          const columns = ds.uint16('x00280011') ?? 0;
          expect(ds.elements.x7fe00010.length).toBe(rows * columns * 2);
        }
        if (series.modality === 'DX') {
          const ds = sets[0];
          expect(ds.string('x00280030')).toBeUndefined();
          expect(numbers(ds.string('x00181164'))).toEqual([0.8, 0.8]);
          expect(Number(ds.string('x00181114'))).toBe(1.15);
          expect(ds.string('x00200020')).toBe('P\\F');
        } else {
          const iop = numbers(sets[0].string('x00200037'));
          const normal = [iop[1] * iop[5] - iop[2] * iop[4], iop[2] * iop[3] - iop[0] * iop[5], iop[0] * iop[4] - iop[1] * iop[3]];
          const along = sets.map((ds) => numbers(ds.string('x00200032')).reduce((sum, v, i) => sum + v * normal[i], 0));
          const spacing = Number(sets[0].string('x00180088'));
          for (let i = 1; i < along.length; i++) expect(Math.abs(along[i] - along[i - 1])).toBeCloseTo(spacing, 6);
          if (series.modality === 'CT') {
            expect(iop).toEqual([1, 0, 0, 0, 1, 0]);
            expect(Number(sets[0].string('x00281052'))).toBe(-1024);
            expect(Number(sets[0].string('x00281053'))).toBe(1);
          } else {
            expect(iop).toEqual([0, 1, 0, 0, 0, -1]);
          }
        }
      }
    }
  });

  it('gives six points per vertebra whose distances × spacing reproduce the true heights', () => {
    let checked = 0;
    for (const id of CASE_IDS) {
      const truth = JSON.parse(readFileSync(join(first, id, 'case.json'), 'utf8'));
      for (const study of truth.groundTruth.studies) {
        const heights = new Map<string, { haMm: number; hmMm: number; hpMm: number }>(study.vertebrae.map((v: { level: string }) => [v.level, v]));
        for (const image of study.images) {
          for (const vertebra of image.vertebrae) {
            const p = vertebra.points;
            const expected = heights.get(vertebra.level);
            const distance = (a: string, b: string): number =>
              image.mmPerPixel ? Math.hypot(p[a].x - p[b].x, p[a].y - p[b].y) * image.mmPerPixel : Math.hypot(...p[a].map((v: number, i: number) => v - p[b][i]));
            expect(Math.abs(distance('anteriorSuperior', 'anteriorInferior') - (expected?.haMm ?? 0))).toBeLessThan(0.01);
            expect(Math.abs(distance('middleSuperior', 'middleInferior') - (expected?.hmMm ?? 0))).toBeLessThan(0.01);
            expect(Math.abs(distance('posteriorSuperior', 'posteriorInferior') - (expected?.hpMm ?? 0))).toBeLessThan(0.01);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  const dcmdump = spawnSync('which', ['dcmdump']).status === 0;
  it.skipIf(!dcmdump)('passes dcmdump without errors for every modality', () => {
    const index = readIndex();
    for (const modality of ['DX', 'CT', 'MR']) {
      const series = index.cases.flatMap((c) => c.series).find((s) => s.modality === modality);
      expect(series, modality).toBeDefined();
      const output = execFileSync('dcmdump', ['-q', join(first, series?.files[0] ?? '')], { encoding: 'utf8' });
      expect(output.split('\n').filter((line) => line.startsWith('E:'))).toEqual([]);
    }
  });
  if (!dcmdump) console.warn('dcmdump (dcmtk) is not installed: skipping the dcmdump check of the sample files');
});
