/**
 * The sender drains the outbox, one action at a time (the marketplace client keeps the rate limit).
 * For every action it first asks the marketplace for the current bind status, so an action whose
 * request already went out before a crash is recognised and never sent twice; only then it sends,
 * after marking the row 'sent' in its own transaction. Reviews (status 3) are polled until they end;
 * refusals (4) are told to the seller with the marketplace's words; failures are retried with
 * backoff and reported after the last attempt. A bind waiting behind an unbind in review waits for
 * the review to end instead of being lost.
 */
import type { App } from '../app';
import type { Marketplace, BindRef, BindStatus } from '../connectors/marketplace';
import { AppError } from '../../../src-shared/errors';
import type { DrainReport } from '../../../src-shared/channels/auto';
import { ConnectorError } from '../connectors/retry';
import { decide } from './decide';
import { decideInputOf, loadInputs } from './inputs';
import { earlyFor, stillRight, stockHealth } from './engine';
import { claimAction, dueActionIds, getAction, unbindArrived, updateAction, type ActionRecord } from './outbox';
import { readAutoSettings } from './settings';
import { reasonText } from './reasons';
import { writeAudit, type Actor } from '../audit';
import { REFUSED_NEXT, refusalText } from './refusals';
import { NOTICE_KEYS } from './notify';
import { BIND_STATUS, isBoundNow } from '../../../src-shared/bindStatus';
import { SENDABLE_STATES, isIn } from '../../../src-shared/actionStates';

/** The port's answer, with the refuse reason the listing read carries (unbind_refuse_reason) when the connector passes it. */
type Answer = { bindStatus: BindStatus; message?: string; refuseReason?: string };
/** A refusal's reason is the platform's refuse reason, never an earlier message such as "submitted, in review". */
const reasonOf = (r: Answer): string | null =>
  r.refuseReason || (r.bindStatus === BIND_STATUS.UNBIND_REFUSED ? r.message : undefined) || null;

/** Every this many actions a drain tells the screens, so the dashboard moves during a mass unbind. */
const PROGRESS_EVERY = 20;

/** How often a review is polled, and a bind waiting for one re-checked. */
export const REVIEW_POLL_MS = 2 * 60_000;
export const MAX_ATTEMPTS = 5;
/** An unbind in review longer than this is stuck: the SKU keeps selling, so the seller is told. */
export const STUCK_REVIEW_MS = 2 * 3600_000;
const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 30 * 60_000;
/** After an authorisation failure, wait this long before trying again (the seller must re-authorise). */
const AUTH_PAUSE_MS = 10 * 60_000;

export function emptyDrain(skipped: DrainReport['skipped'] = null): DrainReport {
  return { skipped, processed: 0, sent: 0, done: 0, unbound: 0, bound: 0, review: 0, refused: 0, failed: 0, cancelled: 0, deferred: 0 };
}

type Outcome = 'done' | 'review' | 'refused' | 'failed' | 'cancelled' | 'deferred' | 'auth';

export class Sender {
  constructor(
    private readonly app: App,
    private readonly market: Marketplace,
  ) {}

  private get nowMs(): number {
    return this.app.clock.now();
  }
  private iso(): string {
    return new Date(this.nowMs).toISOString();
  }

