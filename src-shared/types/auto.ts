/** Plain data of the automatic bind/unbind domain that crosses the process boundary. */
import type { BindStatus } from '../bindStatus';
import type { ActionState } from '../actionStates';
import type { Bilingual } from '../bilingual';

export type { BindStatus } from '../bindStatus';
export type PinMode = 'auto' | 'always_bound' | 'always_unbound';
export type ActionKind = 'bind' | 'unbind';
export { ACTION_STATES, type ActionState } from '../actionStates';

/** Why a listing SKU gets (or does not get) an action, one code per row of the decision table. */
export type DecisionReason =
  | 'pinned'
  | 'unmapped'
  | 'category_off'
  | 'no_warehouse'
  | 'warehouse_unpaired'
  | 'warehouse_name_mismatch'
  | 'warehouse_inactive'
  | 'stock_missing'
  | 'stock_stale'
  | 'last_sync_failed'
  | 'no_goods_id'
  | 'below_threshold'
  | 'already_bound'
  | 'already_unbound'
  | 'unbind_in_review'
  | 'unbind_refused'
  | 'unbind_rejected'
  | 'in_progress'
  | 'held_for_you'
  | 'stock_out'
  | 'erp_oversold'
  | 'predicted_sellout'
  | 'stock_back'
  | 'bind_after_review';

export interface AutoSettings {
  /** The one switch: off computes decisions and shows them as "would do", sends nothing. */
  enabled: boolean;
  /** Bind again when sellable stock reaches this (default 1). */
  rebindThreshold: number;
  /** Hold a run that would unbind more than this share of bound listing SKUs (0–1, default 0.2)… */
  massUnbindShare: number;
  /** …or more than this many (default 100). */
  massUnbindCount: number;
  /** Unbind before zero: from each SKU's sales rate and the store's review time (off until the seller turns it on). */
  predictive: boolean;
  /** The least sellable stock the early unbind acts at, whatever the prediction says (default 1). */
  predictiveFloor: number;
}

/** Reasons that mean the listing SKU is outside automation until the seller fixes something. */
export const BLOCKING_REASONS: DecisionReason[] = [
  'unmapped',
  'category_off',
  'no_warehouse',
  'warehouse_unpaired',
  'warehouse_name_mismatch',
  'warehouse_inactive',
  'stock_missing',
  'stock_stale',
  'last_sync_failed',
  'no_goods_id',
  'unbind_refused',
];

