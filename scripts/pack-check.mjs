#!/usr/bin/env node
/**
 * The packaging check that runs where no Electron binary can be downloaded: validates
 * build/electron-builder.yml with electron-builder's own schema, packs `--linux --dir` and
 * `--win --dir` against stand-in Electron folders (-c.electronDist), and checks the result: app.asar
 * within its size budget, holding main, preload, renderer and the tray icon and no development
 * packages; the SQLite binaries unpacked beside it (electron-builder only warns when one is
 * missing); the fuses set; on Windows the icon, version strings and asar integrity hash written
 * into the .exe. Only the NSIS step itself (makensis, downloaded from GitHub) is left to a machine
 * with internet. `npm run pack:check` prints the figures; test/main/packaged.test.ts boots the
 * packed Linux app.asar.
 *
 * Usage: node scripts/pack-check.mjs [--out DIR] [--json]   (run `npm run build` first)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
export const CONFIG_FILE = join(root, 'build', 'electron-builder.yml');

/**
 * app.asar held 22.6 MB when this was set (Dec 2026): out/ 5.6 MB (renderer 4.4, main 0.9), the
 * runtime packages main requires 17 MB (exceljs and its dependencies about 8, recheck's engine 2.9,
 * zod 2.7). The budget leaves about a fifth for growth: a renderer package landing in
 * `dependencies` (antd alone is over 30 MB) or a dropped exclusion (recheck's agents are 52 MB)
 * fails here before it doubles the seller's download.
 */
export const ASAR_BUDGET_BYTES = 28 * 1024 * 1024;

/** better-sqlite3's prebuilt binaries the package must carry: Linux x64 (booted here) and Windows x64. */
export const SQLITE_BINARIES = ['linux-x64.node', 'win32-x64.node'];

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron's own fuse defaults (FuseV1: RunAsNode … GrantFileProtocolExtraPrivileges): what a pack must change. */
const DEFAULT_WIRE = '10110001';
export const FUSE_NAMES = [
  'RunAsNode',
  'EnableCookieEncryption',
  'EnableNodeOptionsEnvironmentVariable',
  'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation',
  'OnlyLoadAppFromAsar',
  'LoadBrowserProcessSpecificV8Snapshot',
  'GrantFileProtocolExtraPrivileges',
];
export const WANTED_FUSES = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
};

