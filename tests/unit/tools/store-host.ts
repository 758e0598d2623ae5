/**
 * The real browser-mode host (loopback HTTP, real annotation store in a temporary folder) for the renderer
 * store tests under happy-dom: the page's address is pointed at it before the stores are imported, so
 * the platform module talks to it exactly as the app does in browser mode.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBrowserHost, type BrowserHost } from '../../../electron/browser-host';
import { createAnnotationStorage } from '../../../electron/services/annotation-storage';
import { createHostApi } from '../../../electron/services/host-api';
import { createHostServices } from '../../../electron/services/host-services';

export interface TestHost {
  readonly host: BrowserHost;
  /** Where the annotation store writes its files. */
  readonly annotationsDir: string;
  close(): Promise<void>;
}

export async function startTestHost(): Promise<TestHost> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinelab-store-'));
  const rendererDir = path.join(dir, 'renderer');
  mkdirSync(rendererDir);
  const services = createHostServices({
    version: 'test',
    mode: 'browser',
    userDataDir: dir,
    samplesDir: path.join(dir, 'no-samples'),
    annotations: createAnnotationStorage,
  });
  const host = await startBrowserHost({ api: createHostApi(services), registry: services.registry, rendererDir });
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(host.url);
  return {
    host,
    annotationsDir: path.join(dir, 'annotations'),
    async close() {
      await host.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