  /**
   * Drains what is due now, most urgent lane first. A pass is planned once; before each action that
   * is not an unbind the sender checks for a newly due unbind and, if there is one, plans again, so
   * the unbind is the very next request. A few passes more let a bind released by a finished review
   * go out at once.
   */
  async drain(opts: { signal?: AbortSignal; maxPasses?: number } = {}): Promise<DrainReport> {
    const report = emptyDrain();
    const seen = new Set<number>();
    let unbound = 0;
    let replans = 0;
    for (let pass = 0; pass < (opts.maxPasses ?? 4) + replans; pass++) {
      const ids = dueActionIds(this.app.db, this.nowMs, seen);
      if (!ids.length) break;
      const planned = new Set(ids);
      let replan = false;
      for (const id of ids) {
        if (opts.signal?.aborted) return report;
        if (!readAutoSettings(this.app.db).enabled) return { ...report, skipped: 'switch_off' };
        const before = getAction(this.app.db, id);
        if (!before || !isIn(SENDABLE_STATES, before.state)) continue;
        if (!(before.kind === 'unbind' && before.state !== 'review') && unbindArrived(this.app.db, this.nowMs, planned)) {
          replan = true;
          break;
        }
        seen.add(id);
        const outcome = await this.process(before, report);
        report.processed++;
        // A long drain (the marketplace allows a few actions a second) shows its progress as it goes.
        if (report.processed % PROGRESS_EVERY === 0) this.app.events.emit('changed', { topic: 'auto' });
        if (outcome === 'auth') return { ...report, skipped: 'auth' };
        report[outcome]++;
        if (outcome === 'done' && before.kind === 'unbind') unbound++;
        if (outcome === 'done') report[before.kind === 'unbind' ? 'unbound' : 'bound']++;
      }
      // A replan is not one of the few extra passes (bounded all the same: each one follows new work).
      if (replan && replans < 10_000) replans++;
    }
    if (unbound > 0)
      this.app.notices.add(
        'warning',
        {
          title: `已自动解绑 ${unbound} 个线上SKU`,
          body: '这些线上SKU的可售库存为0（或开启了提前解绑、预计在审核结束前卖完），已解绑以防超卖。库存回来后会自动重新绑定。详情见审计日志。',
        },
        {
          title: `${unbound} listing SKU(s) unbound automatically`,
          body: 'Their sellable stock was 0 (or, with early unbind on, expected to sell out before a review ends), so they were unbound to stop overselling. They are bound again when stock returns. Details are in the audit log.',
        },
      );
    if (report.processed) this.app.events.emit('changed', { topic: 'auto' });
    return report;
  }

  private ref(a: ActionRecord): BindRef {
    return { itemId: a.product_id, skuId: a.sku_id, scItemId: a.sc_item_id };
  }

  private mirror(a: ActionRecord, status: BindStatus): void {
    this.app.db
      .prepare('UPDATE stock_listing_skus SET bind_status = ? WHERE id = ? AND bind_status != ?')
      .run(status, a.listing_sku_id, status);
    if (status !== BIND_STATUS.UNBIND_REFUSED)
      this.app.db
        .prepare('UPDATE stock_listing_skus SET unbind_refuse_reason = NULL WHERE id = ? AND unbind_refuse_reason IS NOT NULL')
        .run(a.listing_sku_id);
    if (status === BIND_STATUS.UNBOUND)
      this.app.db
        .prepare('UPDATE auto_stockouts SET unbound_at = ? WHERE listing_sku_id = ? AND ended_at IS NULL AND unbound_at IS NULL')
        .run(this.iso(), a.listing_sku_id);
  }

  /** One audit line for an action: who asked for it, its listing SKU, and what happened to it. */
  private audit(
    a: ActionRecord,
    what: string,
    detail: Record<string, unknown>,
    actor: Actor = a.actor === 'seller' ? 'seller' : 'auto',
  ): void {
    writeAudit(this.app.db, this.app.clock, {
      actor,
      kind: `auto.action.${what}`,
      subject: this.sellerSku(a),
      detail: { actionId: a.id, kind: a.kind, ...detail },
    });
  }

  private sellerSku(a: ActionRecord): string {
    return (
      (this.app.db.prepare('SELECT seller_sku FROM stock_listing_skus WHERE id = ?').pluck().get(a.listing_sku_id) as string | undefined) ??
      `${a.product_id}/${a.sku_id}`
    );
  }

