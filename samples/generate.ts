/**
 * Generates the sample teaching cases: `npx tsx samples/generate.ts [--out samples/cases] [--seed N]`.
 * Writes index.json, and per case case.json, thumbnail.png and DICOM series. The same seed always
 * gives the same bytes.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCase, type Detail } from './case-builder';
import { TEACHING_CASES } from './catalog/teaching-cases';

export const DEFAULT_SEED = 20240101;

export interface GenerateOptions {
  readonly outDir: string;
  readonly seed: number;
  readonly detail: Detail;
  /** Only these case ids (all when omitted). */
  readonly caseIds?: readonly string[];
  readonly log?: (line: string) => void;
}

export function generateCases(options: GenerateOptions): void {
  const selected = TEACHING_CASES.filter((definition) => !options.caseIds || options.caseIds.includes(definition.id));
  mkdirSync(options.outDir, { recursive: true });
  const entries: Record<string, unknown>[] = [];
  for (const definition of selected) {
    const started = performance.now();
    const built = buildCase(definition, options.seed, options.detail);
    // Replace the case folder whole, so that files of an older layout do not linger.
    rmSync(join(options.outDir, definition.id), { recursive: true, force: true });
    let bytes = 0;
    for (const file of built.files) {
      const target = join(options.outDir, ...file.path.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.bytes);
      bytes += file.bytes.length;
    }
    entries.push(built.indexEntry);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    options.log?.(`${definition.id}: ${built.files.length} files, ${(bytes / 1e6).toFixed(1)} MB, ${seconds} s`);
  }
  const index = { generator: 'samples/generate.ts', seed: options.seed, synthetic: true, cases: entries };
  writeFileSync(join(options.outDir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
}

function parseArguments(argv: readonly string[]): { outDir: string; seed: number } {
  let outDir = resolve(dirname(fileURLToPath(import.meta.url)), 'cases');
  let seed = DEFAULT_SEED;
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    if (argv[i] === '--out' && value) {
      outDir = resolve(value);
      i++;
    } else if (argv[i] === '--seed' && value && /^\d+$/.test(value)) {
      seed = Number(value);
      i++;
    } else {
      throw new Error(`Usage: npx tsx samples/generate.ts [--out DIR] [--seed N] (could not read "${argv[i]}")`);
    }
  }
  return { outDir, seed };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { outDir, seed } = parseArguments(process.argv.slice(2));
  const started = performance.now();
  generateCases({ outDir, seed, detail: 'full', log: (line) => console.log(line) });
  console.log(`${TEACHING_CASES.length} sample cases written to ${outDir} in ${((performance.now() - started) / 1000).toFixed(1)} s (seed ${seed})`);
}
