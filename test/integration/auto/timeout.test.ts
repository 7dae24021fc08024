/**
 * A marketplace that answers an unBind after the client has given up: the request did reach it and
 * took effect. The sender must not send it again blind: one unBind per action on the wire, the
 * status re-read before anything more, and the audit log records the timeout, the retry decision
 * and what the re-read found.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { IopClient, memoryTokenStore } from '../../../src-main/core/connectors/aliexpress/client';
import { AliExpressMarketplace } from '../../../src-main/core/connectors/aliexpress/marketplace';
import { waiterFor } from '../../../src-main/core/connectors/wait';
import { Sender } from '../../../src-main/core/auto/sender';
import { startStore, oneUnbindQueued, productOf, skuIdOf, AE, type TestStore } from './store';

let store: TestStore | null = null;
afterEach(async () => {
  await store?.stop();
  store = null;
});

const MIN = 60_000;
const UNBIND = 'aliexpress.ascp.item.unBind';

describe('a bind/unBind answered after the client timed out', () => {
  it('is sent once, its status is re-read before anything more, and the timeout and the retry decision are in the audit log', async () => {
    store = await startStore({
      skus: [
        ['T1', 5],
        ['T2', 5],
      ],
    });
    const s = store;
    const { app, clock } = await oneUnbindQueued(s, 'T1');

    // The same store through a client that gives up after 300 ms; the marketplace answers after 1 s.
    const client = new IopClient({
      gatewayUrl: s.ae.url,
      ...AE,
      tokens: memoryTokenStore(s.tokens()),
      clock,
      waiter: waiterFor(clock),
      random: () => 0.5,
      timeoutMs: 300,
      retry: { attempts: 3, baseMs: 10, maxMs: 20 },
    });
    const slow = new AliExpressMarketplace(client);
    s.ae.inject({ kind: 'latency', ms: 1000 }, { times: 1, call: UNBIND });
    const first = await new Sender(app, slow).drain();
    expect(first).toMatchObject({ sent: 1, deferred: 1, done: 0 });
    const unbinds = () => s.ae.calls.filter((c) => c.method === UNBIND).length;
    expect(unbinds()).toBe(1);
    // The late answer lands: the marketplace did unbind.
    await new Promise((ok) => setTimeout(ok, 1200));
    expect(s.ae.bindState(productOf('T1'), skuIdOf('T1'))).toBe(1);

    const action = app.db.prepare("SELECT id, state, sends, attempts FROM auto_actions WHERE kind = 'unbind'").get() as {
      id: number;
      state: string;
      sends: number;
      attempts: number;
    };
    expect(action).toMatchObject({ state: 'sent', sends: 1, attempts: 1 });
    const retrying = app.db.prepare("SELECT detail FROM audit_log WHERE kind = 'auto.action.retrying'").pluck().all() as string[];
    expect(retrying).toHaveLength(1);
    expect(JSON.parse(retrying[0]!)).toMatchObject({
      actionId: action.id,
      kind: 'unbind',
      attempt: 1,
      timeout: true,
      requestMayHaveLeft: true,
      next: 'reread_status_then_decide',
    });

    // Later passes: the status is read first, found applied, and nothing more is sent.
    const callsBefore = s.ae.calls.length;
    for (let i = 0; i < 3; i++) {
      clock.advance(31 * MIN);
      await new Sender(app, slow).drain();
    }
    expect(unbinds()).toBe(1);
    const after = s.ae.calls.slice(callsBefore).map((c) => c.method);
    expect(after.length).toBeGreaterThan(0);
    expect(after).not.toContain(UNBIND);
    expect(app.db.prepare('SELECT state, sends FROM auto_actions WHERE id = ?').get(action.id)).toEqual({ state: 'done', sends: 1 });
    const reread = app.db.prepare("SELECT detail FROM audit_log WHERE kind = 'auto.action.reread'").pluck().all() as string[];
    expect(reread).toHaveLength(1);
    expect(JSON.parse(reread[0]!)).toMatchObject({ actionId: action.id, bindStatus: 1, decision: 'done', sends: 1 });
    const done = JSON.parse(app.db.prepare("SELECT detail FROM audit_log WHERE kind = 'auto.action.done'").pluck().get() as string) as {
      sentNow: boolean;
      sends: number;
    };
    expect(done).toMatchObject({ sentNow: false, sends: 1 });
  });
});
