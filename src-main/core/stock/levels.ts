/**
 * Writes one stock read into the last-known stock, all in one transaction: ERP warehouses, ERP SKUs
 * and categories first seen, stock figures, stale flags and change cursors. Callers collect the
 * whole read first, so a failed or cancelled read never reaches this function and stored stock is
 * untouched. A SKU missing from a full read keeps its figures and is flagged stale, never zeroed.
 */
import { insertFlat } from '../db/bulk';
import type { Db } from '../db/open';
import { recordSighting, seenAtOf, SET_STALE } from './seen';
import type { ErpWarehouse, StockRow } from './source';
import { flagUnseen, sortAgainstStored, type Sorted } from './unchanged';

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

/** Values per row in Prepared.flat. */
const ROW = 5;

/** The read, checked and folded to what the merge needs. */
interface Prepared {
  /** Valid rows, one per (SKU, warehouse), flat (ROW values a row): sku, warehouse, available, safety, in transit. */
  flat: (string | number | null)[];
  /** Per row of `flat`, its index in the read (ascending). */
  at: Int32Array;
  count: number;
  dupes: number;
  /** Per warehouse, SKU → row number in `flat` (before duplicates were dropped: used only when there were none). */
  index: Map<string, Map<string, number>>;
  /** Some row has no safety stock (a change row never read in full in its warehouse). */
  safetyMissing: boolean;
  /** Warehouses of valid rows, with the first name the read gave. */
  warehouses: Map<string, string>;
  /** SKUs that may change stock_erp_skus (goods facts, or not known to be stored): [name, status, category]. */
  erp: Map<string, [string | null, string | null, string | null]>;
}

/**
 * The read's valid rows, one per (SKU, warehouse): a later row of the same pair wins, as it did when
 * rows were upserted one by one (a change row without safety keeps an earlier row's safety).
 */
function prepare(input: PersistInput, known: Set<string> | undefined, invalid: Invalid[], broken: [string, string][]): Prepared {
  // Per warehouse, SKU → row number in `flat`: keyed by the SKU string itself (a joined
  // "sku|warehouse" key cost a string and its hash per row, a quarter of the whole persist).
  const last = new Map<string, Map<string, number>>();
  const rows = input.rows;
  // Sized once for every row (grown arrays left a copy behind per growth step: at 100k rows, megabytes).
  const flat: (string | number | null)[] = new Array<string | number | null>(rows.length * ROW);
  const at = new Int32Array(rows.length);
  let n = 0;
  const warehouses = new Map<string, string>();
  const erp: Prepared['erp'] = new Map();
  let dupes = 0;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    const problem = validRow(r);
    if (problem) {
      invalid.push({ i, sku: String(r.sku), warehouseId: String(r.warehouseId), reason: problem });
      if (typeof r.sku === 'string' && typeof r.warehouseId === 'string') broken.push([r.sku, r.warehouseId]);
      continue;
    }
    let bySku = last.get(r.warehouseId);
    if (!bySku) {
      last.set(r.warehouseId, (bySku = new Map()));
      warehouses.set(r.warehouseId, r.warehouseName || r.warehouseId);
    }
    let safety = r.safety ?? null;
    // In transit (在途): only full rows carry it; a row without it (the change feed) keeps the stored one, as safety is kept.
    let inTransit = Number.isInteger(r.inTransit) && r.inTransit! >= 0 ? r.inTransit! : null;
    const k = bySku.get(r.sku);
    if (k !== undefined) {
      dupes++;
      if (safety === null) safety = flat[k * ROW + 3] as number | null;
      if (inTransit === null) inTransit = flat[k * ROW + 4] as number | null;
      at[k] = -1; // superseded: dropped below
    }
    bySku.set(r.sku, n);
    at[n] = i;
    const o = n++ * ROW;
    flat[o] = r.sku;
    flat[o + 1] = r.warehouseId;
    flat[o + 2] = r.available;
    flat[o + 3] = safety;
    flat[o + 4] = inTransit;
    // Per SKU the last row with goods facts counts (else its last row): ERP SKUs are written once.
    if (r.category !== undefined) erp.set(r.sku, [r.productName ?? null, r.productStatus ?? null, r.category]);
    else if (!known?.has(r.sku) && !erp.has(r.sku)) erp.set(r.sku, [null, null, null]);
  }
  flat.length = n * ROW;
  const keptFlat = dupes ? flat.filter((_, j) => at[(j / ROW) | 0] !== -1) : flat;
  const keptAt = dupes ? at.subarray(0, n).filter((i) => i !== -1) : at.subarray(0, n);
  let safetyMissing = false;
  for (let j = 3; j < keptFlat.length && !safetyMissing; j += ROW) safetyMissing = keptFlat[j] === null;
  return { flat: keptFlat, at: keptAt, count: keptAt.length, dupes, index: last, safetyMissing, warehouses, erp };
}

