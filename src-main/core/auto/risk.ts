/**
 * The one oversell-risk model: every screen (dashboard headline and cards, the risk tab, the tray,
 * notices, `auto status`) shows these numbers, so they cannot disagree. It reads the stored stock
 * and bind states directly, whatever the switch says: a SKU at 0 that is still bound sells at 0
 * whether or not the app is allowed to unbind it.
 */
import type { Db } from '../db/open';
import {
  RISK_KINDS,
  actionStateText,
  riskHeadline,
  type ActionKind,
  type ActionState,
  type BindStatus,
  type OversellRiskRow,
  type PinMode,
  type RiskKind,
  type RiskModel,
} from '../../../src-shared/types/auto';
import { readAutoSettings } from './settings';
import { refusalView } from './refusals';
import { sellableOf } from './sellable';
import { skuRows, stockOfRow } from './skuRows';
import type { WarehouseInput } from './decide';
import { BIND_STATUS, STILL_TIED, bindStatusSql } from '../../../src-shared/bindStatus';
import { OPEN_STATES, SENDABLE_STATES, isIn, statesSql } from '../../../src-shared/actionStates';
import { keepRead, keptUntilWrite, writeStamp } from '../db/untilWrite';

const ROW_LIMIT = 500;

/**
 * Per listing SKU on sale (bound 2, in review 3, refused 4 — the platform still sells all three) and
 * linked warehouse: the mapping, the stored figure and how the store warehouse counts stock, read with
 * the decisions' own join (skuRows.ts). The rows are summed in JS with sellable.ts, the formula the
 * decisions use, so the two cannot disagree. `markedOnly`: only the SKUs marked since the last pass;
 * `statuses`: only these bind states (all three on sale by default).
 */
/** One SKU on sale: id, seller SKU, product id, SKU id, goods id, bind status, refusal reason, ERP SKU, then linked warehouses, known figures, stale figures, sellable of the fresh ones, the latest time a fresh figure changed. */
type OnSale = [
  number,
  string,
  string,
  string,
  string | null,
  number,
  string | null,
  string | null,
  number,
  number,
  number,
  number,
  string | null,
];

function* onSale(db: Db, opts: { markedOnly?: boolean; statuses?: readonly BindStatus[] } = {}): Generator<OnSale> {
  let cur: OnSale | null = null;
  for (const r of skuRows<[refuseReason: string | null, changedAt: string | null]>(db, {
    extra: 's.unbind_refuse_reason, l.changed_at',
    where: `WHERE s.bind_status IN (${bindStatusSql(opts.statuses ?? STILL_TIED)})${opts.markedOnly ? ' AND s.id IN (SELECT listing_sku_id FROM auto_changed)' : ''}`,
  })) {
    if (!cur || cur[0] !== r[0]) {
      if (cur) yield cur;
      cur = [r[0], r[3], r[1], r[2], r[4], r[5], r[15], r[6], 0, 0, 0, 0, null];
    }
    if (r[7] === null) continue;
    cur[8]++;
    const { stock, counting } = stockOfRow(r);
    if (stock === null) continue;
    cur[9]++;
    if (stock.stale) cur[10]++;
    else {
      cur[11] += sellableOf(stock, counting);
      if (r[16] && (!cur[12] || r[16] > cur[12])) cur[12] = r[16];
    }
  }
  if (cur) yield cur;
}

/** The one kind a SKU on sale is at risk for, or null when it has stock the app can see. */
export function riskKindOf(x: {
  bindStatus: number;
  mapped: boolean;
  warehouses: number;
  known: number;
  stale: number;
  sellable: number;
}): RiskKind | null {
  if (x.sellable > 0) return null;
  if (x.bindStatus === BIND_STATUS.UNBIND_REFUSED) return 'refused';
  if (x.bindStatus === BIND_STATUS.UNBIND_REVIEW) return 'review';
  if (!x.mapped || x.warehouses === 0) return 'unmapped';
  if (x.known < x.warehouses || x.stale > 0) return 'stale';
  return 'zero';
}

/**
 * The risk tab's order, what needs the seller first (the headline and the cards keep RISK_KINDS's).
 * A SKU bound at 0 with no unbind under way (the switch off, pinned, not yet decided, or its unbind
 * held for the seller's confirmation) sells stock it does not have and nobody is acting on it: it
 * comes right after the refusals, before the reviews, whose unbind already waits for AliExpress. One
 * whose unbind the sender has (queued, sent, in review) follows the reviews: it is on its way.
 */
const ROW_ORDER = ['refused', 'zero', 'review', 'zeroUnderWay', 'unmapped', 'stale'] as const;
const ROW_RANK = new Map<string, number>(ROW_ORDER.map((k, i) => [k, i]));

const rowRank = (r: Pick<OversellRiskRow, 'kind' | 'action'>): number =>
  ROW_RANK.get(r.kind === 'zero' && r.action?.kind === 'unbind' && isIn(SENDABLE_STATES, r.action.state) ? 'zeroUnderWay' : r.kind)!;

