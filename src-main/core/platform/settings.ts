/**
 * Settings through one interface. Inside Electron the store is electron-store; in plain Node (web
 * host, CLI, tests) it is electron-store's own engine, conf, in the same file format.
 */
import Conf from 'conf';
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { AppSettings } from '../../../src-shared/types/app';
import { DEFAULT_SETTINGS as PUBLIC_DEFAULTS } from './settingsFile';

export interface SettingsData extends AppSettings {
  windowState?: { x?: number; y?: number; width: number; height: number; maximized: boolean };
}

/** Defined beside the settings file's reader (settingsFile.ts), which the web host loads without conf. */
export const DEFAULT_SETTINGS: SettingsData = PUBLIC_DEFAULTS;

export interface SettingsStore {
  get<K extends keyof SettingsData>(key: K): SettingsData[K];
  set<K extends keyof SettingsData>(key: K, value: SettingsData[K]): void;
  all(): SettingsData;
}

/** Anything shaped like conf (electron-store extends conf) becomes a SettingsStore. */
export function settingsFrom(store: { get(key: string): unknown; set(key: string, value: unknown): void; store: unknown }): SettingsStore {
  return {
    get: (key) => store.get(key) as never,
    set: (key, value) => store.set(key, value),
    all: () => ({ ...DEFAULT_SETTINGS, ...(store.store as Partial<SettingsData>) }),
  };
}

/**
 * Opens a settings store; a file broken by hand or by a crash is moved aside (kept for support)
 * and the app starts with defaults instead of refusing to start.
 */
export function openSettingsFile<T>(dataDir: string, fileName: string, open: () => T): T {
  try {
    return open();
  } catch (err) {
    const file = join(dataDir, fileName);
    if (!(err instanceof SyntaxError) || !existsSync(file)) throw err;
    renameSync(file, join(dataDir, `${fileName}.broken-${Date.now()}`));
    return open();
  }
}

export function createConfSettings(dataDir: string): SettingsStore {
  const conf = openSettingsFile(
    dataDir,
    'settings.json',
    () =>
      new Conf<SettingsData>({
        cwd: dataDir,
        configName: 'settings',
        projectName: 'choice-seller-desk',
        defaults: DEFAULT_SETTINGS,
        // The store name and the seller's choices: for the seller only, like the rest of the folder.
        configFileMode: 0o600,
      }),
  );
  return settingsFrom(conf as never);
}
