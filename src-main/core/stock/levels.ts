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

const SAFETY_UNKNOWN =
  '安全库存未知（变动记录不带安全库存，这个SKU在这个仓库还没有全量读取过），下次全量读取时补上 / safety stock unknown (the change feed does not carry it and this SKU has not been read in full in this warehouse yet): read at the next full read';

type Invalid = PersistResult['invalid'][number] & { i: number };

/**
 * The read's valid rows, one per (SKU, warehouse): a later row of the same pair wins, as it did when
 * rows were upserted one by one (a change row without safety keeps an earlier row's safety).
 */
function validRows(input: PersistInput, invalid: Invalid[], broken: [string, string][]): { json: string; count: number; dupes: number } {
  const last = new Map<string, number>();
  const out: (string | number | null)[][] = [];
  let dupes = 0;
  for (let i = 0; i < input.rows.length; i++) {
    const r = input.rows[i];
    const problem = validRow(r);
    if (problem) {
      invalid.push({ i, sku: String(r.sku), warehouseId: String(r.warehouseId), reason: problem });
      if (typeof r.sku === 'string' && typeof r.warehouseId === 'string') broken.push([r.sku, r.warehouseId]);
      continue;
    }
    const row: (string | number | null)[] = [i, r.sku, r.warehouseId, r.available, r.safety ?? null, r.category ?? null, r.productName ?? null, r.productStatus ?? null, input.readAt ? input.readAt(i) : null, r.warehouseName || r.warehouseId];
    const key = `${r.sku}\u0000${r.warehouseId}`;
    const k = last.get(key);
    if (k !== undefined) {
      const prev = out[k];
      dupes++;
      if (row[4] === null) row[4] = prev[4];
      prev[0] = -1; // superseded: dropped below
    }
    last.set(key, out.length);
    out.push(row);
  }
  const kept = dupes ? out.filter((r) => r[0] !== -1) : out;
  return { json: JSON.stringify(kept), count: kept.length, dupes };
}

/**
 * The read goes into a TEMP table in one statement (json_each over one parameter) and is merged into
 * the stored tables with one statement per concern: a statement per row cost 2–3× a raw upsert at
 * 100k rows, most of it in crossing from JavaScript to SQLite and back.
 */
export function persistRead(db: Db, input: PersistInput): PersistResult {
  const { runId, now } = input;
  const result: PersistResult = { written: 0, changed: 0, skippedCategory: 0, stale: 0, keptNewer: 0, newErpSkus: 0, invalid: [] };
  const invalid: Invalid[] = [];
  const broken: [string, string][] = [];
  const read = validRows(input, invalid, broken);
  db.transaction(() => {
    const upsertWarehouse = db.prepare(
      `INSERT INTO stock_erp_warehouses (id, name, active, seen_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, active = excluded.active, seen_at = excluded.seen_at`,
    );
    for (const w of input.warehouses ?? []) upsertWarehouse.run(w.id, w.name, w.active ? 1 : 0, now);
    // The stored figure of a broken row is no longer known to be right (an incremental read would otherwise keep it as fresh).
    const markStale = db.prepare('UPDATE stock_levels SET stale = 1 WHERE sku = ? AND erp_warehouse_id = ? AND stale = 0');
    for (const [sku, w] of broken) markStale.run(sku, w);
    if (read.count > 0) mergeRows(db, input, read.json, result, invalid);
    // Rows this read wrote are fresh again (few are ever stale; the index finds them per warehouse).
    const clearStale = db.prepare('UPDATE stock_levels SET stale = 0 WHERE erp_warehouse_id = ? AND stale = 1 AND run_id = ?');
    const seen = new Set((input.warehouses ?? []).map((w) => w.id));
    if (read.count > 0) for (const w of db.prepare('SELECT DISTINCT wh FROM temp.stock_read').pluck().all() as string[]) seen.add(w);
    for (const w of seen) clearStale.run(w, runId);
    if (db.prepare("SELECT 1 FROM stock_erp_skus WHERE category = '' LIMIT 1").get())
      db.prepare("INSERT INTO stock_categories (name, sync_enabled, first_seen_at) VALUES ('', 1, ?) ON CONFLICT(name) DO NOTHING").run(now);
    if (input.snapshotOf !== undefined) result.stale = markUnseenStale(db, runId, input.snapshotOf, input.staleBefore);
    const setCursor = db.prepare(
      'UPDATE stock_erp_warehouses SET changes_cursor = ? WHERE id = ? AND (changes_cursor IS NULL OR changes_cursor < ?)',
    );
    for (const [w, at] of input.cursors ?? []) setCursor.run(at, w, at);
    if (read.count > 0) db.exec('DROP TABLE temp.stock_read');
  })();
  // A pair read twice counted twice when rows were written one by one; it still does.
  if (result.written > 0) result.written += read.dupes;
  invalid.sort((a, b) => a.i - b.i);
  result.invalid = invalid.slice(0, 200).map(({ sku, warehouseId, reason }) => ({ sku, warehouseId, reason }));
  return result;
}

