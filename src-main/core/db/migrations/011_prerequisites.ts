import type { Migration } from './index';

/**
 * The platform's three preconditions (no open disputes, no unfinished orders, no unpaid debts) are
 * facts about the store, not about one wizard: the deposit refund and the store exit read and
 * write one answer each, so the seller is not asked twice and the two never disagree.
 */
export const m011_prerequisites: Migration = {
  version: 11,
  name: 'store prerequisites: one answer for disputes, orders and debts, shared by deposit and exit',
  up(db) {
    db.exec(`
      CREATE TABLE store_prerequisites (
        key TEXT PRIMARY KEY CHECK (key IN ('disputes','orders','debts')),
        answer TEXT NOT NULL CHECK (answer IN ('clear','open','unknown')),
        note TEXT,
        answered_at TEXT NOT NULL,
        answered_in TEXT NOT NULL CHECK (answered_in IN ('deposit','exit'))
      );
    `);
  },
};
