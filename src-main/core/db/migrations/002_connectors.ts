import type { Migration } from './index';

export const m002_connectors: Migration = {
  version: 2,
  name: 'connectors: connection settings, token expiry, Tongtool quota reservations',
  up(db) {
    db.exec(`
      -- Non-secret connection facts (gateway URLs, token expiry times, the channel found, demo seed).
      -- Keys, secrets and tokens never come here: they live in the secret store.
      CREATE TABLE connector_settings (
        key TEXT PRIMARY KEY,            -- e.g. 'aliexpress', 'aliexpress.token', 'tongtool', 'demo'
        value TEXT NOT NULL DEFAULT '{}', -- JSON
        updated_at TEXT NOT NULL          -- UTC ISO time
      );

      -- Tongtool allows 5 calls a minute per merchant; every call reserves its slot here so the
      -- quota holds across callers, processes and restarts.
      CREATE TABLE tongtool_quota_calls (
        id INTEGER PRIMARY KEY,
        merchant_id TEXT NOT NULL,
        at INTEGER NOT NULL               -- epoch ms of the reserved slot
      );
      CREATE INDEX tongtool_quota_calls_merchant ON tongtool_quota_calls(merchant_id, at);
    `);
  },
};
