import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/core/platform/clock';
import { createApp, type App } from '../../../src-main/core/app';
import { waiterFor } from '../../../src-main/core/connectors/wait';
import { signTongtool } from '../../../src-main/core/connectors/tongtool/sign';
import { SqliteQuotaGate } from '../../../src-main/core/connectors/tongtool/quota';
import { TongtoolClient, memorySessionStore, type TongtoolSessionStore } from '../../../src-main/core/connectors/tongtool/client';
import { TongtoolStockSource } from '../../../src-main/core/connectors/tongtool/stockSource';
import { TongtoolSimulator } from '../../../src-main/core/connectors/tongtool/simulator';
import { ConnectorError } from '../../../src-main/core/connectors/retry';
import { tempDir } from '../../helpers/tempApp';

const KEY = 'tt-key-001';
const SECRET = 'tt-secret-abcdef123456';

function simOptions(clock: ManualClock, nSkus: number) {
  const warehouses = [
    { id: 'W1', name: '深圳仓', active: true },
    { id: 'W2', name: '义乌仓 ', active: true },
  ];
  const goods = Array.from({ length: nSkus }, (_, i) => ({
    sku: `SKU${String(i).padStart(5, '0')}`,
    name: `商品${i}`,
    category: '家居',
    status: '在售',
  }));
  const stock = goods.flatMap((g, i) => [
    { sku: g.sku, warehouseId: 'W1', available: i % 10, safety: i % 3 === 0 ? 1 : 0 },
    { sku: g.sku, warehouseId: 'W2', available: 5, safety: 0 },
  ]);
  return { clock, appKey: KEY, appSecret: SECRET, warehouses, goods, stock };
}

