/** Plain data of the stock domain that crosses the process boundary (自动绑定&解绑 setup). */
import type { BindStatus } from '../bindStatus';
import type { Bilingual } from '../bilingual';

export type CaseRule = 'insensitive' | 'sensitive';

export interface WarehouseNameIssue extends Bilingual {
  kind:
    'leading_space' | 'trailing_space' | 'inner_space' | 'invisible' | 'width' | 'case' | 'lookalike' | 'different' | 'extra' | 'missing';
  /** 1-based character position in the store warehouse name. */
  position: number;
  storeChar?: string;
  erpChar?: string;
}

export interface WarehouseNameCheck {
  match: boolean;
  storeName: string;
  erpName: string;
  /** The exact name the store warehouse must have: the ERP warehouse's, character for character. */
  exactName: string;
  issues: WarehouseNameIssue[];
}

export interface ErpWarehouseInfo {
  id: string;
  name: string;
  active: boolean;
  seenAt: string;
  skuCount: number;
  staleCount: number;
  changesCursor: string | null;
}

export interface StoreWarehouseInfo {
  id: number;
  name: string;
  erpWarehouseId: string | null;
  erpWarehouseName: string | null;
  /** Null when unpaired. A pair is only trusted (synced) when check.match is true. */
  check: WarehouseNameCheck | null;
  linkedListingSkus: number;
  /** Count in-transit stock (在途) as sellable: available + in transit, not available only. */
  countInTransit: boolean;
  /** Sync this share of the ERP's stock to the store (1–100; shared stock across channels). */
  syncPercent: number;
}

export interface WarehousesView {
  erp: ErpWarehouseInfo[];
  store: StoreWarehouseInfo[];
}

export interface CategoryInfo {
  /** '' is the bucket of SKUs without an ERP category (未分类). */
  name: string;
  syncEnabled: boolean;
  skuCount: number;
  listingSkuCount: number;
  toggledAt: string | null;
}

export interface CategoryToggleResult {
  /** False when turning off needs confirmation: nothing was changed. */
  applied: boolean;
  needsConfirm: boolean;
  category: string;
  syncEnabled: boolean;
  /** Listing SKUs (linked to ERP SKUs of this category) whose stock stops syncing when off. */
  affectedListingSkus: number;
  affectedSample: { productId: string; skuId: string; sellerSku: string; erpSku: string; title: string }[];
}

export interface ErpSkuRow {
  sku: string;
  name: string | null;
  status: string | null;
  category: string;
  syncEnabled: boolean;
  available: number | null;
  safety: number | null;
  stale: boolean;
  seenAt: string | null;
}

export interface StockLevelRow {
  sku: string;
  erpWarehouseId: string;
  erpWarehouseName: string | null;
  available: number;
  safety: number;
  seenAt: string;
  changedAt: string;
  runId: number;
  stale: boolean;
}

