/**
 * Each stock field's label and its header synonyms in Chinese and English, as ERPs and
 * spreadsheets label their columns. Earlier synonyms win when a file has several candidates
 * (可用库存 before 库存).
 */
import type { Bilingual } from '../../../../src-shared/bilingual';

export const STOCK_FIELDS = ['sku', 'warehouse', 'available', 'safety', 'category', 'productName', 'status'] as const;
export type StockField = (typeof STOCK_FIELDS)[number];

export const REQUIRED_FIELDS: StockField[] = ['sku', 'available'];

/** Each field's label, as the app names it, and the header names that mean it in a file. */
const FIELDS: Record<StockField, Bilingual & { synonyms: string[] }> = {
  sku: {
    zh: 'SKU编码',
    en: 'SKU',
    synonyms: [
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
  },
  warehouse: { zh: '仓库', en: 'Warehouse', synonyms: ['仓库', '仓库名称', '仓库名', '所在仓库', 'warehouse', 'warehousename'] },
  available: {
    zh: '可用库存',
    en: 'Available stock',
    synonyms: [
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
  },
  safety: {
    zh: '安全库存',
    en: 'Safety stock',
    synonyms: ['安全库存', '安全库存数量', '安全数量', 'safety', 'safetystock', 'safetystockquantity'],
  },
  category: {
    zh: '产品分类',
    en: 'Category',
    synonyms: ['分类', '产品分类', '商品分类', 'erp产品分类', '类目', '品类', 'category', 'categoryname'],
  },
  productName: {
    zh: '商品名称',
    en: 'Product name',
    synonyms: ['商品名称', '产品名称', '名称', '品名', '中文名称', 'productname', 'goodsname', 'name', 'title'],
  },
  status: { zh: '状态', en: 'Status', synonyms: ['状态', '商品状态', '产品状态', '销售状态', 'status', 'productstatus'] },
};

export const FIELD_LABELS: Record<StockField, Bilingual> = fieldsWith(({ zh, en }) => ({ zh, en }));

export const HEADER_SYNONYMS: Record<StockField, string[]> = fieldsWith((f) => f.synonyms);

function fieldsWith<T>(pick: (f: (typeof FIELDS)[StockField]) => T): Record<StockField, T> {
  return Object.fromEntries(STOCK_FIELDS.map((f) => [f, pick(FIELDS[f])])) as Record<StockField, T>;
}

/**
 * The Traditional characters of the header words above, as Taiwan and Hong Kong ERPs (Big5 files)
 * write them: 倉庫 is 仓库, 可用庫存 is 可用库存.
 */
const TRADITIONAL: Record<string, string> = {
  倉: '仓',
  庫: '库',
  數: '数',
  貨: '货',
  編: '编',
  碼: '码',
  產: '产',
  類: '类',
  稱: '称',
  態: '态',
  號: '号',
  銷: '销',
  狀: '状',
};
const TRADITIONAL_CHAR = new RegExp(`[${Object.keys(TRADITIONAL).join('')}]`, 'g');

/** Folds a header for comparison: full-width to half-width, Traditional to Simplified, case, spaces, brackets and marks. */
export function foldHeader(h: string): string {
  return h
    .normalize('NFKC')
    .replace(TRADITIONAL_CHAR, (c) => TRADITIONAL[c]!)
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
