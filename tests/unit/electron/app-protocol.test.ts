import { mkdirSync, mkdtempSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../electron/services/app-protocol';
import { createFileRegistry } from '../../../electron/services/file-registry';

// The app:// handler of main.ts, driven with real requests and real files (Electron cannot run here).
describe('app:// protocol handler', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinelab-app-protocol-'));
  const rendererDir = path.join(dir, 'renderer');
  const registry = createFileRegistry();
  const logged: string[] = [];
  const handle = createAppProtocolHandler({ registry, rendererDir, log: (line) => void logged.push(line) });
  let imageId: string;

  beforeAll(async () => {
    mkdirSync(rendererDir);
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>SpineLab</title>');
    writeFileSync(path.join(dir, 'image.dcm'), 'DICM-bytes');
    imageId = (await registry.openPaths([path.join(dir, 'image.dcm')])).files[0].id;
  });

  const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

  it('serves the renderer and opened files with their length and the security headers', async () => {
    const page = await get('app://spinelab/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    const file = await get(`app://spinelab/files/${imageId}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-length')).toBe('10');
    expect(await file.text()).toBe('DICM-bytes');
  });

  it('answers HEAD without a body', async () => {
    const r = await get(`app://spinelab/files/${imageId}`, 'HEAD');
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('');
  });

  it('allows GET and HEAD only', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      expect((await get(`app://spinelab/files/${imageId}`, method)).status, method).toBe(405);
    }
  });

  it('answers a malformed escape with 400 instead of throwing', async () => {
    expect((await get('app://spinelab/files/%E0%A4%A')).status).toBe(400);
    expect((await get('app://spinelab/%E0%A4%A')).status).toBe(400);
  });

  it('serves nothing for another host or outside the renderer folder', async () => {
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
    expect((await get('app://spinelab/%2e%2e/image.dcm')).status).toBe(404);
    expect((await get('app://spinelab/files/unknown-id')).status).toBe(404);
  });

  it('answers a file that is gone with 404, not a 200 around an error', async () => {
    writeFileSync(path.join(dir, 'doomed.dcm'), 'x');
    const id = (await registry.openPaths([path.join(dir, 'doomed.dcm')])).files[0].id;
    unlinkSync(path.join(dir, 'doomed.dcm'));
    const r = await get(`app://spinelab/files/${id}`);
    expect(r.status).toBe(404);
    expect(await r.text()).toBe('The file is no longer there');
  });

  it.runIf(process.platform === 'linux')('answers a file whose read fails after its stat (EIO) with 500', async () => {
    const id = (await registry.openPaths(['/proc/self/mem'])).files[0].id;
    const r = await get(`app://spinelab/files/${id}`);
    expect(r.status).toBe(500);
    expect(await r.text()).toBe('The file could not be read (EIO)');
    expect(logged.join('\n')).toContain(`app:// read of file ${id} failed: EIO`);
    expect(logged.join('\n')).not.toContain('/proc');
  });
});
