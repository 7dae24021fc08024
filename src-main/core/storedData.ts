/**
 * What the database holds, in the seller's words, for the help screen's "what is stored", the CLI's
 * `info` and the exit export's file names: a seller reads 库存记录, not stock_levels. Table names
 * stay in `rowCounts` (`info --json`) and in the export's README, which support reads next to the
 * database itself.
 */
import type { Bilingual } from '../../src-shared/bilingual';
import type { StoredData } from '../../src-shared/types/app';

/** One line each, in the order the app's areas come: stock, auto bind/unbind, exit, deposit, the rest. */
const WHAT: [table: string, what: Bilingual][] = [
  [
    'stock_levels',
    { zh: '库存记录（每个SKU在每个仓库的最新可用库存）', en: 'Stock records (latest available stock per SKU and warehouse)' },
  ],
  ['stock_sales', { zh: '销量记录（按SKU和仓库）', en: 'Units sold per SKU and warehouse' }],
  ['stock_sync_runs', { zh: '库存同步记录（每次读取或导入一条）', en: 'Stock reads (one per sync or import)' }],
  ['stock_erp_skus', { zh: 'ERP货品（SKU、名称、状态、类目）', en: 'ERP SKUs (name, state, category)' }],
  ['stock_categories', { zh: 'ERP产品分类及同步开关', en: 'ERP product categories and their sync switch' }],
  ['stock_erp_warehouses', { zh: '库存来源里的仓库', en: 'Warehouses in the stock source' }],
  ['stock_store_warehouses', { zh: '托管店铺仓库及对应的ERP仓库', en: 'Store warehouses and the ERP warehouse paired with each' }],
  ['stock_listings', { zh: '全托管商品', en: 'Fully-managed products' }],
  ['stock_listing_skus', { zh: '线上SKU及绑定状态', en: 'Listing SKUs and their bind state' }],
  ['stock_sku_links', { zh: '线上SKU与ERP SKU的关联', en: 'Links from listing SKUs to ERP SKUs' }],
  ['stock_sku_rules', { zh: 'SKU混淆规则', en: 'SKU obfuscation rules' }],
  ['stock_listing_warehouses', { zh: '线上SKU关联的仓库', en: 'Warehouses linked to listing SKUs' }],
  ['stock_link_batches', { zh: '批量关联仓库的记录（可撤销）', en: 'Bulk warehouse links (each can be undone)' }],
  ['stock_settings', { zh: '库存同步设置', en: 'Stock sync settings' }],
  ['auto_settings', { zh: '自动绑定/解绑的开关和设置', en: 'The auto bind/unbind switch and settings' }],
  ['auto_pins', { zh: '设为“始终绑定”或“始终解绑”的线上SKU', en: 'Listing SKUs set to "always bound" or "always unbound"' }],
  ['auto_actions', { zh: '自动绑定/解绑操作记录（发送队列）', en: 'Auto bind/unbind actions (the send queue)' }],
  ['auto_decisions', { zh: '绑定/解绑的决定及依据', en: 'Bind/unbind decisions and the figures behind them' }],
  ['auto_runs', { zh: '自动绑定/解绑的每一轮判断', en: 'Each auto bind/unbind pass' }],
  ['auto_stockouts', { zh: '断货记录（何时断货、何时解绑、何时来货）', en: 'Stock-outs (when stock ran out, was unbound, came back)' }],
  ['auto_stock_history', { zh: '可售库存的变化记录', en: 'Sellable stock over time' }],
  ['exit_case', { zh: '退店案件', en: 'The store exit case' }],
  ['exit_event', { zh: '退店办理记录', en: 'Store exit timeline' }],
  ['exit_disposal_draft', { zh: '库存处理计划（逐行保存的填写内容）', en: 'Inventory disposal plan, row by row as typed' }],
  ['exit_disposal', { zh: '库存处理计划（已完成的行）', en: 'Inventory disposal plan (finished rows)' }],
  ['exit_partner', { zh: '合作伙伴及终止合作情况', en: 'Partners and the end of each partnership' }],
  ['exit_question', { zh: '要问平台客服的问题', en: 'Questions for platform support' }],
  ['deposit_case', { zh: '退保证金案件', en: 'The deposit refund case' }],
  ['deposit_event', { zh: '退保证金办理记录', en: 'Deposit refund timeline' }],
  ['deposit_violation', { zh: '违规扣款', en: 'Violations and their penalties' }],
  ['deposit_bill_import', { zh: '导入的支付宝账单', en: 'Imported Alipay bills' }],
  ['deposit_arrival', { zh: '确认到账的退款', en: 'Refund payments confirmed as arrived' }],
  ['store_prerequisites', { zh: '纠纷、未完成订单、欠款的确认', en: 'Your answers on disputes, unfinished orders and debts' }],
  ['fit_results', { zh: '“全托管适合我吗”的评估', en: '"Is fully-managed right for me?" checks' }],
  ['audit_log', { zh: '操作记录（谁在什么时候做了什么）', en: 'Activity log (who did what, when)' }],
  ['notices', { zh: '通知', en: 'Notices' }],
  ['connector_settings', { zh: '连接设置（不含密钥）', en: 'Connection settings (no keys)' }],
];

/**
 * Counters, change marks and the Tongtool call quota the app keeps for itself: nothing a seller
 * entered or would look for, so they are one line rather than ten.
 */
export const INTERNAL_TABLES: readonly string[] = [
  'auto_bind_counts',
  'auto_bound_count',
  'auto_changed',
  'auto_changed_quiet',
  'auto_reason_counts',
  'auto_risk_counts',
  'auto_sku_state',
  'stock_change_seen',
  'stock_levels_seen',
  'tongtool_quota_calls',
];

export const INTERNAL: Bilingual = {
  zh: '程序自用的辅助记录（统计计数、待处理标记、通途接口调用次数等）',
  en: "The app's own bookkeeping (counts, change marks, Tongtool call quota)",
};

/**
 * Each kind of data with its row count, in the help screen's order. A table without words of its own
 * counts with the bookkeeping rather than showing its name (a test keeps that list exact).
 */
export function storedData(rowCounts: Record<string, number>): StoredData[] {
  const out: StoredData[] = WHAT.filter(([t]) => t in rowCounts).map(([t, what]) => ({ what, rows: rowCounts[t]! }));
  const rest = Object.keys(rowCounts).filter((t) => !WORDS.has(t));
  if (rest.length) out.push({ what: INTERNAL, rows: rest.reduce((n, t) => n + rowCounts[t]!, 0) });
  return out;
}

/** The tables with words of their own. */
export const NAMED_TABLES: readonly string[] = WHAT.map(([t]) => t);

const WORDS = new Map(WHAT);

/** The seller's words for one table; null for the app's own bookkeeping. */
export function wordsFor(table: string): Bilingual | null {
  return WORDS.get(table) ?? null;
}
