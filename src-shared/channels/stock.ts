import { z } from 'zod';
import { channel, empty } from '../channel';
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
import { STOCK_FILE_FIELDS, STOCK_UPLOAD_MAX_BASE64, type StockFileField, type StockFileReport, type StockImportStatus } from '../types/stockFile';

const text = (max: number) => z.string().max(max);
const pageInput = {
  page: z.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.number().int().min(1).max(500).default(50),
};

export const skuRuleSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('strip_prefix'), text: text(50).min(1) }).strict(),
  z.object({ kind: z.literal('strip_suffix'), text: text(50).min(1) }).strict(),
  z.object({ kind: z.literal('strip_start'), count: z.number().int().min(1).max(50) }).strict(),
  z.object({ kind: z.literal('strip_end'), count: z.number().int().min(1).max(50) }).strict(),
  z.object({ kind: z.literal('before'), separator: text(20).min(1), occurrence: z.enum(['first', 'last']).default('first') }).strict(),
  z.object({ kind: z.literal('after'), separator: text(20).min(1), occurrence: z.enum(['first', 'last']).default('first') }).strict(),
  z.object({ kind: z.literal('between'), start: text(20).min(1), end: text(20).min(1) }).strict(),
  z.object({ kind: z.literal('replace'), from: text(20).min(1), to: text(20) }).strict(),
  z.object({ kind: z.literal('regex'), pattern: text(200).min(1) }).strict(),
]);

export const resolveStatusSchema = z.enum(['manual', 'exact', 'rule', 'unresolved', 'conflict']);

export const listingFilterSchema = z
  .object({
    text: text(100).optional(),
    resolveStatus: z.array(resolveStatusSchema).max(5).optional(),
    bindStatus: z.array(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)])).max(4).optional(),
    /** 0 = linked to no warehouse. */
    storeWarehouseId: z.number().int().min(0).optional(),
    category: text(100).optional(),
    productIds: z.array(text(64)).max(1000).optional(),
  })
  .strict();

export const stockSettingsPatchSchema = z
  .object({
    intervalMinutes: z.number().int().min(1).max(1440),
    fullEveryHours: z.number().int().min(1).max(168),
    scheduleEnabled: z.boolean(),
    caseRule: z.enum(['insensitive', 'sensitive']),
  })
  .partial()
  .strict();

const base64 = z.string().min(1).max(80_000_000);
const fileColumn = z.union([text(200).min(1), z.number().int().min(0).max(1000)]);

