import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream';
import { LAUNCH_CODE_PARAM, SESSION_PATH, TOKEN_HEADER, type CallErrorCode, type HostApi } from '../shared/api';
import { contentTypeFor, resolveRendererFile, routeContentRequest } from './services/app-content';
import { dispatchCall } from './services/dispatch';
import type { FileRegistry } from './services/file-registry';
import { openServableFile } from './services/file-serving';
import { describeForLog, stderrLog, type HostLog } from './services/host-error';
import { CONTENT_HEADERS } from './security';

/**
 * Browser mode: the same services behind a loopback HTTP API. Listens on 127.0.0.1 only, checks
 * Host and Origin (against DNS rebinding and other sites), and requires the per-launch token on
 * every API and file request.
 *
 * The token itself never appears in a URL or on a command line (where the process list shows it
 * to every local user): the launch address carries a one-time code in its fragment, which the page
 * trades once, by POST, for the token, and keeps in its session storage. A code read from the
 * process list after the page has loaded is spent.
 */
export interface BrowserHostOptions {
  readonly api: HostApi;
  readonly registry: FileRegistry;
  readonly rendererDir: string;
  readonly port?: number;
  readonly token?: string;
  readonly maxBodyBytes?: number;
  /** Connections beyond this many are closed as they arrive; one page needs a handful. */
  readonly maxConnections?: number;
  /** Time allowed for a whole request (headers and body) to arrive. */
  readonly requestTimeoutMs?: number;
  readonly log?: HostLog;
}

export interface BrowserHost {
  /** The launch address: open it once; its code is spent by the first page that loads it. */
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const STATUS_OF: Readonly<Record<CallErrorCode, number>> = { refused: 400, 'not-found': 404, failed: 500 };

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  let launchCode: string | undefined = randomBytes(24).toString('base64url');
  const maxBody = options.maxBodyBytes ?? 16 * 1024 * 1024;
  const requestTimeout = options.requestTimeoutMs ?? 10_000;
  const log = options.log ?? stderrLog;
  let port = 0;

  const hasToken = (req: http.IncomingMessage): boolean => {
    const given = req.headers[TOKEN_HEADER];
    return typeof given === 'string' && sameSecret(given, token);
  };

  const allowedHosts = (): string[] => [`127.0.0.1:${port}`, `localhost:${port}`];

