/** Stock settings live in the database (stock_settings), so a backup carries them with the data. */
import type { Db } from '../db/open';
import type { StockSyncSettings } from '../../../src-shared/types/stock';

export const DEFAULT_STOCK_SETTINGS: StockSyncSettings = {
  intervalMinutes: 30,
  fullEveryHours: 6,
  scheduleEnabled: true,
  caseRule: 'insensitive',
};

export function readStockSettings(db: Db): StockSyncSettings {
  const rows = db.prepare('SELECT key, value FROM stock_settings').all() as { key: string; value: string }[];
  const s: Record<string, unknown> = { ...DEFAULT_STOCK_SETTINGS };
  for (const r of rows) if (r.key in DEFAULT_STOCK_SETTINGS) s[r.key] = JSON.parse(r.value);
  return s as unknown as StockSyncSettings;
}

export function writeStockSettings(db: Db, patch: Partial<StockSyncSettings>): StockSyncSettings {
  const stmt = db.prepare('INSERT INTO stock_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  db.transaction(() => {
    for (const [k, v] of Object.entries(patch)) if (v !== undefined) stmt.run(k, JSON.stringify(v));
  })();
  return readStockSettings(db);
}
