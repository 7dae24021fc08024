/**
 * 关联仓库: link listing SKUs to a store warehouse in batches of any size, each batch undoable.
 * Undo removes only the links that batch created: links that already existed stay.
 */
import type { Db } from '../db/open';
import { AppError } from '../../../src-shared/errors';
import type { LinkBatchInfo } from '../../../src-shared/types/stock';

export function linkToWarehouse(
  db: Db,
  input: { storeWarehouseId: number; listingSkuIds: number[]; selection: unknown },
  now: string,
): { batchId: number; linked: number; alreadyLinked: number } {
  if (!db.prepare('SELECT 1 FROM stock_store_warehouses WHERE id = ?').get(input.storeWarehouseId))
    throw new AppError(
      'NOT_FOUND',
      '所选店铺仓库不存在，可能已被删除。请刷新后重选。',
      'The chosen store warehouse does not exist; it may have been deleted. Reload and choose again.',
    );
  if (!input.listingSkuIds.length)
    throw new AppError(
      'BAD_INPUT',
      '没有选中任何商品。请先勾选商品或调整筛选条件。',
      'No listings are selected. Tick some listings or change the filter first.',
    );
  return db.transaction(() => {
    const batchId = Number(
      db
        .prepare('INSERT INTO stock_link_batches (at, store_warehouse_id, selection, linked) VALUES (?, ?, ?, 0)')
        .run(now, input.storeWarehouseId, JSON.stringify(input.selection ?? null)).lastInsertRowid,
    );
    const ins = db.prepare(
      `INSERT INTO stock_listing_warehouses (listing_sku_id, store_warehouse_id, batch_id, linked_at)
       SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM stock_listing_skus WHERE id = ?)
       ON CONFLICT DO NOTHING`,
    );
    let linked = 0;
    for (const id of input.listingSkuIds) linked += ins.run(id, input.storeWarehouseId, batchId, now, id).changes;
    db.prepare('UPDATE stock_link_batches SET linked = ? WHERE id = ?').run(linked, batchId);
    return { batchId, linked, alreadyLinked: input.listingSkuIds.length - linked };
  })();
}

export function undoLinkBatch(db: Db, batchId: number, now: string): { unlinked: number } {
  const b = db.prepare('SELECT undone_at FROM stock_link_batches WHERE id = ?').get(batchId) as { undone_at: string | null } | undefined;
  if (!b) throw new AppError('NOT_FOUND', `批次 #${batchId} 不存在。`, `Batch #${batchId} does not exist.`);
  if (b.undone_at) throw new AppError('CONFLICT', `批次 #${batchId} 已经撤销过了。`, `Batch #${batchId} was already undone.`);
  return db.transaction(() => {
    const unlinked = db.prepare('DELETE FROM stock_listing_warehouses WHERE batch_id = ?').run(batchId).changes;
    db.prepare('UPDATE stock_link_batches SET undone_at = ? WHERE id = ?').run(now, batchId);
    return { unlinked };
  })();
}

export function unlinkFromWarehouse(db: Db, storeWarehouseId: number, listingSkuIds: number[]): { unlinked: number } {
  const del = db.prepare('DELETE FROM stock_listing_warehouses WHERE listing_sku_id = ? AND store_warehouse_id = ?');
  return db.transaction(() => ({ unlinked: listingSkuIds.reduce((n, id) => n + del.run(id, storeWarehouseId).changes, 0) }))();
}

export function listLinkBatches(db: Db, limit: number): LinkBatchInfo[] {
  return (
    db
      .prepare(
        `SELECT b.id, b.at, b.store_warehouse_id, w.name, b.linked, b.undone_at FROM stock_link_batches b
         LEFT JOIN stock_store_warehouses w ON w.id = b.store_warehouse_id ORDER BY b.id DESC LIMIT ?`,
      )
      .all(limit) as { id: number; at: string; store_warehouse_id: number; name: string | null; linked: number; undone_at: string | null }[]
  ).map((r) => ({
    id: r.id,
    at: r.at,
    storeWarehouseId: r.store_warehouse_id,
    storeWarehouseName: r.name,
    linked: r.linked,
    undoneAt: r.undone_at,
  }));
}