  private finish(
    a: ActionRecord,
    state: 'done' | 'refused' | 'failed' | 'cancelled',
    extra: { message?: string | null; error?: string | null; sent: boolean },
  ): void {
    const now = this.iso();
    this.app.db.transaction(() => {
      updateAction(
        this.app.db,
        a.id,
        { state, finished_at: now, market_message: extra.message ?? a.market_message, last_error: extra.error ?? null },
        now,
      );
      this.audit(a, state, {
        productId: a.product_id,
        skuId: a.sku_id,
        sentNow: extra.sent,
        sends: a.sends,
        message: extra.message ?? null,
        error: extra.error ?? null,
      });
    })();
  }

  private async process(a: ActionRecord, report: DrainReport): Promise<Outcome> {
    try {
      if (a.state === 'review') return await this.pollReview(a);
      // What the stock says now: an action that is no longer right is not sent (switch back on, a held
      // run confirmed late, a long queue). Seller-requested actions are the seller's word.
      if (a.actor === 'auto') {
        const input = loadInputs(this.app.db, [a.listing_sku_id])[0];
        const d = input
          ? decide(
              decideInputOf(input, {
                threshold: readAutoSettings(this.app.db).rebindThreshold,
                lastSyncFailed: stockHealth(this.app.db).lastSyncFailed,
                early: earlyFor(this.app.db, a.listing_sku_id, this.nowMs),
                goodsId: a.sc_item_id,
              }),
            )
          : null;
        if (!d || !stillRight(a.kind, d)) {
          this.finish(a, 'cancelled', { error: d ? `不再需要：${reasonText(d.reason).zh}` : '线上SKU已不存在', sent: false });
          return 'cancelled';
        }
      }
      const q = await this.market.queryBind(this.ref(a));
      this.mirror(a, q.bindStatus);
      // A request may have left before (a timeout, a crash): what the re-read found, and what follows, is recorded.
      if (a.state === 'sent') this.reread(a, q);
      if (a.kind === 'bind') {
        if (isBoundNow(q.bindStatus)) {
          this.finish(a, 'done', { message: q.message, sent: false });
          return 'done';
        }
        if (q.bindStatus === BIND_STATUS.UNBIND_REVIEW) return this.defer(a, '解绑审核中，审核结束后再绑定');
      } else {
        if (q.bindStatus === BIND_STATUS.UNBOUND) {
          this.finish(a, 'done', { message: q.message, sent: false });
          return 'done';
        }
        if (q.bindStatus === BIND_STATUS.UNBIND_REVIEW) return this.toReview(a, q.message);
        if (q.bindStatus === BIND_STATUS.UNBIND_REFUSED && a.actor === 'auto') return this.refused(a, reasonOf(q));
      }
      // Marked 'sent' before the request leaves: after a crash the status is read again first.
      // The claim is conditional: a decide pass may have cancelled the action (or another sender
      // claimed it) while the status was being read; then nothing is sent.
      const now = this.iso();
      if (!claimAction(this.app.db, a, now)) return 'deferred';
      a = { ...a, state: 'sent', sends: a.sends + 1, sent_at: now, updated_at: now };
      report.sent++;
      const r = a.kind === 'bind' ? await this.market.bind(this.ref(a)) : await this.market.unbind(this.ref(a));
      this.mirror(a, r.bindStatus);
      if (a.kind === 'bind' && r.bindStatus === BIND_STATUS.BOUND) {
        this.finish(a, 'done', { message: r.message, sent: true });
        return 'done';
      }
      if (a.kind === 'unbind' && r.bindStatus === BIND_STATUS.UNBOUND) {
        this.finish(a, 'done', { message: r.message, sent: true });
        return 'done';
      }
      if (a.kind === 'unbind' && r.bindStatus === BIND_STATUS.UNBIND_REVIEW) return this.toReview(a, r.message);
      if (a.kind === 'unbind' && r.bindStatus === BIND_STATUS.UNBIND_REFUSED) return this.refused(a, reasonOf(r));
      if (a.kind === 'bind' && r.bindStatus === BIND_STATUS.UNBIND_REVIEW) return this.defer(a, '解绑审核中，审核结束后再绑定');
      throw new ConnectorError(
        'TRANSIENT',
        `速卖通返回了意外的绑定状态 ${r.bindStatus}`,
        `AliExpress answered with an unexpected bind status ${r.bindStatus}`,
      );
    } catch (err) {
      return this.failure(a, err);
    }
  }

