import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { CHANNELS } from './src-shared/contract';

/**
 * DESK_BUILD=main builds only the main process's code: what scripts/run-built.mjs needs to run the
 * CLI (and the web host when no screen changed), in about a third of the full build's time.
 */
const mainOnly = process.env.DESK_BUILD === 'main';

export default defineConfig({
  main: {
    build: {
      // electron-store and its engine conf are ESM-only: bundle them into the CommonJS main build.
      externalizeDeps: { exclude: ['electron-store', 'conf'] },
      rollupOptions: {
        // The CLI and the web host are plain Node entries over the same core, built here so they start
        // from JavaScript instead of being compiled by tsx at every start (scripts/run-built.mjs runs
        // them and rebuilds first when a source is newer). Code shared with the app lands in chunks
        // next to index.js; electron-builder.yml leaves the two entries out of the package.
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          cli: resolve(__dirname, 'src-main/cli.ts'),
          host: resolve(__dirname, 'src-main/host/main.ts'),
        },
      },
    },
  },
  preload: mainOnly ? undefined : {
    build: {
      // A sandboxed preload must be one CommonJS file with no imports left.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-preload/index.ts') },
        output: { format: 'cjs', codeSplitting: false, entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: mainOnly ? undefined : {
    root: resolve(__dirname, 'src-renderer'),
    plugins: [react()],
    // The web bridge needs only the channel names: given here, the page never loads zod and the
    // schemas (main validates every input anyway).
    define: { __DESK_CHANNELS__: JSON.stringify(CHANNELS) },
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