/** The valid rows, merged: safety kept, new ERP SKUs and categories, category switches, then the figures. */
function mergeRows(db: Db, input: PersistInput, json: string, result: PersistResult, invalid: Invalid[]): void {
  const { runId, now } = input;
  // `ok`: 1 write, 0 category switched off, 2 a later read stored a newer figure, 3 safety unknown.
  db.exec(`CREATE TEMP TABLE stock_read (i INTEGER PRIMARY KEY, sku TEXT NOT NULL, wh TEXT NOT NULL, available INTEGER NOT NULL,
    safety INTEGER, category TEXT, name TEXT, status TEXT, read_at TEXT, wh_name TEXT, ok INTEGER NOT NULL DEFAULT 1)`);
  db.prepare(
    `INSERT INTO temp.stock_read (i, sku, wh, available, safety, category, name, status, read_at, wh_name)
     SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7, value->>8, value->>9 FROM json_each(?)`,
  ).run(json);
  // A change row carries no safety stock: keep the stored one. With none stored there is no safe
  // figure to use (0 would overstate sellable stock), so the row waits for a full read.
  db.exec(`UPDATE temp.stock_read SET safety = (SELECT l.safety FROM stock_levels l WHERE l.sku = stock_read.sku AND l.erp_warehouse_id = stock_read.wh)
    WHERE safety IS NULL`);
  for (const [i, sku, wh] of db.prepare('DELETE FROM temp.stock_read WHERE safety IS NULL RETURNING i, sku, wh').raw().all() as [number, string, string][])
    invalid.push({ i, sku, warehouseId: wh, reason: SAFETY_UNKNOWN });
  db.prepare(
    `INSERT INTO stock_erp_warehouses (id, name, active, seen_at)
     SELECT wh, wh_name, 1, ? FROM temp.stock_read WHERE i IN (SELECT min(i) FROM temp.stock_read GROUP BY wh) ORDER BY i
     ON CONFLICT(id) DO NOTHING`,
  ).run(now);
  db.prepare(
    `INSERT INTO stock_categories (name, sync_enabled, first_seen_at)
     SELECT DISTINCT category, 1, ? FROM temp.stock_read WHERE category IS NOT NULL ORDER BY category ON CONFLICT(name) DO NOTHING`,
  ).run(now);
  mergeErpSkus(db, input, result);
  // Rows of a category switched off are not stored (the seller may have switched it off while the read ran).
  result.skippedCategory = db
    .prepare(
      `UPDATE temp.stock_read SET ok = 0 WHERE sku IN (SELECT e.sku FROM stock_erp_skus e JOIN stock_categories c ON c.name = e.category
         WHERE c.sync_enabled = 0 AND e.sku IN (SELECT sku FROM temp.stock_read))`,
    )
    .run().changes;
  if (input.readAt)
    // A full read that ran beside incremental reads: a stored figure seen at or after the page's read time is newer and stays.
    result.keptNewer = db
      .prepare(
        `UPDATE temp.stock_read SET ok = 2 WHERE ok = 1 AND EXISTS (SELECT 1 FROM stock_levels l
           WHERE l.sku = stock_read.sku AND l.erp_warehouse_id = stock_read.wh AND l.seen_at >= stock_read.read_at)`,
      )
      .run().changes;
  // `stale` is not in the SET list: naming an indexed column makes SQLite rewrite that index entry on
  // every row (a third of a 100k-row persist). Stale rows this read saw are cleared afterwards.
  result.written = db
    .prepare(
      `INSERT INTO stock_levels (sku, erp_warehouse_id, available, safety, seen_at, run_id, changed_at, stale)
       SELECT sku, wh, available, safety, @now, @runId, @now, 0 FROM temp.stock_read WHERE ok = 1 ORDER BY sku, wh
       ON CONFLICT(sku, erp_warehouse_id) DO UPDATE SET
         changed_at = CASE WHEN available != excluded.available OR safety != excluded.safety THEN excluded.changed_at ELSE changed_at END,
         available = excluded.available, safety = excluded.safety, seen_at = excluded.seen_at, run_id = excluded.run_id`,
    )
    .run({ now, runId }).changes;
  result.changed = db
    .prepare(
      `SELECT count(*) FROM stock_levels l JOIN temp.stock_read r ON l.sku = r.sku AND l.erp_warehouse_id = r.wh
       WHERE r.ok = 1 AND l.changed_at = ?`,
    )
    .pluck()
    .get(now) as number;
}

