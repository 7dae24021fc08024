/**
 * One decision pass: every listing SKU through the decision table, then the open actions, the
 * mass-unbind gate and the switch, and — in one transaction — the run, its decisions, the outbox
 * actions they make, the cancelled ones, the stock-out episodes and the audit rows. Nothing here
 * talks to the network: the sender drains what this writes.
 */
import type { App } from '../app';
import type { Db } from '../db/open';
import type { ActionKind, AutoRunInfo, AutoSettings, DecisionReason } from '../../../src-shared/channels/auto';
import { lastRun } from '../stock/runs';
import { riskOfInputs } from './risk';
import { decide, type Decision } from './decide';
import { decideInputOf, forEachInput, type SkuInputs } from './inputs';
import { massUnbindGate, type MassUnbindGate } from './gates';
import { openActionsBySku, type OpenAction } from './outbox';
import { readAutoSettings } from './settings';
import { reasonText } from './reasons';
import { getRunInfo } from './runs';
import { applyGate, countOne, emptyCounts } from './planCounts';
import { changedScope, finishScope, wholeCounts, type Before, type SkuState } from './changed';
import { insertRows } from '../db/bulk';
import { predictionOf, predictionText, pruneHistory, reviewMinutes, salesRates, type Prediction } from './predict';
import { BIND_STATUS, isBoundNow } from '../../../src-shared/bindStatus';
import { UNSENT_STATES, isIn, statesSql } from '../../../src-shared/actionStates';

export interface PlannedSku {
  input: SkuInputs;
  decision: Decision;
  open: OpenAction[];
  /** Queued or held actions that are no longer right. */
  cancel: OpenAction[];
  /** The action this pass adds (before the gate and the switch). */
  add: ActionKind | null;
  /** Unbind before zero: the SKU's prediction (acted on only with the setting on). */
  prediction: Prediction | null;
}

export interface Plan {
  settings: AutoSettings;
  skus: PlannedSku[];
  stockRunId: number | null;
  lastSyncFailed: boolean;
  gate: MassUnbindGate | null;
  bound: number;
}

/** The latest stock read: a failed or cancelled one means the figures may be old. */
export function stockHealth(db: Db): { stockRunId: number | null; lastSyncFailed: boolean } {
  const r = lastRun(db);
  return { stockRunId: r?.id ?? null, lastSyncFailed: r ? r.status === 'failed' || r.status === 'cancelled' : false };
}

/** Whether an action still matches what the table says now (the sender asks this before sending). */
export function stillRight(kind: ActionKind, d: Decision): boolean {
  if (d.want === kind) return true;
  if (d.want !== 'none') return false;
  if (kind === 'bind') return d.reason === 'already_bound';
  return d.reason === 'already_unbound' || d.reason === 'unbind_in_review' || d.reason === 'unbind_refused';
}

const cancellable = (a: OpenAction) => isIn(UNSENT_STATES, a.state) && a.actor === 'auto';

function planOne(input: SkuInputs, decision: Decision, open: OpenAction[], prediction: Prediction | null = null): PlannedSku {
  const want = decision.want === 'none' ? null : decision.want;
  // Most SKUs of a pass have no open action: nothing to cancel, and the decision's action is added
  // as it is, with no closures made per SKU (a 22,632-SKU scope in a fresh process: 270 → 155 ms CPU
  // for the whole plan, input read included).
  if (open.length === 0) return { input, decision, open, cancel: [], add: want, prediction };
  const cancel = open.filter((a) => cancellable(a) && !stillRight(a.kind, decision));
  const remaining = open.filter((a) => !cancel.includes(a));
  const add = want !== null && !remaining.some((a) => a.kind === want) ? want : null;
  return { input, decision, open, cancel, add, prediction };
}

/** The early-unbind level for one SKU, or 0 when the setting is off or nothing is learnt yet (the sender decides with the same). */
export function earlyFor(db: Db, listingSkuId: number, nowMs: number): number {
  const s = readAutoSettings(db);
  if (!s.predictive) return 0;
  return predictionOf(salesRates(db, nowMs, [listingSkuId]).get(listingSkuId), reviewMinutes(db), s.predictiveFloor)?.trigger ?? 0;
}

/** Listing SKUs whose held unbind the seller rejected, with when: not unbound again until their stock changes. */
function rejectedUnbinds(db: Db): Map<number, string> {
  const rows = db
    .prepare(
      `SELECT d.listing_sku_id, max(r.decided_at) FROM auto_decisions d JOIN auto_runs r ON r.id = d.run_id
       WHERE r.status = 'rejected' AND d.outcome = 'held_unbind' GROUP BY d.listing_sku_id`,
    )
    .raw()
    .all() as [number, string][];
  return new Map(rows);
}

