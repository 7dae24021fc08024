import { z } from 'zod';
import { channel, empty, label, says } from '../channel';
import { uploadContent } from '../uploadField';
import type {
  CategoryInfo,
  CategoryToggleResult,
  ErpSkuRow,
  LinkBatchInfo,
  ListingSkuRow,
  MappingImportReport,
  Page,
  ResolveSummary,
  RuleOutcome,
  RulePreview,
  SkuRule,
  StockLevelRow,
  StockOverview,
  StockSyncSettings,
  SyncRunInfo,
  SyncStatus,
  WarehouseNameCheck,
  WarehousesView,
} from '../types/stock';
import {
  STOCK_FILE_FIELDS,
  type StockFileField,
  type StockFileReport,
  type StockImportStatus,
  type WatchFolderStatus,
} from '../types/stockFile';
import { BIND_STATUS } from '../bindStatus';

const text = (max: number) => z.string().max(max);
const pageInput = {
  page: z.number().int().min(1).max(1_000_000).meta(label('页码', 'Page')).default(1),
  pageSize: z.number().int().min(1).max(500).meta(label('每页条数', 'Rows per page')).default(50),
};
const search = text(100).meta(label('搜索', 'Search'));
const listingSkuId = z.number().int().positive().meta(label('线上SKU', 'Listing SKU'));
const storeWarehouseId = z.number().int().positive().meta(label('店铺仓库', 'Store warehouse'));
const erpWarehouseId = text(64).meta(label('ERP仓库', 'ERP warehouse'));
/**
 * Kept exactly as typed, spaces included: it must equal the ERP warehouse's name character for
 * character, and the name check explains a missing or extra space (an ERP name may end in one). A
 * name of spaces alone names nothing.
 */
const storeWarehouseName = text(60)
  .min(1)
  // An empty name is min(1)'s to refuse, once.
  .refine(
    (n) => n === '' || n.trim() !== '',
    says('{label}不能只有空格，请填写仓库的名字', '{label} cannot be only spaces; enter the warehouse name'),
  )
  .meta(label('店铺仓库名称', 'Store warehouse name'));
const resolve = z.boolean().meta(label('马上重新关联', 'Resolve again now')).default(true);
const ruleId = z.number().int().positive().meta(label('规则', 'Rule'));
const sep = (zh: string, en: string) => text(20).min(1).meta(label(zh, en));

/** The rule editor's fields, named as the editor names them. */
const ruleText = text(50).min(1).meta(label('文字', 'Text'));
const ruleCount = z.number().int().min(1).max(50).meta(label('字符数', 'Characters'));
const occurrence = z.enum(['first', 'last']).meta(label('第几个', 'Which one')).default('first');

export const skuRuleSpecSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('strip_prefix'), text: ruleText }).strict(),
    z.object({ kind: z.literal('strip_suffix'), text: ruleText }).strict(),
    z.object({ kind: z.literal('strip_start'), count: ruleCount }).strict(),
    z.object({ kind: z.literal('strip_end'), count: ruleCount }).strict(),
    z.object({ kind: z.literal('before'), separator: sep('分隔符', 'Separator'), occurrence }).strict(),
    z.object({ kind: z.literal('after'), separator: sep('分隔符', 'Separator'), occurrence }).strict(),
    z
      .object({ kind: z.literal('between'), start: sep('开始分隔符', 'Opening separator'), end: sep('结束分隔符', 'Closing separator') })
      .strict(),
    z
      .object({
        kind: z.literal('replace'),
        from: sep('要换掉的文字', 'Text to replace'),
        to: text(20).meta(label('换成的文字', 'Replacement')),
      })
      .strict(),
    z.object({ kind: z.literal('regex'), pattern: text(200).min(1).meta(label('正则', 'Pattern')) }).strict(),
  ])
  .meta(label('规则类型', 'Rule kind'));

export const resolveStatusSchema = z.enum(['manual', 'exact', 'rule', 'unresolved', 'conflict']);

