import { afterEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../../src-main/core/platform/clock';
import { call } from '../../helpers/channels';
import { reviewMinutes, salesRates } from '../../../src-main/core/auto/predict';
import { startStore, setUpStock, listingId, productOf, skuIdOf, type TestStore } from './store';

let store: TestStore | null = null;
afterEach(async () => {
  await store?.stop();
  store = null;
});

const MIN = 60_000;

describe('unbind before zero', () => {
  it('learns the sales rate and the review time from history, explains itself in the dry run, and unbinds early only once turned on', async () => {
    store = await startStore({
      skus: [
        ['P1', 20],
        ['P2', 3],
        ['P3', 50],
      ],
      reviewMode: 'review',
      reviewMs: 30 * MIN,
    });
    const s = store;
    const clock = s.clock as ManualClock;
    const { app, market } = await s.open();
    await setUpStock(app, market);
    await call(app, 'auto.setSwitch', { on: true });

    // The store's review time: P2 sells out, its unbind waits 30 minutes in review.
    clock.advance(5 * MIN);
    s.tt.setStock('P2', 'W1', 0);
    clock.advance(MIN);
    expect((await call(app, 'auto.run', { sync: true, send: true })).send.review).toBe(1);
    for (let i = 0; i < 16; i++) {
      clock.advance(2 * MIN);
      await call(app, 'auto.run', { sync: false, send: true });
    }
    expect(s.ae.bindState(productOf('P2'), skuIdOf('P2'))).toBe(1);
    const review = reviewMinutes(app.db)!;
    expect(review.typical).toBeGreaterThanOrEqual(30);
    expect(review.typical).toBeLessThanOrEqual(34);
    // One review seen: the slow one is the same.
    expect(review.slow).toBe(review.typical);

    // P1 sells 4 units every half hour: 20 → 16 → 12 → 8, read by the syncs.
    for (const left of [16, 12, 8]) {
      clock.advance(30 * MIN);
      s.tt.setStock('P1', 'W1', left);
      await call(app, 'auto.run', { sync: true, send: true });
    }
    const rate = salesRates(app.db, clock.now()).get(listingId(app, 'P1'))!;
    // 12 sold since the first figure was recorded (the setup's read, 2 h 8 min before): about 5.6 an hour.
    expect(rate * 60).toBeGreaterThan(5);
    expect(rate * 60).toBeLessThan(6.5);

    // Off (the default): at 2 left (sold out in about 20 min, the review takes 30) nothing is sent,
    // and the dry run shows what early unbind would do.
    clock.advance(30 * MIN);
    s.tt.setStock('P1', 'W1', 2);
    const off = await call(app, 'auto.run', { sync: true, send: true });
    expect(off.run?.counts.unbind).toBe(0);
    expect(s.ae.bindState(productOf('P1'), skuIdOf('P1'))).toBe(2);
    const dryOff = await call(app, 'auto.dryRun', { only: 'all', search: 'P1', page: 1, pageSize: 10 });
    expect(dryOff.rows[0]).toMatchObject({ want: 'none', reason: 'already_bound', prediction: { active: false } });
    expect(dryOff.rows[0]!.prediction?.zh).toMatch(/^预计 \d+ 分钟内售罄（约每小时 [\d.]+ 件），解绑审核通常 3\d 分钟、慢时 3\d 分钟/);
    // P3 (no sales) has no prediction at all.
    expect((await call(app, 'auto.dryRun', { only: 'all', search: 'P3', page: 1, pageSize: 10 })).rows[0]!.prediction).toBeNull();

    // On: the same figures unbind P1 now, the decision says why, and the sender keeps it (it decides the same way).
    await call(app, 'auto.settings.set', { predictive: true, predictiveFloor: 1 });
    const dryOn = await call(app, 'auto.dryRun', { only: 'changes', page: 1, pageSize: 10 });
    expect(dryOn.rows.map((r) => [r.sellerSku, r.want, r.reason, r.sellable])).toEqual([['P1', 'unbind', 'predicted_sellout', 2]]);
    expect(dryOn.rows[0]!.prediction?.active).toBe(true);
    const on = await call(app, 'auto.run', { sync: false, send: true });
    expect(on.run?.counts.unbind).toBe(1);
    expect(on.send.sent).toBe(1);
    expect(s.ae.bindState(productOf('P1'), skuIdOf('P1'))).toBe(3);
    const audit = await call(app, 'auto.audit.list', { autoOnly: true, kind: 'auto.decision', subject: 'P1', page: 1, pageSize: 5 });
    expect(audit.rows[0]!.detail).toMatchObject({ want: 'unbind', reason: 'predicted_sellout', sellable: 2 });
    expect(String((audit.rows[0]!.detail.prediction as { zh: string }).zh)).toContain('解绑审核通常');

    // It does not flap: 1 left (still within the prediction) binds nothing back; P3 with plenty stays bound.
    clock.advance(40 * MIN);
    s.tt.setStock('P1', 'W1', 1);
    const later = await call(app, 'auto.run', { sync: true, send: true });
    expect(later.run?.counts.bind).toBe(0);
    expect(s.ae.bindState(productOf('P1'), skuIdOf('P1'))).toBe(1);
    expect(s.ae.bindState(productOf('P3'), skuIdOf('P3'))).toBe(2);
  });

  it('learns the sales rate from the change feed too: a sale and a restock inside one read window are not lost', async () => {
    store = await startStore({ skus: [['Q1', 20]] });
    const s = store;
    const clock = s.clock as ManualClock;
    const { app, market } = await s.open();
    await setUpStock(app, market);
    await call(app, 'auto.setSwitch', { on: true });
    await call(app, 'auto.run', { sync: false, send: false }); // the first recorded figure
    const start = clock.now();
    // Each half hour 4 sell and 4 come back before the next read: the net figure never moves.
    for (let i = 0; i < 3; i++) {
      clock.advance(30 * MIN);
      s.tt.setStock('Q1', 'W1', 16);
      clock.advance(MIN);
      s.tt.setStock('Q1', 'W1', 20);
      const r = await call(app, 'auto.run', { sync: true, send: false });
      expect(r.stockRun).toMatchObject({ status: 'ok', strategy: 'incremental' });
    }
    expect(app.db.prepare("SELECT sum(sold) FROM stock_sales WHERE sku = 'Q1'").pluck().get()).toBe(12);
    const rate = salesRates(app.db, clock.now()).get(listingId(app, 'Q1'));
    // 12 sold over the 93 minutes since the first figure: about 7.7 an hour.
    expect(rate).toBeDefined();
    expect(rate! * 60).toBeCloseTo(12 / ((clock.now() - start) / 3600_000), 5);
  });
});
