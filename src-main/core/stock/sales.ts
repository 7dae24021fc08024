/** Units sold, learned from the change feed's entries as each stock read stores them. */
import type { Db } from '../db/open';
import type { StockRow } from './source';

/**
 * The change feed's units sold per SKU and warehouse in this read: its decreases summed (a sale and a
 * restock in one window both count, where the net figure shows neither; an adjustment down counts
 * too, so the rate errs towards unbinding earlier). Reads overlap by a minute (CURSOR_OVERLAP_MS in
 * stockRead.ts) and the entries carry no time, so the overlap is recognised by order (the feed lists
 * a SKU's entries in a stable order): the shortest run of entries that ends the previous read's list and starts this one
 * is skipped. The shortest, because a SKU that repeats the same sale-and-restock would otherwise
 * match whole windows; within the overlap minute a pattern rarely repeats, so the count is rarely off
 * by an entry either way.
 * predict.ts learns sales rates from these.
 */
export function recordSales(db: Db, rows: StockRow[], nowMs: number): void {
  const withChanges = rows.filter((r) => r.changes?.length);
  if (!withChanges.length) return;
  const seen = db.prepare('SELECT entries FROM stock_change_seen WHERE sku = ? AND erp_warehouse_id = ?').pluck();
  const keep = db.prepare(
    'INSERT INTO stock_change_seen (sku, erp_warehouse_id, entries) VALUES (?, ?, ?) ON CONFLICT(sku, erp_warehouse_id) DO UPDATE SET entries = excluded.entries',
  );
  const insert = db.prepare('INSERT INTO stock_sales (sku, erp_warehouse_id, at, sold) VALUES (?, ?, ?, ?)');
  for (const r of withChanges) {
    const raw = seen.get(r.sku, r.warehouseId) as string | undefined;
    const prev = raw ? (JSON.parse(raw) as { after: number; change: number }[]) : [];
    const cur = r.changes!;
    const same = (a: { after: number; change: number }, b: { after: number; change: number }) =>
      a.after === b.after && a.change === b.change;
    let overlap = 0;
    for (let n = 1; n <= Math.min(prev.length, cur.length) && !overlap; n++)
      if (cur.slice(0, n).every((e, i) => same(e, prev[prev.length - n + i]!))) overlap = n;
    let sold = 0;
    for (const e of cur.slice(overlap)) if (e.change < 0 && Number.isInteger(e.change)) sold -= e.change;
    keep.run(r.sku, r.warehouseId, JSON.stringify(r.changes));
    if (sold > 0) insert.run(r.sku, r.warehouseId, nowMs, sold);
  }
}