export const listingFilterSchema = z
  .object({
    text: search.optional(),
    resolveStatus: z.array(resolveStatusSchema).max(5).meta(label('关联状态', 'Link status')).optional(),
    bindStatus: z
      .array(
        z.union([
          z.literal(BIND_STATUS.UNBOUND),
          z.literal(BIND_STATUS.BOUND),
          z.literal(BIND_STATUS.UNBIND_REVIEW),
          z.literal(BIND_STATUS.UNBIND_REFUSED),
        ]),
      )
      .max(4)
      .meta(label('绑定状态', 'Bind status'))
      .optional(),
    /** 0 = linked to no warehouse. */
    storeWarehouseId: z.number().int().min(0).meta(label('店铺仓库', 'Store warehouse')).optional(),
    category: text(100).meta(label('类目', 'Category')).optional(),
    productIds: z.array(text(64)).max(1000).meta(label('商品ID', 'Product IDs')).optional(),
  })
  .strict();

export const stockSettingsPatchSchema = z
  .object({
    intervalMinutes: z.number().int().min(1).max(1440).meta(label('同步间隔（分钟）', 'Interval (minutes)')),
    fullEveryHours: z.number().int().min(1).max(168).meta(label('全量读取周期（小时）', 'Full read every (hours)')),
    scheduleEnabled: z.boolean().meta(label('定时同步', 'Scheduled sync')),
    caseRule: z.enum(['insensitive', 'sensitive']).meta(label('SKU大小写', 'SKU letter case')),
  })
  .partial()
  .strict();

const fileColumn = z.union([text(200).min(1), z.number().int().min(0).max(1000)]);
/** The column-mapping selects, as the import card names them. */
const COLUMN_LABELS: Record<StockFileField, ReturnType<typeof label>> = {
  sku: label('SKU所在的列', 'SKU column'),
  warehouse: label('仓库所在的列', 'Warehouse column'),
  available: label('可用库存所在的列', 'Available stock column'),
  safety: label('安全库存所在的列', 'Safety stock column'),
  category: label('类目所在的列', 'Category column'),
  productName: label('商品名称所在的列', 'Product name column'),
  status: label('商品状态所在的列', 'Product status column'),
};

