import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAnnotationStorage } from '../../../electron/services/annotation-storage';
import { dispatchCall } from '../../../electron/services/dispatch';
import { createHostApi } from '../../../electron/services/host-api';
import { createHostServices } from '../../../electron/services/host-services';
import { handleIpcCall } from '../../../electron/services/ipc-call';

/** The real services, with the app's data folder where no folder can be: under /dev/null. */
function servicesWithUnusableDataFolder() {
  const samplesDir = mkdtempSync(path.join(os.tmpdir(), 'spinelab-no-samples-'));
  return createHostApi(createHostServices({ version: 'test', mode: 'electron', userDataDir: '/dev/null/spinelab', samplesDir, annotations: createAnnotationStorage }));
}

const RAW_ERROR = /\/dev\/null|ENOTDIR:|mkdir '|\n\s+at /;

describe('host call failures', () => {
  it('say what failed and the system code, never the path or the stack; the log gets the path', async () => {
    const logged: string[] = [];
    const result = await dispatchCall(servicesWithUnusableDataFolder(), 'loadAnnotations', ['1.2.3'], (line) => void logged.push(line));
    expect(result).toEqual({
      ok: false,
      code: 'failed',
      error: 'The saved measurements could not be read (ENOTDIR). The details are in the log of the SpineLab host.',
    });
    expect(logged).toEqual(['loadAnnotations failed: ENOTDIR mkdir /dev/null/spinelab/annotations']);
  });

  it('keep the path out of IPC answers too (the Electron renderer)', async () => {
    const main = { url: 'app://spinelab/index.html', parent: null };
    const result = await handleIpcCall(servicesWithUnusableDataFolder(), main, 'loadAnnotations', ['1.2.3']);
    expect(result).toMatchObject({ ok: false, code: 'failed' });
    expect(JSON.stringify(result)).not.toMatch(RAW_ERROR);
  });

  it('name a missing sample case or recent item as not found', async () => {
    const api = servicesWithUnusableDataFolder();
    const log = () => undefined;
    expect(await dispatchCall(api, 'openSample', ['case-99'], log)).toEqual({ ok: false, code: 'not-found', error: 'No sample case "case-99"' });
    expect(await dispatchCall(api, 'openRecent', ['0123456789abcdef'], log)).toEqual({
      ok: false,
      code: 'not-found',
      error: 'That recent item is no longer available',
    });
  });

  it('log a bug by its name and message, and answer it in our words', async () => {
    const logged: string[] = [];
    const api = { ...servicesWithUnusableDataFolder(), appInfo: async () => Promise.reject(new TypeError('x is undefined')) };
    expect(await dispatchCall(api, 'appInfo', [], (line) => void logged.push(line))).toEqual({
      ok: false,
      code: 'failed',
      error: 'SpineLab could not complete this request. The details are in the log of the SpineLab host.',
    });
    expect(logged).toEqual(['appInfo failed: TypeError: x is undefined']);
  });
});
