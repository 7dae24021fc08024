/**
 * What the dashboard and `auto status` show: counts by bind state, the outbox, last and next sync,
 * the oversell-risk model (risk.ts: the same numbers everywhere), binds and unbinds per hour,
 * and the time from a stock-out being seen to the listing SKU being unbound.
 */
import type { App } from '../app';
import type { Db } from '../db/open';
import { BLOCKING_REASONS, type AutoStatus, type DashboardView, type RiskModel } from '../../../src-shared/channels/auto';
import { lastRun } from '../stock/runs';
import { stockScheduler } from '../stock/scheduler';
import { outboxCounts, toActionRow, type ActionRecord } from './outbox';
import { readAutoSettings } from './settings';
import { lastAutoRun } from './runs';
import { riskModelKeeping, riskSummary } from './risk';
import { BIND_STATUS } from '../../../src-shared/bindStatus';
import { UNTAKEN_STATES, statesSql } from '../../../src-shared/actionStates';

export function autoStatus(app: App, model?: RiskModel): AutoStatus {
  const db = app.db;
  // Counted by triggers (migration 23): counting the catalogue was 20–30 ms at 100k listing SKUs.
  const byStatus = new Map(db.prepare('SELECT bind_status, n FROM auto_bind_counts').raw().all() as [number, number][]);
  const sync = lastRun(db);
  let nextSyncAt: string | null = null;
  try {
    const next = stockScheduler(app).nextAt();
    nextSyncAt = next === null ? null : new Date(next).toISOString();
  } catch (err) {
    app.log.warn('next sync time unavailable', { error: String(err) });
  }
  return {
    settings: readAutoSettings(db),
    counts: {
      bound: byStatus.get(BIND_STATUS.BOUND) ?? 0,
      unbound: byStatus.get(BIND_STATUS.UNBOUND) ?? 0,
      review: byStatus.get(BIND_STATUS.UNBIND_REVIEW) ?? 0,
      refused: byStatus.get(BIND_STATUS.UNBIND_REFUSED) ?? 0,
      held: (db.prepare("SELECT count(*) FROM auto_runs WHERE status = 'held'").pluck().get() as number) ?? 0,
      pinned: db.prepare('SELECT count(*) FROM auto_pins').pluck().get() as number,
    },
    outbox: outboxCounts(db),
    unbindsAhead: db
      .prepare(`SELECT count(*) FROM auto_actions WHERE kind = 'unbind' AND state IN (${statesSql(UNTAKEN_STATES)})`)
      .pluck()
      .get() as number,
    lastRun: lastAutoRun(db),
    lastSync: sync ? { id: sync.id, status: sync.status, startedAt: sync.startedAt, finishedAt: sync.finishedAt } : null,
    nextSyncAt,
    // The risk model's total: the same number as the dashboard's cards, the tray and the notices.
    oversellRisk: (model ?? riskSummary(db, app.clock.now())).total,
  };
}

function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i]!;
}

/**
 * The lane at work, in the run's own terms: how many binds decided before this run's unbinds (a
 * restock wave still draining) went out after the first of them, or are still queued. Null when the
 * run sent no unbind yet.
 */
export function unbindsFirst(db: Db, runId: number): { unbinds: number; bindsPassed: number } | null {
  const first = db
    .prepare(
      "SELECT min(id) AS id, min(sent_at) AS at, count(*) AS n FROM auto_actions WHERE run_id = ? AND kind = 'unbind' AND sent_at IS NOT NULL",
    )
    .get(runId) as { id: number | null; at: string | null; n: number };
  if (!first.id || !first.at) return null;
  const bindsPassed = db
    .prepare(
      "SELECT count(*) FROM auto_actions WHERE kind = 'bind' AND id < ? AND state <> 'cancelled' AND created_at <= ? AND (sent_at IS NULL OR sent_at > ?)",
    )
    .pluck()
    .get(first.id, first.at, first.at) as number;
  return { unbinds: first.n, bindsPassed };
}

export function dashboard(app: App): DashboardView {
  const db = app.db;
  const now = app.clock.now();
  const model = riskModelKeeping(db, now);
  const from = new Date(now - 48 * 3600_000).toISOString();
  const byHour = new Map<string, { binds: number; unbinds: number }>();
  for (let t = now - 47 * 3600_000; t <= now; t += 3600_000) byHour.set(new Date(t).toISOString().slice(0, 13), { binds: 0, unbinds: 0 });
  for (const [h, kind, n] of db
    .prepare(
      "SELECT substr(finished_at, 1, 13) AS h, kind, count(*) FROM auto_actions WHERE state = 'done' AND finished_at >= ? GROUP BY h, kind",
    )
    .raw()
    .all(from) as [string, 'bind' | 'unbind', number][]) {
    const b = byHour.get(h) ?? { binds: 0, unbinds: 0 };
    if (kind === 'bind') b.binds += n;
    else b.unbinds += n;
    byHour.set(h, b);
  }
  const reaction = (
    db
      .prepare(
        `SELECT o.listing_sku_id, s.seller_sku, o.first_seen_at, o.unbound_at FROM auto_stockouts o
         LEFT JOIN stock_listing_skus s ON s.id = o.listing_sku_id WHERE o.unbound_at IS NOT NULL ORDER BY o.unbound_at DESC LIMIT 200`,
      )
      .raw()
      .all() as [number, string | null, string, string][]
  ).map(([listingSkuId, sellerSku, firstSeenAt, unboundAt]) => ({
    listingSkuId,
    sellerSku: sellerSku ?? '',
    firstSeenAt,
    unboundAt,
    minutes: Math.max(0, (Date.parse(unboundAt) - Date.parse(firstSeenAt)) / 60_000),
  }));
  const sorted = reaction.map((r) => r.minutes).sort((a, b) => a - b);
  const status = autoStatus(app, model);
  const { rows: risk, ...riskSummary } = model;
  return {
    status,
    risk,
    riskModel: riskSummary,
    series: [...byHour].sort(([a], [b]) => a.localeCompare(b)).map(([h, v]) => ({ hour: `${h}:00:00.000Z`, ...v })),
    reaction,
    reactionMedianMin: percentile(sorted, 0.5),
    reactionP90Min: percentile(sorted, 0.9),
    heldRuns: status.counts.held,
    recent: (
      db
        .prepare(
          `SELECT a.*, s.seller_sku FROM auto_actions a LEFT JOIN stock_listing_skus s ON s.id = a.listing_sku_id
           WHERE a.state <> 'cancelled' ORDER BY a.updated_at DESC, a.id DESC LIMIT 8`,
        )
        .all() as (ActionRecord & { seller_sku: string })[]
    ).map(toActionRow),
    ready: db
      .prepare(
        'SELECT count(*) FROM stock_sku_links k WHERE EXISTS (SELECT 1 FROM stock_listing_warehouses lw WHERE lw.listing_sku_id = k.listing_sku_id)',
      )
      .pluck()
      .get() as number,
    unbindsFirst: status.lastRun ? unbindsFirst(db, status.lastRun.id) : null,
    blocked: status.lastRun ? BLOCKING_REASONS.reduce((n, r) => n + (status.lastRun!.counts.byReason[r] ?? 0), 0) : 0,
  };
}
