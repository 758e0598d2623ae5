import path from 'node:path';
import { createFileRegistry } from './file-registry';
import type { AnnotationStorage, HostDialogs, HostServices } from './host-api';
import { createPacsService } from './pacs/pacs-service';
import { createRecentList } from './recent-list';
import { createSampleLibrary } from './sample-library';

export interface HostServiceConfig {
  readonly version: string;
  readonly mode: 'electron' | 'browser';
  /** The app's data folder: recent list, annotation store and PACS nodes live here. */
  readonly userDataDir: string;
  readonly samplesDir: string;
  readonly annotations: (dir: string) => AnnotationStorage;
  readonly dialogs?: HostDialogs;
}

/** The composition root shared by the Electron main process and the browser host. */
export function createHostServices(config: HostServiceConfig): HostServices {
  const registry = createFileRegistry();
  return {
    version: config.version,
    mode: config.mode,
    registry,
    recent: createRecentList(path.join(config.userDataDir, 'recent.json')),
    samples: createSampleLibrary(config.samplesDir, registry),
    annotations: config.annotations(path.join(config.userDataDir, 'annotations')),
    pacs: createPacsService(path.join(config.userDataDir, 'pacs'), registry),
    dialogs: config.dialogs,
  };
}