export const stockChannels = {
  /** Where the wizard stands: each step done or what it still needs. */
  'stock.overview': channel(empty).returns<StockOverview>(),

  'stock.warehouses.list': channel(empty).returns<WarehousesView>(),
  /** Re-reads the source's warehouse list (one request). */
  'stock.warehouses.refresh': channel(empty).returns<WarehousesView>(),
  /** Adds a store warehouse, or reuses the one with exactly this name. */
  'stock.warehouses.save': channel(
    z.object({ name: storeWarehouseName, erpWarehouseId: erpWarehouseId.nullable().optional() }).strict(),
  ).returns<{ id: number; reused: boolean; view: WarehousesView }>(),
  'stock.warehouses.pair': channel(
    z.object({ storeWarehouseId, erpWarehouseId: erpWarehouseId.nullable() }).strict(),
  ).returns<WarehousesView>(),
  /** How a store warehouse counts stock: available only or + in transit, and the share synced (1–100). */
  'stock.warehouses.counting': channel(
    z
      .object({
        storeWarehouseId,
        countInTransit: z.boolean().meta(label('计入在途库存', 'Count in-transit stock')).optional(),
        syncPercent: z.number().int().min(1).max(100).meta(label('同步比例', 'Sync percentage')).optional(),
      })
      .strict(),
  ).returns<WarehousesView>(),
  /** Renames a store warehouse, e.g. to the exact name the check offers. */
  'stock.warehouses.rename': channel(z.object({ storeWarehouseId, name: storeWarehouseName }).strict()).returns<WarehousesView>(),
  'stock.warehouses.delete': channel(z.object({ storeWarehouseId }).strict()).returns<{
    unlinkedListingSkus: number;
  }>(),
  'stock.warehouses.check': channel(
    z
      .object({
        storeName: text(60).meta(label('店铺仓库名称', 'Store warehouse name')),
        erpName: text(60).meta(label('ERP仓库名称', 'ERP warehouse name')),
      })
      .strict(),
  ).returns<WarehouseNameCheck>(),

  'stock.categories.list': channel(empty).returns<CategoryInfo[]>(),
  /** Turning off without confirm: nothing changes, the answer says which listings would stop syncing. */
  'stock.categories.toggle': channel(
    z
      .object({
        name: text(100).meta(label('类目', 'Category')),
        enabled: z.boolean().meta(label('同步这个类目', 'Sync this category')),
        confirm: z.boolean().meta(label('确认停止同步', 'Confirm stopping')).default(false),
      })
      .strict(),
  ).returns<CategoryToggleResult>(),

  'stock.erpSkus.page': channel(
    z
      .object({
        ...pageInput,
        text: search.optional(),
        category: text(100).meta(label('类目', 'Category')).optional(),
        status: text(40).meta(label('商品状态', 'Product status')).optional(),
        staleOnly: z.boolean().meta(label('只看过期库存', 'Stale stock only')).optional(),
      })
      .strict(),
  ).returns<Page<ErpSkuRow>>(),
  'stock.levels.page': channel(
    z
      .object({
        ...pageInput,
        text: search.optional(),
        erpWarehouseId: erpWarehouseId.optional(),
        staleOnly: z.boolean().meta(label('只看过期库存', 'Stale stock only')).optional(),
      })
      .strict(),
  ).returns<Page<StockLevelRow>>(),

  'stock.settings.get': channel(empty).returns<StockSyncSettings>(),
  'stock.settings.set': channel(stockSettingsPatchSchema).returns<StockSyncSettings>(),

  /**
   * Starts a read; with wait it answers when the read ends (CLI), otherwise at once (UI follows
   * progress events). oneShot: the caller's process ends after this read (the CLI), so a drift read
   * that is due runs in the foreground, not in the background.
   */
  'stock.sync.now': channel(
    z
      .object({
        strategy: z.enum(['auto', 'full', 'incremental']).meta(label('读取方式', 'Read')).default('auto'),
        wait: z.boolean().meta(label('等待读取结束', 'Wait for the read')).default(false),
        oneShot: z.boolean().meta(label('读取后进程结束', 'The process ends after the read')).optional(),
      })
      .strict(),
  ).returns<{ started: boolean; run: SyncRunInfo | null }>(),
  'stock.sync.cancel': channel(empty).returns<{ cancelled: boolean }>(),
  'stock.sync.status': channel(empty).returns<SyncStatus>(),
  'stock.runs.list': channel(z.object(pageInput).strict()).returns<Page<SyncRunInfo>>(),

  'sku.rules.list': channel(empty).returns<SkuRule[]>(),
  'sku.rules.save': channel(
    z
      .object({
        id: ruleId.optional(),
        label: text(60).meta(label('规则名称', 'Rule name')).default(''),
        enabled: z.boolean().meta(label('启用', 'Enabled')).default(true),
        spec: skuRuleSpecSchema,
        /** Resolve again right away so the counts show the rule's effect. */
        resolve,
      })
      .strict(),
  ).returns<{ rule: SkuRule; summary: ResolveSummary | null }>(),
  'sku.rules.delete': channel(z.object({ id: ruleId, resolve }).strict()).returns<{
    summary: ResolveSummary | null;
  }>(),
  'sku.rules.reorder': channel(z.object({ ids: z.array(ruleId).max(200).meta(label('规则顺序', 'Rule order')) }).strict()).returns<
    SkuRule[]
  >(),
  /** The rule's effect on the stored listing SKUs, before saving. */
  'sku.rules.preview': channel(
    z
      .object({ spec: skuRuleSpecSchema, sampleSize: z.number().int().min(1).max(200).meta(label('预览条数', 'Preview size')).default(50) })
      .strict(),
  ).returns<RulePreview>(),
  /** The rule on given SKUs only (no stored data needed). */
  'sku.rules.test': channel(
    z.object({ spec: skuRuleSpecSchema, skus: z.array(text(200)).min(1).max(1000).meta(label('要试的线上SKU', 'SKUs to try')) }).strict(),
  ).returns<RuleOutcome[]>(),

  'sku.resolve': channel(empty).returns<ResolveSummary>(),
  /** Re-reads the listing SKUs from the marketplace, then resolves. */
  'sku.listings.refresh': channel(empty).returns<{ products: number; skus: number; summary: ResolveSummary }>(),
  'sku.listings.page': channel(
    z.object({ ...pageInput, filter: listingFilterSchema.meta(label('筛选条件', 'Filter')).default({}) }).strict(),
  ).returns<Page<ListingSkuRow>>(),
  /** Search-as-you-type over ERP SKUs for the manual linker. */
  'sku.erpSkus.search': channel(
    z.object({ q: search, limit: z.number().int().min(1).max(50).meta(label('显示条数', 'Results shown')).default(20) }).strict(),
  ).returns<{ sku: string; name: string | null; category: string; status: string | null }[]>(),
  'sku.link': channel(z.object({ listingSkuId, erpSku: text(200).min(1).meta(label('ERP SKU')) }).strict()).returns<ListingSkuRow>(),
  'sku.unlink': channel(z.object({ listingSkuId }).strict()).returns<ListingSkuRow>(),

  /** 关联仓库: by ids, or every listing SKU matching the filter (select all matching). */
  'stock.listingWarehouses.link': channel(
    z
      .object({
        storeWarehouseId,
        listingSkuIds: z.array(listingSkuId).max(100_000).meta(label('勾选的线上SKU', 'Selected listing SKUs')).optional(),
        filter: listingFilterSchema.meta(label('筛选条件', 'Filter')).optional(),
      })
      .strict()
      .refine((v) => (v.listingSkuIds === undefined) !== (v.filter === undefined), {
        message: says(
          '请勾选要关联的线上SKU，或用筛选条件选中它们，二选一',
          'Select the listing SKUs to link, or choose them by the filter, one of the two',
        ),
      }),
  ).returns<{ batchId: number; linked: number; alreadyLinked: number }>(),
  'stock.listingWarehouses.unlink': channel(
    z
      .object({
        storeWarehouseId,
        listingSkuIds: z.array(listingSkuId).min(1).max(100_000).meta(label('勾选的线上SKU', 'Selected listing SKUs')),
      })
      .strict(),
  ).returns<{ unlinked: number }>(),
  'stock.linkBatches.list': channel(
    z.object({ limit: z.number().int().min(1).max(200).meta(label('显示条数', 'Results shown')).default(20) }).strict(),
  ).returns<LinkBatchInfo[]>(),
  'stock.linkBatches.undo': channel(
    z.object({ batchId: z.number().int().positive().meta(label('关联批次', 'Link batch')) }).strict(),
  ).returns<{ unlinked: number }>(),

  'sku.mapping.export': channel(empty).returns<{ fileName: string; contentBase64: string; rows: number }>(),
  'sku.mapping.import': channel(
    z
      .object({
        contentBase64: uploadContent('sku.mapping.import'),
        confirm: z.boolean().meta(label('确认导入', 'Confirm import')).default(false),
      })
      .strict(),
  ).returns<MappingImportReport>(),

  /**
   * A stock file (CSV/XLSX) as base64, parsed in main: the report first (nothing written); only
   * confirm writes. The one upload channel of the stock area: the web host gives it its own body limit.
   */
  'stock.import': channel(
    z
      .object({
        fileName: text(260).min(1).meta(label('文件名', 'File name')),
        // An empty file is read, not refused as a field left blank: the parser says it is 0 bytes.
        contentBase64: uploadContent('stock.import', { allowEmpty: true }),
        confirm: z.boolean().meta(label('确认导入', 'Confirm import')).default(false),
        /** Columns chosen by the seller when the headers were not recognised. */
        mapping: z
          .object(
            Object.fromEntries(STOCK_FILE_FIELDS.map((f) => [f, fileColumn.meta(COLUMN_LABELS[f])])) as Record<
              StockFileField,
              typeof fileColumn
            >,
          )
          .partial()
          .strict()
          .meta(label('列的对应', 'Column mapping'))
          .optional(),
        /** XLSX sheet by name or 1-based position. */
        sheet: z
          .union([text(100).min(1), z.number().int().min(1).max(1000)])
          .meta(label('工作表', 'Sheet'))
          .optional(),
        /** For a one-warehouse spreadsheet without a warehouse column. */
        defaultWarehouse: text(60).trim().min(1).meta(label('文件里库存所在的仓库', 'Warehouse of the file')).optional(),
      })
      .strict(),
  ).returns<StockFileReport>(),
  /** When the last stock file was imported, and whether that is too long ago. */
  'stock.import.status': channel(empty).returns<StockImportStatus>(),
  /** The watched folder (监视文件夹) of the file source and its last look. */
  'stock.watch.status': channel(empty).returns<WatchFolderStatus>(),
  /** Sets the folder (an absolute path to an existing folder) or, with null, stops watching. */
  'stock.watch.set': channel(
    z.object({ folder: z.union([text(1000).trim().min(1), z.null()]).meta(label('监视的文件夹', 'Watched folder')) }).strict(),
  ).returns<WatchFolderStatus>(),
  /** Looks in the folder now (it is also looked in on the stock schedule). */
  'stock.watch.check': channel(empty).returns<WatchFolderStatus>(),
};
