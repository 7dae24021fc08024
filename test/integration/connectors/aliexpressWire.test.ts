/**
 * Contract tests from the wire fixtures (test/fixtures/wire/aliexpress, written from the published
 * SDK's shapes): the client must send exactly what each request fixture says and read exactly what
 * each response fixture says. The responses are served byte for byte by a raw HTTP stub, not by the
 * simulator, so a client and simulator that drift together still fail here. The simulator's answers
 * are then held to the same schemas, in both simplify shapes.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/core/platform/clock';
import { waiterFor } from '../../../src-main/core/connectors/wait';
import { IopClient, memoryTokenStore, type IopTokens } from '../../../src-main/core/connectors/aliexpress/client';
import { AliExpressMarketplace } from '../../../src-main/core/connectors/aliexpress/marketplace';
import { AliExpressSimulator } from '../../../src-main/core/connectors/aliexpress/simulator';
import { AE_RESPONSE_SCHEMAS, unwrapResponse } from '../../../src-main/core/connectors/aliexpress/schemas';
import { ConnectorError } from '../../../src-main/core/connectors/retry';
import { createApp } from '../../../src-main/core/app';
import { silentLogger } from '../../../src-main/core/platform/logger';
import { call } from '../../helpers/channels';

const DIR = join(__dirname, '../../fixtures/wire/aliexpress');
const fixture = (name: string) => readFileSync(join(DIR, name), 'utf8');
interface RequestFixture {
  http: string;
  path: string;
  query: Record<string, string>;
  form: Record<string, string>;
}
const requestFixture = (name: string) => JSON.parse(fixture(name)) as RequestFixture;

const APP_KEY = '30771234';
const APP_SECRET = 'fixture-secret-0123456789';
const TOKEN = '50000601c30atpedfgu3LVvik87Ixlsvle3mSoB7701ceb156fPunYZ43GBg';

interface Seen {
  method: string;
  path: string;
  query: Record<string, string>;
  form: Record<string, string>;
  contentType: string;
}

/** A raw stub: serves the fixture text routed by method (or /rest path), records each request. */
class Stub {
  routes = new Map<string, string[]>();
  seen: Seen[] = [];
  private server: Server | null = null;
  url = '';
  serve(route: string, ...bodies: string[]): void {
    this.routes.set(route, bodies);
  }
  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const u = new URL(req.url ?? '/', 'http://x');
        const query = Object.fromEntries(u.searchParams);
        const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
        this.seen.push({ method: req.method ?? '', path: u.pathname, query, form, contentType: String(req.headers['content-type'] ?? '') });
        const route = u.pathname === '/sync' ? (query.method ?? '') : u.pathname;
        const queue = this.routes.get(route) ?? [];
        // The last body repeats: a route answers the same until told otherwise.
        const body = queue.length > 1 ? queue.shift()! : queue[0];
        res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json;charset=UTF-8' });
        res.end(body ?? '');
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }
  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()));
  }
}

/** The test's own signature check, straight from the SDK's rule (not the client's sign.ts). */
function expectedSign(params: Record<string, string>, apiPath = ''): string {
  const keys = Object.keys(params)
    .filter((k) => k !== 'sign')
    .sort();
  return createHmac('sha256', APP_SECRET)
    .update(apiPath + keys.map((k) => k + params[k]).join(''), 'utf8')
    .digest('hex')
    .toUpperCase();
}

/** The request matches its fixture: same query keys and values, the exact form, a valid signature. */
function expectRequest(seen: Seen, name: string, clock: ManualClock): void {
  const f = requestFixture(name);
  expect(seen.method).toBe(f.http);
  expect(seen.path).toBe(f.path);
  if (f.http === 'POST') expect(seen.contentType).toContain('application/x-www-form-urlencoded');
  expect(Object.keys(seen.query).sort()).toEqual(Object.keys(f.query).sort());
  for (const [k, v] of Object.entries(f.query)) if (v !== '<present>') expect(seen.query[k], k).toBe(v);
  expect(seen.query.timestamp).toBe(String(clock.now()));
  if ('session' in f.query) expect(seen.query.session).toBe(TOKEN);
  // Form values exactly, JSON parameters byte for byte: 17-digit ids as their exact digits.
  expect(seen.form).toEqual(f.form);
  const apiPath = f.path.startsWith('/rest/') ? f.path.slice('/rest'.length) : '';
  expect(seen.query.sign).toBe(expectedSign({ ...seen.query, ...seen.form }, apiPath));
}

