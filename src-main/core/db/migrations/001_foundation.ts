import type { Migration } from './index';

export const m001_foundation: Migration = {
  version: 1,
  name: 'foundation: audit log and notices',
  up(db) {
    db.exec(`
      -- Who did what, when and why: every domain writes here, the seller reads it.
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,               -- UTC ISO time
        actor TEXT NOT NULL,            -- 'auto' | 'seller' | 'system'
        kind TEXT NOT NULL,             -- e.g. 'switch', 'bind', 'exit.step'
        subject TEXT,                   -- listing SKU, case id…
        detail TEXT NOT NULL DEFAULT '{}' -- JSON: the figures behind the decision
      );
      CREATE INDEX audit_log_at ON audit_log(at);
      CREATE INDEX audit_log_kind ON audit_log(kind, at);

      -- In-app notices (desktop notifications mirror them inside Electron).
      CREATE TABLE notices (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        level TEXT NOT NULL CHECK (level IN ('info','success','warning','error')),
        title TEXT NOT NULL,
        body TEXT NOT NULL DEFAULT '',
        read INTEGER NOT NULL DEFAULT 0
      );
    `);
  },
};
