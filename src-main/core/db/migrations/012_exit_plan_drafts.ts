import type { Migration } from './index';

/**
 * The exit's stock disposal plan is typed over a long table (1,000 SKUs and more), so each row is
 * kept as the seller typed it, even when it does not add up yet or holds a typo: a half-filled
 * plan is saved row by row instead of refused whole, and the row shows its own error. Only rows
 * that add up exactly to the stock on hand become lines in exit_disposal.
 */
export const m012_exit_plan_drafts: Migration = {
  version: 12,
  name: 'exit: disposal plan rows kept as typed (drafts with their raw text)',
  up(db) {
    db.exec(`
      CREATE TABLE exit_disposal_draft (
        case_id INTEGER NOT NULL REFERENCES exit_case(id) ON DELETE CASCADE,
        sku TEXT NOT NULL,
        on_hand_text TEXT,          -- what the seller typed as on hand (SKUs the app has no stock for)
        cells TEXT NOT NULL,        -- JSON {method: text as typed}
        note TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (case_id, sku)
      );
    `);
  },
};
