import { fileUrlPath, type FileRef, type HostApi } from '../../shared/api';

/** A file the renderer can read, wherever it came from (host, file picker, drag and drop). */
export interface FileSource {
  readonly name: string;
  readonly relativePath: string;
  readonly size: number;
  read(): Promise<ArrayBuffer>;
}

/** The renderer's one door to its host: Electron (window.spine) or browser mode (fetch). */
export interface Platform {
  readonly mode: 'electron' | 'browser';
  readonly api: HostApi;
  /** Sources for files the host opened; bytes are fetched only when read. */
  sourcesFor(files: readonly FileRef[]): FileSource[];
  /** URL for showing a host file (e.g. a thumbnail) in an <img>, or undefined. */
  imageUrlFor(fileId: string): Promise<string | undefined>;
  /** Saves bytes the user exported: a save dialog in Electron, a download in the browser. */
  saveExport(suggestedName: string, mimeType: string, bytes: Uint8Array): Promise<string | null>;
  /** Calls `listener` with each application menu command; returns the function that stops it. */
  onMenuCommand(listener: (command: string) => void): () => void;
}

export function sourcesFromBrowserFiles(files: readonly File[]): FileSource[] {
  return files.map((f) => ({
    name: f.name,
    relativePath: f.webkitRelativePath || f.name,
    size: f.size,
    read: () => f.arrayBuffer(),
  }));
}

/** Reads a host-opened file's bytes from its URL under the app origin. */
export async function fetchFileBytes(fileId: string, headers: Record<string, string> = {}): Promise<ArrayBuffer> {
  const response = await fetch(fileUrlPath(fileId), { headers });
  if (!response.ok) throw new Error(`Could not read the file (HTTP ${response.status})`);
  return response.arrayBuffer();
}

/** Sources for files the host opened; bytes are fetched only when read. */
export function sourcesForHostFiles(files: readonly FileRef[], read: (id: string) => Promise<ArrayBuffer>): FileSource[] {
  return files.map((f) => ({ name: f.name, relativePath: f.relativePath, size: f.size, read: () => read(f.id) }));
}
