/** The decision table's reasons in the seller's words, Chinese first. */
import type { DecisionReason } from '../../../src-shared/channels/auto';

export const REASONS: Record<DecisionReason, [string, string]> = {
  pinned: ['已手动固定（始终绑定/始终解绑），自动不处理。', 'Pinned by hand (always bound / always unbound); automation leaves it alone.'],
  unmapped: ['线上SKU还没有关联ERP SKU，不知道该看哪个库存。请在“SKU关联”里关联。', 'The listing SKU is not linked to an ERP SKU, so there is no stock to follow. Link it under SKU to listing.'],
  category_off: ['所属ERP产品分类的库存同步已关闭，不按库存处理。', 'Stock sync is off for its ERP category, so stock is not followed.'],
  no_warehouse: ['还没有关联仓库。请在“关联仓库”里选择仓库。', 'Not linked to a warehouse yet. Choose one under Link listings to warehouses.'],
  warehouse_unpaired: ['关联的店铺仓库还没有对应ERP仓库。请在“仓库设置”里配对。', 'The linked store warehouse is not paired with an ERP warehouse. Pair it under Warehouses.'],
  warehouse_name_mismatch: ['店铺仓库名与ERP仓库名不完全一致，真实系统会停止同步。请在“仓库设置”里改成完全相同的名字。', 'The store and ERP warehouse names differ; the real system stops syncing. Make them identical under Warehouses.'],
  warehouse_inactive: ['对应的ERP仓库已停用。', 'The paired ERP warehouse is inactive.'],
  stock_missing: ['库存未知（ERP还没有报过这个SKU在该仓库的库存）：未知不等于零，不会解绑。', 'Stock unknown (the ERP never reported this SKU in that warehouse): unknown is not zero, nothing is unbound.'],
  stock_stale: ['库存已过期（最近一次全量读取没有看到它）：不会依据过期库存解绑。', 'Stock is stale (the last full read did not see it): nothing is unbound on stale stock.'],
  last_sync_failed: ['最近一次库存同步失败：在同步恢复之前不依据旧库存解绑。', 'The last stock sync failed: nothing is unbound on old figures until it succeeds.'],
  no_goods_id: ['不知道对应的货品ID（sc_item_id），无法绑定/解绑。请刷新线上商品。', 'The goods id (sc_item_id) is unknown, so it cannot be bound or unbound. Refresh the listings.'],
  below_threshold: ['可售库存大于0但低于重新绑定门槛：保持现状。', 'Sellable stock is above 0 but below the rebind threshold: left as it is.'],
  already_bound: ['有货且已绑定：无需操作。', 'In stock and bound: nothing to do.'],
  already_unbound: ['无货且已解绑：无需操作。', 'Out of stock and unbound: nothing to do.'],
  unbind_in_review: ['无货，解绑正在审核中：等待审核结果。', 'Out of stock; the unbind is in review: waiting for the result.'],
  unbind_refused: ['无货，但解绑被平台拒绝：请按平台说明处理（可在操作记录里重试）。', 'Out of stock, but the unbind was refused: follow the marketplace message (retry from the action list).'],
  unbind_rejected: ['卖家拒绝了包含它的批量解绑：库存再次变化之前不会再解绑。', 'The seller rejected the mass unbind that held it: not unbound again until its stock changes.'],
  in_progress: ['同样的操作已在发送队列中。', 'The same action is already on its way.'],
  stock_out: ['可售库存为0：解绑，防止超卖。', 'Sellable stock is 0: unbind to stop overselling.'],
  stock_back: ['库存回来了（可售库存达到门槛）：重新绑定。', 'Stock is back (sellable reached the threshold): bind again.'],
  bind_after_review: ['库存回来了，但解绑仍在审核中：审核结束后再绑定，不会丢失。', 'Stock is back while the unbind is in review: it binds once the review ends, nothing is lost.'],
};

export function reasonText(r: DecisionReason): { zh: string; en: string } {
  const [zh, en] = REASONS[r];
  return { zh, en };
}
