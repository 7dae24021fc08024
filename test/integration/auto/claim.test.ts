import { afterEach, describe, expect, it } from 'vitest';
import type { BindRef, Marketplace } from '../../../src-main/core/connectors/marketplace';
import { stockSync } from '../../../src-main/core/stock/sync';
import { decideRun } from '../../../src-main/core/auto/engine';
import { Sender } from '../../../src-main/core/auto/sender';
import { startStore, oneUnbindQueued, productOf, skuIdOf, type TestStore } from './store';

let store: TestStore | null = null;
afterEach(async () => {
  await store?.stop();
  store = null;
});

const MIN = 60_000;
const UNBIND = 'aliexpress.ascp.item.unBind';

describe('the sender claims an action with a conditional update', () => {
  it('an unbind cancelled by a decide pass while its status is read is not sent', async () => {
    store = await startStore({
      skus: [
        ['C1', 5],
        ['C2', 5],
      ],
    });
    const s = store;
    const { app, market, clock } = await oneUnbindQueued(s, 'C1');
    const id = app.db.prepare("SELECT id FROM auto_actions WHERE kind = 'unbind' AND state = 'queued'").pluck().get() as number;

    // The stock comes back while the sender awaits the status read: a decide pass cancels the unbind.
    let cancelledMeanwhile = false;
    const racing: Marketplace = {
      ...market,
      sellerChannel: () => market.sellerChannel(),
      listListingSkus: (o) => market.listListingSkus(o),
      bind: (x) => market.bind(x),
      unbind: (x) => market.unbind(x),
      queryBind: async (x: BindRef) => {
        const out = await market.queryBind(x);
        if (!cancelledMeanwhile) {
          cancelledMeanwhile = true;
          clock.advance(MIN);
          s.tt.setStock('C1', 'W1', 7);
          clock.advance(MIN);
          expect((await stockSync(app).run({ trigger: 'manual' })).status).toBe('ok');
          decideRun(app, 'stock');
          expect(app.db.prepare('SELECT state FROM auto_actions WHERE id = ?').pluck().get(id)).toBe('cancelled');
        }
        return out;
      },
    };
    const report = await new Sender(app, racing).drain();
    expect(cancelledMeanwhile).toBe(true);
    expect(s.ae.calls.filter((c) => c.method === UNBIND)).toHaveLength(0);
    expect(report.sent).toBe(0);
    expect(app.db.prepare('SELECT state, sends FROM auto_actions WHERE id = ?').get(id)).toEqual({ state: 'cancelled', sends: 0 });
    expect(s.ae.bindState(productOf('C1'), skuIdOf('C1'))).toBe(2);
  });
});