export const stockChannels = {
  /** Where the wizard stands: each step done or what it still needs. */
  'stock.overview': channel(empty).returns<StockOverview>(),

  'stock.warehouses.list': channel(empty).returns<WarehousesView>(),
  /** Re-reads the source's warehouse list (one request). */
  'stock.warehouses.refresh': channel(empty).returns<WarehousesView>(),
  /** Adds a store warehouse, or reuses the one with exactly this name. */
  'stock.warehouses.save': channel(
    z.object({ name: text(60).min(1), erpWarehouseId: text(64).nullable().optional() }).strict(),
  ).returns<{ id: number; reused: boolean; view: WarehousesView }>(),
  'stock.warehouses.pair': channel(
    z.object({ storeWarehouseId: z.number().int().positive(), erpWarehouseId: text(64).nullable() }).strict(),
  ).returns<WarehousesView>(),
  /** Renames a store warehouse, e.g. to the exact name the check offers. */
  'stock.warehouses.rename': channel(
    z.object({ storeWarehouseId: z.number().int().positive(), name: text(60).min(1) }).strict(),
  ).returns<WarehousesView>(),
  'stock.warehouses.delete': channel(z.object({ storeWarehouseId: z.number().int().positive() }).strict()).returns<{
    unlinkedListingSkus: number;
  }>(),
  'stock.warehouses.check': channel(z.object({ storeName: text(60), erpName: text(60) }).strict()).returns<WarehouseNameCheck>(),

  'stock.categories.list': channel(empty).returns<CategoryInfo[]>(),
  /** Turning off without confirm: nothing changes, the answer says which listings would stop syncing. */
  'stock.categories.toggle': channel(
    z.object({ name: text(100), enabled: z.boolean(), confirm: z.boolean().default(false) }).strict(),
  ).returns<CategoryToggleResult>(),

  'stock.erpSkus.page': channel(
    z
      .object({
        ...pageInput,
        text: text(100).optional(),
        category: text(100).optional(),
        status: text(40).optional(),
        staleOnly: z.boolean().optional(),
      })
      .strict(),
  ).returns<Page<ErpSkuRow>>(),
  'stock.levels.page': channel(
    z
      .object({ ...pageInput, text: text(100).optional(), erpWarehouseId: text(64).optional(), staleOnly: z.boolean().optional() })
      .strict(),
  ).returns<Page<StockLevelRow>>(),

  'stock.settings.get': channel(empty).returns<StockSyncSettings>(),
  'stock.settings.set': channel(stockSettingsPatchSchema).returns<StockSyncSettings>(),

  /** Starts a read; with wait it answers when the read ends (CLI), otherwise at once (UI follows progress events). */
  'stock.sync.now': channel(
    z.object({ strategy: z.enum(['auto', 'full', 'incremental']).default('auto'), wait: z.boolean().default(false) }).strict(),
  ).returns<{ started: boolean; run: SyncRunInfo | null }>(),
  'stock.sync.cancel': channel(empty).returns<{ cancelled: boolean }>(),
  'stock.sync.status': channel(empty).returns<SyncStatus>(),
  'stock.runs.list': channel(z.object(pageInput).strict()).returns<Page<SyncRunInfo>>(),

  'sku.rules.list': channel(empty).returns<SkuRule[]>(),
  'sku.rules.save': channel(
    z
      .object({
        id: z.number().int().positive().optional(),
        label: text(60).default(''),
        enabled: z.boolean().default(true),
        spec: skuRuleSpecSchema,
        /** Resolve again right away so the counts show the rule's effect. */
        resolve: z.boolean().default(true),
      })
      .strict(),
  ).returns<{ rule: SkuRule; summary: ResolveSummary | null }>(),
  'sku.rules.delete': channel(z.object({ id: z.number().int().positive(), resolve: z.boolean().default(true) }).strict()).returns<{
    summary: ResolveSummary | null;
  }>(),
  'sku.rules.reorder': channel(z.object({ ids: z.array(z.number().int().positive()).max(200) }).strict()).returns<SkuRule[]>(),
  /** The rule's effect on the stored listing SKUs, before saving. */
  'sku.rules.preview': channel(
    z.object({ spec: skuRuleSpecSchema, sampleSize: z.number().int().min(1).max(200).default(50) }).strict(),
  ).returns<RulePreview>(),
  /** The rule on given SKUs only (no stored data needed). */
  'sku.rules.test': channel(z.object({ spec: skuRuleSpecSchema, skus: z.array(text(200)).min(1).max(1000) }).strict()).returns<
    RuleOutcome[]
  >(),

  'sku.resolve': channel(empty).returns<ResolveSummary>(),
  /** Re-reads the listing SKUs from the marketplace, then resolves. */
  'sku.listings.refresh': channel(empty).returns<{ products: number; skus: number; summary: ResolveSummary }>(),
  'sku.listings.page': channel(z.object({ ...pageInput, filter: listingFilterSchema.default({}) }).strict()).returns<
    Page<ListingSkuRow>
  >(),
  /** Search-as-you-type over ERP SKUs for the manual linker. */
  'sku.erpSkus.search': channel(z.object({ q: text(100), limit: z.number().int().min(1).max(50).default(20) }).strict()).returns<
    { sku: string; name: string | null; category: string; status: string | null }[]
  >(),
  'sku.link': channel(z.object({ listingSkuId: z.number().int().positive(), erpSku: text(200).min(1) }).strict()).returns<ListingSkuRow>(),
  'sku.unlink': channel(z.object({ listingSkuId: z.number().int().positive() }).strict()).returns<ListingSkuRow>(),

  /** 关联仓库: by ids, or every listing SKU matching the filter (select all matching). */
  'stock.listingWarehouses.link': channel(
    z
      .object({
        storeWarehouseId: z.number().int().positive(),
        listingSkuIds: z.array(z.number().int().positive()).max(100_000).optional(),
        filter: listingFilterSchema.optional(),
      })
      .strict()
      .refine((v) => (v.listingSkuIds === undefined) !== (v.filter === undefined), {
        message: '请给出要关联的商品：勾选的ID或筛选条件，二选一 / give either listingSkuIds or filter',
      }),
  ).returns<{ batchId: number; linked: number; alreadyLinked: number }>(),
  'stock.listingWarehouses.unlink': channel(
    z.object({ storeWarehouseId: z.number().int().positive(), listingSkuIds: z.array(z.number().int().positive()).min(1).max(100_000) }).strict(),
  ).returns<{ unlinked: number }>(),
  'stock.linkBatches.list': channel(z.object({ limit: z.number().int().min(1).max(200).default(20) }).strict()).returns<LinkBatchInfo[]>(),
  'stock.linkBatches.undo': channel(z.object({ batchId: z.number().int().positive() }).strict()).returns<{ unlinked: number }>(),

  'sku.mapping.export': channel(empty).returns<{ fileName: string; contentBase64: string; rows: number }>(),
  'sku.mapping.import': channel(z.object({ contentBase64: base64, confirm: z.boolean().default(false) }).strict()).returns<
    MappingImportReport
  >(),

  /**
   * A stock file (CSV/XLSX) as base64, parsed in main: the report first (nothing written); only
   * confirm writes. The one upload channel of the stock area: the web host gives it its own body limit.
   */
  'stock.import': channel(
    z
      .object({
        fileName: text(260).min(1),
        contentBase64: z
          .string()
          .min(1)
          .max(STOCK_UPLOAD_MAX_BASE64, '文件太大（最大 18 MB）。请只导出库存需要的列，或分仓库导出后分别导入。 / The file is too large (18 MB at most).'),
        confirm: z.boolean().default(false),
        /** Columns chosen by the seller when the headers were not recognised. */
        mapping: z.object(Object.fromEntries(STOCK_FILE_FIELDS.map((f) => [f, fileColumn])) as Record<StockFileField, typeof fileColumn>).partial().strict().optional(),
        /** XLSX sheet by name or 1-based position. */
        sheet: z.union([text(100).min(1), z.number().int().min(1).max(1000)]).optional(),
        /** For a one-warehouse spreadsheet without a warehouse column. */
        defaultWarehouse: text(60).trim().min(1).optional(),
      })
      .strict(),
  ).returns<StockFileReport>(),
  /** When the last stock file was imported, and whether that is too long ago. */
  'stock.import.status': channel(empty).returns<StockImportStatus>(),
};
