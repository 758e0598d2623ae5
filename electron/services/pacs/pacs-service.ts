import path from 'node:path';
import type { PacsNode, PacsNodeInput } from '../../../shared/pacs/nodes';
import type { PacsStudyResult, PacsQuery } from '../../../shared/pacs/query';
import type { RetrieveRequest, RetrieveStatus } from '../../../shared/pacs/retrieve';
import type { FileRegistry } from '../file-registry';
import { createDicomWebClient } from './dicomweb';
import { createDimseClient } from './dimse';
import { createPacsNodeStore, type StoredNode } from './node-store';
import type { PacsClient } from './pacs-client';
import { createRetrieveJobs } from './retrieve-jobs';

export interface PacsService {
  listNodes(): Promise<PacsNode[]>;
  saveNode(input: PacsNodeInput): Promise<PacsNode>;
  removeNode(id: string): Promise<void>;
  echo(nodeId: string): Promise<string>;
  search(nodeId: string, query: PacsQuery): Promise<PacsStudyResult[]>;
  retrieve(nodeId: string, request: RetrieveRequest): Promise<RetrieveStatus>;
  retrieveStatus(jobId: string): Promise<RetrieveStatus>;
  cancelRetrieve(jobId: string): Promise<RetrieveStatus>;
  /** Stores DICOM Part 10 files (our SR, an Encapsulated PDF) on the server; resolves with what was done. */
  store(nodeId: string, instances: readonly Uint8Array[]): Promise<string>;
}

export interface PacsServiceOptions {
  readonly timeoutMs?: number;
}

/** PACS nodes, searches, retrieves and stores, all on the host: the renderer never opens a socket. */
export function createPacsService(dataDir: string, registry: FileRegistry, options: PacsServiceOptions = {}): PacsService {
  const nodes = createPacsNodeStore(path.join(dataDir, 'nodes.json'));
  const jobs = createRetrieveJobs(path.join(dataDir, 'retrieved'), registry);

  const clientOf = (node: StoredNode): PacsClient =>
    node.kind === 'dicomweb' ? createDicomWebClient(node, options) : createDimseClient(node, options);

  async function client(nodeId: string): Promise<PacsClient> {
    const node = await nodes.get(nodeId);
    if (!node) throw new Error('That server is no longer in the list');
    return clientOf(node);
  }

  return {
    listNodes: () => nodes.list(),
    saveNode: (input) => nodes.save(input),
    removeNode: (id) => nodes.remove(id),
    echo: async (id) => (await client(id)).echo(),
    search: async (id, query) => (await client(id)).search(query),
    retrieve: async (id, request) => jobs.start(await client(id), request),
    retrieveStatus: async (jobId) => jobs.status(jobId),
    cancelRetrieve: (jobId) => jobs.cancel(jobId),
    async store(id, instances) {
      // Only DICOM Part 10 files: 128-byte preamble, then "DICM" (PS3.10 §7.1).
      if (instances.some((b) => b.length < 132 || String.fromCharCode(...b.subarray(128, 132)) !== 'DICM')) {
        throw new Error('Only DICOM files can be stored on a PACS');
      }
      await (await client(id)).store(instances);
      return `Stored ${instances.length} object${instances.length === 1 ? '' : 's'} on the server`;
    },
  };
}
