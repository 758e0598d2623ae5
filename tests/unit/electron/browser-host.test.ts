import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../../electron/browser-host';
import { createHostApi } from '../../../electron/services/host-api';
import { createFileRegistry } from '../../../electron/services/file-registry';
import { createPacsService } from '../../../electron/services/pacs/pacs-service';
import { createRecentList } from '../../../electron/services/recent-list';
import { createSampleLibrary } from '../../../electron/services/sample-library';

/** Raw HTTP so tests can send the Host and Origin headers a browser would not let them forge. */
function request(port: number, method: string, urlPath: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: urlPath, headers: { Host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), headers: res.headers }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

describe('browser-mode host', () => {
  let host: BrowserHost;
  let fileId: string;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinelab-host-'));
  const rendererDir = path.join(dir, 'renderer');

  beforeAll(async () => {
    mkdirSync(rendererDir);
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>SpineLab</title>');
    writeFileSync(path.join(dir, 'secret.txt'), 'secret');
    writeFileSync(path.join(dir, 'image.dcm'), 'DICM-bytes');
    const registry = createFileRegistry();
    fileId = (await registry.openPaths([path.join(dir, 'image.dcm')])).files[0].id;
    const api = createHostApi({
      version: 'test',
      mode: 'browser',
      registry,
      recent: createRecentList(path.join(dir, 'recent.json')),
      samples: createSampleLibrary(path.join(dir, 'no-samples'), registry),
      annotations: { load: async () => ({ document: null, readOnly: false }), save: async () => undefined },
      pacs: createPacsService(path.join(dir, 'pacs'), registry),
    });
    host = await startBrowserHost({ api, registry, rendererDir, token: 'test-token-abcdefghijklmnop' });
  });
  afterAll(() => host.close());

  const auth = { 'X-SpineLab-Token': 'test-token-abcdefghijklmnop' };
  const json = { 'Content-Type': 'application/json' };

  it('listens on loopback only and puts the token in the URL fragment', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=/);
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

  it('refuses unknown channels, bad arguments and oversized bodies', async () => {
    const unknown = await request(host.port, 'POST', '/api/readAnyFile', { ...auth, ...json }, JSON.stringify({ args: ['/etc/passwd'] }));
    expect(unknown.status).toBe(400);
    const bad = await request(host.port, 'POST', '/api/openSample', { ...auth, ...json }, JSON.stringify({ args: ['../../etc'] }));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatch(/Refused/);
    const huge = await request(host.port, 'POST', '/api/appInfo', { ...auth, ...json }, 'x'.repeat(17 * 1024 * 1024));
    expect(huge.status).toBe(413);
  });
});
