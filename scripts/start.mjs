#!/usr/bin/env node
/**
 * `npm start`: the desktop app when Electron's binary is present or can be fetched; otherwise the
 * same app in the browser (the web host), with one line saying why and where to open it.
 * Arguments after `--` go to the app (e.g. `npm start -- --data D:\\shop-data`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const electronDir = join(root, 'node_modules', 'electron');

function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const bin = join(electronDir, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(bin) ? bin : undefined;
}

/** Why Electron cannot start, or undefined when it can. */
function ensureElectron() {
  if (electronBinary()) return undefined;
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1') {
    return 'ELECTRON_SKIP_BINARY_DOWNLOAD=1 is set, so the Electron binary was not downloaded / 已设置跳过下载 Electron';
  }
  const r = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'pipe', timeout: 300_000, encoding: 'utf8' });
  if (electronBinary()) return undefined;
  const why = `${r.stderr ?? ''}${r.stdout ?? ''}`.split('\n').find((l) => /error|ENOTFOUND|ECONN|ETIMEDOUT/i.test(l));
  return `the Electron binary could not be downloaded (${(why ?? `exit ${r.status}`).trim().slice(0, 160)}) / 无法下载 Electron 桌面程序`;
}

function run(cmd, cmdArgs, onSpawnError) {
  const child = spawn(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
  // A binary that cannot be started (an antivirus holding it, a broken download) raises 'error'
  // instead of 'exit': without a handler the launcher would crash with a stack trace.
  child.on('error', (err) => {
    if (onSpawnError) onSpawnError(err);
    else {
      console.error(`无法启动 / could not start ${cmd}: ${err.message}`);
      process.exit(2);
    }
  });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

function startWebHost(why) {
  console.log(`桌面程序无法启动，已改用浏览器模式 / Electron cannot start here, using the browser instead: ${why}`);
  // The web host as built just above (out/main/host.js), as `npm run start:web` runs it.
  run(process.execPath, [join(root, 'scripts', 'run-built.mjs'), 'host', ...args]);
}

const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) {
  console.error('构建失败，请查看上面的错误。 / The build failed; see the errors above.');
  process.exit(2);
}

// better-sqlite3 13 is Node-API: the prebuilt binary in its package loads in Node and Electron alike.
const why = ensureElectron();
if (why) startWebHost(why);
else
  run(electronBinary(), [root, ...args], (err) =>
    startWebHost(`the Electron binary is there but could not be started (${err.message.slice(0, 160)}) / Electron 程序无法运行`),
  );
