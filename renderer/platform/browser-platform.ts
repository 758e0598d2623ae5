import { createApiClient, TOKEN_HEADER, type CallResult, type Channel } from '../../shared/api';
import { fetchFileBytes, sourcesForHostFiles, type Platform } from './platform';

const TOKEN_KEY = 'spinelab.token';

/** Reads the per-launch token from the URL fragment once, then keeps it for this tab only. */
function takeToken(): string {
  const match = /token=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', location.pathname + location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

export function createBrowserPlatform(): Platform {
  const token = takeToken();
  const headers = { [TOKEN_HEADER]: token };

  async function call(channel: Channel, args: unknown[]): Promise<CallResult> {
    const response = await fetch(`api/${channel}`, {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ args }),
    });
    return (await response.json().catch(() => ({ ok: false, error: `HTTP ${response.status}` }))) as CallResult;
  }

  const api = createApiClient(call);

  const fetchBytes = (id: string) => fetchFileBytes(id, headers);

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
