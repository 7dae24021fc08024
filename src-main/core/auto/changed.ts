/**
 * Which listing SKUs a decision pass must look at. Triggers (migration 13) mark a SKU whenever
 * something its decision reads moves; a pass decides the marked ones plus those with open actions,
 * and everything (a full pass) when a mark says so, when predictions are on (sales rates move with
 * the clock alone) or when the last stock read failed (every SKU's answer may flip with the next).
 */
import type { Db } from '../db/open';
import type { DecisionReason, RunCounts } from '../../../src-shared/channels/auto';
import type { RiskKind } from '../../../src-shared/types/auto';
import { OPEN_STATES, statesSql } from '../../../src-shared/actionStates';
import { insertRows, updateRows } from '../db/bulk';

/**
 * A decided SKU's state to store: id, reason, last recorded figure, whether the reason moved, its
 * oversell-risk kind ('' for none: risk.ts riskOfInputs), and whether that kind moved.
 */
export type SkuState = [number, DecisionReason, number | null, boolean, RiskKind | '', boolean];

export interface Scope {
  /** The highest mark this pass read: it clears those and no later one. */
  mark: number;
  /** Listing SKUs to decide, ascending; null: every one. */
  ids: number[] | null;
}

export function changedScope(db: Db, opts: { full?: boolean; predictive: boolean; lastSyncFailed: boolean }): Scope {
  const mark = (db.prepare('SELECT coalesce(max(seq), 0) FROM auto_changed').pluck().get() as number) ?? 0;
  if (opts.full || opts.predictive || opts.lastSyncFailed) return { mark, ids: null };
  if (db.prepare('SELECT 1 FROM auto_changed WHERE listing_sku_id = 0 AND seq <= ?').get(mark)) return { mark, ids: null };
  const ids = db
    .prepare(
      `SELECT listing_sku_id FROM auto_changed WHERE seq <= ?
       UNION SELECT listing_sku_id FROM auto_actions WHERE state IN (${statesSql(OPEN_STATES)}) ORDER BY 1`,
    )
    .pluck()
    .all(mark) as number[];
  return { mark, ids };
}

/** The stored reasons of the SKUs a pass over a few decided (their last reasons, read with their inputs). */
export interface Before {
  /** Decided SKUs that had a stored reason. */
  n: number;
  byReason: Partial<Record<DecisionReason, number>>;
}

/**
 * Counts of a pass over a few SKUs, made whole: the SKUs it did not decide keep their last reason
 * and add nothing (had they something to add, a mark or an open action would have brought them in).
 * The stored reasons are counted by triggers (migration 19), so this reads a row per reason, not one
 * per SKU; every listing SKU has a stored reason once decided, and one never decided is marked.
 */
export function wholeCounts(db: Db, c: RunCounts, before: Before): RunCounts {
  const byReason = { ...c.byReason };
  let stored = 0;
  for (const [reason, n] of db.prepare('SELECT reason, n FROM auto_reason_counts WHERE n > 0').raw().all() as [DecisionReason, number][]) {
    byReason[reason] = (byReason[reason] ?? 0) + n;
    stored += n;
  }
  for (const [reason, n] of Object.entries(before.byReason) as [DecisionReason, number][]) byReason[reason] = (byReason[reason] ?? 0) - n;
  for (const k of Object.keys(byReason) as DecisionReason[]) if (!byReason[k]) delete byReason[k];
  const total = stored - before.n + c.considered;
  return { ...c, considered: total, unchanged: c.unchanged + total - c.considered, byReason };
}

/**
 * In the pass's transaction: store the reasons and last recorded figures that moved, and clear the
 * marks the pass read.
 */
export function finishScope(db: Db, scope: Scope, states: SkuState[], lastSyncFailed: boolean): void {
  // A SKU whose reason moved is upserted (the reason-count triggers fire); one whose recorded
  // figure alone moved is a plain update of that column (most of a stock run's SKUs).
  // The risk kind goes with the upsert, and in the update only where it moved: naming it makes SQLite
  // run its count trigger's check and its partial index's on every row (the 25,000 of a stock run).
  const moved = states.filter((x) => x[3]).map((x) => [x[0], x[1], x[2], x[4]]);
  const figureOnly = states.filter((x) => !x[3] && !x[5]).map((x) => [x[0], x[2]]);
  const riskToo = states.filter((x) => !x[3] && x[5]).map((x) => [x[0], x[2], x[4]]);
  insertRows(
    db,
    'auto_sku_state',
    ['listing_sku_id', 'reason', 'sellable', 'risk'],
    moved,
    'ON CONFLICT(listing_sku_id) DO UPDATE SET reason = excluded.reason, sellable = excluded.sellable, risk = excluded.risk',
  );
  updateRows(db, 'auto_sku_state', 'listing_sku_id', ['sellable'], figureOnly);
  updateRows(db, 'auto_sku_state', 'listing_sku_id', ['sellable', 'risk'], riskToo);
  // Mostly no mark came after the pass read them: then every row goes, in one statement SQLite
  // runs without visiting them (a stock run's 25,000 marks deleted one by one, with their entries
  // in the SKU index, were 20 ms and 137 pages to write; this is 2 ms and 4). AUTOINCREMENT keeps
  // the highest seq, so a later mark is still above every one read.
  const last = db.prepare('SELECT max(seq) FROM auto_changed').pluck().get() as number | null;
  if (last !== null && last <= scope.mark) db.prepare('DELETE FROM auto_changed').run();
  else db.prepare('DELETE FROM auto_changed WHERE seq <= ?').run(scope.mark);
  // Decided on a failed read: the next pass, on a good one, must look at everything again.
  if (lastSyncFailed) db.prepare('INSERT OR REPLACE INTO auto_changed (listing_sku_id) VALUES (0)').run();
}
