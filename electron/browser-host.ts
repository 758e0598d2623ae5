import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TOKEN_HEADER, type HostApi } from '../shared/api';
import { contentTypeFor, resolveRendererFile } from './services/app-content';
import { dispatchCall } from './services/dispatch';
import type { FileRegistry } from './services/file-registry';
import { CONTENT_HEADERS } from './security';

/**
 * Browser mode: the same services behind a loopback HTTP API. Listens on 127.0.0.1 only,
 * checks Host and Origin (against DNS rebinding and other sites), and requires the per-launch
 * token on every API and file request. The token reaches the page in the URL fragment, which
 * browsers never send to a server.
 */
export interface BrowserHostOptions {
  readonly api: HostApi;
  readonly registry: FileRegistry;
  readonly rendererDir: string;
  readonly port?: number;
  readonly token?: string;
  readonly maxBodyBytes?: number;
}

export interface BrowserHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const maxBody = options.maxBodyBytes ?? 16 * 1024 * 1024;
  let port = 0;

  const hasToken = (req: http.IncomingMessage): boolean => {
    const given = req.headers[TOKEN_HEADER];
    if (typeof given !== 'string') return false;
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => send(res, 500, 'Internal error'));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!allowedHosts().includes(req.headers.host ?? '')) return send(res, 421, 'Wrong host');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
      return send(res, 403, 'Wrong origin');
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);

    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return send(res, 405, 'Method not allowed');
      if (!hasToken(req)) return send(res, 401, 'Missing or wrong token');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'JSON only');
      const body = await readBody(req, maxBody);
      if (body === undefined) return send(res, 413, 'Request too large');
      let parsed: { args?: unknown };
      try {
        parsed = JSON.parse(body.toString('utf8')) as { args?: unknown };
      } catch {
        return send(res, 400, 'Malformed JSON');
      }
      const result = await dispatchCall(options.api, decodeURIComponent(url.pathname.slice(5)), parsed?.args);
      const status = result.ok ? 200 : result.refused ? 400 : 500;
      res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...CONTENT_HEADERS });
      res.end(JSON.stringify(result));
      return;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');

    if (url.pathname.startsWith('/files/')) {
      if (!hasToken(req)) return send(res, 401, 'Missing or wrong token');
      const file = options.registry.resolve(decodeURIComponent(url.pathname.slice(7)));
      if (!file) return send(res, 404, 'Unknown file');
      const stat = await fs.stat(file).catch(() => undefined);
      if (!stat?.isFile()) return send(res, 404, 'File is gone');
      res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': stat.size, 'Cache-Control': 'no-store', ...CONTENT_HEADERS });
      createReadStream(file).pipe(res);
      return;
    }

    const file = await resolveRendererFile(options.rendererDir, url.pathname);
    if (!file) return send(res, 404, 'Not found');
    res.writeHead(200, { 'Content-Type': contentTypeFor(file), ...CONTENT_HEADERS });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A page still open keeps keep-alive and in-flight requests; closing must not wait for them.
        server.closeAllConnections();
      }),
  };
}

function send(res: http.ServerResponse, status: number, message: string): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...CONTENT_HEADERS });
  res.end(message);
}

async function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    total += (chunk as Buffer).length;
    if (total > limit) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
