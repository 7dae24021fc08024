/**
 * auto.status keeps the risk model's total and the counts by bind state until a write (a read of
 * them costs 0.5–0.9 s at 100k listing SKUs). Each input of the two is changed here after a status
 * was asked for, and the next status must show the change: never a figure from before a write.
 */
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../../src-main/core/platform/clock';
import type { App } from '../../../src-main/core/app';
import { call } from '../../helpers/channels';
import { riskModel } from '../../../src-main/core/auto/risk';
import { autoTrayItems } from '../../../src-main/core/auto/tray';
import { autoStatus } from '../../../src-main/core/auto/dashboard';
import { stockSync } from '../../../src-main/core/stock/sync';
import { storeListingSkus } from '../../../src-main/core/stock/listings';
import { BIND_STATUS } from '../../../src-shared/bindStatus';
import { startStore, setUpStock, listingId, type TestStore } from './store';

let store: TestStore | null = null;
afterEach(async () => {
  await store?.stop();
  store = null;
});

const MIN = 60_000;

/** The status as the header asks for it, checked against a fresh read of the same figures. */
async function status(app: App) {
  const st = await call(app, 'auto.status', {});
  const fresh = riskModel(app.db, app.clock.now(), { rows: false });
  expect(st.oversellRisk).toBe(fresh.total);
  expect(autoTrayItems(app)[1]).toMatchObject({ label: `超卖风险：${fresh.headline.zh}` });
  const by = new Map(
    app.db.prepare('SELECT bind_status, count(*) FROM stock_listing_skus GROUP BY bind_status').raw().all() as [number, number][],
  );
  expect(st.counts).toMatchObject({ bound: by.get(BIND_STATUS.BOUND) ?? 0, unbound: by.get(BIND_STATUS.UNBOUND) ?? 0 });
  return st;
}

describe('auto.status: the kept risk total and counts move with every write', () => {
  it('a stock run, a decide pass, a send, a pin, a bind state taken in, another connection and a rollback', async () => {
    store = await startStore({
      skus: [
        ['K1', 5],
        ['K2', 5],
        ['K3', 5],
      ],
    });
    const s = store;
    const clock = s.clock as ManualClock;
    const { app, market } = await s.open();
    await setUpStock(app, market);
    await call(app, 'auto.settings.set', { massUnbindShare: 1 });
    expect(await status(app)).toMatchObject({ oversellRisk: 0, counts: { bound: 3, unbound: 0, pinned: 0 } });
    expect(await status(app)).toMatchObject({ oversellRisk: 0 });

    // A stock run alone: K1 sells out while bound.
    clock.advance(5 * MIN);
    s.tt.setStock('K1', 'W1', 0);
    clock.advance(MIN);
    expect((await stockSync(app).run({ trigger: 'manual' })).status).toBe('ok');
    expect(await status(app)).toMatchObject({ oversellRisk: 1, counts: { bound: 3 } });

    // Switching on runs a decide pass: the unbind is queued (still bound, still at risk); the send unbinds it.
    expect(await status(app)).toMatchObject({ oversellRisk: 1, unbindsAhead: 0 });
    await call(app, 'auto.setSwitch', { on: true });
    expect(await status(app)).toMatchObject({ oversellRisk: 1, unbindsAhead: 1 });
    await call(app, 'auto.run', { sync: false, send: true });
    expect(await status(app)).toMatchObject({ oversellRisk: 0, unbindsAhead: 0, counts: { bound: 2, unbound: 1 } });

    // A pin.
    await call(app, 'auto.pin.set', { listingSkuIds: [listingId(app, 'K2')], mode: 'always_bound' });
    expect(await status(app)).toMatchObject({ counts: { pinned: 1 } });

    // A bind state taken in from the marketplace: K1 is bound again there, at 0.
    const listed = (await market.listListingSkus()).map((x) => (x.sellerSku === 'K1' ? { ...x, bindStatus: BIND_STATUS.BOUND } : x));
    storeListingSkus(app.db, listed, new Date(clock.now()).toISOString());
    expect(await status(app)).toMatchObject({ oversellRisk: 1, counts: { bound: 3, unbound: 0 } });

    // The dashboard's model, kept for the next status, is the same.
    expect((await call(app, 'auto.dashboard', {})).riskModel.total).toBe(1);
    expect(await status(app)).toMatchObject({ oversellRisk: 1 });

    // A commit by another connection (another process on the same file).
    const other = new Database(app.dbFile);
    try {
      other.prepare('UPDATE stock_listing_skus SET bind_status = ? WHERE id = ?').run(BIND_STATUS.UNBOUND, listingId(app, 'K1'));
    } finally {
      other.close();
    }
    expect(await status(app)).toMatchObject({ oversellRisk: 0, counts: { bound: 2, unbound: 1 } });
    expect((await call(app, 'auto.dashboard', {})).riskModel.total).toBe(0);

    // A status asked for inside a transaction that is then rolled back is not kept.
    const rollback = new Error('rolled back');
    expect(() =>
      app.db.transaction(() => {
        app.db.prepare('UPDATE stock_listing_skus SET bind_status = ? WHERE id = ?').run(BIND_STATUS.BOUND, listingId(app, 'K1'));
        expect(autoStatus(app)).toMatchObject({ oversellRisk: 1, counts: { bound: 3, unbound: 0 } });
        expect(autoTrayItems(app)[1]!.label).toContain('1');
        throw rollback;
      })(),
    ).toThrow(rollback);
    expect(await status(app)).toMatchObject({ oversellRisk: 0, counts: { bound: 2, unbound: 1 } });
  });
});
