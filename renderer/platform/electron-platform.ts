import { fileUrlPath, type HostApi } from '../../shared/api';
import { fetchFileBytes, sourcesForHostFiles, type Platform } from './platform';

interface SpineMenu {
  /** Returns the function that removes the listener. */
  onCommand(listener: (command: string) => void): () => void;
}

declare global {
  interface Window {
    spine?: HostApi;
    spineMenu?: SpineMenu;
  }
}

export function createElectronPlatform(api: HostApi, menu: SpineMenu | undefined): Platform {
  return {
    mode: 'electron',
    api,
    sourcesFor: (files) => sourcesForHostFiles(files, (id) => fetchFileBytes(id)),
    imageUrlFor: async (fileId) => fileUrlPath(fileId),
    saveExport: (suggestedName, mimeType, bytes) => api.saveExport({ suggestedName, mimeType, bytes }),
    onMenuCommand: (listener) => menu?.onCommand(listener) ?? (() => undefined),
  };
}
