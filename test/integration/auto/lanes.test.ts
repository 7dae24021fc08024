import { afterEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../../src-main/core/platform/clock';
import type { App } from '../../../src-main/core/app';
import type { BindRef, Marketplace } from '../../../src-main/core/connectors/marketplace';
import { call } from '../../helpers/channels';
import { stockSync } from '../../../src-main/core/stock/sync';
import { decideRun } from '../../../src-main/core/auto/engine';
import { Sender } from '../../../src-main/core/auto/sender';
import { startStore, setUpStock, productOf, skuIdOf, type TestStore } from './store';

let store: TestStore | null = null;
afterEach(async () => {
  await store?.stop();
  store = null;
});

const MIN = 60_000;
const WAVE = 1000;
const BIND = 'aliexpress.ascp.item.bind';
const UNBIND = 'aliexpress.ascp.item.unBind';
const waveSku = (i: number) => `R${String(i).padStart(4, '0')}`;

/** A store with two bound SKUs in stock and a restock wave of 1,000 SKUs at 0 (unbound) about to come back. */
async function restockWave(): Promise<{ s: TestStore; app: App; clock: ManualClock; market: Marketplace }> {
  store = await startStore({
    skus: [['HOT', 5], ['HOT2', 5], ...Array.from({ length: WAVE }, (_, i): [string, number] => [waveSku(i), 0])],
    perMinute: 100_000,
  });
  const clock = store.clock as ManualClock;
  const { app, market } = await store.open();
  await setUpStock(app, market);
  // The wave's goods ids are known from before they sold out (an unbound SKU's listing no longer shows one).
  app.db.prepare("UPDATE stock_listing_skus SET sc_item_id = 'SC-' || seller_sku WHERE sc_item_id IS NULL OR sc_item_id = ''").run();
  await call(app, 'auto.settings.set', { massUnbindShare: 1 });
  await call(app, 'auto.setSwitch', { on: true });
  clock.advance(5 * MIN);
  for (let i = 0; i < WAVE; i++) store.tt.setStock(waveSku(i), 'W1', 20);
  clock.advance(MIN);
  const r = await call(app, 'auto.run', { sync: true, send: false });
  expect(r.run?.counts).toMatchObject({ bind: WAVE, unbind: 0 });
  return { s: store, app, clock, market };
}

/** The wire's bind and unbind requests, in order, as the simulator received them. */
const sends = (s: TestStore) =>
  s.ae.calls.filter((c) => c.method === BIND || c.method === UNBIND).map((c) => (c.method === BIND ? 'bind' : 'unbind'));

describe('lanes: an unbind for a SKU at zero goes before every bind', () => {
  it('a queue of 1,000 binds and one stock-out decided after them: the unbind is the first request sent', async () => {
    const { s, app, clock, market } = await restockWave();
    clock.advance(5 * MIN);
    s.tt.setStock('HOT', 'W1', 0);
    clock.advance(MIN);
    const r = await call(app, 'auto.run', { sync: true, send: false });
    expect(r.run?.counts).toMatchObject({ unbind: 1 });
    expect(app.db.prepare("SELECT count(*) FROM auto_actions WHERE state = 'queued'").pluck().get()).toBe(WAVE + 1);
    // The dashboard's "still queued" counts the unbinds ahead, not the 1,000 binds behind them.
    const status = await call(app, 'auto.status', {});
    expect([status.outbox.queued, status.unbindsAhead]).toEqual([WAVE + 1, 1]);
    // Stop after a few binds: the order is what matters, not the whole wave.
    const stop = new AbortController();
    const counting: Marketplace = {
      ...market,
      sellerChannel: () => market.sellerChannel(),
      listListingSkus: (o) => market.listListingSkus(o),
      queryBind: (x) => market.queryBind(x),
      unbind: (x) => market.unbind(x),
      bind: async (x: BindRef) => {
        const out = await market.bind(x);
        if (sends(s).filter((k) => k === 'bind').length >= 5) stop.abort();
        return out;
      },
    };
    await new Sender(app, counting).drain({ signal: stop.signal });
    expect(sends(s)).toEqual(['unbind', 'bind', 'bind', 'bind', 'bind', 'bind']);
    expect(s.ae.bindState(productOf('HOT'), skuIdOf('HOT'))).toBe(1);
    // The dashboard says so: the run's unbind went out ahead of the binds queued before it (the
    // five sent after it in the same virtual millisecond may tie, the rest are still queued).
    const first = (await call(app, 'auto.dashboard', {})).unbindsFirst;
    expect(first?.unbinds).toBe(1);
    expect(first?.bindsPassed).toBeGreaterThanOrEqual(WAVE - 5);
    // Exactly once: the unbind was marked sent before it left, and went out once.
    expect(app.db.prepare("SELECT state, sends FROM auto_actions WHERE kind = 'unbind'").get()).toEqual({ state: 'done', sends: 1 });
  });

  it('a stock-out decided while the wave drains is the very next request', async () => {
    const { s, app, clock, market } = await restockWave();
    const stop = new AbortController();
    let injected = false;
    const wrapped: Marketplace = {
      ...market,
      sellerChannel: () => market.sellerChannel(),
      listListingSkus: (o) => market.listListingSkus(o),
      queryBind: (x) => market.queryBind(x),
      unbind: (x) => market.unbind(x),
      bind: async (x: BindRef) => {
        const out = await market.bind(x);
        const binds = sends(s).filter((k) => k === 'bind').length;
        if (binds === 10 && !injected) {
          injected = true;
          // The ERP sells HOT2 out mid-wave; the next stock read decides while the sender is busy.
          clock.advance(MIN);
          s.tt.setStock('HOT2', 'W1', 0);
          clock.advance(MIN);
          const run = await stockSync(app).run({ trigger: 'manual' });
          expect(run.status).toBe('ok');
          expect(decideRun(app, 'stock').counts.unbind).toBe(1);
        }
        if (binds >= 15) stop.abort();
        return out;
      },
    };
    await new Sender(app, wrapped).drain({ signal: stop.signal });
    const order = sends(s);
    expect(order.indexOf('unbind')).toBe(10);
    expect(order.filter((k) => k === 'unbind')).toHaveLength(1);
    expect(s.ae.bindState(productOf('HOT2'), skuIdOf('HOT2'))).toBe(1);
  });

  it('within the bind lane the oldest decision goes first', async () => {
    const { s, app, market } = await restockWave();
    const stop = new AbortController();
    const seen: string[] = [];
    const wrapped: Marketplace = {
      ...market,
      sellerChannel: () => market.sellerChannel(),
      listListingSkus: (o) => market.listListingSkus(o),
      queryBind: (x) => market.queryBind(x),
      unbind: (x) => market.unbind(x),
      bind: async (x: BindRef) => {
        seen.push(x.skuId);
        if (seen.length >= 3) stop.abort();
        return market.bind(x);
      },
    };
    await new Sender(app, wrapped).drain({ signal: stop.signal });
    expect(seen).toEqual([skuIdOf(waveSku(0)), skuIdOf(waveSku(1)), skuIdOf(waveSku(2))]);
    expect(sends(s)).toEqual(['bind', 'bind', 'bind']);
  });
});
