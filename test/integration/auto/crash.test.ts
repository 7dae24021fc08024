import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src-main/core/platform/clock';
import { stockSync } from '../../../src-main/core/stock/sync';
import { writeAutoSettings } from '../../../src-main/core/auto/settings';
import { startStore, setUpStock, type TestStore } from './store';
import { tempDir } from '../../helpers/tempApp';

const root = join(__dirname, '../../..');
let store: TestStore | null = null;
afterEach(async () => {
  await store?.stop();
  store = null;
});

function child(env: Record<string, string>) {
  // node itself with tsx's loader: the tsx CLI runs the script in a grandchild that a SIGKILL of
  // the CLI would leave running (still holding the data folder, still sending).
  const p = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'crashChild.ts')], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  p.stdout.on('data', (b: Buffer) => (out += b.toString()));
  p.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>((resolve) =>
    p.on('exit', (code, signal) => resolve({ code, signal, out, err })),
  );
  return { p, exited };
}

describe('a process killed between writing actions and sending them', () => {
  it('after a restart every action is sent exactly once and the stored state matches the marketplace', async () => {
    // Real time: the child process has its own clock, so the simulators use the system clock too.
    const skus: [string, number][] = Array.from({ length: 8 }, (_, i) => [`K${i}`, 6]);
    store = await startStore({ skus, clock: systemClock, perMinute: 100 });
    const dataDir = tempDir('desk-auto-crash-');
    const { app, market } = await store.open(dataDir);
    await setUpStock(app, market);
    const now = new Date().toISOString();
    writeAutoSettings(app.db, { enabled: true, massUnbindShare: 1, massUnbindCount: 1000 }, now);
    // Five SKUs sell out; the parent only reads stock (no engine here), the child decides and sends.
    for (const sku of ['K0', 'K1', 'K2', 'K3', 'K4']) store.tt.setStock(sku, 'W1', 0);
    const run = await stockSync(app).run({ trigger: 'manual', strategy: 'full' });
    expect(run.status).toBe('ok');
    await app.close();

    const env = { AUTO_DATA: dataDir, AUTO_AE: store.ae.url, AUTO_TT: store.tt.url, AUTO_TOKENS: JSON.stringify(store.tokens()) };
    // The first unbind reaches the marketplace (and takes effect) but its answer is held back; the
    // child is killed while waiting for it, with the other four actions written and not yet sent.
    store.ae.inject({ kind: 'latency', ms: 3000 }, { call: 'aliexpress.ascp.item.unBind' });
    const first = child(env);
    const unbinds = () => store!.ae.calls.filter((c) => c.method === 'aliexpress.ascp.item.unBind').length;
    const deadline = Date.now() + 20_000;
    while (unbinds() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(unbinds()).toBe(1);
    first.p.kill('SIGKILL');
    const killed = await first.exited;
    expect(killed.signal).toBe('SIGKILL');

    // What the killed process left behind: one action marked sent (its answer never came), four queued.
    const { createApp } = await import('../../../src-main/core/app');
    const peek = createApp({ dataDir, host: 'cli' });
    const states = peek.db.prepare('SELECT state, count(*) AS n FROM auto_actions GROUP BY state ORDER BY state').all();
    await peek.close();
    expect(states).toEqual([
      { state: 'queued', n: 4 },
      { state: 'sent', n: 1 },
    ]);

    // Restart: a new process resumes.
    const second = await child(env).exited;
    expect(second.code, second.err).toBe(0);
    const report = JSON.parse(second.out.trim().split('\n').at(-1) as string) as {
      send: { done: number; sent: number };
      run: { counts: { unbind: number } };
    };
    expect(report.run.counts.unbind).toBe(0); // nothing decided twice
    expect(report.send).toMatchObject({ done: 5, sent: 4 });
    expect(unbinds()).toBe(5);

    const after = createApp({ dataDir, host: 'cli' });
    try {
      const stored = after.db.prepare('SELECT product_id, sku_id, bind_status FROM stock_listing_skus ORDER BY id').all() as {
        product_id: string;
        sku_id: string;
        bind_status: number;
      }[];
      expect(stored).toHaveLength(8);
      for (const r of stored) expect(r.bind_status, r.product_id).toBe(store.ae.bindState(r.product_id, r.sku_id));
      expect(stored.filter((r) => r.bind_status === 1)).toHaveLength(5);
      const actions = after.db.prepare('SELECT listing_sku_id, state FROM auto_actions').all() as {
        listing_sku_id: number;
        state: string;
      }[];
      expect(actions).toHaveLength(5);
      expect(new Set(actions.map((a) => a.listing_sku_id)).size).toBe(5);
      expect(actions.every((a) => a.state === 'done')).toBe(true);
    } finally {
      await after.close();
    }
  }, 60_000);
});
