/**
 * The contract between the renderer and its host (Electron main process or the loopback
 * browser host). Channel names, argument and result types, and the validators that both
 * hosts run on every call before any service sees the arguments.
 */
import { parseNodeInput, type PacsNode, type PacsNodeInput } from './pacs/nodes';
import { parseQuery, type PacsQuery, type PacsStudyResult } from './pacs/query';
import type { RetrieveRequest, RetrieveStatus } from './pacs/retrieve';

export const APP_NAME = 'SpineLab';
export const DISCLAIMER = 'For education and research only. Not for diagnosis or treatment decisions.';

/** A file the host has opened for the renderer; its bytes are served at `files/<id>`. */
export interface FileRef {
  readonly id: string;
  readonly name: string;
  /** Path relative to the opened folder (or the bare file name), for display only. */
  readonly relativePath: string;
  readonly size: number;
}

export interface OpenedFiles {
  readonly label: string;
  readonly files: FileRef[];
}

export interface SampleSeriesSummary {
  readonly seriesInstanceUid: string;
  readonly description: string;
  readonly modality: string;
  readonly files: string[];
}

export interface SampleCaseSummary {
  readonly id: string;
  readonly title: string;
  readonly modalities: string[];
  readonly level: string;
  readonly difficulty: string;
  readonly summary: string;
  readonly thumbnailFileId?: string;
  readonly series: SampleSeriesSummary[];
}

export interface RecentEntry {
  readonly id: string;
  readonly label: string;
  readonly openedAt: string;
}

export interface AppInfo {
  readonly version: string;
  readonly mode: 'electron' | 'browser';
  readonly platform: string;
}

export interface LoadedAnnotations {
  /** The stored document, or null when the study has none yet. Shape checked by shared/model. */
  readonly document: unknown;
  readonly readOnly: boolean;
  readonly notice?: string;
}

export interface SaveExportArgs {
  readonly suggestedName: string;
  readonly mimeType: string;
  readonly bytes: Uint8Array;
}

/** What the renderer may ask the host to do. Every method is one channel. */
export interface HostApi {
  appInfo(): Promise<AppInfo>;
  listSamples(): Promise<SampleCaseSummary[]>;
  openSample(caseId: string): Promise<OpenedFiles>;
  sampleCaseDetails(caseId: string): Promise<unknown>;
  showOpenDialog(kind: 'files' | 'folder'): Promise<OpenedFiles | null>;
  listRecent(): Promise<RecentEntry[]>;
  openRecent(id: string): Promise<OpenedFiles>;
  loadAnnotations(studyInstanceUid: string): Promise<LoadedAnnotations>;
  saveAnnotations(studyInstanceUid: string, document: unknown): Promise<void>;
  saveExport(args: SaveExportArgs): Promise<string | null>;
  /** PACS servers as kept by the host; secrets never come back, only `hasSecret`. */
  pacsListNodes(): Promise<PacsNode[]>;
  pacsSaveNode(input: PacsNodeInput): Promise<PacsNode>;
  pacsRemoveNode(nodeId: string): Promise<void>;
  /** C-ECHO or a QIDO-RS ping; resolves with what answered. */
  pacsEcho(nodeId: string): Promise<string>;
  pacsSearch(nodeId: string, query: PacsQuery): Promise<PacsStudyResult[]>;
  /** Starts retrieving a study or series in the host; poll pacsRetrieveStatus for its files. */
  pacsRetrieve(nodeId: string, request: RetrieveRequest): Promise<RetrieveStatus>;
  pacsRetrieveStatus(jobId: string): Promise<RetrieveStatus>;
  pacsCancelRetrieve(jobId: string): Promise<RetrieveStatus>;
  /** Stores DICOM Part 10 files, base64 (JSON carries no bytes in browser mode), by STOW-RS or C-STORE. */
  pacsStore(nodeId: string, instancesBase64: string[]): Promise<string>;
}

export type Channel = keyof HostApi;

export class ApiValidationError extends Error {
  constructor(
    readonly channel: string,
    reason: string,
  ) {
    super(`Refused call to ${channel}: ${reason}`);
  }
}

const MAX_ID_LENGTH = 128;
const MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;
const MAX_EXPORT_BYTES = 256 * 1024 * 1024;

/** DICOM UIDs: digits and dots, at most 64 characters (PS3.5 §9.1). */
const UID_PATTERN = /^[0-9]+(\.[0-9]+)*$/;
const ID_PATTERN = /^[A-Za-z0-9_-]+$/;
const FILE_NAME_PATTERN = /^[^/\\:*?"<>|\u0000-\u001f]+$/;

function expectArity(channel: string, args: readonly unknown[], n: number): void {
  if (args.length !== n) throw new ApiValidationError(channel, `expected ${n} argument(s), got ${args.length}`);
}

function expectId(channel: string, value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_LENGTH || !ID_PATTERN.test(value)) {
    throw new ApiValidationError(channel, `${what} must be a short identifier`);
  }
  return value;
}