/** The decision table's reasons in the seller's words. */
export const REASON_TEXT: Record<DecisionReason, Bilingual> = {
  pinned: {
    zh: '已手动固定（始终绑定/始终解绑），自动不处理。',
    en: 'Pinned by hand (always bound / always unbound); automation leaves it alone.',
  },
  unmapped: {
    zh: '线上SKU还没有关联ERP SKU，不知道该看哪个库存。请在“SKU关联”里关联。',
    en: 'The listing SKU is not linked to an ERP SKU, so there is no stock to follow. Link it under SKU to listing.',
  },
  category_off: {
    zh: '所属ERP产品分类的库存同步已关闭，不按库存处理。',
    en: 'Stock sync is off for its ERP category, so stock is not followed.',
  },
  no_warehouse: {
    zh: '还没有关联仓库。请在“关联仓库”里选择仓库。',
    en: 'Not linked to a warehouse yet. Choose one under Link listings to warehouses.',
  },
  warehouse_unpaired: {
    zh: '关联的店铺仓库还没有对应ERP仓库。请在“仓库设置”里配对。',
    en: 'The linked store warehouse is not paired with an ERP warehouse. Pair it under Warehouses.',
  },
  warehouse_name_mismatch: {
    zh: '店铺仓库名与ERP仓库名不完全一致，真实系统会停止同步。请在“仓库设置”里改成完全相同的名字。',
    en: 'The store and ERP warehouse names differ; the real system stops syncing. Make them identical under Warehouses.',
  },
  warehouse_inactive: { zh: '对应的ERP仓库已停用。', en: 'The paired ERP warehouse is inactive.' },
  stock_missing: {
    zh: '库存未知（ERP还没有报过这个SKU在该仓库的库存）：未知不等于零，不会解绑。',
    en: 'Stock unknown (the ERP never reported this SKU in that warehouse): unknown is not zero, nothing is unbound.',
  },
  stock_stale: {
    zh: '库存已过期（最近一次全量读取没有看到它）：不会依据过期库存解绑。',
    en: 'Stock is stale (the last full read did not see it): nothing is unbound on stale stock.',
  },
  last_sync_failed: {
    zh: '最近一次库存同步失败：在同步恢复之前不依据旧库存解绑。',
    en: 'The last stock sync failed: nothing is unbound on old figures until it succeeds.',
  },
  no_goods_id: {
    zh: '不知道对应的货品ID（sc_item_id），无法绑定/解绑。请刷新线上商品。',
    en: 'The goods id (sc_item_id) is unknown, so it cannot be bound or unbound. Refresh the listings.',
  },
  below_threshold: {
    zh: '可售库存大于0但低于重新绑定门槛：保持现状。',
    en: 'Sellable stock is above 0 but below the rebind threshold: left as it is.',
  },
  already_bound: { zh: '有货且已绑定：无需操作。', en: 'In stock and bound: nothing to do.' },
  already_unbound: { zh: '无货且已解绑：无需操作。', en: 'Out of stock and unbound: nothing to do.' },
  unbind_in_review: { zh: '无货，解绑正在审核中：等待审核结果。', en: 'Out of stock; the unbind is in review: waiting for the result.' },
  unbind_refused: {
    zh: '无货，但解绑被平台拒绝：请按平台说明处理（可在操作记录里重试）。',
    en: 'Out of stock, but the unbind was refused: follow the marketplace message (retry from the action list).',
  },
  unbind_rejected: {
    zh: '卖家拒绝了包含它的批量解绑：库存再次变化之前不会再解绑。',
    en: 'The seller rejected the mass unbind that held it: not unbound again until its stock changes.',
  },
  in_progress: { zh: '同样的操作已在发送队列中。', en: 'The same action is already on its way.' },
  held_for_you: {
    zh: '解绑在暂停的批量解绑里，等您在看板上确认：确认后才会发送，拒绝则保持绑定。',
    en: 'The unbind is in a held mass unbind waiting for you on the dashboard: it is sent only once you confirm; reject and it stays bound.',
  },
  stock_out: { zh: '可售库存为0：解绑，防止超卖。', en: 'Sellable stock is 0: unbind to stop overselling.' },
  erp_oversold: {
    zh: 'ERP显示超卖（可用库存小于0）：没有可售库存，解绑防止继续超卖。',
    en: 'The ERP shows it oversold (available below 0): nothing is sellable, unbind to stop overselling further.',
  },
  predicted_sellout: {
    zh: '预计在解绑审核结束前卖完：提前解绑（可在设置里关闭“提前解绑”）。',
    en: 'Expected to sell out before an unbind review would end: unbind early (the early unbind setting can turn this off).',
  },
  stock_back: { zh: '库存回来了（可售库存达到门槛）：重新绑定。', en: 'Stock is back (sellable reached the threshold): bind again.' },
  bind_after_review: {
    zh: '库存回来了，但解绑仍在审核中：审核结束后再绑定，不会丢失。',
    en: 'Stock is back while the unbind is in review: it binds once the review ends, nothing is lost.',
  },
};

export interface WarehouseFigure {
  storeWarehouse: string;
  erpWarehouse: string | null;
  available: number | null;
  safety: number | null;
  stale: boolean;
  seenAt: string | null;
  /** In transit (在途) as the last full read saw it; null when never read. Absent in older records. */
  inTransit?: number | null;
  /** How this store warehouse counts stock: in transit too, and the share synced (1–100). Absent in older records. */
  countInTransit?: boolean;
  syncPercent?: number;
  /** Sellable stock from this warehouse under those settings (null: unknown or stale). */
  sellable?: number | null;
}

