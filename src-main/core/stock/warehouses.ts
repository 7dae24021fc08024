/**
 * 仓库设置: the ERP's warehouses (read from the stock source) and the store's warehouses (added or
 * reused by the seller), paired. A pair counts only when the names match exactly.
 */
import type { Db } from '../db/open';
import { AppError } from '../../../src-shared/errors';
import type { WarehousesView, StoreWarehouseInfo } from '../../../src-shared/types/stock';
import { checkWarehouseName } from './warehouseNames';

export function warehousesView(db: Db): WarehousesView {
  const erp = db
    .prepare(
      `SELECT w.id, w.name, w.active, w.seen_at, w.changes_cursor,
         (SELECT count(*) FROM stock_levels l WHERE l.erp_warehouse_id = w.id) AS sku_count,
         (SELECT count(*) FROM stock_levels l WHERE l.erp_warehouse_id = w.id AND l.stale = 1) AS stale_count
       FROM stock_erp_warehouses w ORDER BY w.name`,
    )
    .all() as {
    id: string;
    name: string;
    active: number;
    seen_at: string;
    changes_cursor: string | null;
    sku_count: number;
    stale_count: number;
  }[];
  const store = db
    .prepare(
      `SELECT s.id, s.name, s.erp_warehouse_id, e.name AS erp_name, s.count_in_transit, s.sync_percent,
         (SELECT count(*) FROM stock_listing_warehouses lw WHERE lw.store_warehouse_id = s.id) AS linked
       FROM stock_store_warehouses s LEFT JOIN stock_erp_warehouses e ON e.id = s.erp_warehouse_id ORDER BY s.id`,
    )
    .all() as {
    id: number;
    name: string;
    erp_warehouse_id: string | null;
    erp_name: string | null;
    count_in_transit: number;
    sync_percent: number;
    linked: number;
  }[];
  return {
    erp: erp.map((w) => ({
      id: w.id,
      name: w.name,
      active: w.active === 1,
      seenAt: w.seen_at,
      skuCount: w.sku_count,
      staleCount: w.stale_count,
      changesCursor: w.changes_cursor,
    })),
    store: store.map((s): StoreWarehouseInfo => ({
      id: s.id,
      name: s.name,
      erpWarehouseId: s.erp_warehouse_id,
      erpWarehouseName: s.erp_name,
      check: s.erp_name === null ? null : checkWarehouseName(s.name, s.erp_name),
      linkedListingSkus: s.linked,
      countInTransit: s.count_in_transit === 1,
      syncPercent: s.sync_percent,
    })),
  };
}

function storeWarehouse(db: Db, id: number): { id: number; name: string } {
  const w = db.prepare('SELECT id, name FROM stock_store_warehouses WHERE id = ?').get(id) as { id: number; name: string } | undefined;
  if (!w)
    throw new AppError(
      'NOT_FOUND',
      `店铺仓库 #${id} 不存在，可能已被删除。请刷新页面。`,
      `Store warehouse #${id} does not exist; it may have been deleted. Reload the page.`,
    );
  return w;
}

function erpWarehouseExists(db: Db, id: string): void {
  if (!db.prepare('SELECT 1 FROM stock_erp_warehouses WHERE id = ?').get(id))
    throw new AppError(
      'NOT_FOUND',
      `ERP仓库 ${id} 不存在。请先同步一次库存或刷新仓库列表。`,
      `ERP warehouse ${id} does not exist. Sync stock or refresh the warehouse list first.`,
    );
}

/**
 * Adds a store warehouse, or reuses the one with exactly this name (an existing warehouse can be
 * reused: the listing system needs only one). Names are stored exactly as typed: the check shows
 * any difference instead of silently fixing it.
 */
export function saveStoreWarehouse(
  db: Db,
  input: { name: string; erpWarehouseId?: string | null },
  now: string,
): { id: number; reused: boolean } {
  if (!input.name.length) throw new AppError('BAD_INPUT', '仓库名称不能为空。', 'The warehouse name cannot be empty.');
  const existing = db.prepare('SELECT id FROM stock_store_warehouses WHERE name = ?').get(input.name) as { id: number } | undefined;
  if (input.erpWarehouseId) erpWarehouseExists(db, input.erpWarehouseId);
  if (existing) {
    if (input.erpWarehouseId !== undefined) pairWarehouse(db, existing.id, input.erpWarehouseId, now);
    return { id: existing.id, reused: true };
  }
  const id = Number(
    db
      .prepare('INSERT INTO stock_store_warehouses (name, erp_warehouse_id, created_at, updated_at) VALUES (?, ?, ?, ?)')
      .run(input.name, input.erpWarehouseId ?? null, now, now).lastInsertRowid,
  );
  return { id, reused: false };
}

export function pairWarehouse(db: Db, storeId: number, erpWarehouseId: string | null, now: string): void {
  storeWarehouse(db, storeId);
  if (erpWarehouseId) erpWarehouseExists(db, erpWarehouseId);
  db.prepare('UPDATE stock_store_warehouses SET erp_warehouse_id = ?, updated_at = ? WHERE id = ?').run(erpWarehouseId, now, storeId);
}

export function renameStoreWarehouse(db: Db, storeId: number, name: string, now: string): void {
  storeWarehouse(db, storeId);
  const clash = db.prepare('SELECT id FROM stock_store_warehouses WHERE name = ? AND id != ?').get(name, storeId);
  if (clash)
    throw new AppError(
      'CONFLICT',
      `已有名为“${name}”的店铺仓库。可以直接复用它。`,
      `A store warehouse named "${name}" already exists. Reuse it instead.`,
    );
  db.prepare('UPDATE stock_store_warehouses SET name = ?, updated_at = ? WHERE id = ?').run(name, now, storeId);
}

export function deleteStoreWarehouse(db: Db, storeId: number): { unlinkedListingSkus: number } {
  storeWarehouse(db, storeId);
  const n = (db.prepare('SELECT count(*) AS n FROM stock_listing_warehouses WHERE store_warehouse_id = ?').get(storeId) as { n: number }).n;
  db.prepare('DELETE FROM stock_store_warehouses WHERE id = ?').run(storeId);
  return { unlinkedListingSkus: n };
}

/**
 * How a store warehouse counts stock (Tongtool's settings): available only or available + in transit,
 * and the share of the ERP's stock synced to this store (1–100, rounded down). The next decision pass
 * uses them (sellable.ts); they change no stored figure.
 */
export function setWarehouseCounting(
  db: Db,
  storeId: number,
  input: { countInTransit?: boolean; syncPercent?: number },
  now: string,
): void {
  storeWarehouse(db, storeId);
  const p = input.syncPercent;
  if (p !== undefined && (!Number.isInteger(p) || p < 1 || p > 100))
    throw new AppError('BAD_INPUT', '同步比例须为 1 到 100 之间的整数。', 'The sync percentage must be a whole number from 1 to 100.');
  db.prepare(
    'UPDATE stock_store_warehouses SET count_in_transit = coalesce(?, count_in_transit), sync_percent = coalesce(?, sync_percent), updated_at = ? WHERE id = ?',
  ).run(input.countInTransit === undefined ? null : input.countInTransit ? 1 : 0, p ?? null, now, storeId);
}
