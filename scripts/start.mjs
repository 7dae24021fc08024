#!/usr/bin/env node
/**
 * `npm start`: the desktop app when Electron's binary is present or can be fetched; otherwise the
 * same app in the browser (the web host), with one line saying why and where to open it.
 * Arguments after `--` go to the app (e.g. `npm start -- --data D:\\shop-data`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, mkdirSync, cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
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

/**
 * better-sqlite3 compiled against Electron's ABI, in its own folder so the Node build that the
 * tests and the web host use is never overwritten.
 */
function ensureElectronSqlite() {
  const target = join(root, '.electron-native', 'better-sqlite3');
  const binary = join(target, 'build', 'Release', 'better_sqlite3.node');
  const electronVersion = require('electron/package.json').version;
  const stamp = join(target, '.electron-version');
  if (existsSync(binary) && existsSync(stamp) && readFileSync(stamp, 'utf8') === electronVersion) return undefined;
  mkdirSync(target, { recursive: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), target, { recursive: true, filter: (p) => !p.includes(join('build', 'Release')) });
  const gyp = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  const r = spawnSync(
    process.execPath,
    [existsSync(gyp) ? gyp : require.resolve('node-gyp/bin/node-gyp.js'), 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'],
    { cwd: target, stdio: 'inherit', env: { ...process.env, npm_config_nodedir: '' } },
  );
  if (r.status !== 0 || !existsSync(binary)) return 'better-sqlite3 could not be built for Electron / 无法为桌面程序编译数据库组件';
  spawnSync(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(stamp)}, ${JSON.stringify(electronVersion)})`]);
  return undefined;
}

function run(cmd, cmdArgs) {
  const child = spawn(cmd, cmdArgs, { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

const build = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) {
  console.error('构建失败，请查看上面的错误。 / The build failed; see the errors above.');
  process.exit(2);
}

const why = ensureElectron() ?? ensureElectronSqlite();
if (why) {
  console.log(`桌面程序无法启动，已改用浏览器模式 / Electron cannot start here, using the browser instead: ${why}`);
  run(process.execPath, [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(root, 'src-main', 'host', 'main.ts'), ...args]);
} else {
  run(electronBinary(), [root, ...args]);
}
