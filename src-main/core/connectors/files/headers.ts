/**
 * Header synonyms in Chinese and English, as ERPs and spreadsheets label their columns. Earlier
 * synonyms win when a file has several candidates (可用库存 before 库存).
 */
export const STOCK_FIELDS = ['sku', 'warehouse', 'available', 'safety', 'category', 'productName', 'status'] as const;
export type StockField = (typeof STOCK_FIELDS)[number];

export const REQUIRED_FIELDS: StockField[] = ['sku', 'available'];

export const FIELD_LABELS: Record<StockField, { zh: string; en: string }> = {
  sku: { zh: 'SKU编码', en: 'SKU' },
  warehouse: { zh: '仓库', en: 'Warehouse' },
  available: { zh: '可用库存', en: 'Available stock' },
  safety: { zh: '安全库存', en: 'Safety stock' },
  category: { zh: '产品分类', en: 'Category' },
  productName: { zh: '商品名称', en: 'Product name' },
  status: { zh: '状态', en: 'Status' },
};

export const HEADER_SYNONYMS: Record<StockField, string[]> = {
  sku: [
    'sku',
    'sku编码',
    '商品编码',
    '商品sku',
    'erpsku',
    '货品编码',
    '产品编码',
    '商家编码',
    '商品sku编码',
    'goodssku',
    'skucode',
    '货号',
  ],
  warehouse: ['仓库', '仓库名称', '仓库名', '所在仓库', 'warehouse', 'warehousename'],
  available: [
    '可用库存',
    '可用数量',
    '可用库存数量',
    '可售库存',
    '可用',
    'available',
    'availablestock',
    'availablequantity',
    'availablestockquantity',
    'availableqty',
    '库存数量',
    '库存',
    'stock',
    'qty',
    'quantity',
  ],
  safety: ['安全库存', '安全库存数量', '安全数量', 'safety', 'safetystock', 'safetystockquantity'],
  category: ['分类', '产品分类', '商品分类', 'erp产品分类', '类目', '品类', 'category', 'categoryname'],
  productName: ['商品名称', '产品名称', '名称', '品名', '中文名称', 'productname', 'goodsname', 'name', 'title'],
  status: ['状态', '商品状态', '产品状态', '销售状态', 'status', 'productstatus'],
};

/** Folds a header for comparison: full-width to half-width, case, spaces, brackets and marks. */
export function foldHeader(h: string): string {
  return h
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-*:：()（）[\]【】]/g, '');
}

/** Finds each field's column; returns the index per field (null when absent). */
export function matchHeaders(headers: string[]): Record<StockField, number | null> {
  const folded = headers.map(foldHeader);
  const out = {} as Record<StockField, number | null>;
  const used = new Set<number>();
  for (const f of STOCK_FIELDS) {
    out[f] = null;
    for (const syn of HEADER_SYNONYMS[f]) {
      const i = folded.findIndex((h, idx) => h === syn && !used.has(idx));
      if (i >= 0) {
        out[f] = i;
        used.add(i);
        break;
      }
    }
  }
  return out;
}
