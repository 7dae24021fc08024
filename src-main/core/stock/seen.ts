/**
 * When a stored stock figure was last seen, and by which run. A full read in the foreground leaves
 * the figures it found unchanged as they are and notes once per ERP warehouse that it saw them
 * (stock_levels_seen, migration 20): it saw every figure of the warehouse that is not stale, since
 * those it missed were flagged stale in the same transaction. So a figure's last sighting is the
 * later of its own seen_at and, while it is not stale, its warehouse's. Flagging a figure stale
 * writes that sighting into its row first: a stale figure's own seen_at and run_id are exact.
 */
import type { Db } from '../db/open';

const sighting = (l: string, column: 'seen_at' | 'run_id') =>
  `(SELECT s.${column} FROM stock_levels_seen s WHERE s.erp_warehouse_id = ${l}.erp_warehouse_id)`;

/** SQL: when the figure was last seen (`l`: the name of the stock_levels row in the query). */
export function seenAtOf(l: string): string {
  return `CASE WHEN ${l}.stale = 0 THEN max(${l}.seen_at, coalesce(${sighting(l, 'seen_at')}, '')) ELSE ${l}.seen_at END`;
}

/** SQL: the run that last saw the figure. */
export function seenByOf(l: string): string {
  return `CASE WHEN ${l}.stale = 0 AND ${sighting(l, 'seen_at')} > ${l}.seen_at THEN ${sighting(l, 'run_id')} ELSE ${l}.run_id END`;
}

/** SQL SET list of an UPDATE of stock_levels: the figure becomes stale, its last sighting kept in its row. */
export const SET_STALE = `stale = 1, seen_at = ${seenAtOf('stock_levels')}, run_id = ${seenByOf('stock_levels')}`;

/**
 * Notes that this full read saw every figure of these warehouses (null: of every warehouse) that is
 * not stale. Called after the figures it missed were flagged stale, in the same transaction.
 */
export function recordSighting(db: Db, warehouses: readonly string[] | null, runId: number, now: string): void {
  const upsert = `ON CONFLICT(erp_warehouse_id) DO UPDATE SET run_id = excluded.run_id, seen_at = excluded.seen_at`;
  if (warehouses === null) {
    // WHERE true: an upsert after a SELECT needs it to parse.
    db.prepare(
      `INSERT INTO stock_levels_seen (erp_warehouse_id, run_id, seen_at) SELECT id, ?, ? FROM stock_erp_warehouses WHERE true ${upsert}`,
    ).run(runId, now);
    return;
  }
  const one = db.prepare(`INSERT INTO stock_levels_seen (erp_warehouse_id, run_id, seen_at) VALUES (?, ?, ?) ${upsert}`);
  for (const w of warehouses) one.run(w, runId, now);
}
