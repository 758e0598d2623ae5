import { ApiValidationError, isChannel, validateCall, type CallResult, type Channel, type HostApi } from '../../shared/api';
import { errorCode } from './atomic-file';
import { describeForLog, HostError, stderrLog, type HostLog } from './host-error';

/** What the user was trying to do, for the channels where "the request" says too little. */
const WHAT_FAILED: Partial<Record<Channel, string>> = {
  listSamples: 'The sample cases could not be listed',
  openSample: 'The sample case could not be opened',
  sampleCaseDetails: 'The sample case notes could not be read',
  showOpenDialog: 'The files could not be opened',
  listRecent: 'The recent list could not be read',
  openRecent: 'The recent item could not be opened',
  loadAnnotations: 'The saved measurements could not be read',
  saveAnnotations: 'The measurements could not be saved',
  saveExport: 'The export could not be saved',
};

/**
 * Said for a failure no service explained. The system message names paths, so only its code (ENOTDIR,
 * EACCES, …) is said here; the rest stays in the log.
 */
export function unexpectedFailureMessage(channel: Channel, error: unknown): string {
  const code = errorCode(error);
  return `${WHAT_FAILED[channel] ?? 'SpineLab could not complete this request'}${code ? ` (${code})` : ''}. The details are in the log of the SpineLab host.`;
}

/**
 * Validates and runs one host call. A refusal or a HostError answers with its own message; any
 * other error is logged locally and answered with a message of our own, so no stack, path or system
 * message crosses to the renderer.
 */
export async function dispatchCall(api: HostApi, channel: unknown, args: unknown, log: HostLog = stderrLog): Promise<CallResult> {
  if (!isChannel(channel)) return { ok: false, error: 'Unknown request', code: 'refused' };
  try {
    if (!Array.isArray(args)) throw new ApiValidationError(channel, 'arguments must be an array');
    const valid = validateCall(channel, args);
    const fn = api[channel] as (...a: unknown[]) => Promise<unknown>;
    return { ok: true, result: await fn(...valid) };
  } catch (e) {
    if (e instanceof ApiValidationError) return { ok: false, error: e.message, code: 'refused' };
    if (e instanceof HostError) return { ok: false, error: e.message, code: e.code };
    log(`${channel} failed: ${describeForLog(e)}`);
    return { ok: false, error: unexpectedFailureMessage(channel, e), code: 'failed' };
  }
}