describe('AliExpress client against the wire fixtures (raw stub)', () => {
  const stub = new Stub();
  let clock: ManualClock;
  const tokens = (): IopTokens => ({
    accessToken: TOKEN,
    refreshToken: 'rt',
    expiresAt: clock.now() + 30 * 86400_000,
    refreshExpiresAt: clock.now() + 60 * 86400_000,
    obtainedAt: clock.now(),
  });
  const client = (over: Partial<ConstructorParameters<typeof IopClient>[0]> = {}) =>
    new IopClient({
      gatewayUrl: stub.url,
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      tokens: memoryTokenStore(tokens()),
      clock,
      waiter: waiterFor(clock),
      random: () => 0.5,
      retry: { attempts: 2, baseMs: 1, maxMs: 1 },
      ...over,
    });

  beforeAll(() => stub.start());
  afterAll(() => stub.stop());
  beforeEach(() => {
    clock = new ManualClock();
    stub.routes.clear();
    stub.seen = [];
  });

  it('global.seller.relation.query: request as the fixture, ONE_STOP_SERVICE picked with its exact 17-digit channel_seller_id', async () => {
    stub.serve('global.seller.relation.query', fixture('global.seller.relation.query.response.json'));
    const ch = await new AliExpressMarketplace(client()).sellerChannel();
    expectRequest(stub.seen[0]!, 'global.seller.relation.query.request.json', clock);
    expect(ch).toEqual({ channelSellerId: '20000000000000171', channel: 'AE_GLOBAL', businessType: 'ONE_STOP_SERVICE' });
  });

  it('global.seller.relation.query wrapped (simplify=false): seller_relation_list.seller_relation[] reads the same', async () => {
    stub.serve('global.seller.relation.query', fixture('global.seller.relation.query.wrapped.response.json'));
    const ch = await new AliExpressMarketplace(client({ simplify: false })).sellerChannel();
    expect(stub.seen[0]!.query).not.toHaveProperty('simplify');
    expect(ch.channelSellerId).toBe('20000000000000171');
  });

  it('a store with only POP_CHOICE is told this app is for 全托管 and semi-managed stock is set directly', async () => {
    stub.serve('global.seller.relation.query', fixture('global.seller.relation.query.pop-only.response.json'));
    const e = (await new AliExpressMarketplace(client()).sellerChannel().catch((x: unknown) => x)) as ConnectorError;
    expect(e).toBeInstanceOf(ConnectorError);
    expect(e.remote.code).toBe('SemiManagedOnly');
    expect(e.messageZh).toMatch(/全托管/);
    expect(e.messageZh).toMatch(/半托管的库存可以直接在卖家后台设置/);
    expect(e.messageEn).toMatch(/semi-managed stock can be set directly/);
  });

  const relation = () => stub.serve('global.seller.relation.query', fixture('global.seller.relation.query.response.json'));
  const expectedSkus = [
    {
      productId: '1005006285123457',
      productTitle: '纯棉T恤 男款 红色',
      productType: 1,
      productStatus: 'ONLINE',
      skuId: '12000023995222161',
      sellerSku: 'TS-RED-M',
      skuStock: 30,
      skuStatus: 'active',
      bindStatus: 2,
      scItemId: '10000123456789013',
      refuseReason: undefined,
      variation: '颜色:红色;尺码:M',
      productImage: 'https://ae01.alicdn.com/kf/S0001.jpg',
    },
    {
      productId: '1005006285123457',
      productTitle: '纯棉T恤 男款 红色',
      productType: 1,
      productStatus: 'ONLINE',
      skuId: '12000023995222163',
      sellerSku: 'ZX-TS-RED-L',
      skuStock: 7,
      skuStatus: 'inactive',
      bindStatus: 4,
      scItemId: '10000123456789015',
      refuseReason: '该商品正在参加“双11”活动，活动期间不允许解绑',
      variation: '颜色:红色;尺码:L',
      productImage: 'https://ae01.alicdn.com/kf/S0001.jpg',
    },
  ];

  it('aliexpress.choice.products.list: filter in search_condition_do, ids exact, title/product_type/status/DTO read as published', async () => {
    relation();
    stub.serve('aliexpress.choice.products.list', fixture('aliexpress.choice.products.list.response.json'));
    const skus = await new AliExpressMarketplace(client()).listListingSkus({ status: 'ONLINE' });
    expectRequest(stub.seen[1]!, 'aliexpress.choice.products.list.request.json', clock);
    expect(skus).toEqual(expectedSkus);
  });

  it('aliexpress.choice.products.list wrapped (simplify=false): every list an object holding one array, read the same', async () => {
    stub.serve('global.seller.relation.query', fixture('global.seller.relation.query.wrapped.response.json'));
    stub.serve('aliexpress.choice.products.list', fixture('aliexpress.choice.products.list.wrapped.response.json'));
    expect(await new AliExpressMarketplace(client({ simplify: false })).listListingSkus({ status: 'ONLINE' })).toEqual(expectedSkus);
  });

  it('a renamed field fails loudly, naming it (WIRE_SHAPE), and a lossy JSON.parse body is refused at the id', async () => {
    relation();
    // The second SKU's sku_id renamed: the error names the path, in Chinese and English.
    const text = fixture('aliexpress.choice.products.list.response.json').replace(
      '"sku_id": 12000023995222163',
      '"skuId": 12000023995222163',
    );
    stub.serve('aliexpress.choice.products.list', text);
    const e = (await new AliExpressMarketplace(client()).listListingSkus().catch((x: unknown) => x)) as ConnectorError;
    expect(e.remote.code).toBe('WIRE_SHAPE');
    expect(e.code).toBe('PERMANENT');
    expect(e.remote.subCode).toBe('result.product_list[0].search_sku_info_list[1].sku_id');
    expect(e.messageZh).toContain('字段 result.product_list[0].search_sku_info_list[1].sku_id');
    expect(e.messageEn).toContain('field result.product_list[0].search_sku_info_list[1].sku_id');
    // The goods DTO renamed or gone on every SKU: the bind state is unknown, not "unbound", and the read fails by the field.
    stub.serve(
      'aliexpress.choice.products.list',
      fixture('aliexpress.choice.products.list.response.json').replaceAll('"product_sku_sc_item_info_dto"', '"sc_item_info"'),
    );
    const d = (await new AliExpressMarketplace(client()).listListingSkus().catch((x: unknown) => x)) as ConnectorError;
    expect(d.remote).toMatchObject({
      code: 'WIRE_SHAPE',
      subCode: 'result.product_list[0].search_sku_info_list[0].product_sku_sc_item_info_dto',
    });
    // JSON.parse has already turned 12000023995222161 into its neighbour; the schema will not take a JS number for an id.
    const lossy = JSON.parse(fixture('aliexpress.choice.products.list.response.json')) as {
      result: { product_list: { search_sku_info_list: { sku_id: number }[] }[] };
    };
    expect(String(lossy.result.product_list[0]!.search_sku_info_list[0]!.sku_id)).toBe('12000023995222160');
    const r = AE_RESPONSE_SCHEMAS['aliexpress.choice.products.list'].safeParse(lossy);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toMatch(/JS number/);
  });

  it('fields the SDK holds as nullable may be left out: a SKU without its goods is set aside (its state unknown), one without 商家编码, stock or status is listed', async () => {
    relation();
    const text = fixture('aliexpress.choice.products.list.response.json')
      // The first SKU without its goods (and so without a bind state).
      .replace(/"product_sku_sc_item_info_dto": \{\s*"sc_item_id": 10000123456789013,[^}]*\}/, '"supply_price": "12.50"')
      // The second without seller_sku, sku_stock and status (the SDK's JSON writer drops nulls).
      .replace('"seller_sku": "ZX-TS-RED-L",', '')
      .replace('"sku_stock": 7,', '')
      .replace('"status": "inactive",', '');
    expect(text).not.toContain('10000123456789013');
    stub.serve('aliexpress.choice.products.list', text);
    const withoutGoods: { productId: string; skuId: string }[] = [];
    const skus = await new AliExpressMarketplace(client()).listListingSkus({ onWithoutGoods: (s) => withoutGoods.push(s) });
    expect(withoutGoods).toEqual([{ productId: '1005006285123457', skuId: '12000023995222161' }]);
    expect(skus).toHaveLength(1);
    expect(skus[0]).toMatchObject({ skuId: '12000023995222163', sellerSku: '', skuStatus: '', bindStatus: 4 });
    expect(skus[0]!.skuStock).toBeUndefined();
    // Its state asked before a send: unknown, retried later, never read as unbound.
    const q = (await new AliExpressMarketplace(client())
      .queryBind({ itemId: '1005006285123457', skuId: '12000023995222161', scItemId: '10000123456789013' })
      .catch((e: unknown) => e)) as ConnectorError;
    expect(q).toBeInstanceOf(ConnectorError);
    expect(q.code).toBe('TRANSIENT');
    expect(q.remote.code).toBe('SC_ITEM_MISSING');
  });

  it('a page without total_count (a nullable Long) is not taken as the whole catalogue: pages are read until an empty one', async () => {
    relation();
    const noTotals = (t: string) => t.replace('"total_count": 1,', '').replace('"total_page": 1,', '');
    const page1 = noTotals(fixture('aliexpress.choice.products.list.response.json'));
    // Page 2 holds another product (the first one's ids moved on by one), page 3 is empty.
    const page2 = page1.replaceAll('1005006285123457', '1005006285123458').replaceAll('1200002399522216', '1200002399522217');
    const empty = JSON.stringify({ result: { success: true, page_size: 20, current_page: 3, product_list: [] } });
    stub.serve('aliexpress.choice.products.list', page1, page2, empty);
    const pages: number[] = [];
    const skus = await new AliExpressMarketplace(client()).listListingSkus({ onPage: (p) => pages.push(p) });
    expect(skus.map((s) => s.productId)).toEqual(['1005006285123457', '1005006285123457', '1005006285123458', '1005006285123458']);
    expect(pages).toEqual([1, 2, 3]);
    expect(stub.seen.filter((r) => r.query.method === 'aliexpress.choice.products.list').map((r) => r.form.current_page)).toEqual([
      '1',
      '2',
      '3',
    ]);
  });

  it('products.list business error: result.error_code / error_msg (its own field names)', async () => {
    relation();
    stub.serve('aliexpress.choice.products.list', fixture('aliexpress.choice.products.list.error.response.json'));
    const e = (await new AliExpressMarketplace(client()).listListingSkus().catch((x: unknown) => x)) as ConnectorError;
    expect(e.remote).toMatchObject({ code: 'CHANNEL_SELLER_NOT_MATCH', requestId: '2101e3a917000000000001241' });
    expect(e.messageZh).toContain('渠道卖家与当前授权账号不匹配');
  });

  const ref = { itemId: '1005006285123457', skuId: '12000023995222161', scItemId: '10000123456789013' };

  it('aliexpress.ascp.item.unBind: one param0 with exact ids, then the state read again from products.list by product_id', async () => {
    relation();
    stub.serve('aliexpress.ascp.item.unBind', fixture('aliexpress.ascp.item.unBind.response.json'));
    // After the unbind the platform shows the second SKU refused; the first is what was asked.
    stub.serve('aliexpress.choice.products.list', fixture('aliexpress.choice.products.list.response.json'));
    const market = new AliExpressMarketplace(client());
    const r = await market.unbind(ref);
    const calls = stub.seen.map((s) => s.query.method);
    expect(calls).toEqual(['global.seller.relation.query', 'aliexpress.ascp.item.unBind', 'aliexpress.choice.products.list']);
    expectRequest(stub.seen[1]!, 'aliexpress.ascp.item.unBind.request.json', clock);
    expectRequest(stub.seen[2]!, 'aliexpress.choice.products.list.by-product.request.json', clock);
    expect(r).toMatchObject({ bindStatus: 2, message: '解绑申请已提交，等待审核', requestId: '2101e3a917000000000001250' });
    // The refused SKU's reason comes back with its state.
    const refused = await market.queryBind({ ...ref, skuId: '12000023995222163', scItemId: '10000123456789015' });
    expect(refused).toEqual({
      bindStatus: 4,
      refuseReason: '该商品正在参加“双11”活动，活动期间不允许解绑',
      message: '该商品正在参加“双11”活动，活动期间不允许解绑',
    });
  });

  it('aliexpress.ascp.item.bind: param0 as the fixture; wrapped answer read; err_code / err_message refusal', async () => {
    stub.serve('global.seller.relation.query', fixture('global.seller.relation.query.wrapped.response.json'));
    stub.serve('aliexpress.ascp.item.bind', fixture('aliexpress.ascp.item.bind.wrapped.response.json'));
    stub.serve('aliexpress.choice.products.list', fixture('aliexpress.choice.products.list.wrapped.response.json'));
    const market = new AliExpressMarketplace(client({ simplify: false }));
    expect(await market.bind(ref)).toMatchObject({ bindStatus: 2, message: 'true' });
    const f = requestFixture('aliexpress.ascp.item.bind.request.json');
    expect(stub.seen[1]!.form).toEqual(f.form);
    stub.serve('aliexpress.ascp.item.bind', fixture('aliexpress.ascp.item.bind.error.response.json'));
    const e = (await market.bind(ref).catch((x: unknown) => x)) as ConnectorError;
    expect(e.code).toBe('PERMANENT');
    expect(e.remote.code).toBe('SC_ITEM_NOT_MATCH');
    expect(e.messageZh).toContain('货品与商品SKU不匹配');
  });

  it('a write is sent once: on a 5xx or dropped answer the client throws for the caller to read the state, while a read is retried', async () => {
    relation();
    stub.serve('aliexpress.ascp.item.unBind', '');
    const market = new AliExpressMarketplace(client({ retry: { attempts: 4, baseMs: 1, maxMs: 1 } }));
    // An empty 404 reply stands for a failed gateway: no usable body.
    const e = (await market.unbind(ref).catch((x: unknown) => x)) as ConnectorError;
    expect(e).toBeInstanceOf(ConnectorError);
    expect(stub.seen.filter((s) => s.query.method === 'aliexpress.ascp.item.unBind')).toHaveLength(1);
    stub.serve('aliexpress.choice.products.list', '', fixture('aliexpress.choice.products.list.response.json'));
    await market.listListingSkus();
    expect(stub.seen.filter((s) => s.query.method === 'aliexpress.choice.products.list')).toHaveLength(2);
  });

  it('error_response: MissingParameter stops with its code and sub_msg; IllegalAccessToken refreshes once, then asks to authorise again', async () => {
    stub.serve('global.seller.relation.query', fixture('error_response.MissingParameter.json'));
    const m = (await client()
      .call('global.seller.relation.query')
      .catch((x: unknown) => x)) as ConnectorError;
    expect(m.code).toBe('PERMANENT');
    expect(m.remote).toMatchObject({ code: 'MissingParameter', subCode: 'isv.missing-parameter', requestId: '2101e3a917000000000001261' });
    expect(m.messageZh).toContain('缺少必填参数 param0');

    stub.serve('global.seller.relation.query', fixture('error_response.IllegalAccessToken.json'));
    stub.serve('/rest/auth/token/refresh', fixture('auth.token.create.response.json'));
    const a = (await client()
      .call('global.seller.relation.query')
      .catch((x: unknown) => x)) as ConnectorError;
    expect(a.code).toBe('AUTH');
    expect(stub.seen.map((s) => s.query.method ?? s.path)).toEqual([
      'global.seller.relation.query',
      'global.seller.relation.query',
      '/rest/auth/token/refresh',
      'global.seller.relation.query',
    ]);
    expect(a.messageZh).toContain('重新授权');
  });

  it('/rest/auth/token/create: common parameters in the query, code in the form, the path signed; tokens and seller id read', async () => {
    stub.serve('/rest/auth/token/create', fixture('auth.token.create.response.json'));
    const store = memoryTokenStore();
    const t = await client({ tokens: store }).createToken('3_500102_JxZ05Ux3cnnSSUm6dCxYg6Q26');
    expectRequest(stub.seen[0]!, 'auth.token.create.request.json', clock);
    expect(t).toMatchObject({
      accessToken: TOKEN,
      expiresAt: 1765324800000,
      refreshExpiresAt: 1765411200000,
      sellerId: '2000123456',
      account: 'seller@example.com',
    });
    expect(store.load()?.refreshToken).toBe('500016000300bwa2WteaQyfwBMnPxurcA0mXGhQdTt18356663CfcDTYpWoi');
  });

  it('/rest/auth/token/refresh: sent as its fixture (refresh_token in the form, the path signed) when the token nears expiry; the new tokens stored', async () => {
    stub.serve('/rest/auth/token/refresh', fixture('auth.token.refresh.response.json'));
    // A 1-day token in its last tenth: refreshed before the call.
    const store = memoryTokenStore({
      accessToken: TOKEN,
      refreshToken: '500016000300bwa2WteaQyfwBMnPxurcA0mXGhQdTt18356663CfcDTYpWoi',
      expiresAt: clock.now() + 3600_000,
      refreshExpiresAt: clock.now() + 86400_000,
      obtainedAt: clock.now() - 23 * 3600_000,
    });
    const token = await client({ tokens: store }).accessToken();
    expect(stub.seen).toHaveLength(1);
    expectRequest(stub.seen[0]!, 'auth.token.refresh.request.json', clock);
    expect(token).toBe('50000601d40btqfegv4MWwjl98Jymtwf4nTpC8812dfc267gQvoZA54HCh');
    expect(store.load()).toMatchObject({
      refreshToken: '500016000300cxb3XufbRzgxCNoQyvsdB1nYHiRePu29467774DgdEUZqXpj',
      expiresAt: 1765411200000,
      refreshExpiresAt: 1765497600000,
    });
  });

  it('/rest error body {type, code, message, request_id}: the token call fails with its code and request id, nothing stored', async () => {
    stub.serve('/rest/auth/token/create', fixture('rest.error.InvalidCode.json'));
    const store = memoryTokenStore();
    const e = (await client({ tokens: store })
      .createToken('3_500102_expired')
      .catch((x: unknown) => x)) as ConnectorError;
    expect(e).toBeInstanceOf(ConnectorError);
    expect(e.remote).toMatchObject({ code: 'InvalidCode', requestId: '2101e3a917000000000001272' });
    expect(e.messageZh).toContain('InvalidCode');
    expect(stub.seen).toHaveLength(1); // a refused code is not retried
    expect(store.load()).toBeNull();
  });

  it('aliexpress.ascp.item.unBind business error: err_code / err_message, refused without a state change', async () => {
    relation();
    stub.serve('aliexpress.ascp.item.unBind', fixture('aliexpress.ascp.item.unBind.error.response.json'));
    const e = (await new AliExpressMarketplace(client()).unbind(ref).catch((x: unknown) => x)) as ConnectorError;
    expect(e).toBeInstanceOf(ConnectorError);
    expect(e.code).toBe('PERMANENT');
    expect(e.remote).toMatchObject({ code: 'SC_ITEM_RELATION_NOT_EXIST', requestId: '2101e3a917000000000001253' });
    expect(e.messageZh).toContain('货品与商品SKU的绑定关系不存在');
    expect(stub.seen.map((x) => x.query.method)).toEqual(['global.seller.relation.query', 'aliexpress.ascp.item.unBind']);
  });

  it('a token answer with no expire_time / expires_in is given a conservative one-day lifetime (logged), not refreshed on every call', async () => {
    const body = JSON.parse(fixture('auth.token.create.response.json')) as Record<string, unknown>;
    for (const k of ['expire_time', 'expires_in', 'refresh_token_valid_time', 'refresh_expires_in']) delete body[k];
    stub.serve('/rest/auth/token/create', JSON.stringify(body));
    relation();
    const warned: [string, unknown][] = [];
    const log = { debug() {}, info() {}, warn: (m: string, d?: unknown) => void warned.push([m, d]), error() {} };
    const store = memoryTokenStore();
    const c = client({ tokens: store, log });
    const t = await c.createToken('3_500102_JxZ05Ux3cnnSSUm6dCxYg6Q26');
    // A test app's access token lives a day and its refresh token two: the shortest published.
    expect(t.expiresAt).toBe(clock.now() + 86400_000);
    expect(t.refreshExpiresAt).toBe(clock.now() + 2 * 86400_000);
    expect(warned.map(([m]) => m)).toEqual([expect.stringContaining('no expiry')]);
    for (let h = 0; h < 20; h += 4) {
      clock.advance(4 * 3600_000);
      await c.call('global.seller.relation.query');
    }
    expect(stub.seen.filter((x) => x.path === '/rest/auth/token/refresh')).toEqual([]);
  });

  it('empty values are neither sent nor signed', async () => {
    stub.serve('aliexpress.choice.products.list', fixture('aliexpress.choice.products.list.response.json'));
    await client().call('aliexpress.choice.products.list', {
      channel_seller_id: '20000000000000171',
      channel: 'AE_GLOBAL',
      current_page: 1,
      page_size: 20,
      version: '',
      leaf: '  ',
      x: undefined,
      y: null,
    });
    expect(stub.seen[0]!.form).toEqual({
      channel_seller_id: '20000000000000171',
      channel: 'AE_GLOBAL',
      current_page: '1',
      page_size: '20',
    });
    expect(stub.seen[0]!.query.sign).toBe(expectedSign({ ...stub.seen[0]!.query, ...stub.seen[0]!.form }));
  });
});

