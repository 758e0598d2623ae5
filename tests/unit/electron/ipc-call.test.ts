import { describe, expect, it } from 'vitest';
import { CHANNELS, type Channel, type HostApi } from '../../../shared/api';
import { handleIpcCall, type SenderFrame } from '../../../electron/services/ipc-call';

/** A HostApi that records which channels reached it, and with what. */
function recordingApi() {
  const calls: { channel: Channel; args: unknown[] }[] = [];
  const api = Object.fromEntries(
    CHANNELS.map((channel) => [channel, async (...args: unknown[]) => (calls.push({ channel, args }), `${channel} answered`)]),
  ) as unknown as HostApi;
  return { api, calls };
}

/** Arguments each channel's validator accepts; typed by Channel so a new channel must be added here. */
const VALID_ARGS: Record<Channel, unknown[]> = {
  appInfo: [],
  listSamples: [],
  openSample: ['case-01-normal'],
  sampleCaseDetails: ['case-01-normal'],
  showOpenDialog: ['files'],
  listRecent: [],
  openRecent: ['recent-1'],
  loadAnnotations: ['1.2.826.0.1.3680043.8.498.1'],
  saveAnnotations: ['1.2.826.0.1.3680043.8.498.1', { schemaVersion: 1 }],
  saveExport: [{ suggestedName: 'report.pdf', mimeType: 'application/pdf', bytes: new Uint8Array([37, 80, 68, 70]) }],
  pacsListNodes: [],
  pacsSaveNode: [{ kind: 'dicomweb', name: 'Orthanc', baseUrl: 'http://127.0.0.1:8042/dicom-web', auth: 'none' }],
  pacsRemoveNode: ['node-1'],
  pacsEcho: ['node-1'],
  pacsSearch: ['node-1', { patientId: 'SL-CASE-03' }],
  pacsRetrieve: ['node-1', { studyInstanceUid: '1.2.826.0.1.3680043.8.498.1' }],
  pacsRetrieveStatus: ['job-1'],
  pacsCancelRetrieve: ['job-1'],
  pacsStore: ['node-1', ['RElDTQ==']],
};

const MAIN_FRAME: SenderFrame = { url: 'app://spinelab/index.html', parent: null };

const UNEXPECTED_SENDERS: [string, SenderFrame | null | undefined][] = [
  ['a sub-frame of our own origin', { url: 'app://spinelab/index.html', parent: MAIN_FRAME }],
  ['a foreign https main frame', { url: 'https://evil.example/', parent: null }],
  ['a look-alike app host', { url: 'app://spinelab.evil/index.html', parent: null }],
  ['a file: page', { url: 'file:///tmp/index.html', parent: null }],
  ['the loopback browser host', { url: 'http://127.0.0.1:5173/index.html', parent: null }],
  ['about:blank', { url: 'about:blank', parent: null }],
  ['a frame that is gone (null)', null],
  ['no frame at all', undefined],
];

describe('IPC calls', () => {
  it('covers every channel', () => {
    expect(Object.keys(VALID_ARGS).sort()).toEqual([...CHANNELS].sort());
  });

  describe.each(CHANNELS)('%s', (channel) => {
    it.each(UNEXPECTED_SENDERS)('is refused from %s, and the API is never called', async (_label, frame) => {
      const { api, calls } = recordingApi();
      const result = await handleIpcCall(api, frame, channel, VALID_ARGS[channel]);
      expect(result).toEqual({ ok: false, error: 'Refused: unexpected sender', code: 'refused' });
      expect(calls).toEqual([]);
    });

    it('reaches the API from our main frame with valid arguments', async () => {
      const { api, calls } = recordingApi();
      const result = await handleIpcCall(api, MAIN_FRAME, channel, VALID_ARGS[channel]);
      expect(result).toEqual({ ok: true, result: `${channel} answered` });
      expect(calls).toEqual([{ channel, args: VALID_ARGS[channel] }]);
    });
  });

  it('still validates calls from our main frame', async () => {
    const { api, calls } = recordingApi();
    expect(await handleIpcCall(api, MAIN_FRAME, 'openSample', ['../../etc/passwd'])).toMatchObject({ ok: false, code: 'refused' });
    expect(await handleIpcCall(api, MAIN_FRAME, 'toString', [])).toMatchObject({ ok: false, code: 'refused' });
    expect(calls).toEqual([]);
  });
});
