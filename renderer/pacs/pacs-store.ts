import { create } from 'zustand';
import type { PacsNode } from '../../shared/pacs/nodes';
import type { RetrieveStatus } from '../../shared/pacs/retrieve';
import { platform } from '../platform';

export interface ActiveRetrieve {
  readonly label: string;
  readonly status: RetrieveStatus;
}

interface PacsState {
  nodes: PacsNode[];
  /** The server searched last: retrieves and store-back go to it. */
  selectedId?: string;
  retrieve?: ActiveRetrieve;
  /** "SR to PACS" also stores the report PDF (as Encapsulated PDF) beside the SR. */
  alsoStorePdf: boolean;
  refreshNodes(): Promise<void>;
  select(id: string | undefined): void;
  setRetrieve(retrieve: ActiveRetrieve | undefined): void;
  setAlsoStorePdf(on: boolean): void;
}

export const usePacsStore = create<PacsState>((set, get) => ({
  nodes: [],
  alsoStorePdf: false,
  async refreshNodes() {
    const nodes = await platform.api.pacsListNodes();
    const selectedId = nodes.some((n) => n.id === get().selectedId) ? get().selectedId : nodes[0]?.id;
    set({ nodes, selectedId });
  },
  select: (selectedId) => set({ selectedId }),
  setRetrieve: (retrieve) => set({ retrieve }),
  setAlsoStorePdf: (alsoStorePdf) => set({ alsoStorePdf }),
}));

export function selectedNode(s: Pick<PacsState, 'nodes' | 'selectedId'>): PacsNode | undefined {
  return s.nodes.find((n) => n.id === s.selectedId);
}
