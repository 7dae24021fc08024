/**
 * The switch and the engine's settings live in the database (auto_settings), so the CLI, the web
 * host and Electron always agree on whether automation is on, and a backup carries them.
 */
import type { Db } from '../db/open';
import type { AutoSettings } from '../../../src-shared/channels/auto';

export const DEFAULT_AUTO_SETTINGS: AutoSettings = {
  // Off until the seller turns it on: nothing is sent to the marketplace without their word.
  enabled: false,
  rebindThreshold: 1,
  massUnbindShare: 0.2,
  massUnbindCount: 100,
  // Unbinding before zero acts on a prediction: the seller turns it on after seeing the dry run.
  predictive: false,
  predictiveFloor: 1,
};

export function readAutoSettings(db: Db): AutoSettings {
  const rows = db.prepare('SELECT key, value FROM auto_settings').all() as { key: string; value: string }[];
  const s: Record<string, unknown> = { ...DEFAULT_AUTO_SETTINGS };
  for (const r of rows) if (r.key in DEFAULT_AUTO_SETTINGS) s[r.key] = JSON.parse(r.value);
  return s as unknown as AutoSettings;
}

export function writeAutoSettings(db: Db, patch: Partial<AutoSettings>, now: string): AutoSettings {
  const stmt = db.prepare(
    'INSERT INTO auto_settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
  );
  db.transaction(() => {
    for (const [k, v] of Object.entries(patch)) if (v !== undefined && k in DEFAULT_AUTO_SETTINGS) stmt.run(k, JSON.stringify(v), now);
  })();
  return readAutoSettings(db);
}
