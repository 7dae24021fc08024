#!/usr/bin/env node
/**
 * `npm run cli -- …` and `npm run start:web -- …`: runs the built CLI (out/main/cli.js) or web host
 * (out/main/host.js) from JavaScript, so a start costs no TypeScript compiling. When a source is
 * newer than the built file, it rebuilds first (electron-vite, the app's one build), so a command
 * typed after an edit runs the edit:
 * - the CLI needs only the main build (about 1.5 s; DESK_BUILD=main skips preload and renderer);
 * - the web host also needs the screens: a change under src-renderer rebuilds everything.
 * Concurrent launchers on one folder take turns (a lock directory) so two never write it at once.
 *
 * Usage: node scripts/run-built.mjs <cli|host> [args…]
 *        node scripts/run-built.mjs --build <cli|host>   (only bring the build up to date)
 * DESK_OUT_DIR=DIR builds into and runs from DIR instead of out/ (the tests and the bench use their
 * own folder: out/ is rewritten by every `npm run build`). Outside the project, set NODE_PATH to
 * the project's node_modules so the externals (better-sqlite3…) resolve.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire, enableCompileCache } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(root, process.env.DESK_OUT_DIR || 'out');

/** What each part of the build is made from (bundled dev dependencies come in through the lock file). */
const COMMON = ['src-shared', 'package.json', 'package-lock.json', 'electron.vite.config.ts'];
const MAIN_INPUTS = ['src-main', ...COMMON];
const RENDERER_INPUTS = ['src-renderer', ...COMMON];

/** The newest modification time under these paths (directories count: a deleted file changes its folder). */
function newest(paths) {
  let max = 0;
  const walk = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    max = Math.max(max, st.mtimeMs);
    if (st.isDirectory()) for (const name of readdirSync(p)) walk(join(p, name));
  };
  for (const p of paths) walk(join(root, p));
  return max;
}

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

/** 'all', 'main' or null: the build this entry needs before it can run. */
function buildNeeded(entry) {
  const mainStale = mtime(join(outDir, 'main', `${entry}.js`)) < newest(MAIN_INPUTS);
  if (entry === 'host' && mtime(join(outDir, 'renderer', 'index.html')) < newest(RENDERER_INPUTS)) return 'all';
  return mainStale ? 'main' : null;
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Holds a lock directory beside the output while `fn` runs; a lock left by a killed build expires. */
function withLock(fn) {
  mkdirSync(outDir, { recursive: true });
  const lock = join(outDir, '.build-lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      if (Date.now() - mtime(lock) > 5 * 60_000) rmSync(lock, { recursive: true, force: true });
      else sleep(100);
    }
  }
  try {
    return fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function ensureBuilt(entry) {
  if (!buildNeeded(entry)) return;
  withLock(() => {
    // Another launcher may have built it while this one waited.
    const need = buildNeeded(entry);
    if (!need) return;
    process.stderr.write(`源代码有改动，正在构建… / Sources changed, building ${need === 'main' ? 'the CLI and web host' : 'the app'}…\n`);
    const r = spawnSync(
      process.execPath,
      [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--outDir', outDir, '--logLevel', 'error'],
      {
        cwd: root,
        // stdout stays the command's own (`--json` prints one document there): the build talks on stderr.
        stdio: ['ignore', process.stderr, process.stderr],
        env: { ...process.env, DESK_BUILD: need },
      },
    );
    if (r.status !== 0 || !existsSync(join(outDir, 'main', `${entry}.js`))) {
      process.stderr.write('构建失败，请查看上面的错误。 / The build failed; see the errors above.\n');
      process.exit(2);
    }
  });
}

const buildOnly = process.argv[2] === '--build';
const [entry, ...args] = process.argv.slice(buildOnly ? 3 : 2);
if (entry !== 'cli' && entry !== 'host') {
  process.stderr.write('用法 Usage: node scripts/run-built.mjs [--build] <cli|host> [args…]\n');
  process.exit(1);
}
ensureBuilt(entry);
if (buildOnly) process.exit(0);
const target = join(outDir, 'main', `${entry}.js`);
if (!existsSync(target)) {
  process.stderr.write(`找不到 ${target} / not built\n`);
  process.exit(2);
}
// V8's compiled code for the bundle and its packages, kept between starts (Node checks each file's
// content against it): about 50 ms of a 200–300 ms CLI start on this machine.
enableCompileCache(join(root, 'node_modules', '.cache', 'choice-seller-desk', 'compile-cache'));
// In this process, not a child: no second Node start, and the host's own signal handlers apply.
process.argv = [process.argv[0], target, ...args];
createRequire(import.meta.url)(target);
