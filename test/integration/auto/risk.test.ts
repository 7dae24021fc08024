import { afterEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../../src-main/core/platform/clock';
import type { App } from '../../../src-main/core/app';
import { call } from '../../helpers/channels';
import { autoTrayItems } from '../../../src-main/core/auto/tray';
import { riskModel } from '../../../src-main/core/auto/risk';
import { dailyRiskSummary, DAILY_SUMMARY_TITLE } from '../../../src-main/core/auto/notify';
import { STUCK_REVIEW_MS } from '../../../src-main/core/auto/sender';
import { DEFAULT_REFUSE_REASON } from '../../../src-main/core/connectors/aliexpress/simulator';
import { RISK_KINDS, actionStateText } from '../../../src-shared/types/auto';
import { startStore, setUpStock, listingId, productOf, skuIdOf, type TestStore } from './store';

let store: TestStore | null = null;
afterEach(async () => {
  await store?.stop();
  store = null;
});

const MIN = 60_000;

async function open(spec: Parameters<typeof startStore>[0]): Promise<{ s: TestStore; app: App; clock: ManualClock }> {
  store = await startStore(spec);
  const { app, market } = await store.open();
  await setUpStock(app, market);
  return { s: store, app, clock: store.clock as ManualClock };
}

/** Headline, cards, status, tray and the core's model must all say the same thing. */
async function agree(app: App): Promise<Record<string, number>> {
  const d = await call(app, 'auto.dashboard', {});
  const model = riskModel(app.db, app.clock.now());
  const cards = RISK_KINDS.reduce((n, k) => n + d.riskModel.counts[k], 0);
  expect(d.riskModel.counts).toEqual(model.counts);
  expect(d.riskModel.total).toBe(cards);
  expect(d.status.oversellRisk).toBe(cards);
  expect((await call(app, 'auto.status', {})).oversellRisk).toBe(cards);
  expect(d.risk).toHaveLength(Math.min(cards, 500));
  for (const k of RISK_KINDS) expect(d.risk.filter((r) => r.kind === k)).toHaveLength(d.riskModel.counts[k]);
  expect(autoTrayItems(app)[1]).toMatchObject({ label: `超卖风险：${d.riskModel.headline.zh}` });
  expect(await call(app, 'auto.risk', {})).toMatchObject({ counts: model.counts, total: cards, headline: d.riskModel.headline });
  return d.riskModel.counts;
}

describe('one risk model, the same everywhere', () => {
  it('switch off: bound SKUs at 0 are at risk and counted alike on headline, cards, status and tray; switch on unbinds them and the risk is gone', async () => {
    const { s, app, clock } = await open({
      skus: [
        ['Z1', 5],
        ['Z2', 5],
        ['Z3', 5],
        ['Z4', 5],
        ['Z5', 5],
      ],
    });
    expect(await agree(app)).toMatchObject({ zero: 0 });
    clock.advance(5 * MIN);
    s.tt.setStock('Z1', 'W1', 0);
    s.tt.setStock('Z2', 'W1', -2);
    clock.advance(MIN);
    const off = await call(app, 'auto.run', { sync: true, send: true });
    expect(off.send.skipped).toBe('switch_off');
    expect(await agree(app)).toEqual({ refused: 0, review: 0, zero: 2, unmapped: 0, stale: 0 });
    const d = await call(app, 'auto.dashboard', {});
    expect(d.riskModel.headline.zh).toBe('2 个线上SKU有超卖风险：库存为0仍绑定 2');
    expect(d.riskModel.switchOn).toBe(false);
    expect(d.risk.map((r) => [r.sellerSku, r.kind, r.sellable])).toEqual([
      ['Z1', 'zero', 0],
      ['Z2', 'zero', 0],
    ]);

    await call(app, 'auto.settings.set', { massUnbindShare: 1 });
    await call(app, 'auto.setSwitch', { on: true });
    const on = await call(app, 'auto.run', { sync: false, send: true });
    expect(on.send.done).toBe(2);
    expect(await agree(app)).toEqual({ refused: 0, review: 0, zero: 0, unmapped: 0, stale: 0 });
    expect((await call(app, 'auto.dashboard', {})).riskModel.headline.zh).toBe('没有超卖风险');
  });

  it('switch off: a SKU bound at 0 when its warehouse is linked after the read is at risk since that read, and since its stock-out after the next', async () => {
    store = await startStore({
      skus: [
        ['L1', 5],
        ['L2', 5],
      ],
    });
    const { app, market } = await store.open();
    const clock = store.clock as ManualClock;
    // The wizard's order: read stock (L1 is already at 0), then list, map and link: no pass has decided on L1 at 0.
    store.tt.setStock('L1', 'W1', 0);
    const readAt = new Date(clock.now()).toISOString();
    await setUpStock(app, market);
    clock.advance(90 * MIN);
    const d = await call(app, 'auto.dashboard', {});
    expect(d.riskModel.switchOn).toBe(false);
    expect(d.risk.map((r) => [r.sellerSku, r.kind, r.since, r.sinceFrom, r.minutes])).toEqual([['L1', 'zero', readAt, 'stockRead', 90]]);

    // The next read decides on it (switch still off) and records the stock-out: the same start, so the age goes on.
    clock.advance(MIN);
    await call(app, 'auto.run', { sync: true, send: true });
    const after = (await call(app, 'auto.dashboard', {})).risk.find((r) => r.sellerSku === 'L1')!;
    expect([after.since, after.sinceFrom, after.minutes]).toEqual([readAt, 'stockout', 91]);
  });

  it('unmapped but bound, stale stock and review each count in their own card', async () => {
    const { s, app, clock } = await open({
      skus: [
        ['U1', 5],
        ['U2', 5],
        ['U3', 5],
      ],
      reviewMode: 'review',
      reviewMs: 30 * MIN,
    });
    await call(app, 'auto.setSwitch', { on: true });
    // U1 loses its ERP SKU link; U2's figure is blank in the next read (unknown); U3 sells out and goes to review.
    app.db.prepare('DELETE FROM stock_sku_links WHERE listing_sku_id = ?').run(listingId(app, 'U1'));
    clock.advance(5 * MIN);
    s.tt.setStock('U2', 'W1', Number.NaN);
    s.tt.setStock('U3', 'W1', 0);
    clock.advance(MIN);
    const r = await call(app, 'auto.run', { sync: true, send: true });
    expect(r.send.review).toBe(1);
    expect(await agree(app)).toEqual({ refused: 0, review: 1, zero: 0, unmapped: 1, stale: 1 });
    const d = await call(app, 'auto.dashboard', {});
    const u3 = d.risk.find((x) => x.sellerSku === 'U3');
    expect(u3).toMatchObject({ kind: 'review', bindStatus: 3, action: { kind: 'unbind', state: 'review', zh: '审核中' } });
    expect(d.risk.map((x) => x.kind)).toEqual(['review', 'unmapped', 'stale']);
    // No fresh figure tells when the unmapped and the stale ones began: no start, and nothing made up.
    expect(d.risk.map((x) => [x.sellerSku, x.sinceFrom, x.since === null])).toEqual([
      ['U3', 'stockout', false],
      ['U1', null, true],
      ['U2', null, true],
    ]);
  });

  it('the tab lists what needs the seller first: refused, then bound at 0 with no unbind under way, then review, then bound at 0 with its unbind queued; cards keep their order', async () => {
    const { s, app, clock } = await open({
      skus: [
        ['R1', 5],
        ['V1', 5],
        ['Q1', 5],
        ['H1', 5],
        ['H2', 5],
        ['P1', 5],
        ['U1', 5],
        ['T1', 5],
      ],
      reviewMode: 'review',
      reviewMs: 10 * 3600_000,
    });
    await call(app, 'auto.setSwitch', { on: true });
    s.ae.setReviewMode('refuse', { itemId: productOf('R1'), skuId: skuIdOf('R1') });
    // R1's unbind is refused; V1's is still in AliExpress's review.
    clock.advance(5 * MIN);
    s.tt.setStock('R1', 'W1', 0);
    await call(app, 'auto.run', { sync: true, send: true });
    clock.advance(6 * 3600_000);
    s.tt.setStock('V1', 'W1', 0);
    await call(app, 'auto.run', { sync: true, send: true });
    clock.advance(5 * 3600_000);
    expect((await call(app, 'auto.run', { sync: false, send: true })).send.refused).toBe(1);
    // Q1 sells out first of the rest and its unbind waits in the queue (nothing sent); U1 loses its ERP SKU, T1's figure goes blank.
    clock.advance(MIN);
    s.tt.setStock('Q1', 'W1', 0);
    app.db.prepare('DELETE FROM stock_sku_links WHERE listing_sku_id = ?').run(listingId(app, 'U1'));
    s.tt.setStock('T1', 'W1', Number.NaN);
    await call(app, 'auto.run', { sync: true, send: false });
    // H1 and H2 sell out together: a mass unbind, held for the seller's confirmation.
    clock.advance(MIN);
    s.tt.setStock('H1', 'W1', 0);
    s.tt.setStock('H2', 'W1', 0);
    await call(app, 'auto.run', { sync: true, send: false });
    // P1 is pinned bound, then sells out: nothing will unbind it.
    clock.advance(MIN);
    await call(app, 'auto.pin.set', { listingSkuIds: [listingId(app, 'P1')], mode: 'always_bound' });
    s.tt.setStock('P1', 'W1', 0);
    await call(app, 'auto.run', { sync: true, send: false });
    clock.advance(30 * MIN);

    expect(await agree(app)).toEqual({ refused: 1, review: 1, zero: 4, unmapped: 1, stale: 1 });
    const d = await call(app, 'auto.dashboard', {});
    expect(d.risk.map((r) => [r.sellerSku, r.kind, r.action && `${r.action.kind} ${r.action.state}`])).toEqual([
      ['R1', 'refused', null],
      // Selling stock they do not have and nobody acting on it (H1 and H2 wait for the seller to confirm
      // their unbind, P1 is pinned), the longest at 0 first.
      ['H1', 'zero', 'unbind held'],
      ['H2', 'zero', 'unbind held'],
      ['P1', 'zero', null],
      ['V1', 'review', 'unbind review'],
      // At 0 longer than H1, H2 and P1, but its unbind is on its way.
      ['Q1', 'zero', 'unbind queued'],
      ['U1', 'unmapped', null],
      ['T1', 'stale', null],
    ]);
    expect(d.risk.find((r) => r.sellerSku === 'Q1')!.minutes).toBeGreaterThan(d.risk.find((r) => r.sellerSku === 'H1')!.minutes!);
    // The headline and the cards keep the kinds' own order.
    expect(d.riskModel.headline.zh).toBe(
      '8 个线上SKU有超卖风险：解绑被拒绝 1，解绑审核中 1，库存为0仍绑定 4，未关联库存但已绑定 1，库存未知或过期 1',
    );
  });

  it("action states in the seller's words: a submitted unbind is 已提交, never 完成", () => {
    expect(actionStateText('unbind', 'sent').zh).toBe('已提交');
    expect(actionStateText('unbind', 'review').zh).toBe('审核中');
    expect(actionStateText('unbind', 'done').zh).toBe('已解绑');
    expect(actionStateText('bind', 'done').zh).toBe('已绑定');
    expect(actionStateText('unbind', 'refused').zh).toBe('被拒绝');
    expect(actionStateText('unbind', 'failed').zh).toBe('失败');
    const all = (['bind', 'unbind'] as const).flatMap((k) =>
      (['held', 'queued', 'sent', 'review', 'done', 'refused', 'failed', 'cancelled'] as const).map((st) => actionStateText(k, st).zh),
    );
    expect(all).not.toContain('完成');
  });
});

describe('a refused unbind is handled', () => {
  it('its reason is in the log, the notice and the risk tab, with a drafted message to support; retry after the campaign waits until then', async () => {
    const { s, app, clock } = await open({
      skus: [
        ['R1', 5],
        ['R2', 5],
        ['R3', 5],
      ],
      reviewMode: 'refuse',
      reviewMs: 20 * MIN,
    });
    await call(app, 'auto.setSwitch', { on: true });
    clock.advance(5 * MIN);
    s.tt.setStock('R1', 'W1', 0);
    clock.advance(MIN);
    expect((await call(app, 'auto.run', { sync: true, send: true })).send.review).toBe(1);
    clock.advance(25 * MIN);
    expect((await call(app, 'auto.run', { sync: false, send: true })).send.refused).toBe(1);

    // The log: the action and its audit row carry the platform's reason, not the earlier "submitted" message.
    const refused = (await call(app, 'auto.actions.list', { state: 'refused', page: 1, pageSize: 10 })).rows[0]!;
    expect(refused.marketMessage).toBe(DEFAULT_REFUSE_REASON);
    const audit = await call(app, 'auto.audit.list', { autoOnly: true, kind: 'auto.action.refused', page: 1, pageSize: 10 });
    expect(audit.rows[0]).toMatchObject({ subject: 'R1', detail: { message: DEFAULT_REFUSE_REASON } });
    // The notice, in both languages, with what to do next.
    const notice = app.db.prepare("SELECT title, body, title_en, body_en FROM notices WHERE title LIKE '解绑被拒绝%'").get() as Record<
      string,
      string
    >;
    expect(notice.title).toBe('解绑被拒绝：R1');
    expect(notice.body).toContain(DEFAULT_REFUSE_REASON);
    expect(notice.body).toContain('给平台客服的留言');
    expect(notice.body).toContain('活动结束后再重试');
    expect(notice.body_en).toContain('campaign');
    // The risk tab: the reason, in Chinese, and the drafted message naming the SKU, its ids and the refusal.
    expect(await agree(app)).toMatchObject({ refused: 1, zero: 0 });
    const row = (await call(app, 'auto.dashboard', {})).risk.find((x) => x.sellerSku === 'R1')!;
    expect(row).toMatchObject({ kind: 'refused', bindStatus: 4 });
    expect(row.refusal).toMatchObject({ reason: DEFAULT_REFUSE_REASON, zh: DEFAULT_REFUSE_REASON, actionId: refused.id });
    expect(row.refusal?.en).toMatch(/campaign/);
    const goodsId = app.db.prepare("SELECT sc_item_id FROM stock_listing_skus WHERE seller_sku = 'R1'").pluck().get() as string;
    for (const part of ['R1', productOf('R1'), skuIdOf('R1'), goodsId, DEFAULT_REFUSE_REASON])
      expect(row.refusal?.draft.zh).toContain(part);
    expect(row.refusal?.draft.en).toContain(skuIdOf('R1'));

    // Retry after the campaign: nothing goes out before the chosen time, then the unbind is sent again.
    s.ae.setReviewMode('instant');
    const unbinds = () => s.ae.calls.filter((c) => c.method === 'aliexpress.ascp.item.unBind').length;
    const before = unbinds();
    const at = new Date(clock.now() + 3 * 3600_000).toISOString();
    const queued = await call(app, 'auto.action.retryAt', { actionId: refused.id, at });
    expect(queued).toMatchObject({ state: 'queued', nextTryAt: at });
    expect((await call(app, 'auto.dashboard', {})).risk.find((x) => x.sellerSku === 'R1')?.action).toMatchObject({
      state: 'queued',
      zh: '排队中',
    });
    clock.advance(MIN);
    await call(app, 'auto.run', { sync: false, send: true });
    expect(unbinds()).toBe(before);
    clock.advance(3 * 3600_000);
    const sent = await call(app, 'auto.run', { sync: false, send: true });
    expect(sent.send.done).toBe(1);
    expect(unbinds()).toBe(before + 1);
    expect(s.ae.bindState(productOf('R1'), skuIdOf('R1'))).toBe(1);
    expect(await agree(app)).toMatchObject({ refused: 0 });
  });

  it('a stuck review is told once, and the daily summary names the refusals', async () => {
    const { s, app, clock } = await open({
      skus: [
        ['S1', 5],
        ['S2', 5],
        ['S3', 5],
      ],
      reviewMode: 'review',
      reviewMs: 10 * 3600_000,
    });
    await call(app, 'auto.setSwitch', { on: true });
    clock.advance(5 * MIN);
    s.tt.setStock('S1', 'W1', 0);
    clock.advance(MIN);
    expect((await call(app, 'auto.run', { sync: true, send: true })).send.review).toBe(1);
    const stuck = () => app.db.prepare("SELECT count(*) FROM notices WHERE title = '解绑审核超时：S1'").pluck().get();
    clock.advance(30 * MIN);
    await call(app, 'auto.run', { sync: false, send: true });
    expect(stuck()).toBe(0);
    clock.advance(STUCK_REVIEW_MS);
    await call(app, 'auto.run', { sync: false, send: true });
    expect(stuck()).toBe(1);
    clock.advance(10 * MIN);
    await call(app, 'auto.run', { sync: false, send: true });
    expect(stuck()).toBe(1);

    // The daily summary: given once a day while anything is at risk, with the model's headline.
    const summaries = () => app.db.prepare('SELECT body FROM notices WHERE title = ?').pluck().all(DAILY_SUMMARY_TITLE) as string[];
    expect(summaries()).toHaveLength(1); // auto run gave it
    expect(summaries()[0]).toContain('1 个线上SKU有超卖风险：解绑审核中 1');
    expect(dailyRiskSummary(app)).toBe(false);
    clock.advance(25 * 3600_000);
    s.ae.setReviewMode('refuse', { itemId: productOf('S1'), skuId: skuIdOf('S1') });
    expect(dailyRiskSummary(app)).toBe(true);
    expect(summaries()).toHaveLength(2);
    // An unbind the platform refuses: the next day's summary names it with the platform's reason.
    s.ae.setReviewMode('refuse', { itemId: productOf('S2'), skuId: skuIdOf('S2') });
    s.tt.setStock('S2', 'W1', 0);
    clock.advance(MIN);
    await call(app, 'auto.run', { sync: true, send: true });
    clock.advance(11 * 3600_000);
    await call(app, 'auto.run', { sync: false, send: true });
    expect(await agree(app)).toMatchObject({ refused: 1 });
    clock.advance(25 * 3600_000);
    expect(dailyRiskSummary(app)).toBe(true);
    expect(summaries()).toHaveLength(3);
    expect(summaries()[2]).toContain('S2 解绑被拒绝');
    expect(summaries()[2]).toContain(DEFAULT_REFUSE_REASON);
  });
});
