/**
 * PACS nodes as the renderer sees and edits them. Secrets (a password or bearer token) travel only
 * from the renderer to the host when the user types them; the host never sends them back, it says
 * only whether one is kept (`hasSecret`).
 */

export type DicomWebAuth = 'none' | 'basic' | 'bearer';

interface NodeCommon {
  readonly id: string;
  readonly name: string;
}

export interface DicomWebNode extends NodeCommon {
  readonly kind: 'dicomweb';
  /** Base URL of the DICOMweb service, e.g. http://127.0.0.1:8042/dicom-web (QIDO-RS, WADO-RS and STOW-RS live below it, PS3.18 §10). */
  readonly baseUrl: string;
  readonly auth: DicomWebAuth;
  /** User name for basic authentication; not a secret. */
  readonly username?: string;
  readonly hasSecret: boolean;
}

export interface DimseNode extends NodeCommon {
  readonly kind: 'dimse';
  /** The peer's (called) AE title. */
  readonly aeTitle: string;
  readonly host: string;
  readonly port: number;
  /** Our own (calling) AE title, and the port of our storage SCP for C-MOVE. */
  readonly localAeTitle: string;
  readonly localPort: number;
  /** C-GET brings instances back on the same association; C-MOVE has the server send them to our storage SCP. */
  readonly retrieveBy: 'c-get' | 'c-move';
}

export type PacsNode = DicomWebNode | DimseNode;

/** What the renderer sends to add or edit a node: `secret` undefined keeps the stored one. */
export type PacsNodeInput =
  | (Omit<DicomWebNode, 'id' | 'hasSecret'> & { readonly id?: string; readonly secret?: string })
  | (Omit<DimseNode, 'id'> & { readonly id?: string });

/** AE titles: 1–16 characters of the default repertoire, no backslash, not only spaces (PS3.5 §6.2, VR AE). */
const AE_TITLE = /^[\x20-\x5b\x5d-\x7e]{1,16}$/;
const HOST = /^[A-Za-z0-9.-]{1,253}$|^\[[0-9A-Fa-f:]+\]$/;
const NODE_ID = /^[A-Za-z0-9_-]{1,64}$/;

export function isAeTitle(value: unknown): value is string {
  return typeof value === 'string' && AE_TITLE.test(value) && value.trim().length > 0;
}

function isPort(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 65535;
}

/** The reason a node input is unusable, in words for the settings form; undefined when it is fine. */
export function nodeInputProblem(input: PacsNodeInput): string | undefined {
  if (input.id !== undefined && !NODE_ID.test(input.id)) return 'The node id is not valid';
  if (typeof input.name !== 'string' || input.name.trim().length === 0 || input.name.length > 64) return 'Give the server a name (at most 64 characters)';
  if (input.kind === 'dicomweb') {
    let url: URL;
    try {
      url = new URL(input.baseUrl);
    } catch {
      return 'The base URL is not a URL';
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'The base URL must start with http:// or https://';
    if (url.username || url.password) return 'Put the user name and password in their own fields, not in the URL';
    if (url.search || url.hash) return 'The base URL must not have a query or fragment';
    if (!['none', 'basic', 'bearer'].includes(input.auth)) return 'Unknown authentication';
    if (input.auth === 'basic' && (typeof input.username !== 'string' || input.username.length === 0 || input.username.includes(':'))) {
      return 'Basic authentication needs a user name without ":"';
    }
    if (input.secret !== undefined && (typeof input.secret !== 'string' || input.secret.length > 4096)) return 'The password or token is too long';
    return undefined;
  }
  if (input.kind === 'dimse') {
    if (!isAeTitle(input.aeTitle)) return "The server's AE title must be 1–16 characters, without backslash";
    if (!isAeTitle(input.localAeTitle)) return 'Our AE title must be 1–16 characters, without backslash';
    if (typeof input.host !== 'string' || !HOST.test(input.host)) return 'The host must be a name or an address';
    if (!isPort(input.port)) return "The server's port must be 1–65535";
    if (!isPort(input.localPort)) return 'Our port must be 1–65535';
    if (input.retrieveBy !== 'c-get' && input.retrieveBy !== 'c-move') return 'Retrieve by C-GET or C-MOVE';
    return undefined;
  }
  return 'Unknown kind of server';
}

const DICOMWEB_KEYS = ['id', 'kind', 'name', 'baseUrl', 'auth', 'username', 'secret'];
const DIMSE_KEYS = ['id', 'kind', 'name', 'aeTitle', 'host', 'port', 'localAeTitle', 'localPort', 'retrieveBy'];

/** Checks an untrusted value (from IPC or HTTP) and returns it typed, or the reason it is refused. */
export function parseNodeInput(value: unknown): { ok: true; value: PacsNodeInput } | { ok: false; reason: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'expected a server description' };
  const o = value as Record<string, unknown>;
  const keys = o.kind === 'dicomweb' ? DICOMWEB_KEYS : o.kind === 'dimse' ? DIMSE_KEYS : undefined;
  if (!keys) return { ok: false, reason: 'kind must be "dicomweb" or "dimse"' };
  for (const key of Object.keys(o)) if (!keys.includes(key)) return { ok: false, reason: `unexpected field "${key}"` };
  const input = o as unknown as PacsNodeInput;
  const problem = nodeInputProblem(input);
  return problem ? { ok: false, reason: problem } : { ok: true, value: input };
}