/**
 * ERP SKUs first seen get a row (with the category the goods pages gave, or '' without one); known
 * ones take the latest name, status and category the read carries.
 */
function mergeErpSkus(db: Db, input: PersistInput, result: PersistResult): void {
  const now = input.now;
  // Per SKU, the last row that carries a category (goods facts), else its last row.
  db.exec(`CREATE TEMP TABLE stock_read_skus AS
    SELECT sku, coalesce(max(CASE WHEN category IS NOT NULL THEN i END), max(i)) AS i FROM temp.stock_read GROUP BY sku`);
  const added = db
    .prepare(
      `INSERT INTO stock_erp_skus (sku, name, status, category, seen_at)
       SELECT r.sku, r.name, r.status, coalesce(r.category, ''), ? FROM temp.stock_read_skus s JOIN temp.stock_read r ON r.i = s.i
       WHERE true ORDER BY r.sku ON CONFLICT(sku) DO NOTHING RETURNING sku`,
    )
    .pluck()
    .all(now) as string[];
  result.newErpSkus = added.length;
  if (input.knownSkus) for (const sku of added) input.knownSkus.add(sku);
  db.prepare(
    `UPDATE stock_erp_skus SET name = coalesce(r.name, stock_erp_skus.name), status = coalesce(r.status, stock_erp_skus.status),
       category = r.category, seen_at = ?
     FROM temp.stock_read_skus s JOIN temp.stock_read r ON r.i = s.i
     WHERE stock_erp_skus.sku = s.sku AND r.category IS NOT NULL
       AND (stock_erp_skus.name IS NOT coalesce(r.name, stock_erp_skus.name) OR stock_erp_skus.status IS NOT coalesce(r.status, stock_erp_skus.status)
            OR stock_erp_skus.category IS NOT r.category)`,
  ).run(now);
  db.exec('DROP TABLE temp.stock_read_skus');
}

/** Stored rows of a full snapshot that the read did not see become stale (never zeroed). */
function markUnseenStale(db: Db, runId: number, snapshotOf: string[] | null, staleBefore: string | undefined): number {
  const disabledFilter = `AND sku NOT IN (SELECT e.sku FROM stock_erp_skus e JOIN stock_categories c ON c.name = e.category WHERE c.sync_enabled = 0)`;
  // '\uffff' sorts after every ISO time: without staleBefore every unseen row counts.
  const before = staleBefore ?? '\uffff';
  if (snapshotOf === null)
    return db.prepare(`UPDATE stock_levels SET stale = 1 WHERE run_id != ? AND stale = 0 AND seen_at < ? ${disabledFilter}`).run(runId, before).changes;
  const stmt = db.prepare(
    `UPDATE stock_levels SET stale = 1 WHERE erp_warehouse_id = ? AND run_id != ? AND stale = 0 AND seen_at < ? ${disabledFilter}`,
  );
  let n = 0;
  for (const w of snapshotOf) n += stmt.run(w, runId, before).changes;
  return n;
}
