import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { CHANNELS } from './src-shared/contract';
import { antdFirstScreenCss } from './build/antdFirstScreenCss';
import { firstRunWelcome } from './build/firstRunWelcome';

/**
 * DESK_BUILD=main builds only the main process's code: what scripts/run-built.mjs needs to run the
 * CLI (and the web host when no screen changed), in about a third of the full build's time.
 */
const mainOnly = process.env.DESK_BUILD === 'main';

/**
 * Requiring exceljs takes 180–350 ms on this 2-core machine and recheck 70–80 ms, at every start of
 * the app, the web host and the CLI, though a start needs neither: exceljs reads and writes
 * spreadsheets when the seller imports or exports one, recheck vets a regex rule when one is saved
 * or compiled. Each import of them in main's code is given a stand-in that requires the package on
 * first use. The stand-in offers what the code uses (`shape`): the default export as a whole, or
 * the named functions listed; an import of anything else fails the build, not the seller.
 */
const LAZY_EXTERNALS: Record<string, 'default' | string[]> = { exceljs: 'default', recheck: ['checkSync'] };

function lazyExternals(lazy: Record<string, 'default' | string[]>): Plugin {
  const prefix = '\0lazy-external:';
  return {
    name: 'desk-lazy-externals',
    enforce: 'pre',
    resolveId(id, importer) {
      if (!(id in lazy)) return undefined;
      // The stand-in's own require stays a require of the installed package (externalised here:
      // the externalizeDeps list would otherwise take the id before this plugin sees it).
      return importer?.startsWith(prefix) ? { id, external: true } : prefix + id;
    },
    load(id) {
      if (!id.startsWith(prefix)) return undefined;
      const name = id.slice(prefix.length);
      const shape = lazy[name];
      if (!shape) return undefined;
      // A runtime require of the real package, left as it is in the CommonJS output.
      const head = `let mod;\nconst load = () => (mod ??= require(${JSON.stringify(name)}));\n`;
      if (shape === 'default') {
        return `${head}export default new Proxy({}, { get: (_t, key) => load()[key], has: (_t, key) => key in load() });\n`;
      }
      return head + shape.map((f) => `export function ${f}(...args) { return load().${f}(...args); }\n`).join('');
    },
  };
}

/**
 * The web host serves the renderer to a browser over HTTP: each text asset gets a brotli (.br) and a
 * gzip (.gz) twin, written here once so the host only picks the one the browser accepts (sirv's
 * `brotli`/`gzip`, src-main/host/server.ts). Electron loads the plain files; the twins stay beside them.
 */
function precompress(): Plugin {
  return {
    name: 'desk-precompress',
    apply: 'build',
    // From the files as written: in generateBundle, later plugins (vite's preload helper) still change the code.
    writeBundle(options, bundle) {
      const dir = options.dir;
      if (!dir) return;
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(fileName)) continue;
        const path = join(dir, fileName);
        const bytes = readFileSync(path);
        // Below about a packet, compressing saves nothing worth a second file.
        if (bytes.length < 1024) continue;
        const br = brotliCompressSync(bytes, {
          params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length },
        });
        writeFileSync(`${path}.br`, br);
        writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  main: {
    plugins: [lazyExternals(LAZY_EXTERNALS)],
    build: {
      // electron-store and its engine conf are ESM-only: bundle them into the CommonJS main build.
      // exceljs and recheck stay external through lazyExternals above, which must see their imports.
      externalizeDeps: { exclude: ['electron-store', 'conf', ...Object.keys(LAZY_EXTERNALS)] },
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
  preload: mainOnly
    ? undefined
    : {
        build: {
          // A sandboxed preload must be one CommonJS file with no imports left.
          externalizeDeps: false,
          rollupOptions: {
            input: { index: resolve(__dirname, 'src-preload/index.ts') },
            output: { format: 'cjs', codeSplitting: false, entryFileNames: '[name].cjs' },
          },
        },
      },
  renderer: mainOnly
    ? undefined
    : {
        root: resolve(__dirname, 'src-renderer'),
        plugins: [react(), antdFirstScreenCss(), firstRunWelcome(), precompress()],
        // The web bridge needs only the channel names: given here, the page never loads zod and the
        // schemas (main validates every input anyway).
        define: { __DESK_CHANNELS__: JSON.stringify(CHANNELS) },
        build: {
          // electron-vite leaves the renderer unminified by default: 3 MB of JavaScript and 1 MB of CSS
          // for the first screen, which a browser (the web host) fetches and parses at every start.
          minify: true,
          cssMinify: true,
          rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
        },
      },
});