/**
 * The read goes into a TEMP table with multi-row inserts and is merged into the stored tables with
 * one statement per concern: a statement per row cost 2–3× a raw upsert at 100k rows, most of it
 * in crossing from JavaScript to SQLite and back.
 */
export function persistRead(db: Db, input: PersistInput): PersistResult {
  const { runId, now } = input;
  const result: PersistResult = { written: 0, changed: 0, skippedCategory: 0, stale: 0, keptNewer: 0, newErpSkus: 0, invalid: [] };
  const invalid: Invalid[] = [];
  const broken: [string, string][] = [];
  const read = prepare(input, input.knownSkus, invalid, broken);
  db.transaction(() => {
    const upsertWarehouse = db.prepare(
      `INSERT INTO stock_erp_warehouses (id, name, active, seen_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name, active = excluded.active, seen_at = excluded.seen_at`,
    );
    for (const w of input.warehouses ?? []) upsertWarehouse.run(w.id, w.name, w.active ? 1 : 0, now);
    // The stored figure of a broken row is no longer known to be right (an incremental read would otherwise keep it as fresh).
    const markStale = db.prepare(`UPDATE stock_levels SET ${SET_STALE} WHERE sku = ? AND erp_warehouse_id = ? AND stale = 0`);
    for (const [sku, w] of broken) markStale.run(sku, w);
    const sorted = read.count > 0 ? mergeRows(db, input, read, result, invalid) : null;
    // Rows this read wrote are fresh again (few are ever stale; the index finds them per warehouse).
    const clearStale = db.prepare('UPDATE stock_levels SET stale = 0 WHERE erp_warehouse_id = ? AND stale = 1 AND run_id = ?');
    const seen = new Set([...(input.warehouses ?? []).map((w) => w.id), ...read.warehouses.keys()]);
    for (const w of seen) clearStale.run(w, runId);
    if (db.prepare("SELECT 1 FROM stock_erp_skus WHERE category = '' LIMIT 1").get())
      db.prepare("INSERT INTO stock_categories (name, sync_enabled, first_seen_at) VALUES ('', 1, ?) ON CONFLICT(name) DO NOTHING").run(
        now,
      );
    if (sorted && input.snapshotOf !== undefined) {
      // Figures it saw unchanged were not written: noted as seen per warehouse, once the missed ones are stale.
      result.stale = flagUnseen(db, sorted.unseen);
      recordSighting(db, input.snapshotOf, runId, now);
    } else if (input.snapshotOf !== undefined) result.stale = markUnseenStale(db, runId, input.snapshotOf, input.staleBefore);
    const setCursor = db.prepare(
      'UPDATE stock_erp_warehouses SET changes_cursor = ? WHERE id = ? AND (changes_cursor IS NULL OR changes_cursor < ?)',
    );
    for (const [w, at] of input.cursors ?? []) setCursor.run(at, w, at);
    if (read.count > 0) db.exec('DROP TABLE IF EXISTS temp.stock_read; DROP TABLE temp.stock_read_erp; DROP TABLE temp.stock_read_moved');
  })();
  // A pair read twice counted twice when rows were written one by one; it still does.
  if (result.written > 0) result.written += read.dupes;
  invalid.sort((a, b) => a.i - b.i);
  result.invalid = invalid.slice(0, 200).map(({ sku, warehouseId, reason }) => ({ sku, warehouseId, reason }));
  return result;
}

