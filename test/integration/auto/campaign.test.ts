import { afterEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../../src-main/core/platform/clock';
import { seededRng } from '../../../src-main/core/connectors/demo/prng';
import { call } from '../../helpers/channels';
import { startStore, setUpStock, productOf, skuIdOf, type TestStore } from './store';

let store: TestStore | null = null;
afterEach(async () => {
  await store?.stop();
  store = null;
});

const MIN = 60_000;

describe('a campaign: simulated orders drain stock over simulated hours, stock comes back', () => {
  it('every stock-out is unbound, every return bound again, and no order is accepted at sellable 0 that the sync could see', async () => {
    const SYNC_EVERY = 5; // minutes (the seller's interval)
    const REVIEW_MIN = 3; // the marketplace's review time
    // An order can only be protected against if the sync sees the stock-out first: a listing sells at
    // most once per COOLDOWN minutes, longer than one sync interval plus the review.
    const COOLDOWN = 15;
    const REACT = SYNC_EVERY + REVIEW_MIN + 2;
    const HOURS = 12;
    const skus: [string, number][] = Array.from({ length: 20 }, (_, i) => [`CAMP-${String(i).padStart(2, '0')}`, 2 + (i % 5)]);
    store = await startStore({ skus, reviewMode: 'review', reviewMs: REVIEW_MIN * MIN, perMinute: 5 });
    const clock = store.clock as ManualClock;
    const { app, market } = await store.open();
    await setUpStock(app, market);
    await call(app, 'auto.settings.set', { massUnbindShare: 1 });
    await call(app, 'auto.setSwitch', { on: true });
    const tt = store.tt;
    const ae = store.ae;
    const random = seededRng(7);

    const lastOrder = new Map<string, number>();
    let accepted = 0;
    let refusedByUnbind = 0;
    let acceptedAtZero = 0;
    const outSince = new Map<string, number>(); // stock-out start, minute
    const backSince = new Map<string, number>(); // restock minute, while waiting to be bound
    let stockOuts = 0;
    let cutShort = 0;
    let unboundInTime = 0;
    let returns = 0;
    let boundInTime = 0;
    const start = clock.now();
    const minute = () => Math.round((clock.now() - start) / MIN);

    for (let m = 1; m <= HOURS * 60; m++) {
      clock.set(start + m * MIN);
      // Orders: each listing SKU gets an order with some chance, at most once per cooldown.
      for (const [sku] of skus) {
        if (random() > 0.08) continue;
        if (m - (lastOrder.get(sku) ?? -COOLDOWN) < COOLDOWN) continue;
        const state = ae.bindState(productOf(sku), skuIdOf(sku));
        if (state === 1) {
          refusedByUnbind++; // unbound: the marketplace does not sell it
          continue;
        }
        lastOrder.set(sku, m);
        accepted++;
        const cur = tt.getStock(sku, 'W1')!.available;
        if (cur <= 0) acceptedAtZero++;
        else {
          tt.setStock(sku, 'W1', cur - 1);
          if (cur - 1 === 0) {
            outSince.set(sku, m);
            stockOuts++;
          }
        }
      }
      // Restocks every three hours for what sold out.
      if (m % 180 === 0) {
        for (const [sku] of skus) {
          if (tt.getStock(sku, 'W1')!.available === 0) {
            tt.setStock(sku, 'W1', 3);
            if (outSince.delete(sku)) cutShort++; // came back before the unbind was due
            backSince.set(sku, m);
            returns++;
          }
        }
      }
      if (m % SYNC_EVERY === 0) {
        const r = await call(app, 'auto.run', { sync: true, send: true });
        expect(r.stockRun?.status).toBe('ok');
        expect(r.run?.status).toBe('done');
      }
      // Every stock-out must be unbound, every return bound, within one interval plus the review.
      for (const [sku, since] of outSince) {
        if (ae.bindState(productOf(sku), skuIdOf(sku)) === 1) {
          outSince.delete(sku);
          unboundInTime++;
        } else expect(minute() - since, `${sku} still bound ${minute() - since} min after selling out`).toBeLessThanOrEqual(REACT);
      }
      for (const [sku, since] of backSince) {
        if (ae.bindState(productOf(sku), skuIdOf(sku)) === 2) {
          backSince.delete(sku);
          boundInTime++;
        } else expect(minute() - since, `${sku} still unbound ${minute() - since} min after coming back`).toBeLessThanOrEqual(REACT);
      }
    }

    expect(accepted).toBeGreaterThan(100);
    expect(stockOuts).toBeGreaterThan(10);
    expect(returns).toBeGreaterThan(5);
    expect(refusedByUnbind).toBeGreaterThan(0);
    expect(acceptedAtZero).toBe(0);
    expect(unboundInTime + cutShort + outSince.size).toBe(stockOuts);
    expect(unboundInTime).toBeGreaterThan(10);
    expect(boundInTime + backSince.size).toBe(returns);
    // The stored state matches the marketplace, and the dashboard's reaction times are within reach.
    const stored = app.db.prepare('SELECT product_id, sku_id, bind_status FROM stock_listing_skus').all() as {
      product_id: string;
      sku_id: string;
      bind_status: number;
    }[];
    for (const r of stored) expect(r.bind_status, r.product_id).toBe(ae.bindState(r.product_id, r.sku_id));
    const dash = await call(app, 'auto.dashboard', {});
    expect(dash.reaction.length).toBeGreaterThan(5);
    expect(dash.reactionP90Min).toBeLessThanOrEqual(REACT);
    expect(dash.risk).toEqual([]);
  }, 60_000);
});