/**
 * Decides every listing SKU (or a few) and hands each planned SKU to `fn` as it goes, so a caller
 * that keeps only a few of them never holds the whole catalogue. Returns the plan without its SKUs.
 */
export function planEach(
  db: Db,
  fn: (p: PlannedSku) => void,
  ids?: number[],
  nowMs = Date.now(),
  opts: { predictions?: boolean; scope?: number[] | null } = {},
): Omit<Plan, 'skus'> {
  // A scope is a pass over the whole catalogue that decides only these SKUs (the rest have nothing
  // to add, see changed.ts): unlike `ids` it keeps the mass-unbind gate.
  const scope = opts.scope ?? undefined;
  const subset = ids ?? scope;
  const settings = readAutoSettings(db);
  // Predictions cost a pass over the last day's history: worked out when the setting is on, and for
  // the dry run (which shows what it would do while off).
  const rates = settings.predictive || opts.predictions ? salesRates(db, nowMs, ids) : new Map<number, number>();
  const reviewMin = rates.size ? reviewMinutes(db) : null;
  const { stockRunId, lastSyncFailed } = stockHealth(db);
  const open = openActionsBySku(db, ids); // with a scope: all open actions, whose SKUs are all in it
  const rejected = rejectedUnbinds(db);
  const none: OpenAction[] = [];
  let unbinds = 0;
  let bound = 0;
  forEachInput(
    db,
    (input) => {
      if (isBoundNow(input.bindStatus)) bound++;
      const prediction = predictionOf(rates.get(input.listingSkuId), reviewMin, settings.predictiveFloor);
      let decision = decide(
        decideInputOf(input, {
          threshold: settings.rebindThreshold,
          lastSyncFailed,
          early: settings.predictive ? (prediction?.trigger ?? 0) : 0,
        }),
      );
      const rejectedAt = decision.want === 'unbind' ? rejected.get(input.listingSkuId) : undefined;
      if (rejectedAt !== undefined && (input.stockChangedAt ?? '') <= rejectedAt)
        decision = { want: 'none', sellable: 0, reason: 'unbind_rejected' };
      const p = planOne(input, decision, open.get(input.listingSkuId) ?? none, prediction);
      if (p.add === 'unbind') unbinds++;
      fn(p);
    },
    subset,
  );
  // A pass over a few counts the catalogue's bound SKUs from the count triggers keep (migration 21):
  // counting them was a 100k-row scan.
  if (subset) bound = db.prepare('SELECT n FROM auto_bound_count').pluck().get() as number;
  return { settings, stockRunId, lastSyncFailed, gate: ids ? null : massUnbindGate(settings, unbinds, bound), bound };
}

export function plan(db: Db, ids?: number[], nowMs = Date.now()): Plan {
  const skus: PlannedSku[] = [];
  const meta = planEach(db, (p) => skus.push(p), ids, nowMs, { predictions: true });
  return { ...meta, skus };
}

const NOT_SEEN = new Set<DecisionReason>([
  'pinned',
  'unmapped',
  'category_off',
  'no_warehouse',
  'warehouse_unpaired',
  'warehouse_name_mismatch',
  'warehouse_inactive',
  'stock_missing',
  'stock_stale',
  'last_sync_failed',
]);

/** Rows of each kind a pass holds before writing them (all in the pass's one transaction). */
const WRITE_CHUNK = 1000;

const ACTION_COLUMNS = [
  'id',
  'decision_id',
  'run_id',
  'listing_sku_id',
  'product_id',
  'sku_id',
  'sc_item_id',
  'kind',
  'state',
  'next_try_at',
  'created_at',
  'updated_at',
];