/** How a figure is written: new rows inserted, stored ones updated (changed_at moves only when a figure does). */
const UPSERT = `ON CONFLICT(sku, erp_warehouse_id) DO UPDATE SET
         changed_at = CASE WHEN available != excluded.available OR safety != excluded.safety
                             OR in_transit IS NOT coalesce(excluded.in_transit, in_transit)
                           THEN excluded.changed_at ELSE changed_at END,
         available = excluded.available, safety = excluded.safety, seen_at = excluded.seen_at, run_id = excluded.run_id,
         in_transit = coalesce(excluded.in_transit, in_transit)`;

/**
 * The valid rows, merged: safety kept, new warehouses, ERP SKUs and categories, category switches, then the figures.
 * Returns how a foreground full read compared with the stored figures (null: every row was written).
 */
function mergeRows(db: Db, input: PersistInput, read: Prepared, result: PersistResult, invalid: Invalid[]): Sorted | null {
  const { runId, now } = input;
  db.exec('CREATE TEMP TABLE stock_read_erp (sku TEXT NOT NULL, name TEXT, status TEXT, category TEXT, new INTEGER NOT NULL)');
  // Rows of a category switched off are not stored (the seller may have switched it off while the read ran).
  const categoryOff = !!db.prepare('SELECT 1 FROM stock_categories WHERE sync_enabled = 0 LIMIT 1').get();
  // Most reads (a full read in the foreground, every row with its safety stock, no category off)
  // need none of the row checks below: their rows are upserted straight from the bound values, with
  // no TEMP table to fill and read back (a third of the persist at 100k rows).
  const direct = !input.readAt && !read.safetyMissing && !categoryOff;
  // A foreground full snapshot writes only the figures that moved (unchanged.ts); every other read
  // carries changes or needs the checks below, and writes every row it stores.
  const sorted =
    direct && input.snapshotOf !== undefined && input.staleBefore === undefined && read.dupes === 0
      ? sortAgainstStored(db, read.flat, read.index, input.snapshotOf === null ? null : new Set(input.snapshotOf))
      : null;
  // `ok`: 1 write, 0 category switched off, 2 a later read stored a newer figure.
  if (!direct) {
    db.exec(`CREATE TEMP TABLE stock_read (sku TEXT NOT NULL, wh TEXT NOT NULL, available INTEGER NOT NULL,
      safety INTEGER, in_transit INTEGER, read_at TEXT, ok INTEGER NOT NULL DEFAULT 1)`);
    const columns = ['sku', 'wh', 'available', 'safety', 'in_transit'];
    if (input.readAt) {
      // Drift reads only: each row with its page's read time.
      const readAt = input.readAt;
      const withTimes: (string | number | null)[] = [];
      for (let k = 0; k < read.count; k++) withTimes.push(...read.flat.slice(k * ROW, (k + 1) * ROW), readAt(read.at[k]!));
      insertFlat(db, 'temp.stock_read', [...columns, 'read_at'], withTimes);
    } else insertFlat(db, 'temp.stock_read', columns, read.flat);
  }
  // A change row carries no safety stock: keep the stored one. With none stored there is no safe
  // figure to use (0 would overstate sellable stock), so the row waits for a full read.
  const unsafe = new Set<string>();
  if (read.safetyMissing) {
    db.exec(`UPDATE temp.stock_read SET safety = (SELECT l.safety FROM stock_levels l WHERE l.sku = stock_read.sku AND l.erp_warehouse_id = stock_read.wh)
      WHERE safety IS NULL`);
    // The TEMP table's rowid is the row's place in read.flat (filled in order, from 1).
    for (const [rowid, sku, wh] of db.prepare('DELETE FROM temp.stock_read WHERE safety IS NULL RETURNING rowid, sku, wh').raw().all() as [
      number,
      string,
      string,
    ][]) {
      invalid.push({ i: read.at[rowid - 1]!, sku, warehouseId: wh, reason: SAFETY_UNKNOWN });
      unsafe.add(sku);
    }
  }
  const insertWarehouse = db.prepare(
    'INSERT INTO stock_erp_warehouses (id, name, active, seen_at) VALUES (?, ?, 1, ?) ON CONFLICT(id) DO NOTHING',
  );
  for (const [id, name] of read.warehouses) insertWarehouse.run(id, name, now);
  if (read.erp.size > 0) {
    const known = input.knownSkus;
    // `new`: not known to be stored (only these are tried as inserts; the set may be older than the table).
    const erpFlat: (string | number | null)[] = [];
    for (const [sku, [name, status, category]] of read.erp) erpFlat.push(sku, name, status, category, known?.has(sku) ? 0 : 1);
    insertFlat(db, 'temp.stock_read_erp', ['sku', 'name', 'status', 'category', 'new'], erpFlat);
    // A SKU whose only rows wait for their safety stock is not stored yet.
    if (unsafe.size) db.exec('DELETE FROM temp.stock_read_erp WHERE sku NOT IN (SELECT sku FROM temp.stock_read)');
    mergeErpSkus(db, input, result);
  }
  if (categoryOff)
    result.skippedCategory = db
      .prepare(
        `UPDATE temp.stock_read SET ok = 0 WHERE sku IN (SELECT e.sku FROM stock_erp_skus e
           WHERE e.category IN (SELECT name FROM stock_categories WHERE sync_enabled = 0))`,
      )
      .run().changes;
  if (input.readAt)
    // A full read that ran beside incremental reads: a stored figure seen at or after the page's read time is newer and stays.
    result.keptNewer = db
      .prepare(
        `UPDATE temp.stock_read SET ok = 2 WHERE ok = 1 AND EXISTS (SELECT 1 FROM stock_levels l
           WHERE l.sku = stock_read.sku AND l.erp_warehouse_id = stock_read.wh AND ${seenAtOf('l')} >= stock_read.read_at)`,
      )
      .run().changes;
  // The per-row change-mark triggers stand aside for this statement (migration 18: one trigger body
  // per changed row cost as much as writing every row); the SKUs it moved are marked below, in one
  // statement. A row already carrying this run and time (the same run written twice within a
  // millisecond) could not be told from one this statement moved: then the triggers mark as before.
  // A foreground full read knows what it moves (unchanged.ts).
  const quiet = !!sorted || !db.prepare('SELECT 1 FROM stock_levels WHERE run_id = ? AND changed_at = ? LIMIT 1').get(runId, now);
  if (quiet) db.prepare('INSERT INTO auto_changed_quiet (id) VALUES (1)').run();
  // `stale` is not in the SET list: naming an indexed column makes SQLite rewrite that index entry on
  // every row (a third of a 100k-row persist). Stale rows this read saw are cleared afterwards.
  if (direct)
    // Rows found unchanged count as written: the read stored them (as seen), as it did when it rewrote them.
    result.written =
      insertFlat(db, 'stock_levels', ['sku', 'erp_warehouse_id', 'available', 'safety', 'in_transit'], sorted?.write ?? read.flat, {
        more: { columns: 'seen_at, run_id, changed_at, stale', values: '@now, @runId, @now, 0' },
        tail: UPSERT,
        params: { now, runId },
      }) + (sorted?.unchanged ?? 0);
  else
    result.written = db
      .prepare(
        `INSERT INTO stock_levels (sku, erp_warehouse_id, available, safety, seen_at, run_id, changed_at, in_transit, stale)
         SELECT sku, wh, available, safety, @now, @runId, @now, in_transit, 0 FROM temp.stock_read WHERE ok = 1 ${UPSERT}`,
      )
      .run({ now, runId }).changes;
  if (quiet) db.prepare('DELETE FROM auto_changed_quiet').run();
  // Inserted rows and rows whose available, safety or in-transit figure changed: exactly what the
  // triggers would have marked (the statement does not touch `stale`).
  db.exec('CREATE TEMP TABLE stock_read_moved (sku TEXT NOT NULL)');
  if (sorted) result.changed = insertFlat(db, 'temp.stock_read_moved', ['sku'], sorted.moved);
  else
    result.changed = db
      .prepare('INSERT INTO temp.stock_read_moved (sku) SELECT sku FROM stock_levels WHERE run_id = ? AND changed_at = ?')
      .run(runId, now).changes;
  if (quiet && result.changed > 0) {
    // The linked listing SKUs are looked up once, into a table kept in their order (the join written
    // twice, once to delete and once to insert the marks, cost a tenth of the persist at 100k rows).
    db.exec(`CREATE TEMP TABLE stock_read_marks (id INTEGER PRIMARY KEY);
             INSERT OR IGNORE INTO temp.stock_read_marks (id)
               SELECT k.listing_sku_id FROM temp.stock_read_moved m JOIN stock_sku_links k ON k.erp_sku = m.sku;
             DELETE FROM auto_changed WHERE listing_sku_id IN (SELECT id FROM temp.stock_read_marks);
             INSERT INTO auto_changed (listing_sku_id) SELECT id FROM temp.stock_read_marks ORDER BY id;
             DROP TABLE temp.stock_read_marks`);
  }
  return sorted;
}

