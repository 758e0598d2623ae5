// Builds the Linux `dir` target from electron-builder.yml, offline, against a stand-in Electron
// (NOTES.md "Electron packaging here"), then checks what ships in resources/app.asar: the bundles,
// the renderer with its codec .wasm files, no sources, no node_modules, within a size budget; and
// that the security fuses were flipped in the executable.
//
// It needs the built app (dist/): `npm run build` first. Without it the test is skipped with a
// message, since `npm test` runs the unit tests before it builds.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { extractFile, listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../../..');
const DIST = join(ROOT, 'dist');
const REQUIRED_BUNDLES = ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html'];
const missing = REQUIRED_BUNDLES.filter((file) => !existsSync(join(ROOT, file)));
if (missing.length > 0) {
  console.warn(`Packaging test skipped: ${missing.join(', ')} not built. Run \`npm run build\` before the unit tests to check the package.`);
}

const ASAR_BUDGET_BYTES = 40 * 1024 * 1024;
const ELECTRON_VERSION = '45.4.1';
const EXECUTABLE = 'spinelab'; // linux.executableName
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Fuse states as stored in the wire: the characters '0' and '1'. */
const FUSE_DISABLED = 0x30;
const FUSE_ENABLED = 0x31;

/**
 * A stand-in for the Electron binary: electron-builder only copies and renames it, and
 * @electron/fuses rewrites the fuse wire that follows the sentinel (version 1, eight fuses, each
 * '0' or '1'), so a small file holding that wire shows whether the fuses were flipped.
 */
function writeStandInElectron(folder: string): void {
  mkdirSync(folder, { recursive: true });
  const executable = join(folder, 'electron');
  const wire = Buffer.concat([Buffer.from(FUSE_SENTINEL, 'ascii'), Buffer.from([1, 8]), Buffer.from('10110001', 'ascii')]);
  writeFileSync(executable, Buffer.concat([Buffer.from('#!/bin/sh\necho "stand-in Electron"\n# '), wire, Buffer.from('\n')]));
  chmodSync(executable, 0o755);
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

describe.skipIf(missing.length > 0)('the packaged app (electron-builder dir target, stand-in Electron)', () => {
  const work = mkdtempSync(join(tmpdir(), 'spinelab-package-'));
  const unpacked = join(work, 'release', 'linux-unpacked');
  const asarPath = join(unpacked, 'resources', 'app.asar');
  let shipped: string[] = [];

  beforeAll(() => {
    const electronDist = join(work, 'electron-dist');
    writeStandInElectron(electronDist);
    const result = spawnSync(
      join(ROOT, 'node_modules', '.bin', 'electron-builder'),
      [
        '--config', 'electron-builder.yml', '--linux', 'dir', '--x64', '--publish', 'never',
        `-c.electronDist=${electronDist}`, `-c.electronVersion=${ELECTRON_VERSION}`, `-c.directories.output=${join(work, 'release')}`,
      ],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' }, timeout: 120_000 },
    );
    if (result.status !== 0) throw new Error(`electron-builder failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
    // Files only: the listing names directories too, which statFile shows holding `files`.
    shipped = listPackage(asarPath, { isPack: false })
      .map((path) => path.replace(/\\/g, '/').replace(/^\//, ''))
      .filter((path) => !('files' in statFile(asarPath, path)));
  }, 120_000);

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('holds the main process, preload and renderer bundles', () => {
    expect(shipped).toEqual(expect.arrayContaining(REQUIRED_BUNDLES));
  });

  it('holds exactly the renderer that dist has, codec .wasm files included', () => {
    const built = filesUnder(join(DIST, 'renderer')).filter((file) => !file.endsWith('.map'));
    const packed = shipped.filter((path) => path.startsWith('dist/renderer/'));
    expect(packed.sort()).toEqual(built.sort());
    expect(shipped.filter((path) => path.endsWith('.wasm')).sort()).toEqual(built.filter((file) => file.endsWith('.wasm')).sort());
  });

  it('ships no node_modules, sources, tests, sample sources or source maps', () => {
    const devDependencies = Object.keys(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).devDependencies);
    expect(devDependencies).toContain('electron');
    expect(shipped.filter((path) => path === 'node_modules' || path.startsWith('node_modules/'))).toEqual([]);
    const topLevel = new Set(shipped.map((path) => path.split('/')[0]));
    expect([...topLevel].sort()).toEqual(['dist', 'package.json']);
    expect(shipped.filter((path) => /\.(ts|tsx|map)$/.test(path))).toEqual([]);
  });

  it('points package.json at the bundled main process', () => {
    const manifest = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8'));
    expect(manifest.main).toBe('dist/electron/main.cjs');
  });

  it(`keeps app.asar under ${ASAR_BUDGET_BYTES / 1024 / 1024} MB`, () => {
    expect(statSync(asarPath).size).toBeLessThan(ASAR_BUDGET_BYTES);
  });

  it('puts the sample cases beside the archive, where the main process looks for them', () => {
    expect(existsSync(join(unpacked, 'resources', 'samples', 'index.json'))).toBe(true);
  });

  it('flips the security fuses in the executable', async () => {
    const wire = await getCurrentFuseWire(join(unpacked, EXECUTABLE));
    expect({
      runAsNode: wire[FuseV1Options.RunAsNode],
      nodeOptions: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
      nodeCliInspect: wire[FuseV1Options.EnableNodeCliInspectArguments],
      onlyLoadAppFromAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
      asarIntegrity: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
    }).toEqual({
      runAsNode: FUSE_DISABLED,
      nodeOptions: FUSE_DISABLED,
      nodeCliInspect: FUSE_DISABLED,
      onlyLoadAppFromAsar: FUSE_ENABLED,
      asarIntegrity: FUSE_ENABLED,
    });
  });
});
