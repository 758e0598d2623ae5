import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { parseNodeInput, type DicomWebNode, type PacsNode, type PacsNodeInput } from '../../../shared/pacs/nodes';
import { createJsonFileWriter } from '../atomic-file';

/** A node as kept on disk: the public description plus its secret, which never leaves the host. */
export type StoredNode = (Omit<DicomWebNode, 'hasSecret'> & { readonly secret?: string }) | Exclude<PacsNode, DicomWebNode>;

export interface PacsNodeStore {
  /** The nodes as the renderer may see them: no secret, only whether one is kept. */
  list(): Promise<PacsNode[]>;
  /** The stored node with its secret, for the networking code. */
  get(id: string): Promise<StoredNode | undefined>;
  save(input: PacsNodeInput): Promise<PacsNode>;
  remove(id: string): Promise<void>;
}

export function publicNode(node: StoredNode): PacsNode {
  if (node.kind === 'dimse') return node;
  const { secret, ...rest } = node;
  return { ...rest, hasSecret: typeof secret === 'string' && secret.length > 0 };
}

/** The user's PACS servers, in one JSON file of the app's data folder, written atomically one change at a time. */
export function createPacsNodeStore(file: string): PacsNodeStore {
  async function read(): Promise<StoredNode[]> {
    try {
      const parsed: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
      if (!Array.isArray(parsed)) return [];
      // A hand-edited or older file: keep only entries that still pass the checks new ones pass.
      return parsed.filter((n): n is StoredNode => parseNodeInput(n).ok && typeof (n as StoredNode).id === 'string');
    } catch {
      return [];
    }
  }
  // Secrets sit in a folder only the user may enter.
  const store = createJsonFileWriter(file, { folderMode: 0o700 });

  return {
    list: async () => (await read()).map(publicNode),
    get: async (id) => (await read()).find((n) => n.id === id),
    save: (input) =>
      store.serialised(async () => {
        const nodes = await read();
        const id = input.id ?? randomBytes(9).toString('base64url');
        const previous = nodes.find((n) => n.id === id);
        if (input.id !== undefined && !previous) throw new Error('That server is no longer in the list');
        let stored: StoredNode;
        if (input.kind === 'dicomweb') {
          const { secret, ...rest } = input;
          // An empty secret field while editing keeps the one already stored; auth "none" drops it.
          const kept = secret !== undefined && secret !== '' ? secret : previous?.kind === 'dicomweb' ? previous.secret : undefined;
          stored = { ...rest, id, baseUrl: input.baseUrl.replace(/\/+$/, ''), ...(input.auth !== 'none' && kept ? { secret: kept } : {}) };
        } else {
          stored = { ...input, id };
        }
        await store.write(previous ? nodes.map((n) => (n.id === id ? stored : n)) : [...nodes, stored]);
        return publicNode(stored);
      }),
    remove: (id) =>
      store.serialised(async () => {
        const nodes = await read();
        await store.write(nodes.filter((n) => n.id !== id));
      }),
  };
}
