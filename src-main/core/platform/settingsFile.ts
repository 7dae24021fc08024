/**
 * The settings every screen needs, read straight from the settings file without opening the store
 * (conf) or anything else of the core: what the web host answers on a first run before the core is
 * open (host/server.ts). Kept apart from settings.ts so the host's start does not load conf.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppSettings } from '../../../src-shared/types/app';

export const DEFAULT_SETTINGS: AppSettings = {
  language: 'zh-CN',
  firstRunDone: false,
  mode: 'demo',
  storeName: '我的全托管店铺',
};

/**
 * The public settings in `dataDir`'s settings.json (conf's and electron-store's file); the defaults
 * for what it lacks, and all of them when it is missing or broken, as the store itself starts then
 * (openSettingsFile moves a broken file aside).
 */
export function readPublicSettings(dataDir: string): AppSettings {
  let saved: Partial<AppSettings> = {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(dataDir, 'settings.json'), 'utf8'));
    if (parsed && typeof parsed === 'object') saved = parsed as Partial<AppSettings>;
  } catch {
    // Missing or broken: the defaults.
  }
  const s = { ...DEFAULT_SETTINGS, ...saved };
  return { language: s.language, firstRunDone: s.firstRunDone, mode: s.mode, storeName: s.storeName };
}
