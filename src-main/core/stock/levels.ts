/**
 * Writes one stock read into the last-known stock, all in one transaction: ERP warehouses, ERP SKUs
 * and categories first seen, stock figures, stale flags and change cursors. Callers collect the
 * whole read first, so a failed or cancelled read never reaches this function and stored stock is
 * untouched. A SKU missing from a full read keeps its figures and is flagged stale, never zeroed.
 */
import type { Db } from '../db/open';
import type { ErpWarehouse, StockRow } from './source';

export interface PersistInput {
  runId: number;
  now: string;
  rows: StockRow[];
  /** The source's warehouse list, when this read fetched it. */
  warehouses?: ErpWarehouse[];
  /**
   * A full snapshot of these warehouses (null: of every warehouse): stored rows of them that this
   * read did not see become stale. Undefined for incremental reads, which only carry changes.
   */
  snapshotOf?: string[] | null;
  /** New change cursors per warehouse (incremental reads and full reads alike). Cursors only move forward. */
  cursors?: Map<string, string>;
  /**
   * A full read that ran while incremental reads kept committing (the periodic drift read): the time
   * before which the page carrying row i was read. A stored figure seen at or after that time came
   * from a later read and is kept: an older page never overwrites a newer figure.
   */
  readAt?: (i: number) => string;
  /**
   * With snapshotOf: only rows last seen before this time can become stale (rows an incremental read
   * stored while a full read ran are fresh, even when the full read's pages missed them).
   */
  staleBefore?: string;
  /**
   * The stored ERP SKUs, when the caller already loaded them (updated here). It may predate reads
   * committed meanwhile: it only decides insert or update, and both are safe either way.
   */
  knownSkus?: Set<string>;
}

export interface PersistResult {
  written: number;
  changed: number;
  skippedCategory: number;
  stale: number;
  /** Rows this read did not write because a later read had stored a newer figure. */
  keptNewer: number;
  /** ERP SKUs first seen in this read: only these can change a mapping. */
  newErpSkus: number;
  invalid: { sku: string; warehouseId: string; reason: string }[];
}

function validRow(r: StockRow): string | null {
  if (typeof r.sku !== 'string' || !r.sku.trim()) return 'SKU为空 / empty SKU';
  if (typeof r.warehouseId !== 'string' || !r.warehouseId) return '没有仓库 / no warehouse';
  // Below zero is a real figure (the ERP oversold: nothing is sellable) and is kept; a blank or
  // unreadable one is unknown, for that SKU only.
  if (typeof r.available !== 'number' || Number.isNaN(r.available))
    return '可用库存为空或无法读取：按未知处理，不会据此解绑 / available is blank or unreadable: treated as unknown, nothing is unbound on it';
  if (!Number.isInteger(r.available)) return `可用库存不是整数 / available is not a whole number: ${String(r.available)}`;
  if (!Number.isInteger(r.safety ?? 0) || (r.safety ?? 0) < 0) return `安全库存不正确 / bad safety stock: ${String(r.safety)}`;
  return null;
}

/** Every stored ERP SKU, in one statement (a Set of strings: a quarter of the cost of a SKU → category map). */
export function knownErpSkus(db: Db): Set<string> {
  return new Set(db.prepare('SELECT sku FROM stock_erp_skus').pluck().all() as string[]);
}

