import { Readable } from 'node:stream';
import { CONTENT_HEADERS } from '../security';
import { contentTypeFor, resolveRendererFile, routeAppProtocolRequest } from './app-content';
import type { FileRegistry } from './file-registry';
import { openServableFile } from './file-serving';
import { stderrLog, type HostLog } from './host-error';

export interface AppProtocolOptions {
  readonly registry: FileRegistry;
  readonly rendererDir: string;
  readonly log?: HostLog;
}

function text(status: number, message: string): Response {
  return new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...CONTENT_HEADERS } });
}

/**
 * The app:// protocol handler, kept out of main.ts (which cannot run here) so tests drive it with
 * real requests and files: GET and HEAD only, malformed escapes answered 400, and a file that
 * cannot be read answered with its own status, never a 200 around an error.
 */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const log = options.log ?? stderrLog;
  return async (request) => {
    const route = routeAppProtocolRequest(request.method, request.url);
    if (route.kind === 'refuse') return text(route.status, route.message);
    const file = route.kind === 'file' ? options.registry.resolve(route.id) : await resolveRendererFile(options.rendererDir, route.path);
    if (!file) return text(404, route.kind === 'file' ? 'Unknown file' : 'Not found');
    const opened = await openServableFile(file);
    if (!opened.ok) {
      // The id, not the path: a folder the user opened may be named after the patient.
      log(`app:// read of ${route.kind === 'file' ? `file ${route.id}` : route.path} failed: ${opened.cause ?? opened.message}`);
      return text(opened.status, opened.message);
    }
    const headers = {
      'Content-Type': route.kind === 'file' ? 'application/octet-stream' : contentTypeFor(file),
      'Content-Length': String(opened.size),
      ...CONTENT_HEADERS,
    };
    if (request.method === 'HEAD') {
      opened.stream.destroy();
      return new Response(null, { headers });
    }
    return new Response(Readable.toWeb(opened.stream) as ReadableStream<Uint8Array>, { headers });
  };
}
