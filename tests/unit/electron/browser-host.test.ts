import { mkdirSync, mkdtempSync, unlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../../electron/browser-host';
import { createAnnotationStorage } from '../../../electron/services/annotation-storage';
import { createHostApi } from '../../../electron/services/host-api';
import { createFileRegistry, type FileRegistry } from '../../../electron/services/file-registry';
import { createPacsService } from '../../../electron/services/pacs/pacs-service';
import { createRecentList } from '../../../electron/services/recent-list';
import { createSampleLibrary } from '../../../electron/services/sample-library';
import { rawExchange, request } from './host-test-client';

const TOKEN = 'test-token-abcdefghijklmnop';
const auth = { 'X-SpineLab-Token': TOKEN };
const json = { 'Content-Type': 'application/json' };

function hostFixture() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinelab-host-'));
  const rendererDir = path.join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>SpineLab</title>');
  writeFileSync(path.join(dir, 'secret.txt'), 'secret');
  writeFileSync(path.join(dir, 'image.dcm'), 'DICM-bytes');
  writeFileSync(path.join(dir, 'doomed.dcm'), 'soon gone');
  const registry = createFileRegistry();
  const logged: string[] = [];
  const api = createHostApi({
    version: 'test',
    mode: 'browser',
    registry,
    recent: createRecentList(path.join(dir, 'recent.json')),
    samples: createSampleLibrary(path.join(dir, 'no-samples'), registry),
    // A data folder that cannot exist: its first use fails with ENOTDIR, naming the path.
    annotations: createAnnotationStorage('/dev/null/spinelab/annotations'),
    pacs: createPacsService(path.join(dir, 'pacs'), registry),
  });
  return { dir, rendererDir, registry, api, logged, log: (line: string) => void logged.push(line) };
}

async function fileIdFor(registry: FileRegistry, file: string): Promise<string> {
  return (await registry.openPaths([file])).files[0].id;
}