/** One listing SKU as the engine sees it now. */
export interface SkuDecisionView {
  listingSkuId: number;
  productId: string;
  skuId: string;
  sellerSku: string;
  erpSku: string | null;
  bindStatus: BindStatus;
  pin: PinMode;
  sellable: number | null;
  want: ActionKind | 'none';
  reason: DecisionReason;
  /** The reason in the seller's words, with how each warehouse is counted. */
  reasonText: Bilingual;
  figures: WarehouseFigure[];
  /** The action already on its way for this SKU, if any. */
  openAction: { id: number; kind: ActionKind; state: ActionState } | null;
  /** Unbind before zero: the reasoning, when the prediction says this SKU sells out within a review (active: the setting is on). */
  prediction: (Bilingual & { active: boolean; trigger: number }) | null;
}

export interface RunCounts {
  considered: number;
  bind: number;
  unbind: number;
  wouldBind: number;
  wouldUnbind: number;
  heldUnbind: number;
  cancelled: number;
  unchanged: number;
  byReason: Partial<Record<DecisionReason, number>>;
}

export interface AutoRunInfo {
  id: number;
  at: string;
  trigger: string;
  switchOn: boolean;
  stockRunId: number | null;
  status: 'done' | 'held' | 'confirmed' | 'rejected';
  counts: RunCounts;
  gate: { unbinds: number; bound: number; share: number; limitShare: number; limitCount: number } | null;
  decidedAt: string | null;
  decidedBy: string | null;
  note: string;
}

export interface HeldRunView extends AutoRunInfo {
  /**
   * The unbinds waiting for the seller (first 200), each with the ERP SKU and the figures the held
   * pass decided on: what the seller checks to tell a real sell-out from a bad stock read.
   */
  skus: {
    actionId: number;
    listingSkuId: number;
    sellerSku: string;
    productId: string;
    skuId: string;
    sellable: number | null;
    erpSku: string | null;
    figures: WarehouseFigure[];
  }[];
}

export interface DrainReport {
  skipped: null | 'switch_off' | 'no_marketplace' | 'auth';
  processed: number;
  sent: number;
  /** Took effect: unbound + bound. */
  done: number;
  /** Of done: the unbinds the platform applied (已解绑) and the binds (已绑定). */
  unbound: number;
  bound: number;
  review: number;
  refused: number;
  failed: number;
  cancelled: number;
  deferred: number;
}