  private async pollReview(a: ActionRecord): Promise<Outcome> {
    const q = await this.market.queryBind(this.ref(a));
    this.mirror(a, q.bindStatus);
    if (q.bindStatus === BIND_STATUS.UNBIND_REVIEW) {
      updateAction(this.app.db, a.id, { next_try_at: this.nowMs + REVIEW_POLL_MS }, this.iso());
      this.stuck(a);
      return 'deferred';
    }
    if (q.bindStatus === BIND_STATUS.UNBOUND) {
      this.finish(a, 'done', { message: q.message ?? a.market_message, sent: false });
      return 'done';
    }
    return this.refused(a, reasonOf(q));
  }

  /** An unbind whose review has lasted past STUCK_REVIEW_MS: told once a day per SKU, with what to do. */
  private stuck(a: ActionRecord): void {
    const since = Date.parse(a.sent_at ?? a.created_at);
    if (!Number.isFinite(since) || this.nowMs - since < STUCK_REVIEW_MS) return;
    const sku = this.sellerSku(a);
    const title = `解绑审核超时：${sku}`;
    const key = NOTICE_KEYS.reviewStuck(sku);
    if (this.app.notices.givenWithin(key, 86400_000)) return;
    const hours = Math.floor((this.nowMs - since) / 3600_000);
    this.app.notices.add(
      'warning',
      {
        title,
        body: `线上SKU ${sku} 的解绑已提交 ${hours} 小时，仍在速卖通审核中，审核期间它仍在售卖，可能超卖。可以联系速卖通卖家客服催审（“超卖风险”里有可复制的留言），或把它固定并手动处理。`,
      },
      {
        title: `Unbind review overdue: ${sku}`,
        body: `The unbind of listing SKU ${sku} was submitted ${hours} hour(s) ago and is still in AliExpress's review; it keeps selling meanwhile and may oversell. Ask AliExpress seller support to review it (a message to copy is under Oversell risk), or pin it and handle it by hand.`,
      },
      key,
    );
  }

  /** What the sender does after re-reading the status of an action whose request may have left. */
  private reread(a: ActionRecord, q: Answer): void {
    const decision =
      a.kind === 'bind'
        ? isBoundNow(q.bindStatus)
          ? 'done'
          : q.bindStatus === BIND_STATUS.UNBIND_REVIEW
            ? 'wait'
            : 'send'
        : q.bindStatus === BIND_STATUS.UNBOUND
          ? 'done'
          : q.bindStatus === BIND_STATUS.UNBIND_REVIEW
            ? 'review'
            : q.bindStatus === BIND_STATUS.UNBIND_REFUSED && a.actor === 'auto'
              ? 'refused'
              : 'send';
    this.audit(a, 'reread', { sends: a.sends, attempts: a.attempts, bindStatus: q.bindStatus, decision, lastError: a.last_error });
  }

  private defer(a: ActionRecord, why: string): Outcome {
    updateAction(this.app.db, a.id, { state: 'queued', next_try_at: this.nowMs + REVIEW_POLL_MS, last_error: why }, this.iso());
    return 'deferred';
  }

  private toReview(a: ActionRecord, message?: string): Outcome {
    const now = this.iso();
    this.app.db.transaction(() => {
      updateAction(this.app.db, a.id, { state: 'review', next_try_at: this.nowMs + REVIEW_POLL_MS, market_message: message ?? null }, now);
      this.audit(a, 'review', { message: message ?? null }, 'auto');
    })();
    return 'review';
  }