export function persistRead(db: Db, input: PersistInput): PersistResult {
  const { runId, now } = input;
  const upsertWarehouse = db.prepare(
    `INSERT INTO stock_erp_warehouses (id, name, active, seen_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, active = excluded.active, seen_at = excluded.seen_at`,
  );
  const insertWarehouseIfNew = db.prepare(
    'INSERT INTO stock_erp_warehouses (id, name, active, seen_at) VALUES (?, ?, 1, ?) ON CONFLICT(id) DO NOTHING',
  );
  const insertCategory = db.prepare(
    'INSERT INTO stock_categories (name, sync_enabled, first_seen_at) VALUES (?, 1, ?) ON CONFLICT(name) DO NOTHING',
  );
  // `known` may predate reads that committed meanwhile (a drift read): a SKU new to it may exist by now.
  const insertErpSku = db.prepare(
    `INSERT INTO stock_erp_skus (sku, name, status, category, seen_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(sku) DO UPDATE SET name = coalesce(excluded.name, name), status = coalesce(excluded.status, status),
       category = excluded.category, seen_at = excluded.seen_at`,
  );
  const updateErpSku = db.prepare(
    `UPDATE stock_erp_skus SET name = coalesce(?, name), status = coalesce(?, status), category = ?, seen_at = ?
     WHERE sku = ? AND (name IS NOT coalesce(?, name) OR status IS NOT coalesce(?, status) OR category IS NOT ?)`,
  );
  const insertErpSkuIfNew = db.prepare(
    "INSERT INTO stock_erp_skus (sku, category, seen_at) VALUES (?, '', ?) ON CONFLICT(sku) DO NOTHING",
  );
  // `stale` is not in the SET list: naming an indexed column makes SQLite rewrite that index entry on
  // every row (a third of a 100k-row persist). Stale rows this read saw are cleared after the loop.
  // in_transit: a row without it (the change feed) keeps the stored figure, as safety stock is kept.
  const UPSERT_LEVEL = `INSERT INTO stock_levels (sku, erp_warehouse_id, available, safety, seen_at, run_id, changed_at, in_transit, stale)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)
     ON CONFLICT(sku, erp_warehouse_id) DO UPDATE SET
       changed_at = CASE WHEN available != excluded.available OR safety != excluded.safety
                              OR in_transit IS NOT coalesce(excluded.in_transit, in_transit)
                         THEN excluded.changed_at ELSE changed_at END,
       available = excluded.available, safety = excluded.safety, seen_at = excluded.seen_at,
       run_id = excluded.run_id, in_transit = coalesce(excluded.in_transit, in_transit)`;
  const upsertLevel = db.prepare(UPSERT_LEVEL);
  // The same, for a full read that ran beside incremental reads: a stored figure seen at or after the
  // page's read time (the last parameter) is newer and stays.
  const upsertLevelIfOlder = db.prepare(`${UPSERT_LEVEL} WHERE stock_levels.seen_at < ?`);
  const markStale = db.prepare('UPDATE stock_levels SET stale = 1 WHERE sku = ? AND erp_warehouse_id = ? AND stale = 0');
  const storedSafety = db.prepare('SELECT safety FROM stock_levels WHERE sku = ? AND erp_warehouse_id = ?').pluck();
  const clearStale = db.prepare('UPDATE stock_levels SET stale = 0 WHERE erp_warehouse_id = ? AND stale = 1 AND run_id = ?');
  const setCursor = db.prepare(
    'UPDATE stock_erp_warehouses SET changes_cursor = ? WHERE id = ? AND (changes_cursor IS NULL OR changes_cursor < ?)',
  );

  const result: PersistResult = { written: 0, changed: 0, skippedCategory: 0, stale: 0, keptNewer: 0, newErpSkus: 0, invalid: [] };
  db.transaction(() => {
    for (const w of input.warehouses ?? []) upsertWarehouse.run(w.id, w.name, w.active ? 1 : 0, now);
    const categories = new Map(
      (db.prepare('SELECT name, sync_enabled FROM stock_categories').raw().all() as [string, number][]).map(([n, e]) => [n, e === 1]),
    );
    // Rows without a category (goods pages not read) keep the stored one: all that matters is whether
    // it is switched off, so only the SKUs of switched-off categories are loaded, now, in this
    // transaction (the seller may have switched one off while the read ran).
    const known = input.knownSkus ?? knownErpSkus(db);
    const disabled = new Set(
      db
        .prepare('SELECT e.sku FROM stock_erp_skus e JOIN stock_categories c ON c.name = e.category WHERE c.sync_enabled = 0')
        .pluck()
        .all() as string[],
    );
    const enabledCategory = (name: string): boolean => {
      let on = categories.get(name);
      if (on === undefined) {
        insertCategory.run(name, now);
        categories.set(name, true);
        on = true;
      }
      return on;
    };
    const seenWarehouses = new Set<string>();
    for (const w of input.warehouses ?? []) seenWarehouses.add(w.id);
    const readAt = input.readAt;
    for (let i = 0; i < input.rows.length; i++) {
      const r = input.rows[i];
      const problem = validRow(r);
      if (problem) {
        if (result.invalid.length < 200) result.invalid.push({ sku: String(r.sku), warehouseId: String(r.warehouseId), reason: problem });
        // The stored figure is no longer known to be right (an incremental read would otherwise keep it as fresh).
        if (typeof r.sku === 'string' && typeof r.warehouseId === 'string') markStale.run(r.sku, r.warehouseId);
        continue;
      }
      let safety = r.safety;
      if (safety === undefined) {
        // A change row carries no safety stock: keep the stored one. With none stored there is no
        // safe figure to use (0 would overstate sellable stock), so the row waits for a full read.
        const kept = storedSafety.get(r.sku, r.warehouseId) as number | undefined;
        if (kept === undefined) {
          if (result.invalid.length < 200)
            result.invalid.push({
              sku: r.sku,
              warehouseId: r.warehouseId,
              reason: '安全库存未知（变动记录不带安全库存，这个SKU在这个仓库还没有全量读取过），下次全量读取时补上 / safety stock unknown (the change feed does not carry it and this SKU has not been read in full in this warehouse yet): read at the next full read',
            });
          continue;
        }
        safety = kept;
      }
      if (!seenWarehouses.has(r.warehouseId)) {
        insertWarehouseIfNew.run(r.warehouseId, r.warehouseName || r.warehouseId, now);
        seenWarehouses.add(r.warehouseId);
      }
      const category = r.category;
      let enabled: boolean;
      if (category === undefined) {
        if (known.has(r.sku)) enabled = !disabled.has(r.sku);
        else {
          insertErpSkuIfNew.run(r.sku, now);
          result.newErpSkus++;
          known.add(r.sku);
          enabled = enabledCategory('');
          if (!enabled) disabled.add(r.sku);
        }
      } else {
        if (!known.has(r.sku)) {
          insertErpSku.run(r.sku, r.productName ?? null, r.productStatus ?? null, category, now);
          result.newErpSkus++;
          known.add(r.sku);
        } else {
          const name = r.productName ?? null;
          const status = r.productStatus ?? null;
          updateErpSku.run(name, status, category, now, r.sku, name, status, category);
        }
        enabled = enabledCategory(category);
        if (enabled) disabled.delete(r.sku);
        else disabled.add(r.sku);
      }
      if (!enabled) {
        result.skippedCategory++;
        continue;
      }
      const inTransit = Number.isInteger(r.inTransit) && r.inTransit! >= 0 ? r.inTransit! : null;
      if (readAt) {
        if (upsertLevelIfOlder.run(r.sku, r.warehouseId, r.available, safety, now, runId, now, inTransit, readAt(i)).changes === 0) {
          result.keptNewer++;
          continue;
        }
      } else upsertLevel.run(r.sku, r.warehouseId, r.available, safety, now, runId, now, inTransit);
      result.written++;
    }
    // Rows this read wrote are fresh again (few are ever stale; the index finds them per warehouse).
    for (const w of seenWarehouses) clearStale.run(w, runId);
    if (!categories.has('') && db.prepare("SELECT 1 FROM stock_erp_skus WHERE category = '' LIMIT 1").get())
      insertCategory.run('', now);
    result.changed = (
      db.prepare('SELECT count(*) AS n FROM stock_levels WHERE run_id = ? AND changed_at = ?').get(runId, now) as { n: number }
    ).n;
    if (input.snapshotOf !== undefined) {
      const disabledFilter = `AND sku NOT IN (SELECT e.sku FROM stock_erp_skus e JOIN stock_categories c ON c.name = e.category WHERE c.sync_enabled = 0)`;
      // '\uffff' sorts after every ISO time: without staleBefore every unseen row counts.
      const before = input.staleBefore ?? '\uffff';
      if (input.snapshotOf === null) {
        result.stale = db
          .prepare(`UPDATE stock_levels SET stale = 1 WHERE run_id != ? AND stale = 0 AND seen_at < ? ${disabledFilter}`)
          .run(runId, before).changes;
      } else {
        const stmt = db.prepare(
          `UPDATE stock_levels SET stale = 1 WHERE erp_warehouse_id = ? AND run_id != ? AND stale = 0 AND seen_at < ? ${disabledFilter}`,
        );
        for (const w of input.snapshotOf) result.stale += stmt.run(w, runId, before).changes;
      }
    }
    for (const [w, at] of input.cursors ?? []) setCursor.run(at, w, at);
  })();
  return result;
}