const kindOfOnSale = (r: OnSale): RiskKind | null =>
  riskKindOf({ bindStatus: r[5], mapped: r[7] !== null, warehouses: r[8], known: r[9], stale: r[10], sellable: r[11] });

/**
 * A SKU's kind from a decision pass's inputs, for it to store (auto_sku_state.risk, migration 22):
 * '' when it has none or is not on sale. The same sums as onSale's, over the same join's rows.
 */
export function riskOfInputs(
  bindStatus: number,
  erpSku: string | null,
  warehouses: readonly Pick<WarehouseInput, 'stock' | 'counting'>[],
): RiskKind | '' {
  if (!STILL_TIED.includes(bindStatus as BindStatus)) return '';
  let known = 0;
  let stale = 0;
  let sellable = 0;
  for (const { stock, counting } of warehouses) {
    if (stock === null) continue;
    known++;
    if (stock.stale) stale++;
    else sellable += sellableOf(stock, counting);
  }
  return riskKindOf({ bindStatus, mapped: erpSku !== null, warehouses: warehouses.length, known, stale, sellable }) ?? '';
}

/**
 * The whole model: counts, headline and up to ROW_LIMIT rows, what needs the seller first (ROW_ORDER),
 * the longest at risk first within each. `refusedOnly`: only the refused unbinds (their kind needs
 * bind state 4, so only those SKUs are read); its counts are theirs alone.
 */
const noCounts = () => Object.fromEntries(RISK_KINDS.map((k) => [k, 0])) as Record<RiskKind, number>;

/** The model's summary of these counts: the total and the headline the dashboard, tray and status share. */
function summaryOf(db: Db, counts: Record<RiskKind, number>): RiskModel {
  const headline = riskHeadline(counts);
  return {
    switchOn: readAutoSettings(db).enabled,
    counts,
    total: headline.total,
    headline: { zh: headline.zh, en: headline.en },
    rows: [],
  };
}

export function riskModel(db: Db, nowMs: number, opts: { rows?: boolean; refusedOnly?: boolean } = {}): RiskModel {
  const counts = noCounts();
  const atRisk: { r: OnSale; kind: RiskKind }[] = [];
  for (const r of onSale(db, opts.refusedOnly ? { statuses: [BIND_STATUS.UNBIND_REFUSED] } : {})) {
    const kind = kindOfOnSale(r);
    if (!kind) continue;
    counts[kind]++;
    atRisk.push({ r, kind });
  }
  const model = summaryOf(db, counts);
  if (opts.rows === false || atRisk.length === 0) return model;

  const ids = new Set(atRisk.map((x) => x.r[0]));
  const pins = new Map(db.prepare('SELECT listing_sku_id, mode FROM auto_pins').raw().all() as [number, PinMode][]);
  // An open stock-out starts when its figure changed, when that is before the pass that first saw it
  // at 0 (a SKU linked after the read): the age the tab showed before that pass then goes on, not
  // back to 0.
  const stockouts = new Map(
    db
      .prepare(
        'SELECT listing_sku_id, min(first_seen_at, coalesce(stock_changed_at, first_seen_at)) FROM auto_stockouts WHERE ended_at IS NULL',
      )
      .raw()
      .all() as [number, string][],
  );
  const open = new Map<number, { id: number; kind: ActionKind; state: ActionState; at: string | null }>();
  for (const [sku, id, kind, state, at] of db
    .prepare(
      `SELECT listing_sku_id, id, kind, state, coalesce(sent_at, created_at) FROM auto_actions WHERE state IN (${statesSql(OPEN_STATES)}) ORDER BY id`,
    )
    .raw()
    .iterate() as IterableIterator<[number, number, ActionKind, ActionState, string | null]>)
    if (ids.has(sku)) open.set(sku, { id, kind, state, at });
  const refused = new Map<number, { id: number; message: string | null; at: string | null }>();
  for (const [sku, id, message, at] of db
    .prepare(
      "SELECT listing_sku_id, id, market_message, finished_at FROM auto_actions WHERE state = 'refused' AND kind = 'unbind' ORDER BY id",
    )
    .raw()
    .iterate() as IterableIterator<[number, number, string | null, string | null]>)
    if (ids.has(sku)) refused.set(sku, { id, message, at });

  const rows = atRisk.map(({ r, kind }): OversellRiskRow => {
    const [id, sellerSku, productId, skuId, scItemId, bindStatus, refuseReason] = r;
    const a = open.get(id);
    const ref = refused.get(id);
    const { since, sinceFrom } = sinceOf(kind, stockouts.get(id), kind === 'refused' ? ref?.at : kind === 'review' ? a?.at : null, r[12]);
    return {
      listingSkuId: id,
      sellerSku,
      productId,
      skuId,
      bindStatus: bindStatus as BindStatus,
      kind,
      sellable: kind === 'unmapped' || kind === 'stale' ? null : r[11],
      pin: pins.get(id) ?? 'auto',
      since,
      sinceFrom,
      minutes: since ? Math.max(0, Math.round((nowMs - Date.parse(since)) / 60_000)) : null,
      refusal:
        kind === 'refused'
          ? refusalView({
              sellerSku,
              productId,
              skuId,
              scItemId,
              reason: refuseReason || ref?.message,
              refusedAt: ref?.at ?? null,
              actionId: ref?.id ?? null,
            })
          : null,
      action: a ? { id: a.id, kind: a.kind, state: a.state, ...actionStateText(a.kind, a.state) } : null,
    };
  });
  rows.sort((x, y) => rowRank(x) - rowRank(y) || (y.minutes ?? -1) - (x.minutes ?? -1) || x.listingSkuId - y.listingSkuId);
  model.rows = rows.slice(0, ROW_LIMIT);
  return model;
}

