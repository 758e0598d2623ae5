import { HostError } from '../host-error';
/**
 * Network failures in words a user can act on. Every PACS call ends either in a result or in a
 * PacsError whose message says what happened (refused, unreachable, timed out, rejected) and where —
 * a host and port or a URL's origin, never a secret nor a local path — so it crosses to the renderer
 * as it is (a HostError).
 */
export class PacsError extends HostError {
  constructor(
    message: string,
    readonly kind: 'refused' | 'unreachable' | 'timeout' | 'rejected' | 'cancelled' | 'protocol',
  ) {
    super('failed', message);
  }
}

export class CancelledError extends PacsError {
  constructor() {
    super('The retrieve was cancelled', 'cancelled');
  }
}

function codeOf(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const name = (e as { name?: unknown }).name;
    if (name === 'TimeoutError') return 'ETIMEDOUT';
    if (name === 'AbortError') return 'ABORT';
  }
  // dcmjs-dimse reports socket errors as plain Errors whose message holds Node's code.
  const message = error instanceof Error ? error.message : '';
  return /\b(E[A-Z]{3,}|UND_ERR_[A-Z_]+)\b/.exec(message)?.[1];
}

/** Turns a socket or fetch error into a PacsError naming `where` (host:port or the URL's origin). */
export function describeNetworkError(error: unknown, where: string, timeoutMs: number): PacsError {
  if (error instanceof PacsError) return error;
  const code = codeOf(error);
  switch (code) {
    case 'ECONNREFUSED':
      return new PacsError(`${where} refused the connection: no server is listening there`, 'refused');
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new PacsError(`${where} could not be found: check the host name`, 'unreachable');
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EADDRNOTAVAIL':
      return new PacsError(`${where} is unreachable from this computer`, 'unreachable');
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
      return new PacsError(`${where} did not answer within ${Math.round(timeoutMs / 1000)} s`, 'timeout');
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return new PacsError(`${where} closed the connection`, 'unreachable');
    case 'ABORT':
      return new CancelledError();
    default:
      return new PacsError(`${where}: ${error instanceof Error ? error.message : String(error)}`, 'protocol');
  }
}