describe('the connection test and the probe on a products.list business error (result.success false)', () => {
  const stub = new Stub();
  beforeAll(() => stub.start());
  afterAll(() => stub.stop());

  it('connect.test fails the listings step with error_code / error_msg, not "共 0 个"; the probe marks the call failed with the same', async () => {
    // A day before the fixture token's expire_time, so it is used as it is.
    const clock = new ManualClock(Date.UTC(2025, 11, 9, 0, 0, 0));
    const dataDir = mkdtempSync(join(tmpdir(), 'ae-biz-'));
    const app = createApp({ dataDir, host: 'cli', clock, log: silentLogger });
    try {
      stub.serve('/rest/auth/token/create', fixture('auth.token.create.response.json'));
      stub.serve('global.seller.relation.query', fixture('global.seller.relation.query.response.json'));
      stub.serve('aliexpress.choice.products.list', fixture('aliexpress.choice.products.list.error.response.json'));
      await call(app, 'connect.saveAliExpress', { appKey: APP_KEY, appSecret: APP_SECRET, gatewayUrl: stub.url });
      await call(app, 'connect.exchangeCode', { code: '3_500102_JxZ05Ux3cnnSSUm6dCxYg6Q26' });

      const report = await call(app, 'connect.test', {});
      expect(report.aliexpress.ok).toBe(false);
      expect(report.aliexpress.listingCount).toBeNull();
      const listings = report.aliexpress.checks.find((c) => c.step === 'listings');
      expect(listings).toMatchObject({ ok: false, remoteCode: 'CHANNEL_SELLER_NOT_MATCH' });
      expect(listings?.message).toContain('渠道卖家与当前授权账号不匹配');
      expect(listings?.message).not.toContain('共 0 个');

      const probe = await call(app, 'connect.probe', {});
      const list = probe.calls.find((c) => c.call === 'aliexpress.choice.products.list');
      expect(list).toMatchObject({ outcome: 'failed', remoteCode: 'CHANNEL_SELLER_NOT_MATCH' });
      expect(list?.message).toContain('CHANNEL_SELLER_NOT_MATCH');
      expect(list?.message).toContain('渠道卖家与当前授权账号不匹配');
      expect(probe.ok).toBe(false);
      expect(probe.calls.find((c) => c.call === 'global.seller.relation.query')?.outcome).toBe('answered');
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the simulator answers in the same schemas, in both simplify shapes', () => {
  let clock: ManualClock;
  let sim: AliExpressSimulator;
  beforeEach(async () => {
    clock = new ManualClock();
    sim = await new AliExpressSimulator({
      clock,
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      seller: { sellerId: '2000123456', account: 'seller@example.com', channelSellerId: '20000000000000171', channel: 'AE_GLOBAL' },
      products: [
        {
          productId: '1005006285123457',
          title: '纯棉T恤 男款 红色',
          productType: '1',
          productStatus: 'ONLINE',
          skus: [{ skuId: '12000023995222161', sellerSku: 'TS-RED-M', skuStock: 30, bindStatus: 2, scItemId: '10000123456789013' }],
        },
      ],
      reviewMode: 'refuse',
      reviewMs: 60_000,
    }).start();
  });
  afterEach(() => sim.stop());

  for (const simplify of [true, false]) {
    it(`simplify=${simplify}: relation, products.list, unBind, item.query parse through their schemas; ids exact`, async () => {
      const c = new IopClient({
        gatewayUrl: sim.url,
        appKey: APP_KEY,
        appSecret: APP_SECRET,
        tokens: memoryTokenStore(),
        clock,
        waiter: waiterFor(clock),
        simplify,
      });
      await c.createToken(sim.issueCode());
      const check = async (method: keyof typeof AE_RESPONSE_SCHEMAS, params: Record<string, string> = {}) => {
        const raw = await c.callRaw(method, params);
        const key = `${method.replace(/\./g, '_')}_response`;
        expect(Object.keys(raw as object).includes(key), `${method} wrapped`).toBe(!simplify);
        const r = AE_RESPONSE_SCHEMAS[method].safeParse(unwrapResponse(method, raw));
        expect(r.error?.issues ?? [], method).toEqual([]);
        return r.data as Record<string, unknown>;
      };
      const rel = await check('global.seller.relation.query');
      expect(JSON.stringify(rel)).toContain('"channel_seller_id":"20000000000000171"');
      const base = { channel_seller_id: '20000000000000171', channel: 'AE_GLOBAL', current_page: '1', page_size: '20' };
      const list = await check('aliexpress.choice.products.list', base);
      expect(JSON.stringify(list)).toContain('"sku_id":"12000023995222161"');
      const param0 =
        '{"item_id":1005006285123457,"sku_id":12000023995222161,"sc_item_id":10000123456789013,"channel_seller_id":20000000000000171,"channel":"AE_GLOBAL"}';
      expect(await check('aliexpress.ascp.item.unBind', { param0 })).toMatchObject({ result: { success: true } });
      clock.advance(61_000);
      const after = await check('aliexpress.choice.products.list', { ...base, search_condition_do: '{"product_id":1005006285123457}' });
      expect(JSON.stringify(after)).toContain('"bind_status":4');
      expect(JSON.stringify(after)).toContain('"unbind_refuse_reason":"该商品正在参加平台活动');
      await check('aliexpress.ascp.item.query', {
        sc_item_query: '{"sc_item_id":10000123456789013,"channel":"AE_GLOBAL","biz_type":5110000}',
      });
      // A rounded id (what a JS number makes of it) finds nothing: the simulator reads ids exactly.
      const rounded = await check('aliexpress.ascp.item.bind', { param0: param0.replace('12000023995222161', '12000023995222160') });
      expect(rounded).toMatchObject({ result: { success: false, err_code: 'SKU_NOT_FOUND' } });
    });
  }
});