describe('Tongtool client against the simulator over 127.0.0.1', () => {
  let clock: ManualClock;
  let app: App;
  let sim: TongtoolSimulator;
  let session: TongtoolSessionStore;
  let gate: SqliteQuotaGate;
  let dataDir: string;

  const makeClient = (over: Partial<ConstructorParameters<typeof TongtoolClient>[0]> = {}) =>
    new TongtoolClient({
      baseUrl: sim.url,
      appKey: KEY,
      appSecret: SECRET,
      clock,
      waiter: waiterFor(clock),
      quota: gate,
      session,
      random: () => 0.5,
      ...over,
    });

  beforeEach(async () => {
    clock = new ManualClock();
    dataDir = tempDir();
    app = createApp({ dataDir, host: 'cli', clock, quotaGuardMs: 0 });
    sim = await new TongtoolSimulator(simOptions(clock, 125)).start();
    session = memorySessionStore();
    gate = new SqliteQuotaGate(app.db, clock, waiterFor(clock));
  });
  afterEach(async () => {
    await sim.stop();
    await app.close();
  });

  it('signs as published (hand-computed md5) and finds the merchant', async () => {
    const byHand = createHash('md5')
      .update('app_token' + 'abc123' + 'timestamp' + '1700000000' + 'sec')
      .digest('hex');
    expect(signTongtool('abc123', 1700000000, 'sec')).toBe(byHand);
    const client = makeClient();
    expect(await client.merchantId()).toBe(sim.merchantId);
    expect(session.load()?.merchantId).toBe(sim.merchantId);
  });

  it('a token kept from an earlier run that has expired is renewed once when the merchant is looked up', async () => {
    await makeClient().appToken();
    const stale = session.load()!.appToken;
    sim.expireTokens();
    const fresh = memorySessionStore();
    fresh.save({ appToken: stale });
    expect(await makeClient({ session: fresh }).merchantId()).toBe(sim.merchantId);
    expect(fresh.load()!.appToken).not.toBe(stale);
  });

  it('519: a wrong secret is refused with an actionable message', async () => {
    const client = makeClient();
    await client.appToken();
    const wrong = makeClient({ appSecret: 'nope', session: memorySessionStore() });
    // The token endpoint refuses the pair outright.
    const e1 = await wrong.merchantId().catch((e: unknown) => e);
    expect((e1 as ConnectorError).code).toBe('AUTH');
    // With a valid token but the wrong secret, the signature fails: 519.
    const s2 = memorySessionStore();
    s2.save({ appToken: session.load()!.appToken });
    const e2 = await makeClient({ appSecret: 'nope', session: s2 })
      .merchantId()
      .catch((e: unknown) => e);
    expect((e2 as ConnectorError).remote.code).toBe('519');
    expect((e2 as ConnectorError).messageZh).toContain('App Secret');
  });

  it('a Tongtool outage while a token is fetched is waited out and tried again, not reported as wrong keys', async () => {
    sim.inject({ kind: 'code', code: 527 }, { call: 'appToken', times: 2 });
    // Two 527s, then the token: the third try gets it.
    expect(await makeClient().merchantId()).toBe(sim.merchantId);
    // An outage that outlasts the tries says it is Tongtool's, to be retried later; the keys are not blamed.
    sim.inject({ kind: 'code', code: 527 }, { call: 'appToken', times: 10 });
    const e = await makeClient({ session: memorySessionStore() })
      .merchantId()
      .catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ConnectorError);
    expect((e as ConnectorError).code).toBe('TRANSIENT');
    expect((e as ConnectorError).remote.code).toBe('527');
    expect((e as ConnectorError).messageZh).not.toContain('App Key');
    // An expired account is named as such.
    sim.faults.clear();
    sim.inject({ kind: 'code', code: 999999 }, { call: 'appToken' });
    const expired = await makeClient({ session: memorySessionStore() })
      .merchantId()
      .catch((err: unknown) => err);
    expect((expired as ConnectorError).messageZh).toContain('通途账号已过期');
  });

  it('reads stock 100 a page with no total: a short page is the last', async () => {
    const source = new TongtoolStockSource(makeClient(), 'tongtool', clock);
    const pages: number[] = [];
    const rows = await source.readAll({ onPage: (p) => pages.push(p.page) });
    expect(rows).toHaveLength(250);
    expect(pages).toEqual([1, 2, 3]);
    expect(rows.find((r) => r.sku === 'SKU00003' && r.warehouseId === 'W1')).toMatchObject({
      available: 3,
      safety: 1,
      warehouseName: '深圳仓',
    });
    const whs = await source.listWarehouses();
    expect(whs.map((w) => w.name)).toEqual(['深圳仓', '义乌仓 ']);
  });

  it('readAll throws on any failed page instead of returning part of the stock', async () => {
    const source = new TongtoolStockSource(makeClient({ retry: { attempts: 2 } }), 'tongtool', clock);
    sim.inject({ kind: 'code', code: 525 }, { call: 'stocksQuery' });
    const e = await source.readAll().catch((x: unknown) => x);
    expect((e as ConnectorError).code).toBe('PERMANENT');
    sim.inject({ kind: 'drop' }, { call: 'stocksQuery', times: 2 });
    const e2 = await source.readAll().catch((x: unknown) => x);
    expect((e2 as ConnectorError).code).toBe('TRANSIENT');
  });

  it('maps every error code: 523 renews the token and retries once; 526/527 retried; 524/525/999999 stop with what to do', async () => {
    const client = makeClient();
    await client.stocksQuery(1);
    const firstToken = session.load()!.appToken;

    sim.expireTokens();
    expect(await client.stocksQuery(1)).toHaveLength(100);
    expect(session.load()!.appToken).not.toBe(firstToken);

    sim.inject({ kind: 'expiredToken' }, { times: 2 });
    const e523 = await client.stocksQuery(1).catch((x: unknown) => x);
    expect((e523 as ConnectorError).code).toBe('AUTH');
    expect((e523 as ConnectorError).remote.code).toBe('523');

    const t0 = clock.now();
    sim.inject({ kind: 'rateLimit' });
    expect(await client.stocksQuery(1)).toHaveLength(100);
    expect(clock.now() - t0).toBeGreaterThanOrEqual(60_000); // waited a minute, then went on

    sim.inject({ kind: 'code', code: 527 });
    expect(await client.stocksQuery(2)).toHaveLength(100);
    sim.inject({ kind: 'code', code: 527 }, { times: 10 });
    const e527 = await client.stocksQuery(1).catch((x: unknown) => x);
    expect((e527 as ConnectorError).code).toBe('TRANSIENT');
    sim.faults.clear();

    // 999999 is an expired account (tongtool.go): retrying cannot help, the seller must renew.
    const before = sim.attempts.length;
    sim.inject({ kind: 'code', code: 999999 });
    const eAcc = await client.stocksQuery(1).catch((x: unknown) => x);
    expect((eAcc as ConnectorError).code).toBe('AUTH');
    expect((eAcc as ConnectorError).messageZh).toContain('账号已过期');
    expect(sim.attempts.length - before).toBe(1);

    // 524: the interface is not granted to the app; the message names it and says where to tick it.
    sim.grant('stocksChangeQuery', false);
    const e524 = await client.stocksChangeQuery('深圳仓', clock.now() - 3600_000, 1).catch((x: unknown) => x);
    expect((e524 as ConnectorError).code).toBe('PERMANENT');
    expect((e524 as ConnectorError).remote.code).toBe('524');
    expect((e524 as ConnectorError).messageZh).toContain('stocksChangeQuery');
    expect((e524 as ConnectorError).messageZh).toContain('通途开放平台');
    sim.grant('stocksChangeQuery', true);

    // 525: a change query without its required warehouseName.
    const e525 = await client
      .callRaw('stocksChangeQuery', { updatedDateFrom: '2026-01-05 08:00:00', pageNo: 1, pageSize: 100 })
      .catch((x: unknown) => x);
    expect((e525 as ConnectorError).code).toBe('PERMANENT');
    expect((e525 as ConnectorError).remote.code).toBe('525');
    expect(sim.attempts.some((a) => a.code === 526 && a.name === 'stocksQuery')).toBe(true);
  });

  it('30 calls from many callers through the shared quota: no minute ever sees more than 5', async () => {
    const a = makeClient();
    const b = makeClient(); // a second caller in the same process shares the gate
    const t0 = clock.now();
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).stocksQuery((i % 3) + 1)));
    expect(results.every((r) => r.length > 0)).toBe(true);
    const times = sim.calls.map((c) => c.at);
    expect(times).toHaveLength(30);
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 60_000).length).toBeLessThanOrEqual(5);
    expect(sim.attempts.filter((x) => x.code === 526)).toHaveLength(0); // nobody was refused: they waited
    expect(clock.now() - t0).toBeGreaterThanOrEqual(5 * 60_000);
  });

  it('the quota survives a restart: a new process does not burst', async () => {
    const client = makeClient();
    await Promise.all([1, 2, 3, 1, 2].map((p) => client.stocksQuery(p)));
    const lastBatch = clock.now();
    await app.close();
    app = createApp({ dataDir, host: 'cli', clock, quotaGuardMs: 0 });
    gate = new SqliteQuotaGate(app.db, clock, waiterFor(clock));
    const again = makeClient();
    await again.stocksQuery(1);
    expect(clock.now()).toBeGreaterThanOrEqual(lastBatch + 60_000);
    expect(sim.attempts.filter((x) => x.code === 526)).toHaveLength(0);
  });

  it('reads changes since a time for one warehouse, within the last 7 days', async () => {
    const source = new TongtoolStockSource(makeClient(), 'tongtool', clock);
    clock.advance(3600_000);
    const since = new Date(clock.now()).toISOString();
    clock.advance(60_000);
    expect(sim.drainWarehouse('W2')).toBe(125);
    sim.setStock('SKU00001', 'W1', 42);
    const w2 = await source.readChangesSince('W2', since);
    expect(w2).toHaveLength(125);
    // Stamped with the warehouse asked; no safety stock (the change feed has none: the stored one is kept).
    expect(w2.every((r) => r.available === 0 && r.warehouseId === 'W2' && r.warehouseName === '义乌仓 ' && r.safety === undefined)).toBe(
      true,
    );
    const w1 = await source.readChangesSince('W1', since);
    expect(w1).toEqual([expect.objectContaining({ sku: 'SKU00001', available: 42 })]);
    const old = await source.readChangesSince('W1', new Date(clock.now() - 8 * 86400_000).toISOString()).catch((x: unknown) => x);
    expect((old as ConnectorError).code).toBe('PERMANENT');
  });
});