  const server = http.createServer(
    {
      requestTimeout,
      headersTimeout: requestTimeout,
      // Node enforces both timeouts only when it checks its connections (every 30 s by default).
      connectionsCheckingInterval: Math.min(1_000, requestTimeout),
    },
    (req, res) => {
      handle(req, res).catch((error: unknown) => {
        log(`request failed: ${describeForLog(error)}`);
        send(res, 500, 'Internal error');
      });
    },
  );
  server.maxConnections = options.maxConnections ?? 32;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!allowedHosts().includes(req.headers.host ?? '')) return send(res, 421, 'Wrong host');
    const origin = req.headers.origin;
    if (origin !== undefined && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
      return send(res, 403, 'Wrong origin');
    }
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    } catch {
      return send(res, 400, 'Malformed address');
    }

    if (url.pathname === `/${SESSION_PATH}`) return startSession(req, res);
    if (url.pathname.startsWith('/api/')) return answerCall(req, res, url.pathname.slice(5));

    const route = routeContentRequest(req.method ?? '', url.pathname);
    if (route.kind === 'refuse') return send(res, route.status, route.message);
    if (route.kind === 'file') {
      if (!hasToken(req)) return send(res, 401, 'Missing or wrong token');
      const file = options.registry.resolve(route.id);
      if (!file) return send(res, 404, 'Unknown file');
      // The id, not the path: a folder the user opened may be named after the patient.
      return sendFile(req, res, file, 'application/octet-stream', { 'Cache-Control': 'no-store' }, `file ${route.id}`);
    }
    const file = await resolveRendererFile(options.rendererDir, route.path);
    if (!file) return send(res, 404, 'Not found');
    return sendFile(req, res, file, contentTypeFor(file), {}, route.path);
  }

  /** The one exchange of the launch code for the token; every later attempt is refused. */
  async function startSession(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'POST') return sendFailure(res, 405, 'Method not allowed', 'refused');
    const body = await readJsonBody(req, res, 4096);
    if (body === undefined) return;
    const given = (body as { launchCode?: unknown } | null)?.launchCode;
    if (launchCode === undefined || typeof given !== 'string' || !sameSecret(given, launchCode)) {
      return sendFailure(res, 403, 'This launch address was already used or is not valid: start SpineLab again to get a new one.', 'refused');
    }
    launchCode = undefined;
    sendJson(res, 200, { token });
  }

  async function answerCall(req: http.IncomingMessage, res: http.ServerResponse, encodedChannel: string): Promise<void> {
    if (req.method !== 'POST') return sendFailure(res, 405, 'Method not allowed', 'refused');
    if (!hasToken(req)) return sendFailure(res, 401, 'This page has no SpineLab session: open the address SpineLab printed when it started.', 'refused');
    let channel: string;
    try {
      channel = decodeURIComponent(encodedChannel);
    } catch {
      return sendFailure(res, 400, 'Malformed address', 'refused');
    }
    const body = await readJsonBody(req, res, maxBody);
    if (body === undefined) return;
    const result = await dispatchCall(options.api, channel, (body as { args?: unknown } | null)?.args, log);
    sendJson(res, result.ok ? 200 : STATUS_OF[result.code], result);
  }

  /**
   * Reads a JSON body whose declared length is within `limit`, checked before a byte is read; a body
   * that never arrives is cut off by the server's request timeout. Answers the failure itself and
   * returns undefined when the body is not acceptable.
   */
  async function readJsonBody(req: http.IncomingMessage, res: http.ServerResponse, limit: number): Promise<unknown> {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return void sendFailure(res, 415, 'JSON only', 'refused');
    const declared = req.headers['content-length'];
    if (declared === undefined || !/^\d+$/.test(declared)) return void sendFailure(res, 411, 'Content-Length required', 'refused');
    if (Number(declared) > limit) {
      // The body is never read, so the connection cannot carry another request.
      res.setHeader('Connection', 'close');
      return void sendFailure(res, 413, 'Request too large', 'refused');
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return void sendFailure(res, 400, 'Malformed JSON', 'refused');
    }
  }

  async function sendFile(req: http.IncomingMessage, res: http.ServerResponse, file: string, contentType: string, extra: Record<string, string>, logName: string): Promise<void> {
    const opened = await openServableFile(file);
    if (!opened.ok) {
      log(`read of ${logName} failed: ${opened.cause ?? opened.message}`);
      return send(res, opened.status, opened.message);
    }
    res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': opened.size, ...extra, ...CONTENT_HEADERS });
    if (req.method === 'HEAD') {
      opened.stream.destroy();
      return void res.end();
    }
    // A failure after the first bytes can only cut the response short: Content-Length tells the client.
    pipeline(opened.stream, res, (error) => {
      if (error && !isClientGone(error)) log(`read of ${logName} failed part way: ${describeForLog(error)}`);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/#${LAUNCH_CODE_PARAM}=${launchCode}`,
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

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A client that closes the page mid-download is not a failure worth a log line. */
function isClientGone(error: NodeJS.ErrnoException): boolean {
  return error.code === 'ERR_STREAM_PREMATURE_CLOSE' || error.code === 'ECONNRESET' || error.code === 'EPIPE';
}

function send(res: http.ServerResponse, status: number, message: string): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...CONTENT_HEADERS });
  res.end(message);
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store', ...CONTENT_HEADERS });
  res.end(JSON.stringify(value));
}

/** API failures in the shape of a CallResult, so the page shows our message rather than "HTTP 401". */
function sendFailure(res: http.ServerResponse, status: number, error: string, code: CallErrorCode): void {
  sendJson(res, status, { ok: false, error, code });
}
