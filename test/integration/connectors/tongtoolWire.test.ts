/**
 * The Tongtool wire contract, from the fixtures in test/fixtures/wire/tongtool (written from wire.md):
 * the client sends exactly each fixture's request and reads exactly each fixture's response, against
 * a raw HTTP stub that knows nothing but the fixtures (not the simulator, which could share the
 * client's mistakes); the simulator answers in the same schemas; and the simulator refuses what the
 * real server refuses, with the real error bodies.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/core/platform/clock';
import { waiterFor } from '../../../src-main/core/connectors/wait';
import { ConnectorError } from '../../../src-main/core/connectors/retry';
import { TongtoolClient, memorySessionStore } from '../../../src-main/core/connectors/tongtool/client';
import { TongtoolStockSource } from '../../../src-main/core/connectors/tongtool/stockSource';
import { TongtoolSimulator } from '../../../src-main/core/connectors/tongtool/simulator';
import { TT_BODY_SCHEMAS, TT_ROW_SCHEMAS, type TtCallName } from '../../../src-main/core/connectors/tongtool/schemas';

const DIR = join(__dirname, '../../fixtures/wire/tongtool');
const fixture = <T = Record<string, unknown>>(name: string): T => JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as T;

interface FixtureRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
}
interface Seen {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

const KEY = 'tt-key-fixture';
const SECRET = 'tt-secret-fixture-0001';
const CALLS: TtCallName[] = ['warehouseQuery', 'stocksQuery', 'stocksChangeQuery', 'goodsQuery'];
const noQuota = { acquire: async () => undefined };

/** A stub that answers each path with a fixture body (or what a test puts in `answers`) and records every request. */
async function startStub(): Promise<{ url: string; seen: Seen[]; answers: Map<string, unknown[]>; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const answers = new Map<string, unknown[]>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      seen.push({
        method: req.method ?? '',
        path: u.pathname,
        query: Object.fromEntries(u.searchParams),
        headers: req.headers,
        body: text ? (JSON.parse(text) as unknown) : undefined,
      });
      const name = u.pathname.split('/').pop() ?? '';
      const queued = answers.get(name);
      const body = queued?.length ? queued.shift() : fixture(`${name}.response`);
      res.writeHead(200, { 'content-type': 'application/json;charset=UTF-8' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    answers,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

function expectRequest(seen: Seen | undefined, want: FixtureRequest): void {
  expect(seen).toBeDefined();
  expect({ method: seen!.method, path: seen!.path, query: seen!.query }).toEqual({
    method: want.method,
    path: want.path,
    query: want.query,
  });
  for (const [k, v] of Object.entries(want.headers ?? {})) expect(String(seen!.headers[k]).split(';')[0]).toBe(v);
  if (want.body) expect(seen!.body).toEqual(want.body);
}

describe('Tongtool client against the wire fixtures (raw stub)', () => {
  let stub: Awaited<ReturnType<typeof startStub>>;
  let clock: ManualClock;
  let client: TongtoolClient;

  beforeEach(async () => {
    stub = await startStub();
    clock = new ManualClock(); // 2026-01-05 09:00:00 China time = timestamp 1767574800 in the fixtures
    client = new TongtoolClient({
      baseUrl: stub.url,
      appKey: KEY,
      appSecret: SECRET,
      clock,
      waiter: waiterFor(clock),
      quota: noQuota,
      session: memorySessionStore(),
      random: () => 0.5,
    });
  });
  afterEach(async () => stub.close());

  it('token and merchant: the token request, then getAppBuyerList signed md5 with a timestamp in seconds', async () => {
    expect(await client.merchantId()).toBe('0000000123');
    expectRequest(stub.seen[0], fixture<FixtureRequest>('appToken.request'));
    expectRequest(stub.seen[1], fixture<FixtureRequest>('getAppBuyerList.request'));
    // The fixture's sign, recomputed by hand: md5("app_token" + token + "timestamp" + seconds + secret).
    const q = stub.seen[1]!.query;
    expect(q.sign).toBe(createHash('md5').update(`app_token${q.app_token}timestamp${q.timestamp}${SECRET}`).digest('hex'));
    expect(q.timestamp).toMatch(/^\d{10}$/);
  });

  it('warehouseQuery: sends the fixture request, reads warehouseId (not warehouseIdKey) and status', async () => {
    const source = new TongtoolStockSource(client, 'tongtool', clock);
    const list = await source.listWarehouses();
    expectRequest(
      stub.seen.find((s) => s.path.endsWith('/warehouseQuery')),
      fixture<FixtureRequest>('warehouseQuery.request'),
    );
    expect(list).toEqual([
      { id: '0001000007201308020000000101', name: '义乌仓', active: true },
      { id: '0001000007201308020000000102', name: '深圳仓 ', active: true },
      { id: '0001000007201308020000000109', name: '退货仓', active: false },
    ]);
  });

  it('stocksQuery: a full page of every warehouse, with safety stock, figures as numbers or numeric strings', async () => {
    const source = new TongtoolStockSource(client, 'tongtool', clock);
    await source.listWarehouses();
    const rows = await source.readAll();
    expectRequest(
      stub.seen.find((s) => s.path.endsWith('/stocksQuery')),
      fixture<FixtureRequest>('stocksQuery.request'),
    );
    expect(rows).toEqual([
      {
        sku: 'TS100001-BK',
        warehouseId: '0001000007201308020000000101',
        warehouseName: '义乌仓',
        available: 120,
        safety: 5,
        inTransit: 40,
      },
      { sku: 'TS100001-WH', warehouseId: '0001000007201308020000000101', warehouseName: '义乌仓', available: 0, safety: 2, inTransit: 0 },
      { sku: 'HM100008', warehouseId: '0001000007201308020000000102', warehouseName: '深圳仓 ', available: 37, safety: 0, inTransit: 0 },
    ]);
  });

  it('a full row in a warehouse warehouseQuery did not list is kept under its own key, never dropped', async () => {
    const stock = fixture<{ datas: { array: Record<string, unknown>[] } }>('stocksQuery.response');
    const extra = { ...stock.datas.array[0], warehouseIdKey: 'K-999', warehouseName: '海外仓' };
    stub.answers.set('stocksQuery', [{ ...stock, datas: { ...stock.datas, array: [...stock.datas.array, extra] } }]);
    const warned: unknown[] = [];
    const log = { debug() {}, info() {}, warn: (_m: string, d?: unknown) => void warned.push(d), error() {} };
    const rows = await new TongtoolStockSource(client, 'tongtool', clock, log).readAll();
    expect(rows).toHaveLength(4);
    expect(rows.at(-1)).toEqual({
      sku: 'TS100001-BK',
      warehouseId: 'K-999',
      warehouseName: '海外仓',
      available: 120,
      safety: 5,
      inTransit: 40,
    });
    expect(JSON.stringify(warned)).toContain('K-999/海外仓');
  });

  it('stocksChangeQuery: updatedDateFrom in China time and the required warehouseName; rows stamped with that warehouse, no safety', async () => {
    const source = new TongtoolStockSource(client, 'tongtool', clock);
    await source.listWarehouses();
    const rows = await source.readChangesSince('0001000007201308020000000101', new Date(clock.now() - 15 * 60_000).toISOString());
    expectRequest(
      stub.seen.find((s) => s.path.endsWith('/stocksChangeQuery')),
      fixture<FixtureRequest>('stocksChangeQuery.request'),
    );
    // One entry per change: the later entry for a SKU is its figure now.
    expect(rows).toEqual([
      // The entries as listed: the sales rate counts their decreases (a sale and a restock in one window both show).
      {
        sku: 'TS100001-BK',
        warehouseId: '0001000007201308020000000101',
        warehouseName: '义乌仓',
        available: 0,
        changes: [
          { after: 4, change: -116 },
          { after: 0, change: -4 },
        ],
      },
      {
        sku: 'TS100001-WH',
        warehouseId: '0001000007201308020000000101',
        warehouseName: '义乌仓',
        available: 10,
        changes: [{ after: 10, change: 10 }],
      },
    ]);
    expect(rows.every((r) => r.safety === undefined)).toBe(true);

    // The order of the entries is not documented: read from the entries themselves (before = after − change),
    // newest first gives the same figures.
    const log = fixture<{ datas: { array: unknown[] } }>('stocksChangeQuery.response');
    stub.answers.set('stocksChangeQuery', [{ ...log, datas: { ...log.datas, array: [...log.datas.array].reverse() } }]);
    const reversed = await source.readChangesSince('0001000007201308020000000101', new Date(clock.now() - 15 * 60_000).toISOString());
    expect(new Map(reversed.map((r) => [r.sku, r.available]))).toEqual(
      new Map([
        ['TS100001-BK', 0],
        ['TS100001-WH', 10],
      ]),
    );
  });

  it('goodsQuery: productType always sent; variant SKUs read from goodsDetail, status words from the codes', async () => {
    expect(await client.goodsQuery('1', 1)).toHaveLength(2);
    expectRequest(
      stub.seen.find((s) => s.path.endsWith('/goodsQuery')),
      fixture<FixtureRequest>('goodsQuery.request'),
    );
    await expect(
      client.goodsQuery(
        '0',
        1,
        undefined,
        Array.from({ length: 11 }, (_, i) => `S${i}`),
      ),
    ).rejects.toThrow(/at most 10/);

    const products = await new TongtoolStockSource(client, 'tongtool', clock).readProducts();
    const bodies = stub.seen.filter((s) => s.path.endsWith('/goodsQuery')).map((s) => (s.body as { productType: string }).productType);
    expect(bodies.slice(-2)).toEqual(['0', '1']); // both sales types are read
    expect(products.get('TS100001-BK')).toEqual({
      goodsSku: 'TS100001-BK',
      productName: '纯棉短袖T恤',
      categoryName: '服装/T恤',
      productStatus: '在售',
    });
    expect(products.get('TS100001-WH')?.productStatus).toBe('在售');
    expect(products.get('DC100020-1M')?.productStatus).toBe('已删除'); // status "1": deleted
    expect(products.has('TS100001')).toBe(false); // the parent SKU holds no stock
  });

  it('goodsQuery: goodsDetail is required on variant pages only (wire.md); normal goods without it stand for their own SKU', async () => {
    const goods = fixture<{ datas: { array: Record<string, unknown>[] } }>('goodsQuery.response');
    const plain = { sku: 'HM100008', productName: '折叠收纳盒', categoryName: '家居/收纳', productStatus: '0', status: '0' };
    const page = (rows: Record<string, unknown>[]) => ({ ...goods, datas: { ...goods.datas, array: rows } });
    stub.answers.set('goodsQuery', [page([plain])]);
    expect(await client.goodsQuery('0', 1)).toEqual([expect.objectContaining({ sku: 'HM100008' })]);
    stub.answers.set('goodsQuery', [page([plain]), page(goods.datas.array)]);
    const products = await new TongtoolStockSource(client, 'tongtool', clock).readProducts();
    expect(products.get('HM100008')).toEqual({
      goodsSku: 'HM100008',
      productName: '折叠收纳盒',
      categoryName: '家居/收纳',
      productStatus: '停售',
    });
    expect(products.get('TS100001-BK')?.productName).toBe('纯棉短袖T恤');
    // A variant page without goodsDetail on any row: its SKUs would be lost, so it fails naming the field.
    const { goodsDetail: _d, ...bare } = goods.datas.array[0]!;
    stub.answers.set('goodsQuery', [page([bare])]);
    const e = (await client.goodsQuery('1', 1).catch((x: unknown) => x)) as ConnectorError;
    expect(e.remote.code).toBe('BAD_SHAPE');
    expect(e.messageZh).toContain('goodsDetail');
  });

  it('each error code of the fixtures becomes what a seller can act on', async () => {
    const errors = fixture<Record<string, unknown>>('errors.response');
    const attempt = async (code: string, times = 1) => {
      stub.answers.set(
        'warehouseQuery',
        Array.from({ length: times }, () => errors[code]),
      );
      const before = stub.seen.length;
      const e = await client.warehouseQuery(1).catch((x: unknown) => x);
      return { e: e as ConnectorError, requests: stub.seen.slice(before) };
    };
    await client.merchantId();

    const sign = await attempt('519');
    expect([sign.e.code, sign.e.remote.code, sign.requests.length]).toEqual(['AUTH', '519', 1]);
    expect(sign.e.messageZh).toContain('App Secret');

    // 523: the token is renewed once and the call sent again.
    const expired = await attempt('523');
    expect(Array.isArray(expired.e)).toBe(true); // the retried call answered the fixture's page
    expect(expired.requests.map((r) => r.path.split('/').pop())).toEqual(['warehouseQuery', 'appToken', 'warehouseQuery']);
    const twice = await attempt('523', 2);
    expect([twice.e.code, twice.e.remote.code]).toEqual(['AUTH', '523']);

    const granted = await attempt('524');
    expect([granted.e.code, granted.e.remote.code, granted.requests.length]).toEqual(['PERMANENT', '524', 1]);
    expect(granted.e.messageZh).toMatch(/warehouseQuery.*通途开放平台.*勾选/);
    expect(granted.e.messageEn).toContain('warehouseQuery');

    const params = await attempt('525');
    expect([params.e.code, params.e.remote.code, params.requests.length]).toEqual(['PERMANENT', '525', 1]);

    const t0 = clock.now();
    const quota = await attempt('526');
    expect(Array.isArray(quota.e)).toBe(true); // waited, then read
    expect(clock.now() - t0).toBeGreaterThanOrEqual(60_000);

    const system = await attempt('527');
    expect(Array.isArray(system.e)).toBe(true); // retried
    const down = await attempt('527', 10);
    expect([down.e.code, down.e.remote.code]).toEqual(['TRANSIENT', '527']);

    const account = await attempt('999999');
    expect([account.e.code, account.e.remote.code, account.requests.length]).toEqual(['AUTH', '999999', 1]);
    expect(account.e.messageZh).toContain('账号已过期');
  });

  it('a renamed field stops the read and names the field (never read as undefined)', async () => {
    await client.merchantId();
    const page = (array: unknown) => ({ code: 200, datas: { array, pageNo: 1, pageSize: 100 }, message: '成功', others: null });
    const stock = fixture<{ datas: { array: Record<string, unknown>[] } }>('stocksQuery.response').datas.array;
    const rename = (rows: Record<string, unknown>[], from: string, to: string) =>
      rows.map(({ [from]: v, ...rest }) => ({ ...rest, [to]: v }));
    const cases: [TtCallName, unknown, RegExp, string?][] = [
      ['warehouseQuery', page([{ warehouseIdKey: 'W1', warehouseName: '义乌仓', status: '1' }]), /datas\.array\[0\]\.warehouseId/],
      ['stocksQuery', page(rename(stock, 'goodsSku', 'sku')), /goodsSku/],
      ['stocksQuery', page(rename(stock, 'availableStockQuantity', 'availableQuantity')), /availableStockQuantity: missing from every row/],
      ['stocksQuery', page(stock.map((r) => ({ ...r, availableStockQuantity: [1] }))), /availableStockQuantity/],
      [
        'stocksChangeQuery',
        { code: 200, datas: { list: [{ goodsSku: 'A' }], pageNo: 1, pageSize: 100 }, message: '成功', others: null },
        /datas\.array: missing \(a list came as "list"\)/,
      ],
      ['goodsQuery', page([{ goodsSku: 'A', productName: 'x', goodsDetail: [] }]), /datas\.array\[0\]\.sku/],
      // A variant page (productType "1") must carry goodsDetail: its stock SKUs are there.
      [
        'goodsQuery',
        page([{ sku: 'A', productName: 'x', goodsDetails: [{ goodsSku: 'A-1' }] }]),
        /goodsDetail: missing from every row/,
        '1',
      ],
    ];
    for (const [name, body, field, productType = '0'] of cases) {
      stub.answers.set(name, [body]);
      const e = (await client.page(name, { pageNo: 1, warehouseName: '义乌仓', productType }).catch((x: unknown) => x)) as ConnectorError;
      expect(e).toBeInstanceOf(ConnectorError);
      expect([e.code, e.remote.code]).toEqual(['PERMANENT', 'BAD_SHAPE']);
      expect(e.messageZh).toMatch(field);
      expect(e.messageZh).toContain(name);
      expect(e.messageEn).toMatch(field);
    }
    stub.answers.set('warehouseQuery', [{ status: 200, data: { array: [] } }]);
    const env = (await client.warehouseQuery(1).catch((x: unknown) => x)) as ConnectorError;
    expect([env.remote.code, env.messageZh.includes('code')]).toEqual(['BAD_SHAPE', true]);
    // An empty page may leave the list out altogether (a Java backend drops nulls): that is no rows, not an error.
    stub.answers.set('stocksQuery', [{ code: 200, datas: { pageNo: 3, pageSize: 100 }, message: '成功', others: null }]);
    expect(await client.stocksQuery(3)).toEqual([]);
  });

  it('every fixture response parses with its call schema, and the live probe can read it raw first', async () => {
    for (const name of CALLS) {
      const raw = await client.callRaw(name, { pageNo: 1 });
      expect(raw).toEqual(fixture(`${name}.response`));
      expect(TT_BODY_SCHEMAS[name].safeParse(raw).success).toBe(true);
    }
  });
});

describe('the Tongtool simulator answers in the wire schemas and refuses what the real server refuses', () => {
  const TOKEN_TTL = 3600_000;
  let clock: ManualClock;
  let sim: TongtoolSimulator;
  let client: TongtoolClient;

  beforeEach(async () => {
    clock = new ManualClock();
    sim = await new TongtoolSimulator({
      clock,
      appKey: KEY,
      appSecret: SECRET,
      merchantId: '0000000123',
      tokenTtlMs: TOKEN_TTL,
      warehouses: [
        { id: 'W1', name: '义乌仓', active: true },
        { id: 'W2', name: '深圳仓 ', active: true },
      ],
      goods: [
        { sku: 'TS100001-BK', name: '纯棉短袖T恤 黑色', category: '服装/T恤', status: '1', parent: 'TS100001' },
        { sku: 'TS100001-WH', name: '纯棉短袖T恤 白色', category: '服装/T恤', status: '1', parent: 'TS100001' },
        { sku: 'HM100008', name: '折叠收纳盒', category: '家居/收纳', status: '停售' },
      ],
      stock: [
        { sku: 'TS100001-BK', warehouseId: 'W1', available: 120, safety: 5 },
        { sku: 'TS100001-WH', warehouseId: 'W1', available: 0, safety: 2 },
        { sku: 'HM100008', warehouseId: 'W2', available: 37, safety: 0 },
      ],
    }).start();
    client = new TongtoolClient({
      baseUrl: sim.url,
      appKey: KEY,
      appSecret: SECRET,
      clock,
      waiter: waiterFor(clock),
      quota: noQuota,
      session: memorySessionStore(),
      random: () => 0.5,
    });
  });
  afterEach(async () => sim.stop());

  it('each call answers in the schema the client reads, with every field the fixture row has', async () => {
    sim.setStock('TS100001-BK', 'W1', 119);
    const bodies: Record<TtCallName, Record<string, unknown>> = {
      warehouseQuery: {},
      stocksQuery: { warehouseName: '' },
      stocksChangeQuery: { warehouseName: '义乌仓', updatedDateFrom: '2026-01-05 08:00:00' },
      goodsQuery: { productType: '1' },
    };
    for (const name of CALLS) {
      const raw = await client.callRaw(name, { ...bodies[name], pageNo: 1, pageSize: 100 });
      const parsed = TT_BODY_SCHEMAS[name].safeParse(raw);
      expect(parsed.success, name).toBe(true);
      const rows = (raw as { datas: { array: Record<string, unknown>[] } }).datas.array;
      expect(rows.length, name).toBeGreaterThan(0);
      const want = fixture<{ datas: { array: Record<string, unknown>[] } }>(`${name}.response`).datas.array[0]!;
      const declared = Object.keys(TT_ROW_SCHEMAS[name].shape);
      for (const k of Object.keys(want).filter((x) => declared.includes(x))) expect(Object.keys(rows[0]!), `${name}.${k}`).toContain(k);
      if (name === 'stocksChangeQuery')
        expect(Object.keys(rows[0]!).sort()).toEqual(['availableStockQuantity', 'changeQuantity', 'goodsSku']);
    }
  });

  /** A request signed by hand (not with the client's code), so the test can send what the client never would. */
  const send = async (
    name: string,
    body: Record<string, unknown>,
    over: { timestamp?: string; token?: string; secret?: string; advanceMs?: number } = {},
  ) => {
    // 13 s apart by default: the refusals below stay inside the quota of 5 a minute.
    clock.advance(over.advanceMs ?? 13_000);
    const tokenBody = (await (
      await fetch(`${sim.url}/open-platform-service/devApp/appToken?accessKey=${KEY}&secretAccessKey=${SECRET}`)
    ).json()) as { datas: string };
    const token = over.token ?? tokenBody.datas;
    const ts = over.timestamp ?? String(Math.floor(clock.now() / 1000));
    const sign = createHash('md5')
      .update(`app_token${token}timestamp${ts}${over.secret ?? SECRET}`)
      .digest('hex');
    const res = await fetch(`${sim.url}/api-service/openapi/tongtool/${name}?app_token=${token}&sign=${sign}&timestamp=${ts}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', api_version: '3.0' },
      body: JSON.stringify({ merchantId: '0000000123', pageNo: 1, pageSize: 100, ...body }),
    });
    return (await res.json()) as { code: number; datas: unknown; message: string; others: unknown };
  };

  it('refusals carry the real error bodies', async () => {
    const errors = fixture<Record<string, { code: number; message: string }>>('errors.response');
    const expectError = (got: Awaited<ReturnType<typeof send>>, code: number) => {
      expect(Object.keys(got).sort()).toEqual(['code', 'datas', 'message', 'others']);
      expect(got.code).toBe(code);
      expect(got.datas).toBeNull();
      expect(got.message.startsWith(errors[String(code)]!.message)).toBe(true);
    };
    const ok = await send('stocksChangeQuery', { warehouseName: '义乌仓', updatedDateFrom: '2026-01-05 08:00:00' });
    expect(ok.code).toBe(200);

    expectError(await send('warehouseQuery', {}, { timestamp: String(clock.now()) }), 519); // milliseconds
    expectError(await send('warehouseQuery', {}, { secret: 'not-the-secret' }), 519);
    expectError(await send('stocksChangeQuery', { updatedDateFrom: '2026-01-05 08:00:00' }), 525); // no warehouseName
    expectError(await send('stocksChangeQuery', { warehouseName: '义乌仓' }), 525); // no updatedDateFrom
    expectError(await send('stocksChangeQuery', { warehouseName: '义乌仓', updatedDateFrom: '2025-12-28 08:59:59' }), 525); // 8 days back
    expectError(await send('stocksChangeQuery', { warehouseName: '义乌仓', updatedDateFrom: '2026-01-05T08:00:00' }), 525); // not yyyy-MM-dd HH:mm:ss
    expectError(await send('stocksChangeQuery', { warehouseName: '义乌仓', updatedDateFrom: '2026-02-30 08:00:00' }), 525); // no such day
    expectError(await send('goodsQuery', {}), 525); // no productType
    expectError(await send('goodsQuery', { productType: '0', skus: Array.from({ length: 11 }, (_, i) => `S${i}`) }), 525);
    const fine = await send('goodsQuery', { productType: '0', skus: Array.from({ length: 10 }, (_, i) => `S${i}`) });
    expect(fine.code).toBe(200);

    sim.grant('goodsQuery', false);
    expectError(await send('goodsQuery', { productType: '0' }), 524);
    sim.grant('goodsQuery', true);

    const stale = (await (
      await fetch(`${sim.url}/open-platform-service/devApp/appToken?accessKey=${KEY}&secretAccessKey=${SECRET}`)
    ).json()) as { datas: string };
    clock.advance(TOKEN_TTL + 1000);
    expectError(await send('warehouseQuery', {}, { token: stale.datas }), 523);

    // The quota: the sixth call inside one minute is refused.
    clock.advance(120_000);
    for (let i = 0; i < 5; i++) expect((await send('warehouseQuery', {}, { advanceMs: 0 })).code).toBe(200);
    expectError(await send('warehouseQuery', {}, { advanceMs: 0 }), 526);
    expect((await send('warehouseQuery', {}, { advanceMs: 60_000 })).code).toBe(200);
  });

  it('a page is at most 100 rows whatever pageSize asks (erp2/paging.go)', async () => {
    const body = await send('stocksQuery', { warehouseName: '', pageSize: 500 });
    expect((body.datas as { pageSize: number }).pageSize).toBe(100);
  });

  it('full stock rows are matched to warehouses by name when warehouseIdKey is another id space', async () => {
    const other = await new TongtoolSimulator({
      clock,
      appKey: KEY,
      appSecret: SECRET,
      warehouses: [
        { id: 'W1', name: '义乌仓', active: true },
        { id: 'W2', name: '深圳仓 ', active: true },
      ],
      goods: [],
      stock: [
        { sku: 'A', warehouseId: 'W1', available: 3, safety: 1 },
        { sku: 'A', warehouseId: 'W2', available: 4, safety: 2 },
      ],
      stockWarehouseKey: (id) => `KEY-${id}`,
    }).start();
    try {
      const c = new TongtoolClient({
        baseUrl: other.url,
        appKey: KEY,
        appSecret: SECRET,
        clock,
        waiter: waiterFor(clock),
        quota: noQuota,
        session: memorySessionStore(),
      });
      const rows = await new TongtoolStockSource(c, 'tongtool', clock).readAll();
      expect(rows).toEqual([
        { sku: 'A', warehouseId: 'W1', warehouseName: '义乌仓', available: 3, safety: 1, inTransit: 0 },
        { sku: 'A', warehouseId: 'W2', warehouseName: '深圳仓 ', available: 4, safety: 2, inTransit: 0 },
      ]);
    } finally {
      await other.stop();
    }
  });
});
