import { fileUrlPath, type FileRef, type HostApi } from '../../shared/api';
import type { FileSource, Platform } from './platform';

interface SpineMenu {
  onCommand(listener: (command: string) => void): void;
}

declare global {
  interface Window {
    spine?: HostApi;
    spineMenu?: SpineMenu;
  }
}

export function createElectronPlatform(api: HostApi, menu: SpineMenu | undefined): Platform {
  async function fetchBytes(id: string): Promise<ArrayBuffer> {
    const response = await fetch(fileUrlPath(id));
    if (!response.ok) throw new Error(`Could not read the file (${response.status})`);
    return response.arrayBuffer();
  }
  return {
    mode: 'electron',
    api,
    sourcesFor: (files: readonly FileRef[]): FileSource[] =>
      files.map((f) => ({ name: f.name, relativePath: f.relativePath, size: f.size, read: () => fetchBytes(f.id) })),
    imageUrlFor: async (fileId) => fileUrlPath(fileId),
    saveExport: (suggestedName, mimeType, bytes) => api.saveExport({ suggestedName, mimeType, bytes }),
    onMenuCommand: (listener) => menu?.onCommand(listener),
  };
}
