// Generates the bundled sample cases when they are missing or were made by an older generator,
// so a fresh clone shows them without committing megabytes of DICOM.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const casesDir = 'samples/cases';
const stampFile = path.join(casesDir, '.generator-hash');

function generatorHash() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (p === casesDir) continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) hash.update(p).update(readFileSync(p));
    }
  };
  walk('samples');
  return hash.digest('hex');
}

if (!existsSync('samples/generate.ts') || !existsSync('node_modules/.bin/tsx')) process.exit(0);
const wanted = generatorHash();
const have = existsSync(stampFile) ? readFileSync(stampFile, 'utf8') : '';
if (have === wanted && existsSync(path.join(casesDir, 'index.json'))) process.exit(0);

console.log('Generating the sample cases…');
const result = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'samples/generate.ts', '--out', casesDir], { stdio: 'inherit' });
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(stampFile, wanted);