/**
 * Since when a SKU has been at risk: the stock-out episode a decision pass opened when it first saw
 * it at 0; without one, the review or the refusal. A SKU at 0 that no pass has decided on yet (linked
 * or mapped after the last read: the wizard reads stock first and links after, and with the switch
 * off nothing decides again until the next read) or that no pass opens an episode for (pinned, its
 * category off) still sells at 0 since its figure last changed, so that read is its start. Null only
 * when no fresh figure tells (unmapped, stale): the tab says why.
 */
function sinceOf(
  kind: RiskKind,
  episode: string | undefined,
  marketAt: string | null | undefined,
  stockChangedAt: string | null,
): Pick<OversellRiskRow, 'since' | 'sinceFrom'> {
  if (episode) return { since: episode, sinceFrom: 'stockout' };
  if (marketAt && (kind === 'refused' || kind === 'review')) return { since: marketAt, sinceFrom: kind };
  if (kind === 'zero' && stockChangedAt) return { since: stockChangedAt, sinceFrom: 'stockRead' };
  return { since: null, sinceFrom: null };
}

/**
 * The model without its rows (counts, total, headline): the header switch asks for it on every
 * screen and the tray on every open. From the counts the decision passes keep (storedRiskCounts: a few
 * ms; the whole read costs 0.5–0.9 s at 100k listing SKUs), and kept until a write (untilWrite.ts).
 * Without rows nothing in it depends on the time (only a row's minutes do), so a kept one is the
 * one a fresh read would give.
 */
export function riskSummary(db: Db, nowMs: number): RiskModel {
  const m = keptUntilWrite(db, SUMMARY, () => {
    const counts = storedRiskCounts(db);
    return counts ? summaryOf(db, counts) : riskModel(db, nowMs, { rows: false });
  });
  return { ...m, counts: { ...m.counts }, headline: { ...m.headline }, rows: [] };
}

/**
 * The counts by kind from what the decision passes stored (auto_risk_counts, kept by triggers), with
 * the SKUs marked since the last pass worked out again from the stored stock: a mark is set whenever
 * anything a kind is made of moves (bind state, mapping, linked warehouses, figures, staleness; see
 * changed.ts), so an unmarked SKU's stored kind is the one a full read would give. Null when they
 * cannot be used: a full pass is due (mark 0: after an upgrade, a setting change or a pass on a
 * failed read) or some SKU's kind was never worked out. In one read transaction, so a write from
 * another process cannot fall between the counts and the marks.
 */
export function storedRiskCounts(db: Db): Record<RiskKind, number> | null {
  return db.transaction(() => {
    if (db.prepare('SELECT 1 FROM auto_changed WHERE listing_sku_id = 0').get()) return null;
    if (
      db
        .prepare(
          'SELECT 1 FROM auto_sku_state WHERE risk IS NULL AND listing_sku_id NOT IN (SELECT listing_sku_id FROM auto_changed) LIMIT 1',
        )
        .get()
    )
      return null;
    const counts = noCounts();
    const add = (kind: string, n: number) => {
      if (kind in counts) counts[kind as RiskKind] += n;
    };
    for (const [kind, n] of db.prepare('SELECT kind, n FROM auto_risk_counts').raw().all() as [string, number][]) add(kind, n);
    for (const kind of db
      .prepare(`SELECT st.risk FROM auto_changed c JOIN auto_sku_state st ON st.listing_sku_id = c.listing_sku_id WHERE st.risk != ''`)
      .pluck()
      .all() as string[])
      add(kind, -1);
    for (const r of onSale(db, { markedOnly: true })) {
      const kind = kindOfOnSale(r);
      if (kind) add(kind, 1);
    }
    return counts;
  })();
}

const SUMMARY = 'auto.riskSummary';

/**
 * The whole model (the dashboard's), its summary kept as riskSummary's: the header's next status
 * after the dashboard then finds it instead of reading the 100k-row join a second time.
 */
export function riskModelKeeping(db: Db, nowMs: number): RiskModel {
  const stamp = writeStamp(db);
  const model = riskModel(db, nowMs);
  keepRead(db, SUMMARY, stamp, { ...model, counts: { ...model.counts }, headline: { ...model.headline }, rows: [] });
  return model;
}