/**
 * ERP SKUs first seen get a row (with the category the goods pages gave, or '' without one); known
 * ones take the latest name, status and category the read carries.
 */
function mergeErpSkus(db: Db, input: PersistInput, result: PersistResult): void {
  const now = input.now;
  db.prepare(
    `INSERT INTO stock_categories (name, sync_enabled, first_seen_at)
     SELECT DISTINCT category, 1, ? FROM temp.stock_read_erp WHERE category IS NOT NULL ORDER BY category ON CONFLICT(name) DO NOTHING`,
  ).run(now);
  const added = db
    .prepare(
      `INSERT INTO stock_erp_skus (sku, name, status, category, seen_at)
       SELECT sku, name, status, coalesce(category, ''), ? FROM temp.stock_read_erp WHERE new = 1 ORDER BY sku
       ON CONFLICT(sku) DO NOTHING RETURNING sku`,
    )
    .pluck()
    .all(now) as string[];
  result.newErpSkus = added.length;
  if (input.knownSkus) for (const sku of added) input.knownSkus.add(sku);
  db.prepare(
    `UPDATE stock_erp_skus SET name = coalesce(r.name, stock_erp_skus.name), status = coalesce(r.status, stock_erp_skus.status),
       category = r.category, seen_at = ?
     FROM temp.stock_read_erp r
     WHERE stock_erp_skus.sku = r.sku AND r.category IS NOT NULL
       AND (stock_erp_skus.name IS NOT coalesce(r.name, stock_erp_skus.name) OR stock_erp_skus.status IS NOT coalesce(r.status, stock_erp_skus.status)
            OR stock_erp_skus.category IS NOT r.category)`,
  ).run(now);
}

