// `npm start`: a real Electron window where the Electron binary is (or can be) installed,
// otherwise one line of notice and browser mode on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const passthrough = process.argv.slice(2);

function electronBinary() {
  if (process.env.SPINELAB_BROWSER_MODE === '1' || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1') return undefined;
  // Resolving the electron package downloads the binary on first use (electron >= 45); do it in a
  // child with a time limit so an offline machine falls through to browser mode quickly.
  const probe = spawnSync(process.execPath, ['-e', 'process.stdout.write(require("electron"))'], {
    encoding: 'utf8',
    timeout: 120_000,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return probe.status === 0 && probe.stdout ? probe.stdout : undefined;
}

let binary;
try {
  require.resolve('electron');
  binary = electronBinary();
} catch {
  binary = undefined;
}

const child = binary
  ? spawn(binary, ['.', ...passthrough], { stdio: 'inherit' })
  : (console.log('Electron is not installed on this machine (its binary could not be downloaded): starting SpineLab in browser mode.'),
    spawn(process.execPath, ['dist/electron/browser-main.cjs', ...passthrough], { stdio: 'inherit' }));
child.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
