/**
 * Notices the engine owes the seller beyond single actions: a marketplace authorisation about to
 * expire (nothing can be unbound once it has), and the daily summary of what is still at risk.
 * Each is given at most once a day.
 */
import type { App } from '../app';
import { RISK_KINDS, RISK_TEXT } from '../../../src-shared/types/auto';
import { riskModel, riskSummary } from './risk';
import { REFUSED_NEXT } from './refusals';
import { beijingTime } from '../calendar/workdays';

export const DAILY_SUMMARY_TITLE = '超卖风险每日小结';

/**
 * The keys of the notices told at most once a while (stored with the notice, migration 17): what
 * a notice is about, so a reworded title cannot make it repeat.
 */
export const NOTICE_KEYS = {
  dailyRisk: 'auto.dailyRisk',
  tokenExpired: 'auto.tokenExpired',
  tokenExpiring: 'auto.tokenExpiring',
  sourceFailing: 'stock.sourceFailing',
  authPaused: 'auto.authPaused',
  reviewStuck: (sellerSku: string) => `auto.reviewStuck:${sellerSku}`,
} as const;

/**
 * Once a day, when anything is at risk: the risk model's headline, the refused unbinds by name with
 * the platform's reason, and what to do. Nothing at risk, no notice: a daily "all fine" is noise.
 */
export function dailyRiskSummary(app: App): boolean {
  if (!app.db.open || !onceADay(app, NOTICE_KEYS.dailyRisk)) return false;
  // The counts from the kinds the decision passes stored (a few ms), and only the refused unbinds'
  // rows: the whole model read 100k listing SKUs at start, while the web host answered nothing else.
  const m = riskSummary(app.db, app.clock.now());
  if (m.total === 0) return false;
  const refused = m.counts.refused > 0 ? riskModel(app.db, app.clock.now(), { refusedOnly: true }).rows.slice(0, 5) : [];
  const kinds = RISK_KINDS.filter((k) => m.counts[k] > 0);
  const zh = [
    `${m.headline.zh}。`,
    m.switchOn ? '' : '自动绑定/解绑开关是关闭的：库存为0的线上SKU不会被自动解绑。',
    ...refused.map((r) => `${r.sellerSku} 解绑被拒绝：${r.refusal?.zh ?? ''}`),
    refused.length ? REFUSED_NEXT.zh : '',
    '详情见“自动绑定/解绑看板”的“超卖风险”。',
  ];
  const en = [
    `${m.headline.en}.`,
    m.switchOn ? '' : 'Auto bind/unbind is switched off: listing SKUs at 0 stock are not unbound automatically.',
    ...refused.map((r) => `${r.sellerSku} unbind refused: ${r.refusal?.en ?? ''}`),
    refused.length ? REFUSED_NEXT.en : '',
    'Details under Oversell risk on the auto bind/unbind dashboard.',
  ];
  app.notices.add(
    m.counts.refused > 0 ? 'error' : 'warning',
    { title: DAILY_SUMMARY_TITLE, body: zh.filter(Boolean).join('\n') },
    {
      title: `Daily oversell-risk summary: ${kinds.map((k) => `${RISK_TEXT[k].en} ${m.counts[k]}`).join(', ')}`,
      body: en.filter(Boolean).join('\n'),
    },
    NOTICE_KEYS.dailyRisk,
  );
  return true;
}

const WARN_BEFORE_MS = 7 * 86400_000;

function onceADay(app: App, key: string): boolean {
  return !app.notices.givenWithin(key, 86400_000);
}

function toMs(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v) {
    const n = Date.parse(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/**
 * Reads the token times the connectors keep in connector_settings ('aliexpress.token':
 * expiresAt / refreshExpiresAt, epoch ms or ISO). The access token refreshes itself; the refresh
 * token cannot, so that is the one the seller must renew by authorising again.
 */
export function checkTokenExpiry(app: App): void {
  const row = app.db.prepare("SELECT value FROM connector_settings WHERE key = 'aliexpress.token'").get() as { value: string } | undefined;
  if (!row) return;
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(row.value) as Record<string, unknown>;
  } catch {
    return;
  }
  const until = toMs(v.refreshExpiresAt) ?? toMs(v.expiresAt);
  if (until === null) return;
  const left = until - app.clock.now();
  if (left > WARN_BEFORE_MS) return;
  const title = left <= 0 ? '速卖通授权已过期' : '速卖通授权即将过期';
  const key = left <= 0 ? NOTICE_KEYS.tokenExpired : NOTICE_KEYS.tokenExpiring;
  if (!onceADay(app, key)) return;
  const days = Math.max(0, Math.ceil(left / 86400_000));
  app.notices.add(
    'warning',
    {
      title,
      body:
        left <= 0
          ? '授权过期后无法自动解绑，可能超卖。请到“连接设置”点击“授权店铺”重新授权。'
          : `速卖通授权将在 ${days} 天内过期，过期后无法自动解绑。请尽快到“连接设置”重新授权店铺。`,
    },
    {
      title: left <= 0 ? 'AliExpress authorisation expired' : 'AliExpress authorisation expires soon',
      body:
        left <= 0
          ? 'Without it nothing can be unbound automatically, so listings may oversell. Authorise the store again under Connections.'
          : `The AliExpress authorisation expires within ${days} day(s); after that nothing can be unbound automatically. Authorise the store again under Connections soon.`,
    },
    key,
  );
}

/** A stock source failing for longer than this is told (nothing is unbound on old figures meanwhile). */
export const SOURCE_FAIL_ALERT_MS = 60 * 60_000;

/**
 * The stock source has failed for longer than SOURCE_FAIL_ALERT_MS since its last good read: the
 * engine is blind (it unbinds nothing on old figures), so the seller is told, once a day.
 */
export function checkSourceFailing(app: App): boolean {
  if (!app.db.open) return false;
  const last = app.db.prepare('SELECT status, started_at FROM stock_sync_runs ORDER BY id DESC LIMIT 1').get() as
    { status: string; started_at: string } | undefined;
  if (!last || last.status !== 'failed') return false;
  const ok = app.db.prepare("SELECT max(coalesce(finished_at, started_at)) FROM stock_sync_runs WHERE status = 'ok'").pluck().get() as
    string | null;
  const firstFail = app.db
    .prepare("SELECT min(started_at) FROM stock_sync_runs WHERE status = 'failed' AND started_at > ?")
    .pluck()
    .get(ok ?? '') as string | null;
  const since = Date.parse(firstFail ?? last.started_at);
  const minutes = Math.floor((app.clock.now() - since) / 60_000);
  if (app.clock.now() - since < SOURCE_FAIL_ALERT_MS) return false;
  const title = '库存读取持续失败';
  if (!onceADay(app, NOTICE_KEYS.sourceFailing)) return false;
  app.notices.add(
    'error',
    {
      title,
      body: `库存已经 ${minutes} 分钟没有读取成功${ok ? `（上次成功：北京时间 ${beijingTime(ok)}）` : ''}。在恢复之前不会依据旧库存解绑，卖光的线上SKU可能继续售卖。请到“连接设置”检查ERP连接，或导入最新的库存文件。`,
    },
    {
      title: 'Stock reads keep failing',
      body: `No stock read has succeeded for ${minutes} minutes${ok ? ` (last good read: ${beijingTime(ok)} Beijing time)` : ''}. Nothing is unbound on old figures until one does, so sold-out listing SKUs may keep selling. Check the ERP connection under Connections, or import a fresh stock file.`,
    },
    NOTICE_KEYS.sourceFailing,
  );
  return true;
}
