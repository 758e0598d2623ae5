import { ApiValidationError, isChannel, validateCall, type CallResult, type HostApi } from '../../shared/api';

/**
 * Validates and runs one host call. Service errors become a message for the user; nothing
 * else of the error (stack, paths) crosses to the renderer.
 */
export async function dispatchCall(api: HostApi, channel: unknown, args: unknown): Promise<CallResult> {
  if (!isChannel(channel)) return { ok: false, error: 'Unknown request', refused: true };
  try {
    if (!Array.isArray(args)) throw new ApiValidationError(channel, 'arguments must be an array');
    const valid = validateCall(channel, args);
    const fn = api[channel] as (...a: unknown[]) => Promise<unknown>;
    return { ok: true, result: await fn(...valid) };
  } catch (e) {
    if (e instanceof ApiValidationError) return { ok: false, error: e.message, refused: true };
    return { ok: false, error: e instanceof Error ? e.message : 'The request failed' };
  }
}
