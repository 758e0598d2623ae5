import { promises as fs } from 'node:fs';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from '../security';
import { isInside } from './file-registry';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** What a request for app content (app:// in Electron, non-API paths in browser mode) asks for. */
export type ContentRoute =
  | { readonly kind: 'file'; readonly id: string }
  | { readonly kind: 'renderer'; readonly path: string }
  | { readonly kind: 'refuse'; readonly status: 400 | 404 | 405; readonly message: string };

/** Path under which opened files are served (shared/api.ts fileUrlPath). */
const FILES_PREFIX = '/files/';

/**
 * Routes a request for app content by method and URL path: only GET and HEAD; the path is
 * percent-decoded once here, and a malformed escape is the client's error (400), not ours.
 */
export function routeContentRequest(method: string, urlPath: string): ContentRoute {
  if (method !== 'GET' && method !== 'HEAD') return { kind: 'refuse', status: 405, message: 'Method not allowed' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return { kind: 'refuse', status: 400, message: 'Malformed address' };
  }
  if (urlPath.startsWith(FILES_PREFIX)) return { kind: 'file', id: decoded.slice(FILES_PREFIX.length) };
  return { kind: 'renderer', path: decoded };
}

/** The app:// protocol's route: our own host only, then as routeContentRequest. */
export function routeAppProtocolRequest(method: string, url: string): ContentRoute {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'refuse', status: 400, message: 'Malformed address' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return { kind: 'refuse', status: 404, message: 'Not found' };
  return routeContentRequest(method, parsed.pathname);
}

/**
 * Maps a decoded request path onto a file of the built renderer, refusing anything that resolves
 * outside it (encoded "../", absolute paths, links).
 */
export async function resolveRendererFile(rendererDir: string, decodedPath: string): Promise<string | undefined> {
  if (decodedPath.includes('\0')) return undefined;
  const relative = decodedPath === '/' || decodedPath === '' ? 'index.html' : decodedPath.replace(/^\/+/, '');
  const candidate = path.resolve(rendererDir, relative);
  if (!isInside(rendererDir, candidate)) return undefined;
  try {
    const real = await fs.realpath(candidate);
    const root = await fs.realpath(rendererDir);
    if (!isInside(root, real)) return undefined;
    return (await fs.stat(real)).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}