/** electron-builder's schema check and its own config loader, as `electron-builder` itself runs them. */
export async function validateConfig(configFile = CONFIG_FILE) {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
  const { DebugLogger } = require('builder-util');
  const config = await getConfig(root, configFile, null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

/** resedit: the PE resource editor electron-builder itself uses for the .exe (a dependency of app-builder-lib). */
function resedit() {
  return createRequire(require.resolve('app-builder-lib/package.json'))('resedit');
}

/**
 * A Windows executable electron-builder can edit: an empty x64 PE with a version resource (it
 * refuses an .exe it cannot read version info from).
 */
function standInExe() {
  const R = resedit();
  const exe = R.NtExecutable.createEmpty(false, false);
  const res = R.NtExecutableResource.from(exe);
  const vi = R.Resource.VersionInfo.createEmpty();
  const [major, minor, patch] = require('electron/package.json').version.split('.').map(Number);
  vi.lang = 1033;
  vi.setFileVersion(major, minor, patch, 0);
  vi.setProductVersion(major, minor, patch, 0);
  vi.setStringValues(
    { lang: 1033, codepage: 1200 },
    { ProductName: 'Electron', FileDescription: 'stand-in Electron for packaging checks', CompanyName: 'stand-in' },
  );
  vi.outputToResourceEntries(res.entries);
  res.outputResource(exe);
  return Buffer.from(exe.generate());
}

/**
 * An Electron folder as electron-builder expects it from `electronDist`, without Electron: the
 * executable carries the fuse sentinel and Electron's default wire so @electron/fuses can flip it,
 * and locale files so the language trim can be seen.
 */
export function makeStandInElectron(dir, platform = 'linux') {
  mkdirSync(join(dir, 'locales'), { recursive: true });
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const wire = Buffer.concat([Buffer.from(SENTINEL, 'latin1'), Buffer.from([1, DEFAULT_WIRE.length]), Buffer.from(DEFAULT_WIRE, 'latin1')]);
  if (platform === 'win') writeFileSync(join(dir, 'electron.exe'), Buffer.concat([standInExe(), wire]));
  else {
    writeFileSync(
      join(dir, 'electron'),
      Buffer.concat([
        Buffer.from('#!/bin/sh\n# stand-in Electron for packaging checks: it cannot run anything.\nexit 1\n# '),
        wire,
        Buffer.from('\n'),
      ]),
    );
    chmodSync(join(dir, 'electron'), 0o755);
  }
  for (const l of ['en-US', 'zh-CN', 'de', 'ja']) writeFileSync(join(dir, 'locales', `${l}.pak`), l);
  writeFileSync(join(dir, 'version'), require('electron/package.json').version);
  writeFileSync(join(dir, 'LICENSE'), 'stand-in');
  return dir;
}

/** The fuse states in a packed executable, by name ('0'/'1' → false/true). */
export function readFuses(executable) {
  const bin = readFileSync(executable);
  const at = bin.indexOf(SENTINEL);
  if (at < 0) throw new Error(`no fuse sentinel in ${executable}`);
  const len = bin[at + SENTINEL.length + 1];
  const states = bin.subarray(at + SENTINEL.length + 2, at + SENTINEL.length + 2 + len).toString('latin1');
  return Object.fromEntries(FUSE_NAMES.slice(0, len).map((n, i) => [n, states[i] === '1']));
}

function dirSize(dir) {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? dirSize(p) : statSync(p).size;
  }
  return total;
}

/** Packs `--linux --dir` or `--win --dir` into outDir; throws with electron-builder's output on failure. */
export function pack(outDir, platform = 'linux') {
  const electronDist = makeStandInElectron(join(outDir, `stand-in-electron-${platform}`), platform);
  const builder = join(root, 'node_modules', 'electron-builder', 'cli.js');
  const r = spawnSync(
    process.execPath,
    [
      builder,
      '--config',
      CONFIG_FILE,
      `--${platform}`,
      'dir',
      '--x64',
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${join(outDir, 'dist')}`,
    ],
    // No downloads are needed for a --dir pack with electronDist; CI keeps it that way.
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
      timeout: 300_000,
    },
  );
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0) throw new Error(`electron-builder failed (exit ${r.status}):\n${output}`);
  return { appDir: join(outDir, 'dist', `${platform}-unpacked`), output };
}

/** What electron-builder wrote into the Windows .exe: icon sizes, version strings, the asar hash. */
export function exeResources(executable) {
  const R = resedit();
  const res = R.NtExecutableResource.from(R.NtExecutable.from(readFileSync(executable), { ignoreCert: true }));
  const strings = R.Resource.VersionInfo.fromEntries(res.entries).flatMap((v) =>
    v.getAllLanguagesForStringValues().map((l) => v.getStringValues(l)),
  );
  const icons = R.Resource.IconGroupEntry.fromEntries(res.entries).map((g) => g.icons.map((i) => i.width || 256));
  const integrity = res.entries.find((e) => e.type === 'INTEGRITY');
  return { strings: strings[0] ?? {}, icons, integrity: integrity ? JSON.parse(Buffer.from(integrity.bin).toString('utf8')) : null };
}

/** What the packed folder holds, and every way it falls short of what the installer must ship. */
/** The package names a built file loads (require, import, dynamic import): 'a' of 'a/b', '@s/a' of '@s/a/b'. */
export function packagesRequiredBy(sources) {
  const names = new Set();
  for (const text of sources)
    for (const m of text.matchAll(/(?:require\(|\bfrom\s*|\bimport\s*\(?)\s*["']([^"'./][^"']*)["']/g)) {
      const parts = m[1].split('/');
      names.add(parts[0].startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  return names;
}

export function inspect(appDir, platform = 'linux') {
  const asar = require('@electron/asar');
  const resources = join(appDir, 'resources');
  const asarFile = join(resources, 'app.asar');
  const problems = [];
  if (!existsSync(asarFile)) return { problems: [`no app.asar in ${resources}`] };
  const files = asar.listPackage(asarFile, { isPack: false }).map((f) => f.replace(/\\/g, '/').replace(/^\//, ''));
  const has = (f) => files.includes(f);
  for (const f of ['package.json', 'out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html', 'build/icon.png']) {
    if (!has(f)) problems.push(`app.asar lacks ${f}`);
  }
  // The one this pack boots, and the one the Windows installer ships (same file list for both).
  const binaries = SQLITE_BINARIES.map((b) => `node_modules/better-sqlite3/prebuilds/${b}`);
  for (const binary of binaries) {
    const unpacked = join(resources, 'app.asar.unpacked', binary);
    if (!existsSync(unpacked)) problems.push(`the SQLite binary is missing from the package: ${relative(appDir, unpacked)}`);
    else if (!asar.statFile(asarFile, binary).unpacked) problems.push(`${binary} is not marked unpacked in app.asar`);
  }
  const unpackedBinary = join(resources, 'app.asar.unpacked', binaries[platform === 'win' ? 1 : 0]);
  const otherBinaries = files.filter((f) => /better-sqlite3\/prebuilds\/./.test(f) && !binaries.includes(f));
  if (otherBinaries.length) problems.push(`other platforms' SQLite binaries are packed: ${otherBinaries.join(', ')}`);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const topModules = [
    ...new Set(
      files
        .filter((f) => f.startsWith('node_modules/'))
        .map((f) =>
          f
            .split('/')
            .slice(1, f.split('/')[1].startsWith('@') ? 3 : 2)
            .join('/'),
        ),
    ),
  ];
  const devOnly = topModules.filter((m) => m in (pkg.devDependencies ?? {}));
  if (devOnly.length) problems.push(`development packages are packed: ${devOnly.join(', ')}`);
  for (const dep of Object.keys(pkg.dependencies ?? {}))
    if (!topModules.includes(dep)) problems.push(`runtime dependency ${dep} is not packed`);
  // `dependencies` holds only what main loads at run time (everything else is bundled or is the
  // renderer's): a dependency no packed main file asks for is dead weight in every installer.
  const required = packagesRequiredBy(
    files.filter((f) => /^out\/main\/.*\.js$/.test(f)).map((f) => asar.extractFile(asarFile, f).toString('utf8')),
  );
  for (const dep of Object.keys(pkg.dependencies ?? {}))
    if (!required.has(dep)) problems.push(`runtime dependency ${dep} is packed but out/main never requires it: move it to devDependencies`);
  const gypLeftovers = files.filter((f) => f.startsWith('node_modules/better-sqlite3/build/'));
  if (gypLeftovers.length) problems.push(`a node-gyp build folder is packed: ${gypLeftovers.slice(0, 3).join(', ')}`);
  const sources = files.filter((f) => /^(src-|test\/|bench\/)|\.map$/.test(f));
  // `npm run cli` and `npm run start:web` run these in plain Node; the app never loads them.
  const nodeEntries = files.filter((f) => /^out\/main\/(cli|host)\.js$/.test(f));
  if (nodeEntries.length) problems.push(`the CLI / web host entries are packed: ${nodeEntries.join(', ')}`);
  if (sources.length) problems.push(`sources are packed: ${sources.slice(0, 5).join(', ')}`);
  // The web host's pre-compressed twins of the renderer's assets: Electron reads the plain files.
  const twins = files.filter((f) => /^out\/renderer\/.*\.(br|gz)$/.test(f));
  if (twins.length) problems.push(`the web host's compressed twins are packed: ${twins.slice(0, 3).join(', ')}`);
  const asarBytes = statSync(asarFile).size;
  if (asarBytes > ASAR_BUDGET_BYTES) problems.push(`app.asar is ${asarBytes} bytes, over its budget of ${ASAR_BUDGET_BYTES}`);
  const executable = join(appDir, platform === 'win' ? 'ChoiceSellerDesk.exe' : 'choice-seller-desk');
  const fuses = existsSync(executable) ? readFuses(executable) : {};
  for (const [name, want] of Object.entries(WANTED_FUSES))
    if (fuses[name] !== want) problems.push(`fuse ${name} is ${fuses[name]}, should be ${want}`);
  let exe = null;
  if (platform === 'win' && existsSync(executable)) {
    exe = exeResources(executable);
    // Electron compares this with the SHA-256 of app.asar's header before loading it.
    const header = createHash('sha256').update(asar.getRawHeader(asarFile).headerString).digest('hex');
    const entry = exe.integrity?.find((i) => i.file === 'resources\\app.asar');
    if (entry?.value !== header) problems.push(`the .exe's asar integrity hash ${entry?.value} is not app.asar's ${header}`);
    if (!exe.icons.some((sizes) => [16, 32, 48, 256].every((s) => sizes.includes(s))))
      problems.push(`the .exe does not carry build/icon.ico (icon groups: ${JSON.stringify(exe.icons)})`);
    if (exe.strings.ProductName !== pkg.productName) problems.push(`the .exe's ProductName is ${exe.strings.ProductName}`);
  } else if (platform === 'win') problems.push(`no ${relative(appDir, executable)}`);
  const locales = existsSync(join(appDir, 'locales')) ? readdirSync(join(appDir, 'locales')).sort() : [];
  return {
    problems,
    asarFile,
    asarBytes,
    asarBudgetBytes: ASAR_BUDGET_BYTES,
    unpackedBytes: existsSync(join(resources, 'app.asar.unpacked')) ? dirSize(join(resources, 'app.asar.unpacked')) : 0,
    fileCount: files.length,
    modules: topModules.sort(),
    unpackedBinary,
    executable,
    fuses,
    exe,
    locales,
  };
}

const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;

async function main() {
  const args = process.argv.slice(2);
  const outArg = args.indexOf('--out');
  const outDir = outArg >= 0 ? args[outArg + 1] : mkdtempSync(join(tmpdir(), 'desk-pack-'));
  if (!existsSync(join(root, 'out', 'main', 'index.js'))) throw new Error('build first: npm run build');
  await validateConfig();
  const json = {};
  let problems = 0;
  if (!args.includes('--json')) console.log(`config: ${relative(root, CONFIG_FILE)} valid (electron-builder schema)`);
  for (const platform of ['linux', 'win']) {
    const started = Date.now();
    const { appDir } = pack(outDir, platform);
    const seconds = (Date.now() - started) / 1000;
    const report = inspect(appDir, platform);
    problems += report.problems.length;
    json[platform] = { appDir, seconds, ...report };
    if (args.includes('--json')) continue;
    console.log(`\n--${platform} --dir against a stand-in Electron, ${seconds.toFixed(1)} s: ${appDir}`);
    console.log(
      `app.asar: ${mb(report.asarBytes)} of a ${mb(report.asarBudgetBytes)} budget (${((report.asarBytes / report.asarBudgetBytes) * 100).toFixed(0)}%), ${report.fileCount} entries`,
    );
    console.log(`app.asar.unpacked: ${mb(report.unpackedBytes)} (${relative(appDir, report.unpackedBinary)})`);
    console.log(`runtime packages: ${report.modules.length}`);
    console.log(
      `fuses: ${Object.entries(report.fuses)
        .map(([k, v]) => `${k}=${v ? 'on' : 'off'}`)
        .join(', ')}`,
    );
    if (report.exe)
      console.log(
        `exe: icon sizes ${report.exe.icons[0]?.join('/')}, ProductName ${report.exe.strings.ProductName}, asar integrity ${report.exe.integrity?.[0]?.value.slice(0, 12)}…`,
      );
    console.log(`locales: ${report.locales.join(', ')}`);
    console.log(report.problems.length ? `PROBLEMS:\n- ${report.problems.join('\n- ')}` : 'ok');
  }
  if (args.includes('--json')) console.log(JSON.stringify(json, null, 2));
  if (outArg < 0) rmSync(outDir, { recursive: true, force: true });
  process.exit(problems ? 1 : 0);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    console.error(String(err?.stack ?? err));
    process.exit(2);
  });
}
