import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '../../..');
const CORPUS = join(ROOT, '../shared/dicom-corpus');

function inspect(args: string[]): string {
  return execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/inspect.ts'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
}

describe.skipIf(!existsSync(CORPUS))('scripts/inspect.ts', () => {
  it('prints one JSON line per file and dumps frames in the reference format', () => {
    const dir = mkdtempSync(join(tmpdir(), 'inspect-'));
    try {
      const files = ['CT_small.dcm', 'MR_small_RLE.dcm', 'rtplan.dcm', 'no-such-file.dcm'].map((name) => join(CORPUS, 'files', name));
      const lines = inspect(['--json', '--dump', dir, ...files]).trim().split('\n').map((line) => JSON.parse(line));
      expect(lines).toHaveLength(4);
      expect(lines[3]).toMatchObject({ ok: false, kind: 'unreadable', error: 'the file does not exist' });
      expect(lines[0]).toMatchObject({ ok: true, modality: 'CT', rows: 128, columns: 128, frames: 1, bitsAllocated: 16, pixelRepresentation: 1, min: 128, max: 2191 });
      expect(lines[0].pixelSpacing).toMatchObject({ source: 'calibrated' });
      expect(lines[2]).toMatchObject({ ok: false, kind: 'no-pixel-data' });
      const reference = JSON.parse(readFileSync(join(CORPUS, 'refs/MR_small_RLE.json'), 'utf8'));
      const dumped = readFileSync(lines[1].dumped[0]);
      expect(createHash('sha256').update(dumped).digest('hex')).toBe(reference.sha256);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints a readable table without --json, and nothing from the codecs', () => {
    const out = inspect([join(CORPUS, 'files/JPEG2000.dcm')]);
    expect(out).toMatch(/NM\s+256×1024×1/);
    expect(out).not.toMatch(/\[INFO\]|openjpeg/i);
  });
});
