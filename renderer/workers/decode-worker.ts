/// <reference lib="webworker" />
import { loadInstance } from '../../shared/dicom/load-instance';
import { createBrowserCodecProvider } from './browser-codecs';
import type { DecodeRequest, DecodeResponse } from './decode-protocol';

const codecs = createBrowserCodecProvider();
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<DecodeRequest>) => {
  const { id, bytes, fileName } = event.data;
  // The bytes were transferred to this worker and are not used again, so uncompressed frames may be
  // views on them; every frame's buffer is transferred back together below.
  const result = await loadInstance(new Uint8Array(bytes), fileName, codecs, { adoptBuffer: true });
  const transfer = result.ok ? [...new Set(result.frames.map((frame) => frame.pixels.buffer as ArrayBuffer))] : [];
  const response: DecodeResponse = { id, result };
  scope.postMessage(response, transfer);
};
