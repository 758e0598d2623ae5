import { defineConfig } from 'vite';

// The renderer is a static bundle: served by the app:// protocol in Electron and by the
// loopback host in browser mode, so every asset path is relative.
export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: false,
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      // The codec packages' Emscripten glue names fs/path for Node; in the browser those branches never run.
      onwarn(warning, warn) {
        if (/externalized for browser compatibility/.test(warning.message)) return;
        warn(warning);
      },
    },
  },
  worker: { format: 'es' },
  esbuild: { jsx: 'automatic' },
});
