// Bundles the Electron main process, the preload and the browser-mode host with esbuild.
import { build } from 'esbuild';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', external: ['electron'] };

await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs', format: 'cjs' }),
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs', sourcemap: false }),
  build({ ...common, entryPoints: ['electron/browser-main.ts'], outfile: 'dist/electron/browser-main.cjs', format: 'cjs' }),
]);
