/**
 * One product as aliexpress.choice.products.list sends it (wire.md: search_sku_info_list per SKU, the
 * sc item with its bind status, Long ids as exact digits, the refuse reason only on a refused unbind).
 */
import { WIRE_BIND_STATUS, type SimProduct } from './simData';
import { long } from './simJson';

export function productOnWire(x: SimProduct): Record<string, unknown> {
  return {
    product_id: long(x.productId),
    title: x.title,
    product_type: x.productType,
    product_audit_status: '1',
    leaf_category_id: long('200000345'),
    total_stocks: x.skus.reduce((n, s) => n + s.skuStock, 0),
    currency_code: 'CNY',
    image_urls: x.imageUrls,
    search_sku_info_list: x.skus.map((s) => ({
      sku_id: long(s.skuId),
      seller_sku: s.sellerSku,
      sku_stock: s.skuStock,
      status: s.status ?? 'active',
      variation: s.variation,
      supply_price: '12.50',
      sku_warehouse_stock_list: [
        { warehouse_type: 'jit_warehouse', warehouse_name: 'JIT仓', warehouse_code: 'JIT-CN', sellable_quantity: s.skuStock },
      ],
      product_sku_sc_item_info_dto: {
        sc_item_id: long(s.scItemId),
        sc_item_bar_code: `BC${s.scItemId.slice(-8)}`,
        bind_status: s.bindStatus,
        unbind_refuse_reason: s.bindStatus === WIRE_BIND_STATUS.UNBIND_REFUSED ? s.refuseReason : undefined,
      },
    })),
  };
}