function expectUid(channel: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64 || !UID_PATTERN.test(value)) {
    throw new ApiValidationError(channel, 'StudyInstanceUID must be a DICOM UID');
  }
  return value;
}

function expectPlainObject(channel: string, value: unknown, allowedKeys: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiValidationError(channel, 'expected an object');
  }
  for (const key of Object.keys(value)) {
    if (!allowedKeys.includes(key)) throw new ApiValidationError(channel, `unexpected field "${key}"`);
  }
  return value as Record<string, unknown>;
}

function jsonSize(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value) ?? '').length;
}

/** Base64 of at most 12 MiB in all: an SR and a PDF report, within the browser host's 16 MiB body. */
const MAX_STORE_BASE64 = Math.ceil((12 * 1024 * 1024) / 3) * 4;
const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;

function expectSeriesUid(channel: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64 || !UID_PATTERN.test(value)) {
    throw new ApiValidationError(channel, 'SeriesInstanceUID must be a DICOM UID');
  }
  return value;
}

function expectRetrieveRequest(channel: string, value: unknown): RetrieveRequest {
  const o = expectPlainObject(channel, value, ['studyInstanceUid', 'seriesInstanceUid']);
  const studyInstanceUid = expectUid(channel, o.studyInstanceUid);
  return o.seriesInstanceUid === undefined ? { studyInstanceUid } : { studyInstanceUid, seriesInstanceUid: expectSeriesUid(channel, o.seriesInstanceUid) };
}

type Validators = { [C in Channel]: (args: readonly unknown[]) => Parameters<HostApi[C]> };

/** One validator per channel: returns the typed arguments or throws ApiValidationError. */
export const validators: Validators = {
  appInfo: (args) => (expectArity('appInfo', args, 0), []),
  listSamples: (args) => (expectArity('listSamples', args, 0), []),
  listRecent: (args) => (expectArity('listRecent', args, 0), []),
  openSample: (args) => (expectArity('openSample', args, 1), [expectId('openSample', args[0], 'case id')]),
  sampleCaseDetails: (args) => (
    expectArity('sampleCaseDetails', args, 1), [expectId('sampleCaseDetails', args[0], 'case id')]
  ),
  openRecent: (args) => (expectArity('openRecent', args, 1), [expectId('openRecent', args[0], 'recent id')]),
  showOpenDialog: (args) => {
    expectArity('showOpenDialog', args, 1);
    if (args[0] !== 'files' && args[0] !== 'folder') {
      throw new ApiValidationError('showOpenDialog', 'kind must be "files" or "folder"');
    }
    return [args[0]];
  },
  loadAnnotations: (args) => (expectArity('loadAnnotations', args, 1), [expectUid('loadAnnotations', args[0])]),
  saveAnnotations: (args) => {
    expectArity('saveAnnotations', args, 2);
    const uid = expectUid('saveAnnotations', args[0]);
    if (typeof args[1] !== 'object' || args[1] === null || Array.isArray(args[1])) {
      throw new ApiValidationError('saveAnnotations', 'document must be an object');
    }
    if (jsonSize(args[1]) > MAX_DOCUMENT_BYTES) throw new ApiValidationError('saveAnnotations', 'document too large');
    return [uid, args[1]];
  },
  saveExport: (args) => {
    expectArity('saveExport', args, 1);
    const o = expectPlainObject('saveExport', args[0], ['suggestedName', 'mimeType', 'bytes']);
    const name = o.suggestedName;
    if (typeof name !== 'string' || name.length === 0 || name.length > 200 || !FILE_NAME_PATTERN.test(name) || name.startsWith('.')) {
      throw new ApiValidationError('saveExport', 'suggestedName must be a plain file name');
    }
    if (typeof o.mimeType !== 'string' || !/^[a-z]+\/[a-z0-9.+-]+$/.test(o.mimeType)) {
      throw new ApiValidationError('saveExport', 'mimeType must be a MIME type');
    }
    if (!(o.bytes instanceof Uint8Array) || o.bytes.byteLength > MAX_EXPORT_BYTES) {
      throw new ApiValidationError('saveExport', 'bytes must be a Uint8Array within the size limit');
    }
    return [{ suggestedName: name, mimeType: o.mimeType, bytes: o.bytes }];
  },
  pacsListNodes: (args) => (expectArity('pacsListNodes', args, 0), []),
  pacsSaveNode: (args) => {
    expectArity('pacsSaveNode', args, 1);
    const parsed = parseNodeInput(args[0]);
    if (!parsed.ok) throw new ApiValidationError('pacsSaveNode', parsed.reason);
    return [parsed.value];
  },
  pacsRemoveNode: (args) => (expectArity('pacsRemoveNode', args, 1), [expectId('pacsRemoveNode', args[0], 'node id')]),
  pacsEcho: (args) => (expectArity('pacsEcho', args, 1), [expectId('pacsEcho', args[0], 'node id')]),
  pacsSearch: (args) => {
    expectArity('pacsSearch', args, 2);
    const parsed = parseQuery(args[1]);
    if (!parsed.ok) throw new ApiValidationError('pacsSearch', parsed.reason);
    return [expectId('pacsSearch', args[0], 'node id'), parsed.value];
  },
  pacsRetrieve: (args) => (
    expectArity('pacsRetrieve', args, 2), [expectId('pacsRetrieve', args[0], 'node id'), expectRetrieveRequest('pacsRetrieve', args[1])]
  ),
  pacsRetrieveStatus: (args) => (expectArity('pacsRetrieveStatus', args, 1), [expectId('pacsRetrieveStatus', args[0], 'retrieve id')]),
  pacsCancelRetrieve: (args) => (expectArity('pacsCancelRetrieve', args, 1), [expectId('pacsCancelRetrieve', args[0], 'retrieve id')]),
  pacsStore: (args) => {
    expectArity('pacsStore', args, 2);
    const id = expectId('pacsStore', args[0], 'node id');
    const list = args[1];
    if (!Array.isArray(list) || list.length === 0 || list.length > 4) throw new ApiValidationError('pacsStore', 'expected one to four DICOM objects');
    let total = 0;
    for (const item of list) {
      if (typeof item !== 'string' || !BASE64_PATTERN.test(item)) throw new ApiValidationError('pacsStore', 'each object must be base64');
      total += item.length;
    }
    if (total > MAX_STORE_BASE64) throw new ApiValidationError('pacsStore', 'the objects are too large to store');
    return [id, list as string[]];
  },
};

