import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileRegistry, isInside } from '../../../electron/services/file-registry';

function tree() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'spinelab-reg-'));
  const study = path.join(root, 'study');
  mkdirSync(path.join(study, 'series1', 'deeper'), { recursive: true });
  writeFileSync(path.join(study, 'series1', 'IM1'), 'a');
  writeFileSync(path.join(study, 'series1', 'deeper', 'IM2'), 'bb');
  writeFileSync(path.join(study, '.DS_Store'), 'junk');
  writeFileSync(path.join(root, 'secret.txt'), 'outside');
  symlinkSync(path.join(root, 'secret.txt'), path.join(study, 'link-out'));
  symlinkSync(path.join(study, 'series1', 'IM1'), path.join(study, 'link-in'));
  return { root, study };
}

describe('file registry', () => {
  it('enumerates a folder recursively and hands out opaque ids', async () => {
    const { study } = tree();
    const registry = createFileRegistry();
    const opened = await registry.openPaths([study]);
    const names = opened.files.map((f) => f.relativePath).sort();
    expect(names).toEqual(['link-in', 'series1/IM1', 'series1/deeper/IM2']);
    for (const f of opened.files) {
      expect(f.id).toMatch(/^[A-Za-z0-9_-]{16}$/);
      expect(registry.resolve(f.id)).toBeDefined();
    }
  });

  it('skips symbolic links that point outside the opened folder', async () => {
    const { study } = tree();
    const opened = await createFileRegistry().openPaths([study]);
    expect(opened.files.some((f) => f.relativePath === 'link-out')).toBe(false);
  });

  it('resolves nothing for ids it never issued', async () => {
    const registry = createFileRegistry();
    expect(registry.resolve('../../etc/passwd')).toBeUndefined();
    expect(registry.resolve('/etc/passwd')).toBeUndefined();
  });

  it('caps the number of files enumerated', async () => {
    const { study } = tree();
    const opened = await createFileRegistry({ maxFiles: 2 }).openPaths([study]);
    expect(opened.files).toHaveLength(2);
  });

  it('compares paths by resolution, not by prefix', () => {
    expect(isInside('/data/study', '/data/study/a/b')).toBe(true);
    expect(isInside('/data/study', '/data/study-evil/a')).toBe(false);
    expect(isInside('/data/study', '/data/study/../other')).toBe(false);
  });
});
