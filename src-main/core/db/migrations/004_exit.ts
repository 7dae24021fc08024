import type { Migration } from './index';
import { caseTimelineSql } from './caseTimeline';

export const m004_exit: Migration = {
  version: 4,
  name: 'exit: store exit case, disposal plan, partners, support questions, timeline; fit results',
  up(db) {
    db.exec(`
      -- 全托管适合我吗: each saved questionnaire (answers as JSON, re-assessed when read).
      CREATE TABLE fit_results (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        answers TEXT NOT NULL,
        seller_type TEXT NOT NULL,
        verdict TEXT NOT NULL
      );

      -- One exit case per store. The step shown is derived from what is filled in, so a case
      -- resumes where the seller left it without a stored cursor that could disagree.
      CREATE TABLE exit_case (
        id INTEGER PRIMARY KEY,
        store_key TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        fit_result_id INTEGER,
        reason TEXT CHECK (reason IS NULL OR reason IN ('competition','life_pressure','career_change','platform_policy','own')),
        reason_text TEXT,
        agreement TEXT NOT NULL DEFAULT '{}',   -- JSON: {key: confirmedAt}
        readiness TEXT NOT NULL DEFAULT '{}',   -- JSON: the seller's answers {key: {answer, note, at}}
        application_text TEXT,
        submitted_on TEXT,                      -- YYYY-MM-DD, Beijing
        application_no TEXT,
        review_due TEXT,                        -- submitted_on + 3 Chinese working days
        review_due_error TEXT,                  -- JSON {zh,en} when no due date could be computed
        review_outcome TEXT CHECK (review_outcome IS NULL OR review_outcome IN ('pending','approved','rejected')),
        review_decided_on TEXT,
        review_note TEXT,
        review_reminded_at TEXT,
        deposit_case_id INTEGER,                -- the deposit refund case (deposit domain); no FK on purpose
        done_on TEXT,
        store_status TEXT,
        after_checks TEXT NOT NULL DEFAULT '{}',
        exported_at TEXT,
        export_file TEXT,
        wiped_at TEXT
      );

      -- ④② the inventory disposal plan: per SKU, lines whose quantities add up to on hand.
      CREATE TABLE exit_disposal (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES exit_case(id) ON DELETE CASCADE,
        sku TEXT NOT NULL,
        on_hand INTEGER NOT NULL CHECK (on_hand >= 0),
        on_hand_source TEXT NOT NULL CHECK (on_hand_source IN ('app','seller')),
        method TEXT NOT NULL CHECK (method IN ('sell_through','return_factory','liquidate','other')),
        quantity INTEGER NOT NULL CHECK (quantity >= 0),
        note TEXT
      );
      CREATE INDEX exit_disposal_case ON exit_disposal(case_id, sku);

      -- ④③ logistics, payment and other partners with their termination status.
      CREATE TABLE exit_partner (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES exit_case(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('logistics','payment','other')),
        name TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('active','notified','terminated','not_needed')),
        status_on TEXT,
        reference TEXT,
        note TEXT,
        updated_at TEXT NOT NULL
      );

      -- Questions for platform support, collected in one place.
      CREATE TABLE exit_question (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES exit_case(id) ON DELETE CASCADE,
        asked_at TEXT NOT NULL,
        question TEXT NOT NULL,
        answer TEXT,
        answered_at TEXT
      );

      -- The case's timeline, in the seller's words.
      ${caseTimelineSql('exit')}
    `);
  },
};
