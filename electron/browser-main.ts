import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBrowserHost } from './browser-host';
import { createAnnotationStorage } from './services/annotation-storage';
import { createHostApi } from './services/host-api';
import { createHostServices } from './services/host-services';

/**
 * Browser mode entry: the renderer and the same services on 127.0.0.1, opened in a local
 * Chromium app window when one is found. Usage: browser-main [--port N] [--no-open] [--data DIR]
 */
const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const root = path.resolve(__dirname, '..', '..');
const userDataDir = flag('--data') ?? process.env.SPINELAB_DATA_DIR ?? path.join(os.homedir(), '.spinelab');
const services = createHostServices({
  version: process.env.npm_package_version ?? '0.1.0',
  mode: 'browser',
  userDataDir,
  samplesDir: path.join(root, 'samples', 'cases'),
  annotations: createAnnotationStorage,
});

const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

async function main(): Promise<void> {
  const host = await startBrowserHost({
    api: createHostApi(services),
    registry: services.registry,
    rendererDir: path.join(root, 'dist', 'renderer'),
    port: Number(flag('--port') ?? 0),
  });
  const browser = CHROMIUM_CANDIDATES.find((c) => existsSync(c));
  if (!args.includes('--no-open') && browser && (process.env.DISPLAY || process.platform !== 'linux')) {
    // The launch address is on Chromium's command line, which every local user can read: it holds a
    // one-time code, spent when the window loads, never the token itself (browser-host.ts).
    const profile = path.join(userDataDir, 'browser-profile');
    spawn(browser, [`--app=${host.url}`, `--user-data-dir=${profile}`, '--no-first-run', '--disable-background-networking', '--disable-sync'], {
      stdio: 'ignore',
      detached: true,
    }).unref();
    console.log(`SpineLab is running at http://127.0.0.1:${host.port}/ in a Chromium app window.`);
  } else {
    console.log(`SpineLab is running. Open this address once in Chromium or Chrome (it works for one page only):\n${host.url}`);
  }
  const stop = () => void host.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