describe('browser-mode host', () => {
  let host: BrowserHost;
  let fileId: string;
  const f = hostFixture();

  beforeAll(async () => {
    fileId = await fileIdFor(f.registry, path.join(f.dir, 'image.dcm'));
    host = await startBrowserHost({ api: f.api, registry: f.registry, rendererDir: f.rendererDir, token: TOKEN, log: f.log });
  });
  afterAll(() => host.close());

  it('listens on loopback only and puts a one-time launch code, not the token, in the URL fragment', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#launch=[A-Za-z0-9_-]{32}$/);
    expect(host.url).not.toContain(TOKEN);
  });

  it('trades the launch code for the token once; the spent code and a wrong one are refused', async () => {
    const code = new URL(host.url).hash.replace('#launch=', '');
    // One character changed: a code that happens to end in "x" must not be "changed" to itself (1 run in 64).
    const wrongCode = `${code.slice(0, -1)}${code.endsWith('x') ? 'y' : 'x'}`;
    const wrong = await request(host.port, 'POST', '/session', json, JSON.stringify({ launchCode: wrongCode }));
    expect(wrong.status).toBe(403);
    const first = await request(host.port, 'POST', '/session', json, JSON.stringify({ launchCode: code }));
    expect(first.status).toBe(200);
    expect(JSON.parse(first.body)).toEqual({ token: TOKEN });
    const again = await request(host.port, 'POST', '/session', json, JSON.stringify({ launchCode: code }));
    expect(again.status).toBe(403);
    expect(again.body).not.toContain(TOKEN);
    expect(JSON.parse(again.body)).toMatchObject({ ok: false, code: 'refused', error: expect.stringMatching(/already used/) });
  });

  it('serves the app with the content security policy', async () => {
    const r = await request(host.port, 'GET', '/');
    expect(r.status).toBe(200);
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
  });

  it('answers an API call that carries the token', async () => {
    const r = await request(host.port, 'POST', '/api/appInfo', { ...auth, ...json }, JSON.stringify({ args: [] }));
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, result: { mode: 'browser' } });
  });

  it('refuses API calls and file reads without the right token', async () => {
    expect((await request(host.port, 'POST', '/api/appInfo', json, '{"args":[]}')).status).toBe(401);
    expect((await request(host.port, 'POST', '/api/appInfo', { ...json, 'X-SpineLab-Token': 'wrong' }, '{"args":[]}')).status).toBe(401);
    expect((await request(host.port, 'GET', `/files/${fileId}`)).status).toBe(401);
    const ok = await request(host.port, 'GET', `/files/${fileId}`, auth);
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('DICM-bytes');
  });

  it('rejects a foreign Host (DNS rebinding) and a foreign Origin', async () => {
    expect((await request(host.port, 'GET', '/', { Host: 'evil.example' })).status).toBe(421);
    const r = await request(host.port, 'POST', '/api/appInfo', { ...auth, ...json, Origin: 'https://evil.example' }, '{"args":[]}');
    expect(r.status).toBe(403);
  });

  it('never serves files outside the renderer folder', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%2fsecret.txt']) {
      const r = await request(host.port, 'GET', p);
      expect(r.status, p).toBe(404);
      expect(r.body).not.toContain('secret');
    }
  });

  it('refuses unknown channels and bad arguments', async () => {
    const unknown = await request(host.port, 'POST', '/api/readAnyFile', { ...auth, ...json }, JSON.stringify({ args: ['/etc/passwd'] }));
    expect(unknown.status).toBe(400);
    const bad = await request(host.port, 'POST', '/api/openSample', { ...auth, ...json }, JSON.stringify({ args: ['../../etc'] }));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ code: 'refused', error: expect.stringMatching(/Refused/) });
  });

  it('answers malformed percent-encoding with 400, on every route', async () => {
    for (const [method, p] of [['GET', '/files/%E0%A4%A'], ['GET', '/%E0%A4%A'], ['POST', '/api/%E0%A4%A']] as const) {
      const r = await request(host.port, method, p, { ...auth, ...json }, method === 'POST' ? '{"args":[]}' : undefined);
      expect(r.status, p).toBe(400);
    }
  });

  it('answers a sample case that does not exist with 404', async () => {
    const r = await request(host.port, 'POST', '/api/openSample', { ...auth, ...json }, JSON.stringify({ args: ['no-such-case'] }));
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body)).toEqual({ ok: false, code: 'not-found', error: 'No sample case "no-such-case"' });
  });

  it('answers a system error with its code and our own words; the path goes to the log only', async () => {
    const r = await request(host.port, 'POST', '/api/loadAnnotations', { ...auth, ...json }, JSON.stringify({ args: ['1.2.3'] }));
    expect(r.status).toBe(500);
    const answer = JSON.parse(r.body) as { ok: boolean; code: string; error: string };
    expect(answer).toMatchObject({ ok: false, code: 'failed' });
    expect(answer.error).toBe('The saved measurements could not be read (ENOTDIR). The details are in the log of the SpineLab host.');
    expect(r.body).not.toMatch(/\/dev\/null|mkdir|at .*\.ts/);
    expect(f.logged.join('\n')).toContain('ENOTDIR mkdir /dev/null/spinelab/annotations');
  });

  it('answers a file deleted after it was opened by the user with 404 and lives on', async () => {
    const doomed = await fileIdFor(f.registry, path.join(f.dir, 'doomed.dcm'));
    unlinkSync(path.join(f.dir, 'doomed.dcm'));
    const r = await request(host.port, 'GET', `/files/${doomed}`, auth);
    expect(r.status).toBe(404);
    expect(r.body).toBe('The file is no longer there');
    expect(r.body).not.toContain(f.dir);
    expect((await request(host.port, 'GET', `/files/${fileId}`, auth)).body).toBe('DICM-bytes');
  });

  // /proc/self/mem is a regular file to stat and fails its first read with EIO: a disk error
  // after the check, without one. Before, the unhandled stream error killed the host.
  it.runIf(process.platform === 'linux')('answers a file whose read fails after its stat (EIO) with 500 and lives on', async () => {
    const failing = await fileIdFor(f.registry, '/proc/self/mem');
    const r = await request(host.port, 'GET', `/files/${failing}`, auth);
    expect(r.status).toBe(500);
    expect(r.body).toBe('The file could not be read (EIO)');
    expect(f.logged.join('\n')).toContain(`read of file ${failing} failed: EIO`);
    expect((await request(host.port, 'GET', `/files/${fileId}`, auth)).body).toBe('DICM-bytes');
  });

  it('refuses a body larger than the limit from its Content-Length, before reading it', async () => {
    // Headers only: the 17 MB never come, so only a check of the declared length can answer.
    const answer = await rawExchange(
      host.port,
      `POST /api/appInfo HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nX-SpineLab-Token: ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: ${17 * 1024 * 1024}\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
  });

  it('requires a Content-Length on API calls', async () => {
    const answer = await rawExchange(
      host.port,
      `POST /api/appInfo HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nX-SpineLab-Token: ${TOKEN}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 411 /);
  });
});

describe('browser-mode host under slow or many clients', () => {
  const f = hostFixture();

  it('cuts off a body that never arrives with 408 (after the request timeout, not 300 s)', async () => {
    const host = await startBrowserHost({ api: f.api, registry: f.registry, rendererDir: f.rendererDir, token: TOKEN, requestTimeoutMs: 300, log: f.log });
    try {
      const answer = await rawExchange(
        host.port,
        `POST /api/appInfo HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nX-SpineLab-Token: ${TOKEN}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"args":`,
      );
      expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    } finally {
      await host.close();
    }
  }, 15_000);

  it('closes connections beyond its cap and still serves once they are gone', async () => {
    const host = await startBrowserHost({ api: f.api, registry: f.registry, rendererDir: f.rendererDir, token: TOKEN, maxConnections: 3, log: f.log });
    const open = (): Promise<net.Socket> =>
      new Promise((resolve) => {
        const socket = net.connect(host.port, '127.0.0.1', () => resolve(socket));
      });
    try {
      const held = [await open(), await open(), await open()];
      const extra = await open();
      await new Promise<void>((resolve) => extra.once('close', () => resolve()));
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await request(host.port, 'GET', '/')).status).toBe(200);
    } finally {
      await host.close();
    }
  }, 15_000);
});