export interface Page<T> {
  rows: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface StockSyncSettings {
  /** Minutes between scheduled reads, 1 … 1440. */
  intervalMinutes: number;
  /** A full read runs at least this often to catch drift the change feed missed. */
  fullEveryHours: number;
  /** Scheduled reads on or off (manual "sync now" always works). */
  scheduleEnabled: boolean;
  caseRule: CaseRule;
}

export type SyncStrategy = 'full' | 'incremental';

export interface StrategyChoice {
  strategy: SyncStrategy;
  reason: Bilingual;
}

export interface SyncRunInfo {
  id: number;
  strategy: SyncStrategy | 'import';
  reason: string;
  trigger: 'schedule' | 'manual' | 'cli' | 'import';
  status: 'running' | 'ok' | 'failed' | 'cancelled';
  startedAt: string;
  finishedAt: string | null;
  pages: number;
  rowsRead: number;
  rowsWritten: number;
  rowsChanged: number;
  rowsSkippedCategory: number;
  rowsStale: number;
  errors: { code: string; message: string; messageEn: string }[];
}

export interface SyncStatus {
  running: { runId: number; strategy: SyncStrategy; done: number; total: number | null; message: string } | null;
  /**
   * The periodic full read that catches drift, when it runs in the background beside the change feed
   * (incremental reads and "sync now" go on meanwhile; stock.sync.cancel stops it too). Its history
   * row is written when it ends, so runId is 0 while it runs.
   */
  background: { runId: number; strategy: SyncStrategy; done: number; total: number | null; message: string } | null;
  lastRun: SyncRunInfo | null;
  nextAt: string | null;
  next: StrategyChoice | null;
  sourceConfigured: boolean;
  settings: StockSyncSettings;
}

/** SKU混淆规则 kinds a seller understands; regex is for experts. */
export type SkuRuleSpec =
  | { kind: 'strip_prefix'; text: string }
  | { kind: 'strip_suffix'; text: string }
  | { kind: 'strip_start'; count: number }
  | { kind: 'strip_end'; count: number }
  | { kind: 'before'; separator: string; occurrence?: 'first' | 'last' }
  | { kind: 'after'; separator: string; occurrence?: 'first' | 'last' }
  | { kind: 'between'; start: string; end: string }
  /** Sellers who write the ERP's separator differently (TS1-BK published as TS1_BK). */
  | { kind: 'replace'; from: string; to: string }
  | { kind: 'regex'; pattern: string };

export interface SkuRule {
  id: number;
  position: number;
  label: string;
  enabled: boolean;
  spec: SkuRuleSpec;
}

/** What one rule does to one listing SKU. */
export interface RuleOutcome {
  input: string;
  /** Null when the rule does not apply (prefix or separator missing, too short). */
  output: string | null;
  /** parsed: an output, not checked because no ERP SKUs are stored yet. */
  status: 'no_match' | 'empty' | 'parsed' | 'found' | 'missing' | 'ambiguous';
  /** ERP SKUs the output matches after folding (several = ambiguous). */
  erpSkus: string[];
  note?: Bilingual;
}

export interface RulePreview {
  tested: number;
  applied: number;
  found: number;
  missing: number;
  ambiguous: number;
  /** Listing SKUs that would change resolution (newly resolved or now conflicting). */
  newlyResolved: number;
  conflictsWithExisting: number;
  samples: (RuleOutcome & { listingSkuId?: number; currentErpSku?: string | null; currentMethod?: string | null })[];
}

export type ResolveStatus = 'manual' | 'exact' | 'rule' | 'unresolved' | 'conflict';

export interface ResolveSummary {
  total: number;
  byMethod: { manual: number; exact: number; rule: number };
  byRule: { ruleId: number; label: string; count: number }[];
  unresolved: number;
  conflicting: number;
  /** A few of each for the CLI and the wizard's summary. */
  unresolvedSample: { listingSkuId: number; sellerSku: string; reason: string }[];
  conflictSample: { listingSkuId: number; sellerSku: string; candidates: string[]; reason: string }[];
}

export interface ListingSkuRow {
  id: number;
  productId: string;
  title: string;
  /** The SKU's variation as AliExpress words it ("颜色:红色;尺码:M"); null when not given. */
  variation: string | null;
  /** The product's first image address (https), null when not given. */
  imageUrl: string | null;
  /** '' when the listings were read without a status filter (products.list answers none). */
  productStatus: string;
  /** product_type: 0 仓发, 1 JIT, 2 海外备仓. */
  productType: 0 | 1 | 2;
  /** Ids are exact digit strings (17-digit sku ids do not fit a JS number). */
  skuId: string;
  sellerSku: string;
  skuStock: number;
  /** The listing SKU's own status on AliExpress: active | inactive ('' before it was read). */
  skuStatus: string;
  bindStatus: BindStatus;
  /** The platform's reason when an unbind was refused (bind status 4). */
  refuseReason: string | null;
  erpSku: string | null;
  /** The linked ERP SKU's product name (ERP商品名称), so a link can be checked by what it is. */
  erpName: string | null;
  method: 'manual' | 'exact' | 'rule' | null;
  ruleId: number | null;
  resolveStatus: ResolveStatus;
  resolveDetail: (Bilingual & { candidates?: string[] }) | null;
  category: string | null;
  warehouses: { id: number; name: string }[];
}

export interface LinkBatchInfo {
  id: number;
  at: string;
  storeWarehouseId: number;
  storeWarehouseName: string | null;
  linked: number;
  undoneAt: string | null;
}

export interface ImportReport {
  accepted: number;
  rejected: { line: number; reason: Bilingual; raw?: string }[];
  applied: boolean;
  runId: number | null;
  rowsChanged: number;
}

export interface MappingImportReport {
  rows: number;
  linked: number;
  unchanged: number;
  rejected: { line: number; reason: Bilingual }[];
  applied: boolean;
}

export interface WizardStepState {
  key: 'warehouses' | 'categories' | 'schedule' | 'mapping' | 'linking';
  done: boolean;
  /** What is left to do on this step, one line each. */
  todo: Bilingual[];
}

export interface StockOverview {
  steps: WizardStepState[];
  counts: {
    erpWarehouses: number;
    storeWarehouses: number;
    pairedOk: number;
    categories: number;
    categoriesOff: number;
    erpSkus: number;
    stockRows: number;
    staleRows: number;
    listingSkus: number;
    resolved: number;
    byMethod: { manual: number; exact: number; rule: number };
    unresolved: number;
    conflicting: number;
    linkedToWarehouse: number;
  };
}
