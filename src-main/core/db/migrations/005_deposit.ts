import type { Migration } from './index';
import { caseTimelineSql } from './caseTimeline';

export const m005_deposit: Migration = {
  version: 5,
  name: 'deposit: refund case, violations, timeline, Alipay bill imports, confirmed arrivals',
  up(db) {
    db.exec(`
      -- One deposit case per store: the store exit wizard points at the same row by id.
      CREATE TABLE deposit_case (
        id INTEGER PRIMARY KEY,
        store_key TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'paid'
          CHECK (status IN ('paid','refundable','frozen','refunding','refunded')),
        status_confirmed_at TEXT,          -- when the seller last confirmed it against the service centre
        deposit_fen INTEGER CHECK (deposit_fen IS NULL OR deposit_fen > 0),
        checks TEXT NOT NULL DEFAULT '{}', -- JSON: {disputes|orders|debts: {answer, source, note}}
        reason TEXT,
        amount_fen INTEGER CHECK (amount_fen IS NULL OR amount_fen > 0),
        alipay_account TEXT,               -- the bound account as entered; shown masked only
        applied_at TEXT,
        application_text TEXT,
        review_outcome TEXT CHECK (review_outcome IS NULL OR review_outcome IN ('pending','approved','rejected')),
        decided_on TEXT,                   -- YYYY-MM-DD, Beijing
        review_note TEXT,
        window_from TEXT,                  -- YYYY-MM-DD: approval + 3 Chinese working days
        window_to TEXT,                    -- YYYY-MM-DD: approval + 5 Chinese working days
        reminder_sent_at TEXT              -- the "window ended, nothing arrived" notice, sent once
      );

      -- 违规 with the penalty the platform deducts from the deposit.
      CREATE TABLE deposit_violation (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES deposit_case(id) ON DELETE CASCADE,
        description TEXT NOT NULL,
        penalty_fen INTEGER NOT NULL CHECK (penalty_fen > 0),
        occurred_on TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX deposit_violation_case ON deposit_violation(case_id);

      -- The case's timeline, in the seller's words.
      ${caseTimelineSql('deposit')}

      -- Each imported Alipay bill and what the matcher made of it (the report, as JSON).
      CREATE TABLE deposit_bill_import (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES deposit_case(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        file_name TEXT NOT NULL,
        shape TEXT NOT NULL,
        encoding TEXT NOT NULL,
        rows_read INTEGER NOT NULL,
        verdict TEXT NOT NULL,
        report TEXT NOT NULL
      );

      -- Bill rows the seller confirmed as the refund; a row is counted once however often it is imported.
      CREATE TABLE deposit_arrival (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES deposit_case(id) ON DELETE CASCADE,
        import_id INTEGER NOT NULL REFERENCES deposit_bill_import(id) ON DELETE CASCADE,
        row_key TEXT NOT NULL,
        line INTEGER NOT NULL,
        row_time TEXT NOT NULL,
        amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
        counterparty TEXT NOT NULL,
        description TEXT NOT NULL,
        trade_no TEXT,
        confirmed_at TEXT NOT NULL,
        UNIQUE (case_id, row_key)
      );
    `);
  },
};
