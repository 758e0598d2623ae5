import type { HostApi, LoadedAnnotations, OpenedFiles } from '../../shared/api';
import type { FileRegistry } from './file-registry';
import { HostError } from './host-error';
import type { PacsService } from './pacs/pacs-service';
import type { RecentList } from './recent-list';
import type { SampleLibrary } from './sample-library';

/** What the host needs from its platform: native dialogs exist only in Electron. */
export interface HostDialogs {
  showOpen(kind: 'files' | 'folder'): Promise<string[] | null>;
  /** Writes the bytes where the user chose; returns the path, or null when cancelled. */
  saveAs(suggestedName: string, bytes: Uint8Array): Promise<string | null>;
}

export interface AnnotationStorage {
  load(studyInstanceUid: string): Promise<LoadedAnnotations>;
  save(studyInstanceUid: string, document: unknown): Promise<void>;
}

export interface HostServices {
  readonly version: string;
  readonly mode: 'electron' | 'browser';
  readonly registry: FileRegistry;
  readonly recent: RecentList;
  readonly samples: SampleLibrary;
  readonly annotations: AnnotationStorage;
  readonly pacs: PacsService;
  readonly dialogs?: HostDialogs;
}

/**
 * The host API behind both Electron IPC and the loopback HTTP host. Arguments reach these
 * handlers only after `validateCall` in shared/api.ts has checked them.
 */
export function createHostApi(s: HostServices): HostApi {
  async function openAndRemember(paths: string[]): Promise<OpenedFiles> {
    const opened = await s.registry.openPaths(paths);
    await s.recent.add(paths, opened.label);
    return opened;
  }
  return {
    appInfo: async () => ({ version: s.version, mode: s.mode, platform: process.platform }),
    listSamples: () => s.samples.list(),
    openSample: (id) => s.samples.open(id),
    sampleCaseDetails: (id) => s.samples.details(id),
    async showOpenDialog(kind) {
      if (!s.dialogs) return null;
      const paths = await s.dialogs.showOpen(kind);
      return paths && paths.length > 0 ? openAndRemember(paths) : null;
    },
    listRecent: () => s.recent.list(),
    async openRecent(id) {
      const paths = await s.recent.pathsFor(id);
      if (!paths) throw new HostError('not-found', 'That recent item is no longer available');
      return openAndRemember(paths);
    },
    loadAnnotations: (uid) => s.annotations.load(uid),
    saveAnnotations: (uid, doc) => s.annotations.save(uid, doc),
    saveExport: async ({ suggestedName, bytes }) => (s.dialogs ? s.dialogs.saveAs(suggestedName, bytes) : null),
    pacsListNodes: () => s.pacs.listNodes(),
    pacsSaveNode: (input) => s.pacs.saveNode(input),
    pacsRemoveNode: (id) => s.pacs.removeNode(id),
    pacsEcho: (id) => s.pacs.echo(id),
    pacsSearch: (id, query) => s.pacs.search(id, query),
    pacsRetrieve: (id, request) => s.pacs.retrieve(id, request),
    pacsRetrieveStatus: (jobId) => s.pacs.retrieveStatus(jobId),
    pacsCancelRetrieve: (jobId) => s.pacs.cancelRetrieve(jobId),
    pacsStore: (id, instances) => s.pacs.store(id, instances.map((b64) => new Uint8Array(Buffer.from(b64, 'base64')))),
  };
}
