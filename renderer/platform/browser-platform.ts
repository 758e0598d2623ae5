import { createApiClient, LAUNCH_CODE_PARAM, SESSION_PATH, TOKEN_HEADER, type CallResult, type Channel } from '../../shared/api';
import { fetchFileBytes, sourcesForHostFiles, type Platform } from './platform';

const TOKEN_KEY = 'spinelab.token';

type Session = { readonly token: string } | { readonly refusal: string };

/**
 * The per-launch token, for this tab only. The launch address holds a one-time code, not the token
 * (the code is on the browser's command line, which every local user can read): the first load
 * trades it for the token, and a reload finds the token in session storage. A refused code is said
 * on every call, so a code someone else redeemed first does not go unnoticed.
 */
async function startSession(): Promise<Session> {
  const match = new RegExp(`${LAUNCH_CODE_PARAM}=([A-Za-z0-9_-]+)`).exec(location.hash);
  if (match) {
    history.replaceState(null, '', location.pathname + location.search);
    const response = await fetch(SESSION_PATH, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ launchCode: match[1] }),
    }).catch(() => undefined);
    const answer = (await response?.json().catch(() => ({}))) as { token?: unknown; error?: unknown } | undefined;
    if (response?.ok && typeof answer?.token === 'string') sessionStorage.setItem(TOKEN_KEY, answer.token);
    else return { refusal: typeof answer?.error === 'string' ? answer.error : 'SpineLab did not accept this launch address.' };
  }
  return { token: sessionStorage.getItem(TOKEN_KEY) ?? '' };
}

export function createBrowserPlatform(): Platform {
  const session = startSession();
  const tokenHeaders = async (): Promise<Record<string, string>> => {
    const s = await session;
    if ('refusal' in s) throw new Error(s.refusal);
    return { [TOKEN_HEADER]: s.token };
  };

  async function call(channel: Channel, args: unknown[]): Promise<CallResult> {
    const s = await session;
    if ('refusal' in s) return { ok: false, error: s.refusal, code: 'refused' };
    const response = await fetch(`api/${channel}`, {
      method: 'POST',
      headers: { [TOKEN_HEADER]: s.token, 'Content-Type': 'application/json' },
      body: JSON.stringify({ args }),
    });
    return (await response.json().catch(() => ({ ok: false, error: `HTTP ${response.status}`, code: 'failed' }))) as CallResult;
  }

  const api = createApiClient(call);

  const fetchBytes = async (id: string) => fetchFileBytes(id, await tokenHeaders());

  return {
    mode: 'browser',
    api,
    sourcesFor: (files) => sourcesForHostFiles(files, fetchBytes),
    async imageUrlFor(fileId) {
      const bytes = await fetchBytes(fileId).catch(() => undefined);
      return bytes ? URL.createObjectURL(new Blob([bytes], { type: 'image/png' })) : undefined;
    },
    async saveExport(name, mimeType, bytes) {
      const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeType }));
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return name;
    },
    // Browser mode has no application menu: nothing to listen to, nothing to stop.
    onMenuCommand: () => () => undefined,
  };
}
