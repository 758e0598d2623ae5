import type { LoadResult } from '../../shared/dicom/load-instance';
import type { DecodeRequest, DecodeResponse } from './decode-protocol';

export interface DecodePool {
  /** Parses and decodes one file off the UI thread. `bytes` is transferred: do not use it afterwards. */
  loadInstance(bytes: ArrayBuffer, fileName: string): Promise<LoadResult>;
}

interface PoolWorker {
  worker: Worker;
  pending: Map<number, { fileName: string; resolve: (result: LoadResult) => void }>;
}

const failure = (fileName: string, reason: string): LoadResult => ({ ok: false, error: { kind: 'corrupt-pixel-data', fileName, reason } });

/**
 * A fixed set of module workers running shared/dicom. Each file goes to the worker with the fewest
 * files in hand; a worker that dies (out of memory on a hostile file) fails only its own files and is
 * replaced on demand.
 */
export function createDecodePool(size = navigator.hardwareConcurrency || 2): DecodePool {
  const workers: PoolWorker[] = [];
  let nextId = 1;

  function spawn(): PoolWorker {
    const entry: PoolWorker = { worker: new Worker(new URL('./decode-worker.ts', import.meta.url), { type: 'module' }), pending: new Map() };
    entry.worker.onmessage = (event: MessageEvent<DecodeResponse>) => {
      const request = entry.pending.get(event.data.id);
      entry.pending.delete(event.data.id);
      request?.resolve(event.data.result);
    };
    entry.worker.onerror = (event) => {
      event.preventDefault();
      for (const { fileName, resolve } of entry.pending.values()) resolve(failure(fileName, 'the image could not be decoded (the decoder stopped unexpectedly)'));
      entry.pending.clear();
      entry.worker.terminate();
      // Spawned again on demand by the next load, so a worker that cannot start does not loop.
      workers.splice(workers.indexOf(entry), 1);
    };
    return entry;
  }

  return {
    loadInstance(bytes, fileName) {
      if (workers.length < Math.max(1, size) && workers.every((w) => w.pending.size > 0)) workers.push(spawn());
      const target = workers.reduce((best, w) => (w.pending.size < best.pending.size ? w : best));
      const id = nextId++;
      return new Promise<LoadResult>((resolve) => {
        target.pending.set(id, { fileName, resolve });
        const request: DecodeRequest = { id, bytes, fileName };
        target.worker.postMessage(request, [bytes]);
      });
    },
  };
}