/**
 * Stored rows of a full snapshot that the read did not see become stale (never zeroed), for reads
 * that wrote every row they saw (a foreground full read finds the rows it missed itself, unchanged.ts).
 */
function markUnseenStale(db: Db, runId: number, snapshotOf: string[] | null, staleBefore: string | undefined): number {
  const disabledFilter = `AND sku NOT IN (SELECT e.sku FROM stock_erp_skus e JOIN stock_categories c ON c.name = e.category WHERE c.sync_enabled = 0)`;
  // '\uffff' sorts after every ISO time: without staleBefore every unseen row counts.
  const before = staleBefore ?? '\uffff';
  const seen = seenAtOf('stock_levels');
  if (snapshotOf === null)
    return db
      .prepare(`UPDATE stock_levels SET ${SET_STALE} WHERE run_id != ? AND stale = 0 AND ${seen} < ? ${disabledFilter}`)
      .run(runId, before).changes;
  const stmt = db.prepare(
    `UPDATE stock_levels SET ${SET_STALE} WHERE erp_warehouse_id = ? AND run_id != ? AND stale = 0 AND ${seen} < ? ${disabledFilter}`,
  );
  let n = 0;
  for (const w of snapshotOf) n += stmt.run(w, runId, before).changes;
  return n;
}