export interface ActionRow {
  id: number;
  runId: number | null;
  listingSkuId: number;
  productId: string;
  skuId: string;
  sellerSku: string;
  kind: ActionKind;
  actor: string;
  state: ActionState;
  attempts: number;
  sends: number;
  nextTryAt: string;
  lastError: string | null;
  marketMessage: string | null;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export interface AutoStatus {
  settings: AutoSettings;
  counts: { bound: number; unbound: number; review: number; refused: number; held: number; pinned: number };
  outbox: Record<ActionState, number>;
  lastRun: AutoRunInfo | null;
  lastSync: { id: number; status: string; startedAt: string; finishedAt: string | null } | null;
  nextSyncAt: string | null;
  oversellRisk: number;
  /** Unbinds queued or on their way: the only work ahead of a new stock-out's unbind (binds wait behind unbinds). */
  unbindsAhead?: number;
}

export interface RunOnceReport {
  stockRun: { id: number; status: string; strategy: string; errors: { message: string }[] } | null;
  run: AutoRunInfo | null;
  send: DrainReport;
  outbox: Record<ActionState, number>;
}

/**
 * The oversell risk, one model for every screen: each listing SKU that is on sale (bound, in review
 * or refused) without stock the app can see, in exactly one kind, in the order of the cards and the
 * headline (the risk tab's rows put a SKU at 0 with no unbind under way before the reviews: RiskModel.rows).
 * - refused: the platform refused the unbind (its reason is kept);
 * - review: the unbind waits for the platform's review, the SKU sells meanwhile;
 * - zero: bound with sellable stock 0 (or below: ERP oversold), whatever the switch or a pin says;
 * - unmapped: bound, but not linked to an ERP SKU or a warehouse, so no stock is followed;
 * - stale: bound, and some of its stock is unknown or out of date, none known to be sellable.
 */
export type RiskKind = 'refused' | 'review' | 'zero' | 'unmapped' | 'stale';
export const RISK_KINDS: RiskKind[] = ['refused', 'review', 'zero', 'unmapped', 'stale'];

/** Each kind's name on the cards and in notices. */
export const RISK_TEXT: Record<RiskKind, Bilingual> = {
  refused: { zh: '解绑被拒绝', en: 'Unbind refused' },
  review: { zh: '解绑审核中', en: 'Unbind in review' },
  zero: { zh: '库存为0仍绑定', en: 'Bound at 0 stock' },
  unmapped: { zh: '未关联库存但已绑定', en: 'Bound, stock not linked' },
  stale: { zh: '库存未知或过期', en: 'Stock unknown or stale' },
};

/** The headline: the total and each kind, in the same words on the dashboard, the tray and notices. */
export function riskHeadline(counts: Record<RiskKind, number>): Bilingual & { total: number } {
  const total = RISK_KINDS.reduce((n, k) => n + counts[k], 0);
  if (total === 0) return { zh: '没有超卖风险', en: 'No oversell risk', total };
  const kinds = RISK_KINDS.filter((k) => counts[k] > 0);
  return {
    zh: `${total} 个线上SKU有超卖风险：${kinds.map((k) => `${RISK_TEXT[k].zh} ${counts[k]}`).join('，')}`,
    // In a sentence the figure comes first and the label is not capitalised; semicolons, since a label has a comma.
    en: `${total} listing SKU(s) at risk of overselling: ${kinds.map((k) => `${counts[k]} ${RISK_TEXT[k].en.charAt(0).toLowerCase()}${RISK_TEXT[k].en.slice(1)}`).join('; ')}`,
    total,
  };
}

/**
 * An action's state in the seller's words. A submitted unbind is 已提交, never 完成: only the
 * platform's answer makes it 已解绑 (or 审核中, 被拒绝).
 */
export function actionStateText(kind: ActionKind, state: ActionState): Bilingual {
  switch (state) {
    case 'held':
      return { zh: '待确认', en: 'Held for you' };
    case 'queued':
      return { zh: '排队中', en: 'Queued' };
    case 'sent':
      return { zh: '已提交', en: 'Submitted' };
    case 'review':
      return { zh: '审核中', en: 'In review' };
    case 'done':
      return kind === 'unbind' ? { zh: '已解绑', en: 'Unbound' } : { zh: '已绑定', en: 'Bound' };
    case 'refused':
      return { zh: '被拒绝', en: 'Refused' };
    case 'failed':
      return { zh: '失败', en: 'Failed' };
    case 'cancelled':
      return { zh: '已取消', en: 'Cancelled' };
  }
}

/** A refused unbind: the platform's words, what they mean in Chinese and English, and a drafted message to platform support. */
export interface RefusalView extends Bilingual {
  /** As the platform sent it (unbind_refuse_reason); zh/en: what it means. */
  reason: string;
  /** A message to AliExpress seller support, ready to copy (SKU, ids, refusal). */
  draft: Bilingual;
  /** The refused action (for retry), when the app sent it. */
  actionId: number | null;
  refusedAt: string | null;
}

export interface OversellRiskRow {
  listingSkuId: number;
  sellerSku: string;
  productId: string;
  skuId: string;
  bindStatus: BindStatus;
  kind: RiskKind;
  /** Sellable stock the app knows (null: not known). */
  sellable: number | null;
  pin: PinMode;
  /** Since when: the stock-out, the review or the refusal (null when the app cannot tell). */
  since: string | null;
  /**
   * Where `since` comes from: a stock-out a decision pass recorded, the stock read that last changed
   * the figure (no pass has decided on it at 0 yet), the review or the refusal; null when no fresh
   * figure tells (unmapped, stale).
   */
  sinceFrom: 'stockout' | 'stockRead' | 'review' | 'refused' | null;
  minutes: number | null;
  refusal: RefusalView | null;
  /** The action open on it now, in the seller's words. */
  action: (Bilingual & { id: number; kind: ActionKind; state: ActionState }) | null;
}

export interface RiskModel {
  switchOn: boolean;
  counts: Record<RiskKind, number>;
  total: number;
  headline: Bilingual;
  /**
   * The first 500, what needs the seller first: refused, bound at 0 with no unbind under way, review,
   * bound at 0 with its unbind queued, sent or in review, unmapped, stale; longest at risk first within each.
   */
  rows: OversellRiskRow[];
}

export interface DashboardView {
  status: AutoStatus;
  /** The risk model: status.oversellRisk is its total, the tab shows its rows and cards. */
  risk: OversellRiskRow[];
  riskModel: Omit<RiskModel, 'rows'>;
  /** Binds and unbinds that took effect per hour (UTC hour start), last 48 hours. */
  series: { hour: string; binds: number; unbinds: number }[];
  /** Stock-out (first seen) → unbound, in minutes, the last 200 episodes. */
  reaction: { listingSkuId: number; sellerSku: string; firstSeenAt: string; unboundAt: string; minutes: number }[];
  reactionMedianMin: number | null;
  reactionP90Min: number | null;
  heldRuns: number;
  /** The latest actions that changed state (newest first, cancelled ones left out): "what just happened". */
  recent: ActionRow[];
  /** Listing SKUs the last run could not act on until the seller fixes something. */
  blocked: number;
  /** The last run's unbinds and the binds decided before them that they went out ahead of (the lanes at work). */
  unbindsFirst?: { unbinds: number; bindsPassed: number } | null;
  /** Listing SKUs set up for the engine now: mapped to an ERP SKU and linked to a warehouse. */
  ready: number;
}

/**
 * Where each listing SKU stands before the switch turns on: protected (the engine unbinds it at 0 and
 * binds it again), or why not — pinned by hand, no ERP SKU, its category's sync off, no warehouse
 * linked, a linked warehouse unpaired/misnamed/inactive, or no goods id (sc_item_id) to bind with.
 */
export type CoverageBucket = 'protected' | 'pinned' | 'unmapped' | 'category_off' | 'unlinked' | 'warehouse' | 'no_goods_id';
export const COVERAGE_BUCKETS: CoverageBucket[] = [
  'protected',
  'unmapped',
  'unlinked',
  'warehouse',
  'category_off',
  'pinned',
  'no_goods_id',
];

export interface CoverageView {
  total: number;
  counts: Record<CoverageBucket, number>;
  /** The first few listing SKUs of each bucket, so the seller knows which. */
  examples: Record<CoverageBucket, string[]>;
  switchOn: boolean;
}

/** Group robots that get the notices a seller must act on: 企业微信, 钉钉, 飞书. */
export type RobotKind = 'wecom' | 'dingtalk' | 'feishu';

export interface RobotView {
  kind: RobotKind;
  enabled: boolean;
  /** The webhook's host and last characters (the address itself is a secret). */
  urlHint: string | null;
  hasSecret: boolean;
  lastAt: string | null;
  lastError: string | null;
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  kind: string;
  subject: string | null;
  detail: Record<string, unknown>;
}

/** 演示工具: what the demo store's simulators hold now, for the demo card. */
export interface DemoToolsView {
  /** The app runs on the demo store (the tools only work then). */
  demo: boolean;
  /** How the simulated AliExpress answers unbinds: at once, after a review, or refused. */
  reviewMode: 'instant' | 'review' | 'refuse';
  /** The simulated ERP's warehouses, with how many SKUs have stock there and how many are sold out. */
  warehouses: { id: string; name: string; active: boolean; skus: number; soldOut: number; pairedWith: string | null }[];
}

/** A listing SKU the demo tools can sell out or restock (mapped to an ERP SKU). */
export interface DemoSkuOption {
  listingSkuId: number;
  sellerSku: string;
  erpSku: string;
  bindStatus: BindStatus;
  /** Available stock of the ERP SKU in the simulated ERP, summed over its warehouses. */
  available: number;
  /** Store warehouses the listing SKU is linked to (empty: the engine does not act on it). */
  warehouses: string[];
}

/** What a demo tool changed in the simulator, and what the seller does next, in both languages. */
export interface DemoToolResult extends Bilingual {
  changed: number;
}
