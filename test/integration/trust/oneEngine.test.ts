/**
 * One engine per data folder, with real processes: two web hosts and a CLI started on one folder
 * at once never both send. Each round some SKUs sell out and some come back; every resulting
 * unbind and bind reaches the AliExpress simulator exactly once, whichever process won the folder.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../src-main/core/platform/clock';
import { seededRng } from '../../../src-main/core/connectors/demo/prng';
import { writeAutoSettings } from '../../../src-main/core/auto/settings';
import { createApp, DataFolderInUseError } from '../../../src-main/core/app';
import { startStore, setUpStock, productOf, skuIdOf, type TestStore } from '../auto/store';
import { tempDir } from '../../helpers/tempApp';

const root = join(__dirname, '../../..');
let store: TestStore | null = null;
afterEach(async () => {
  await store?.stop();
  store = null;
});

interface Child {
  pid: number;
  locked: Promise<boolean>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; lines: Record<string, unknown>[]; err: string }>;
  kill(): void;
}

function child(env: Record<string, string>): Child {
  // node itself with tsx's loader (not the tsx CLI, which runs the script in a grandchild): the
  // SIGKILL below must hit the process that holds the folder.
  const p = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'engineChild.ts')], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let onLocked: (v: boolean) => void = () => undefined;
  const locked = new Promise<boolean>((r) => (onLocked = r));
  p.stdout.on('data', (b: Buffer) => {
    out += b.toString();
    if (out.includes('"locked":true')) onLocked(true);
    if (out.includes('"refused":true')) onLocked(false);
  });
  p.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const exited = new Promise<Awaited<Child['exited']>>((resolve) =>
    p.on('exit', (code, signal) => {
      onLocked(false);
      resolve({
        code,
        signal,
        err,
        lines: out
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Record<string, unknown>),
      });
    }),
  );
  return { pid: p.pid as number, locked, exited, kill: () => p.kill('SIGKILL') };
}

async function prepared(skus: number) {
  store = await startStore({
    skus: Array.from({ length: skus }, (_, i): [string, number] => [`E${i}`, 6]),
    clock: systemClock,
    perMinute: 1000,
  });
  const dataDir = tempDir('desk-one-engine-');
  const { app, market } = await store.open(dataDir);
  await setUpStock(app, market);
  writeAutoSettings(app.db, { enabled: true, massUnbindShare: 1, massUnbindCount: 1000 }, new Date().toISOString());
  await app.close();
  const s = store;
  const env = (host: string, holdMs = 0) => ({
    ENGINE_DATA: dataDir,
    ENGINE_AE: s.ae.url,
    ENGINE_TT: s.tt.url,
    ENGINE_TOKENS: JSON.stringify(s.tokens()),
    ENGINE_HOST: host,
    ENGINE_HOLD_MS: String(holdMs),
  });
  return { dataDir, env, s };
}

const wire = (s: TestStore, method: string) => s.ae.calls.filter((c) => c.method === method).length;

describe('one engine per data folder', () => {
  it('refuses a second process with a message naming the holder, and frees the folder when the holder is killed', async () => {
    const { dataDir, env, s } = await prepared(4);
    const a = child(env('web', 60_000));
    expect(await a.locked).toBe(true);

    const b = await child(env('cli')).exited;
    expect(b.code).toBe(3);
    const refusal = b.lines[0] as { message: string; messageEn: string; holder: { pid: number; host: string } };
    expect(refusal.holder.host).toBe('web');
    expect(refusal.message).toContain('浏览器模式');
    expect(refusal.message).toContain(`进程号 ${refusal.holder.pid}`);
    expect(refusal.message).toContain('请在正在运行的程序里操作');
    expect(refusal.messageEn).toContain(`process ${refusal.holder.pid}`);
    // In this process too: the test's own app is refused while the web host holds the folder.
    expect(() => createApp({ dataDir, host: 'cli' })).toThrow(DataFolderInUseError);

    // A crash (SIGKILL, no clean-up) frees the folder at once: the OS drops the lock with the process.
    a.kill();
    expect((await a.exited).signal).toBe('SIGKILL');
    const c = await child(env('cli')).exited;
    expect(c.code, c.err).toBe(0);
    expect(c.lines[0]).toMatchObject({ locked: true });
    expect(wire(s, 'aliexpress.ascp.item.unBind')).toBe(0);
  }, 60_000);

  it('two web hosts and a CLI started together for 20 rounds of sell-outs and returns: every action reaches the wire once', async () => {
    const SKUS = 8;
    const { env, s } = await prepared(SKUS);
    const random = seededRng(13);
    const stock = new Map(Array.from({ length: SKUS }, (_, i) => [`E${i}`, 6]));
    let soldOut = 0;
    let restocked = 0;
    let refusals = 0;
    let winners = 0;
    for (let round = 1; round <= 20; round++) {
      // Up to two SKUs sell out and up to one comes back each round.
      for (const sku of [...stock.keys()].sort(() => random() - 0.5).slice(0, 3)) {
        const now = stock.get(sku) as number;
        if (now > 0 && random() < 0.7) {
          s.tt.setStock(sku, 'W1', 0);
          stock.set(sku, 0);
          soldOut++;
        } else if (now === 0) {
          s.tt.setStock(sku, 'W1', 6);
          stock.set(sku, 6);
          restocked++;
        }
      }
      const runs = await Promise.all([child(env('web')), child(env('web')), child(env('cli'))].map((c) => c.exited));
      for (const r of runs) {
        expect([0, 3], r.err).toContain(r.code);
        if (r.code === 3) refusals++;
        else winners++;
      }
      // After every round the marketplace holds exactly what the stock says, with one call per change.
      for (const [sku, n] of stock) expect(s.ae.bindState(productOf(sku), skuIdOf(sku)), `round ${round} ${sku}`).toBe(n > 0 ? 2 : 1);
      expect(wire(s, 'aliexpress.ascp.item.unBind'), `round ${round}`).toBe(soldOut);
      expect(wire(s, 'aliexpress.ascp.item.bind'), `round ${round}`).toBe(restocked);
    }
    expect(soldOut).toBeGreaterThan(10);
    expect(restocked).toBeGreaterThan(3);
    // Proof that the processes did overlap: some were refused while another held the folder.
    expect(refusals).toBeGreaterThan(0);
    expect(winners).toBeGreaterThanOrEqual(20);
    process.stdout.write(
      `one-engine: 20 rounds, ${soldOut} unbinds and ${restocked} binds, each sent once; ${winners} runs, ${refusals} refused\n`,
    );
  }, 600_000);
});