export const CHANNELS = Object.keys(validators) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNELS as string[]).includes(name);
}

/** Validates a call by channel name; used by the IPC and HTTP hosts alike. */
export function validateCall<C extends Channel>(channel: C, args: readonly unknown[]): Parameters<HostApi[C]> {
  if (!Array.isArray(args)) throw new ApiValidationError(channel, 'arguments must be an array');
  return validators[channel](args) as Parameters<HostApi[C]>;
}

/**
 * Why a call failed, for the renderer and the HTTP status: 'refused' (the call itself was not acceptable),
 * 'not-found' (no such case, recent item or file), 'failed' (the host could not do it; details in its log).
 */
export type CallErrorCode = 'refused' | 'not-found' | 'failed';

/**
 * What a host answers to one call, over IPC or HTTP: the result, or a message of our own fit for the
 * user and its code; never a path, a stack or a raw system message.
 */
export type CallResult = { ok: true; result: unknown } | { ok: false; error: string; code: CallErrorCode };

/** Electron IPC channel of the host calls (renderer → main). */
export const IPC_CHANNEL = 'spinelab:call';
/** Electron IPC channel of the application menu's commands (main → renderer). */
export const MENU_CHANNEL = 'spinelab:menu';
/** Browser mode: the header carrying the per-launch token (lower case, as Node reports headers). */
export const TOKEN_HEADER = 'x-spinelab-token';
/** Browser mode: where the page trades the one-time launch code of its address for the token. */
export const SESSION_PATH = 'session';
/** Browser mode: the fragment parameter of the launch address that holds the one-time code. */
export const LAUNCH_CODE_PARAM = 'launch';

/**
 * The renderer's HostApi over any transport: one function per channel that sends the channel and
 * its arguments through `invoke` and unwraps the CallResult (a refusal or failure becomes an Error).
 */
export function createApiClient(invoke: (channel: Channel, args: unknown[]) => Promise<CallResult>): HostApi {
  return Object.fromEntries(
    CHANNELS.map((channel) => [
      channel,
      async (...args: unknown[]) => {
        const r = await invoke(channel, args);
        if (!r.ok) throw new Error(r.error);
        return r.result;
      },
    ]),
  ) as unknown as HostApi;
}

/** Path under the app origin where an opened file's bytes are served. */
export function fileUrlPath(fileId: string): string {
  return `files/${encodeURIComponent(fileId)}`;
}