/** Runs a pass and writes it: over the SKUs whose inputs changed, or every one (`full`, or when in doubt). Returns the stored run. */
export function decideRun(app: App, trigger: string, opts: { full?: boolean } = {}): AutoRunInfo {
  const db = app.db;
  const scope = changedScope(db, {
    full: opts.full,
    predictive: readAutoSettings(db).predictive,
    lastSyncFailed: stockHealth(db).lastSyncFailed,
  });
  // The decided SKUs' last reasons and last recorded figures come with their inputs (auto_sku_state).
  const before: Before = { n: 0, byReason: {} };
  const states: SkuState[] = [];
  const openEpisodes = new Set(db.prepare('SELECT listing_sku_id FROM auto_stockouts WHERE ended_at IS NULL').pluck().all() as number[]);
  const opensEpisode = (s: PlannedSku) =>
    s.decision.sellable === 0 &&
    !NOT_SEEN.has(s.decision.reason) &&
    !openEpisodes.has(s.input.listingSkuId) &&
    s.input.bindStatus !== BIND_STATUS.UNBOUND;
  const endsEpisode = (s: PlannedSku) => s.decision.sellable !== null && s.decision.sellable > 0 && openEpisodes.has(s.input.listingSkuId);
  // Counted as they stream by; only the SKUs with something to write are kept (on a 100k catalogue
  // most are "no change", and holding their inputs is most of the pass's memory).
  const counts = emptyCounts();
  const skus: PlannedSku[] = [];
  const on = readAutoSettings(db).enabled;
  const nowMs0 = app.clock.now();
  // The sales history: a row whenever a fully known sellable figure differs from the last one recorded.
  const history: [number, number, number][] = [];
  const meta = planEach(
    db,
    (s) => {
      countOne(counts, s, on);
      const x = s.input;
      if (x.lastReason !== null) {
        before.n++;
        before.byReason[x.lastReason] = (before.byReason[x.lastReason] ?? 0) + 1;
      }
      const v = s.decision.sellable;
      let recorded = x.lastSellable;
      if (v !== null && !NOT_SEEN.has(s.decision.reason) && recorded !== v) {
        const at = x.stockChangedAt ? Date.parse(x.stockChangedAt) : nowMs0;
        history.push([x.listingSkuId, Number.isFinite(at) ? Math.min(at, nowMs0) : nowMs0, v]);
        recorded = v;
      }
      // A SKU never decided has no row yet: it is upserted like one whose reason moved.
      const moved = x.lastReason !== s.decision.reason;
      // Its oversell-risk kind, for the summary the header and the tray show (risk.ts storedRiskCounts).
      const risk = riskOfInputs(x.bindStatus, x.erpSku, x.warehouses);
      const riskMoved = risk !== x.lastRisk;
      if (moved || recorded !== x.lastSellable || riskMoved)
        states.push([x.listingSkuId, s.decision.reason, recorded, moved, risk, riskMoved]);
      if (s.cancel.length > 0 || s.add !== null || opensEpisode(s) || endsEpisode(s)) skus.push(s);
    },
    undefined,
    nowMs0,
    { scope: scope.ids },
  );
  const p: Plan = { ...meta, skus };
  applyGate(scope.ids ? Object.assign(counts, wholeCounts(db, counts, before)) : counts, p.gate);
  const nowMs = app.clock.now();
  const now = new Date(nowMs).toISOString();
  const held = on && p.gate !== null && counts.heldUnbind > 0;

  const insRun = db.prepare(
    'INSERT INTO auto_runs (at, trigger, switch_on, stock_run_id, status, counts, gate) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const cancelAction = db.prepare(
    `UPDATE auto_actions SET state = 'cancelled', last_error = ?, finished_at = ?, updated_at = ? WHERE id = ? AND state IN (${statesSql(UNSENT_STATES)})`,
  );
  const endEpisode = db.prepare('UPDATE auto_stockouts SET ended_at = ? WHERE listing_sku_id = ? AND ended_at IS NULL');

  const runId = db.transaction(() => {
    insertRows(db, 'auto_stock_history', ['listing_sku_id', 'at', 'sellable'], history);
    pruneHistory(db, nowMs);
    const id = Number(
      insRun.run(
        now,
        trigger,
        on ? 1 : 0,
        p.stockRunId,
        held ? 'held' : 'done',
        JSON.stringify(counts),
        held ? JSON.stringify(p.gate) : null,
      ).lastInsertRowid,
    );
    // Decisions and outbox actions get their ids here (in the write transaction, max + 1 in order, as
    // one insert per row would), so the rows go in a few multi-row inserts; the audit rows likewise,
    // in the order they were made. Every action is in the outbox before the transaction commits.
    const maxId = (table: string) => db.prepare(`SELECT coalesce(max(id), 0) FROM ${table}`).pluck().get() as number;
    let decisionId = maxId('auto_decisions');
    let actionId = maxId('auto_actions');
    const decisions: unknown[][] = [];
    const actions: unknown[][] = [];
    const audits: unknown[][] = [];
    const episodes: unknown[][] = [];
    // Written a chunk at a time, in the order made (decisions before their actions): the rows and
    // their JSON details are held for WRITE_CHUNK SKUs at most, not for every SKU with something to
    // write (a mass unbind of a 100k catalogue held two detail strings per SKU until the end).
    const flush = (atLeast: number) => {
      if (decisions.length < atLeast && audits.length < atLeast && episodes.length < atLeast) return;
      insertRows(db, 'auto_decisions', ['id', 'run_id', 'listing_sku_id', 'at', 'outcome', 'sellable', 'detail'], decisions.splice(0));
      insertRows(db, 'auto_actions', ACTION_COLUMNS, actions.splice(0));
      insertRows(db, 'auto_stockouts', ['listing_sku_id', 'first_seen_at', 'stock_changed_at'], episodes.splice(0));
      insertRows(db, 'audit_log', ['at', 'actor', 'kind', 'subject', 'detail'], audits.splice(0));
    };
    for (const s of p.skus) {
      flush(WRITE_CHUNK);
      const x = s.input;
      for (const a of s.cancel) {
        cancelAction.run(reasonText(s.decision.reason).zh, now, now, a.id);
        audits.push([
          now,
          'auto',
          'auto.action.cancelled',
          x.sellerSku,
          JSON.stringify({
            actionId: a.id,
            kind: a.kind,
            listingSkuId: x.listingSkuId,
            reason: s.decision.reason,
            sellable: s.decision.sellable,
            figures: x.figures,
          }),
        ]);
      }
      if (s.add && on) {
        const gated = s.add === 'unbind' && held;
        const outcome = gated ? 'held_unbind' : s.add;
        const detail = JSON.stringify({
          runId: id,
          listingSkuId: x.listingSkuId,
          productId: x.productId,
          skuId: x.skuId,
          erpSku: x.erpSku,
          bindStatus: x.bindStatus,
          want: s.add,
          reason: s.decision.reason,
          sellable: s.decision.sellable,
          threshold: p.settings.rebindThreshold,
          figures: x.figures,
          ...(s.decision.reason === 'predicted_sellout' && s.prediction
            ? { prediction: { ...s.prediction, ...predictionText(s.prediction, s.decision.sellable ?? 0) } }
            : {}),
        });
        decisions.push([++decisionId, id, x.listingSkuId, now, outcome, s.decision.sellable, detail]);
        actions.push([
          ++actionId,
          decisionId,
          id,
          x.listingSkuId,
          x.productId,
          x.skuId,
          x.scItemId ?? '',
          s.add,
          gated ? 'held' : 'queued',
          nowMs,
          now,
          now,
        ]);
        // The detail with the outcome and the action id after it (the object's own keys, in order).
        audits.push([
          now,
          'auto',
          'auto.decision',
          x.sellerSku,
          `${detail.slice(0, -1)},"outcome":${JSON.stringify(outcome)},"actionId":${actionId}}`,
        ]);
      }
      // Stock-out episodes follow what the reads show, switch on or off.
      if (opensEpisode(s)) {
        episodes.push([x.listingSkuId, now, x.stockChangedAt]);
        openEpisodes.add(x.listingSkuId);
      } else if (endsEpisode(s)) {
        endEpisode.run(now, x.listingSkuId);
        openEpisodes.delete(x.listingSkuId);
      }
    }
    flush(0);
    if (held) audits.push([now, 'auto', 'auto.run.held', String(id), JSON.stringify({ runId: id, ...p.gate })]);
    insertRows(db, 'audit_log', ['at', 'actor', 'kind', 'subject', 'detail'], audits);
    finishScope(db, scope, states, p.lastSyncFailed);
    return id;
  })();

  if (held && p.gate) {
    const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
    app.notices.add(
      'warning',
      {
        title: '自动解绑已暂停，等待您确认',
        body:
          `这次同步后将解绑 ${p.gate.unbinds} 个线上SKU（占已绑定的 ${pct(p.gate.share)}），超过了安全上限（${pct(p.gate.limitShare)} 或 ${p.gate.limitCount} 个）。` +
          `这常常是库存读取或SKU关联出错造成的。请在“自动绑定/解绑看板”确认或拒绝（运行 #${runId}）。`,
      },
      {
        title: 'Automatic unbinds held for your confirmation',
        body:
          `This sync would unbind ${p.gate.unbinds} listing SKUs (${pct(p.gate.share)} of those bound), over the safety limit (${pct(p.gate.limitShare)} or ${p.gate.limitCount}). ` +
          `That is often a stock read or SKU mapping gone wrong. Confirm or reject it on the auto bind/unbind dashboard (run #${runId}).`,
      },
    );
  }
  app.events.emit('changed', { topic: 'auto' });
  return getRunInfo(db, runId) as AutoRunInfo;
}