  private refused(a: ActionRecord, reason: string | null): Outcome {
    const t = refusalText(reason);
    this.finish(a, 'refused', { message: t.reason || t.zh, sent: false });
    // Kept on the listing SKU too, so the risk model shows the reason before the next listing read.
    if (t.reason)
      this.app.db.prepare('UPDATE stock_listing_skus SET unbind_refuse_reason = ? WHERE id = ?').run(t.reason, a.listing_sku_id);
    const sku = this.sellerSku(a);
    this.app.notices.add(
      'error',
      {
        title: `解绑被拒绝：${sku}`,
        body: `速卖通拒绝了线上SKU ${sku} 的解绑，它仍在售卖，可能超卖。平台说明：${t.zh}。${REFUSED_NEXT.zh}`,
      },
      {
        title: `Unbind refused: ${sku}`,
        body: `AliExpress refused to unbind listing SKU ${sku}; it is still on sale and may oversell. The platform says: ${t.en}. ${REFUSED_NEXT.en}`,
      },
    );
    return 'refused';
  }

  private failure(a: ActionRecord, err: unknown): Outcome {
    const now = this.iso();
    const e = err instanceof AppError ? err : null;
    const message = e ? e.messageZh : String(err);
    if (!e) this.app.log.error('auto sender failed', { actionId: a.id, error: err instanceof Error ? err.stack : String(err) });
    if (e?.code === 'AUTH') {
      updateAction(this.app.db, a.id, { next_try_at: this.nowMs + AUTH_PAUSE_MS, last_error: message }, now);
      if (!this.app.notices.givenWithin(NOTICE_KEYS.authPaused, 3600_000))
        this.app.notices.add(
          'error',
          { title: '自动绑定/解绑暂停：需要重新授权', body: message },
          { title: 'Auto bind/unbind paused: authorise the store again', body: e.messageEn },
          NOTICE_KEYS.authPaused,
        );
      return 'auth';
    }
    if (e instanceof ConnectorError && e.remote.code === 'UNBIND_IN_REVIEW' && a.kind === 'bind')
      return this.defer(a, '解绑审核中，审核结束后再绑定');
    const attempts = a.attempts + 1;
    const retryable = !e || e.code === 'TRANSIENT' || e.code === 'RATE_LIMIT';
    if (retryable && attempts < MAX_ATTEMPTS) {
      const hinted = e instanceof ConnectorError ? (e.remote.retryAfterMs ?? 0) : 0;
      const wait = Math.max(hinted, Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (attempts - 1)));
      this.app.db.transaction(() => {
        updateAction(this.app.db, a.id, { attempts, next_try_at: this.nowMs + wait, last_error: message }, now);
        // Every retry is recorded: why, and whether the request may have reached the marketplace
        // (then the next attempt reads the status first and sends again only if it did not apply).
        this.audit(a, 'retrying', {
          attempt: attempts,
          error: message,
          timeout: e instanceof ConnectorError && /超时|timed? ?out/i.test(`${e.messageZh} ${e.messageEn}`),
          requestMayHaveLeft: a.state === 'sent',
          retryAt: new Date(this.nowMs + wait).toISOString(),
          next: a.state === 'sent' ? 'reread_status_then_decide' : 'send',
        });
      })();
      return 'deferred';
    }
    updateAction(this.app.db, a.id, { attempts }, now);
    this.finish({ ...a, attempts }, 'failed', { error: message, sent: false });
    const sku = this.sellerSku(a);
    this.app.notices.add(
      'error',
      {
        title: `${a.kind === 'bind' ? '绑定' : '解绑'}失败：${sku}`,
        body: `尝试 ${attempts} 次后仍未成功：${message} 可在“自动绑定/解绑看板”的操作记录里重试。`,
      },
      {
        title: `${a.kind === 'bind' ? 'Bind' : 'Unbind'} failed: ${sku}`,
        body: `Still failing after ${attempts} attempts: ${e ? e.messageEn : message} You can retry from the action log on the auto bind/unbind dashboard.`,
      },
    );
    return 'failed';
  }
}
