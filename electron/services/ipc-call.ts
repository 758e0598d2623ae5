import type { CallResult, HostApi } from '../../shared/api';
import { isTrustedSender } from '../security';
import { dispatchCall } from './dispatch';

/** What the sender check reads of Electron's WebFrameMain: `parent` is null for a main frame. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: object | null;
}

/**
 * One call on the IPC channel: refused before validation unless it comes from the main frame of
 * our own origin (a frame can be gone by the time the call arrives, hence null), then dispatched.
 */
export async function handleIpcCall(api: HostApi, frame: SenderFrame | null | undefined, channel: unknown, args: unknown): Promise<CallResult> {
  if (!isTrustedSender(frame && { url: frame.url, isMainFrame: frame.parent === null })) {
    return { ok: false, error: 'Refused: unexpected sender', code: 'refused' };
  }
  return dispatchCall(api, channel, args);
}
