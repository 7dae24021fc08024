import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/core/platform/clock';
import { waiterFor } from '../../../src-main/core/connectors/wait';
import { IopClient, memoryTokenStore, type TokenStore } from '../../../src-main/core/connectors/aliexpress/client';
import { signIop } from '../../../src-main/core/connectors/aliexpress/sign';
import { AliExpressMarketplace } from '../../../src-main/core/connectors/aliexpress/marketplace';
import { AliExpressSimulator, type SimProduct } from '../../../src-main/core/connectors/aliexpress/simulator';
import { ConnectorError } from '../../../src-main/core/connectors/retry';
import { unwrapResponse } from '../../../src-main/core/connectors/aliexpress/schemas';
import { parseWire } from '../../../src-main/core/connectors/aliexpress/json';
import { storeListingSkus } from '../../../src-main/core/stock/listings';
import { listingPage } from '../../../src-main/core/stock/listingQuery';
import { withApp } from '../../helpers/tempApp';

const APP_KEY = '30771234';
const APP_SECRET = 'aeSecret-0123456789abcdef';

function products(n: number): SimProduct[] {
  return Array.from({ length: n }, (_, i) => ({
    productId: String(1005000000 + i),
    title: `商品 ${i}`,
    productType: i % 7 === 0 ? ('1' as const) : ('0' as const),
    productStatus: i % 5 === 0 ? 'OFFLINE' : 'ONLINE',
    skus: [
      { skuId: `1${i}01`, sellerSku: `SKU-${i}-A`, skuStock: 10, bindStatus: 2 as const, scItemId: `77${i}01` },
      { skuId: `1${i}02`, sellerSku: `SKU-${i}-B`, skuStock: 0, status: 'inactive' as const, bindStatus: 2 as const, scItemId: `77${i}02` },
    ],
  }));
}

async function authorise(client: IopClient): Promise<void> {
  const url = client.authorizeUrl('http://127.0.0.1:9/callback', 'st8');
  const res = await fetch(url, { redirect: 'manual' });
  const loc = new URL(res.headers.get('location')!);
  expect(loc.searchParams.get('state')).toBe('st8');
  await client.createToken(loc.searchParams.get('code')!);
}

describe('AliExpress IOP client against the simulator over 127.0.0.1', () => {
  let clock: ManualClock;
  let sim: AliExpressSimulator;
  let tokens: TokenStore;
  let client: IopClient;
  let market: AliExpressMarketplace;

  const makeClient = (over: Partial<ConstructorParameters<typeof IopClient>[0]> = {}) =>
    new IopClient({
      gatewayUrl: sim.url,
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      tokens,
      clock,
      waiter: waiterFor(clock),
      random: () => 0.5,
      ...over,
    });

  beforeEach(async () => {
    clock = new ManualClock();
    sim = await new AliExpressSimulator({
      clock,
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      products: products(45),
      accessTtlMs: 2 * 3600_000,
      refreshTtlMs: 48 * 3600_000,
      reviewMs: 30 * 60_000,
    }).start();
    tokens = memoryTokenStore();
    client = makeClient({ refreshMarginMs: 3600_000 });
    market = new AliExpressMarketplace(client);
  });
  afterEach(async () => {
    await sim.stop();
  });

  it('signs exactly as published: hand-built vector matches, and the simulator accepts the client', async () => {
    const params = {
      app_key: '12345678',
      timestamp: '1700000000000',
      sign_method: 'sha256',
      method: 'aliexpress.ascp.item.query',
      session: 'tok',
      v: '2.0',
      format: 'json',
      item_id: '100',
    };
    // Sorted by key in ASCII order by hand: app_key, format, item_id, method, session, sign_method, timestamp, v.
    const base = 'app_key12345678formatjsonitem_id100methodaliexpress.ascp.item.querysessiontoksign_methodsha256timestamp1700000000000v2.0';
    const expected = createHmac('sha256', 'helloworld').update(base).digest('hex').toUpperCase();
    expect(signIop({ ...params, sign: 'ignored' }, 'helloworld')).toBe(expected);
    expect(expected).toMatch(/^[0-9A-F]{64}$/);
    // /rest system calls put the API path in front.
    const rest = createHmac('sha256', 'helloworld')
      .update('/auth/token/createapp_key12345678codeabcsign_methodsha256timestamp1700000000000')
      .digest('hex')
      .toUpperCase();
    expect(
      signIop({ app_key: '12345678', timestamp: '1700000000000', sign_method: 'sha256', code: 'abc' }, 'helloworld', '/auth/token/create'),
    ).toBe(rest);

    await authorise(client);
    expect((await market.sellerChannel()).channelSellerId).toBe(sim.seller.channelSellerId);

    const wrong = makeClient({ appSecret: 'not-the-secret' });
    await authorise(client); // fresh tokens in the shared store
    const err = await wrong.call('global.seller.relation.query').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConnectorError);
    expect((err as ConnectorError).code).toBe('PERMANENT');
    expect((err as ConnectorError).remote.code).toBe('IncompleteSignature');
    expect((err as ConnectorError).messageZh).toContain('App Secret');
  });

  it('finds the fully-managed channel among the seller relations', async () => {
    await authorise(client);
    const ch = await market.sellerChannel();
    expect(ch).toEqual({ channelSellerId: sim.seller.channelSellerId, channel: sim.seller.channel, businessType: 'ONE_STOP_SERVICE' });
  });

  it('reads every page, 20 products a page, with and without a status filter', async () => {
    await authorise(client);
    const pages: number[] = [];
    const all = await market.listListingSkus({ onPage: (p) => pages.push(p) });
    expect(all).toHaveLength(90);
    expect(pages).toEqual([1, 2, 3]);
    expect(sim.calls.filter((c) => c.method === 'aliexpress.choice.products.list')).toHaveLength(3);
    expect(new Set(all.map((s) => s.skuId)).size).toBe(90);
    // The SKU's own status and the product type are read as the wire has them.
    expect(all.find((s) => s.skuId === '1702')).toMatchObject({ productType: 1, skuStatus: 'inactive', sellerSku: 'SKU-7-B' });
    expect(all.find((s) => s.skuId === '1101')).toMatchObject({ productType: 0, skuStatus: 'active', productTitle: '商品 1' });
    const offline = await market.listListingSkus({ status: 'OFFLINE' });
    expect(offline).toHaveLength(2 * 9);
    expect(offline.every((s) => s.productStatus === 'OFFLINE')).toBe(true);
    // The filter travels as the JSON search_condition_do, never as a top-level parameter; 20 a page.
    const last = sim.calls.filter((c) => c.method === 'aliexpress.choice.products.list').at(-1)!.params;
    expect(JSON.parse(last.search_condition_do!)).toEqual({ product_status: 'OFFLINE' });
    expect(last).toMatchObject({ page_size: '20', channel_seller_id: sim.seller.channelSellerId, channel: 'AE_GLOBAL', simplify: 'true' });
    expect(last).not.toHaveProperty('product_status');
  });

  it('survives a short page and a duplicated page by asking again, never returning a partial list', async () => {
    await authorise(client);
    sim.inject({ kind: 'shortPage' }, { call: 'aliexpress.choice.products.list' });
    expect(await market.listListingSkus()).toHaveLength(90);
    sim.inject({ kind: 'duplicatePage' }, { times: 1 });
    const again = await market.listListingSkus();
    expect(again).toHaveLength(90);
    sim.inject({ kind: 'shortPage' }, { times: 2 });
    const err = await market.listListingSkus().catch((e: unknown) => e);
    expect((err as ConnectorError).code).toBe('TRANSIENT');
  });

  it('refreshes the token before expiry (margin capped at a tenth of its lifetime) and asks to authorise again when it cannot', async () => {
    await authorise(client);
    const first = tokens.load()!;
    await market.sellerChannel();
    expect(sim.calls.some((c) => c.method === '/rest/auth/token/refresh')).toBe(false);
    // The configured 1 h margin is more than a tenth of this 2 h token: 12 minutes it is.
    expect(client.refreshMarginFor(first)).toBe(12 * 60_000);
    clock.advance(61 * 60_000);
    await client.call('global.seller.relation.query');
    expect(sim.calls.filter((c) => c.method === '/rest/auth/token/refresh')).toHaveLength(0);
    clock.advance(48 * 60_000); // 109 min: within 12 min of expiry
    await client.call('global.seller.relation.query');
    expect(sim.calls.filter((c) => c.method === '/rest/auth/token/refresh')).toHaveLength(1);
    const second = tokens.load()!;
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.expiresAt).toBe(clock.now() + 2 * 3600_000);

    // A token revoked early: one refresh, then the call goes through.
    sim.expireAccessTokens();
    await client.call('global.seller.relation.query');
    expect(sim.calls.filter((c) => c.method === '/rest/auth/token/refresh')).toHaveLength(2);

    // Both tokens dead: the seller must authorise again.
    clock.advance(49 * 3600_000);
    const err = await client.call('global.seller.relation.query').catch((e: unknown) => e);
    expect((err as ConnectorError).code).toBe('AUTH');
    expect((err as ConnectorError).messageZh).toContain('重新授权');
  });

  it('maps every kind of failure: rate limit and transient retried, auth and permanent stop', async () => {
    await authorise(client);
    await market.sellerChannel();
    const n = () => sim.calls.filter((c) => c.method === 'global.seller.relation.query').length;
    const before = n();
    sim.inject({ kind: 'rateLimit' }, { call: 'global.seller.relation.query' });
    sim.inject({ kind: 'http5xx', status: 503 }, { call: 'global.seller.relation.query' });
    sim.inject({ kind: 'drop' }, { call: 'global.seller.relation.query' });
    await client.call('global.seller.relation.query');
    expect(n() - before).toBe(4); // three failures, then success

    sim.inject({ kind: 'code', code: 'isp.ServiceUnavailable' }, { times: 10 });
    const t = await client.call('global.seller.relation.query').catch((e: unknown) => e);
    expect((t as ConnectorError).code).toBe('TRANSIENT');
    sim.faults.clear();

    // A business refusal arrives in result.err_code / err_message (bind/unBind's own field names).
    const p = await market.bind({ itemId: '1005000001', skuId: '1101', scItemId: '999999' }).catch((e: unknown) => e);
    expect((p as ConnectorError).code).toBe('PERMANENT');
    expect((p as ConnectorError).remote.code).toBe('SC_ITEM_NOT_MATCH');
    expect((p as ConnectorError).messageZh).toContain('不是SKU 1101 的货品');

    const bad = new IopClient({
      gatewayUrl: sim.url,
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      tokens: memoryTokenStore({
        accessToken: 'forged',
        refreshToken: 'forged',
        expiresAt: clock.now() + 86400_000 * 10,
        refreshExpiresAt: clock.now() + 86400_000 * 10,
        obtainedAt: clock.now(),
      }),
      clock,
      waiter: waiterFor(clock),
    });
    const a = await bad.call('global.seller.relation.query').catch((e: unknown) => e);
    expect((a as ConnectorError).code).toBe('AUTH');

    const unreachable = new IopClient({
      gatewayUrl: 'http://127.0.0.1:9',
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      tokens,
      clock,
      waiter: waiterFor(clock),
      retry: { attempts: 2 },
    });
    const u = await unreachable.call('global.seller.relation.query').catch((e: unknown) => e);
    expect((u as ConnectorError).code).toBe('TRANSIENT');
  });

  it('models all four bind states: unbind at once, review then success, review then refused', async () => {
    await authorise(client);
    const ref = (i: number) => ({ itemId: String(1005000000 + i), skuId: `1${i}01`, scItemId: `77${i}01` });

    sim.setReviewMode('instant');
    await market.sellerChannel();
    const before = sim.calls.length;
    expect((await market.unbind(ref(1))).bindStatus).toBe(1);
    // unBind answers no bind status: the state is read again from products.list by product_id.
    const after = sim.calls.slice(before).map((c) => c.method);
    expect(after).toEqual(['aliexpress.ascp.item.unBind', 'aliexpress.choice.products.list']);
    expect(JSON.parse(sim.calls.at(-1)!.params.search_condition_do!)).toEqual({ product_id: 1005000001 });
    expect((await market.bind(ref(1))).bindStatus).toBe(2);

    sim.setReviewMode('review');
    expect((await market.unbind(ref(2))).bindStatus).toBe(3);
    expect((await market.queryBind(ref(2))).bindStatus).toBe(3);
    clock.advance(30 * 60_000);
    expect((await market.queryBind(ref(2))).bindStatus).toBe(1);

    sim.setReviewMode('refuse');
    expect((await market.unbind(ref(3))).bindStatus).toBe(3);
    const during = await market.bind(ref(3)).catch((e: unknown) => e);
    expect((during as ConnectorError).remote.code).toBe('UNBIND_IN_REVIEW');
    clock.advance(30 * 60_000);
    // Refused: the platform's reason comes back with the state, in its own (Chinese) words.
    const refused = await market.queryBind(ref(3));
    expect(refused).toMatchObject({ bindStatus: 4, refuseReason: '该商品正在参加平台活动，活动期间不允许解绑，请活动结束后再申请' });
    expect(refused.message).toBe(refused.refuseReason);
    expect(sim.bindState(ref(3).itemId, ref(3).skuId)).toBe(4);
    expect((await market.listListingSkus()).find((s) => s.skuId === '1301')?.refuseReason).toBe(refused.refuseReason);
    // A refused unbind leaves the SKU bound in effect; it can be bound again explicitly.
    expect((await market.bind(ref(3))).bindStatus).toBe(2);

    const listed = await market.listListingSkus();
    expect(listed.find((s) => s.skuId === '1201')?.bindStatus).toBe(1);
  });

  it('keeps calls under the per-second budget', async () => {
    const slow = makeClient({ callsPerSecond: 2, refreshMarginMs: 60_000 });
    await authorise(slow);
    const start = sim.calls.length;
    await Promise.all(Array.from({ length: 8 }, () => slow.call('global.seller.relation.query')));
    const times = sim.calls.slice(start).map((c) => c.at);
    expect(times).toHaveLength(8);
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 1000).length).toBeLessThanOrEqual(2);
  });
});

describe('the simulator refuses what the real gateway refuses, with its error bodies', () => {
  let clock: ManualClock;
  let sim: AliExpressSimulator;
  let session: string;
  beforeEach(async () => {
    clock = new ManualClock();
    sim = await new AliExpressSimulator({ clock, appKey: APP_KEY, appSecret: APP_SECRET, products: products(2) }).start();
    const tokens = memoryTokenStore();
    await new IopClient({
      gatewayUrl: sim.url,
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      tokens,
      clock,
      waiter: waiterFor(clock),
    }).createToken(sim.issueCode());
    session = tokens.load()!.accessToken;
  });
  afterEach(() => sim.stop());

  /** A raw request signed by the test's own code; `signEmpty` also signs empty values, as the SDK never does. */
  async function raw(method: string, form: Record<string, string>, opts: { signEmpty?: boolean; secret?: string; session?: string } = {}) {
    const query: Record<string, string> = {
      method,
      app_key: APP_KEY,
      timestamp: String(clock.now()),
      sign_method: 'sha256',
      session: opts.session ?? session,
      v: '2.0',
      format: 'json',
      simplify: 'true',
    };
    const all = { ...query, ...form };
    const keys = Object.keys(all)
      .filter((k) => opts.signEmpty || all[k] !== '')
      .sort();
    query.sign = createHmac('sha256', opts.secret ?? APP_SECRET)
      .update(keys.map((k) => k + all[k]).join(''))
      .digest('hex')
      .toUpperCase();
    const res = await fetch(`${sim.url}/sync?${new URLSearchParams(query).toString()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    const body = parseWire(await res.text()) as Record<string, Record<string, unknown>>;
    return body.error_response ?? unwrapResponse(method, body);
  }
  const ch = { channel_seller_id: '6001234567', channel: 'AE_GLOBAL' };
  const param0 = JSON.stringify({
    item_id: 1005000001,
    sku_id: 1101,
    sc_item_id: 77101,
    ...{ channel_seller_id: 6001234567 },
    channel: 'AE_GLOBAL',
  });

  it('bind/unBind without param0, or with a malformed one', async () => {
    expect(await raw('aliexpress.ascp.item.unBind', {})).toMatchObject({
      type: 'ISV',
      code: 'MissingParameter',
      msg: expect.stringContaining('param0'),
    });
    expect(await raw('aliexpress.ascp.item.bind', { param0: '{item_id:1' })).toMatchObject({ code: 'InvalidParameter' });
    expect(
      await raw('aliexpress.ascp.item.bind', { param0: JSON.stringify({ item_id: 1005000001, sku_id: 1101, channel: 'AE_GLOBAL' }) }),
    ).toMatchObject({ code: 'InvalidParameter', msg: expect.stringContaining('sc_item_id') });
    // The old invented shape (ids as top-level parameters) is not the API.
    expect(await raw('aliexpress.ascp.item.unBind', { item_id: '1005000001', sku_id: '1101', sc_item_id: '77101', ...ch })).toMatchObject({
      code: 'MissingParameter',
    });
    expect(await raw('aliexpress.ascp.item.unBind', { param0 })).toMatchObject({ result: { success: true } });
  });

  it('a missing required parameter, a filter outside search_condition_do, a page over 20', async () => {
    expect(await raw('aliexpress.choice.products.list', { channel: 'AE_GLOBAL' })).toMatchObject({
      code: 'MissingParameter',
      msg: expect.stringContaining('channel_seller_id'),
    });
    expect(await raw('aliexpress.choice.products.list', { ...ch, product_status: 'ONLINE' })).toMatchObject({ code: 'InvalidParameter' });
    expect(await raw('aliexpress.choice.products.list', { ...ch, page_size: '50' })).toMatchObject({ code: 'InvalidParameter' });
    expect(
      await raw('aliexpress.choice.products.list', { ...ch, page_size: '20', search_condition_do: '{"product_status":"ONLINE"}' }),
    ).toMatchObject({ result: { success: true } });
  });

  it('a bad signature, an empty value that was signed, an expired or unknown token', async () => {
    expect(await raw('global.seller.relation.query', {}, { secret: 'wrong' })).toMatchObject({ code: 'IncompleteSignature' });
    // The gateway drops empty values before checking: a client that signed one is refused.
    expect(await raw('aliexpress.choice.products.list', { ...ch, version: '' }, { signEmpty: true })).toMatchObject({
      code: 'IncompleteSignature',
    });
    expect(await raw('aliexpress.choice.products.list', { ...ch, version: '' })).toMatchObject({ result: { success: true } });
    expect(await raw('global.seller.relation.query', {}, { session: 'forged' })).toMatchObject({ code: 'IllegalAccessToken' });
    sim.expireAccessTokens();
    expect(await raw('global.seller.relation.query', {})).toMatchObject({
      code: 'IllegalAccessToken',
      request_id: expect.stringMatching(/^sim/),
    });
  });
});

describe('token refresh follows the token lifetime (ManualClock)', () => {
  it('a one-day test-app token is not refreshed on every call, only in its last tenth; a 30-day token keeps the configured margin', async () => {
    const clock = new ManualClock();
    const sim = await new AliExpressSimulator({
      clock,
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      products: products(1),
      accessTtlMs: 86400_000,
      refreshTtlMs: 2 * 86400_000,
    }).start();
    try {
      const tokens = memoryTokenStore();
      // The app's default: a one-day margin, which used to refresh a one-day token before every call.
      const client = new IopClient({
        gatewayUrl: sim.url,
        appKey: APP_KEY,
        appSecret: APP_SECRET,
        tokens,
        clock,
        waiter: waiterFor(clock),
        refreshMarginMs: 86400_000,
      });
      await client.createToken(sim.issueCode());
      const refreshes = () => sim.calls.filter((c) => c.method === '/rest/auth/token/refresh').length;
      const start = clock.now();
      for (const h of [0, 1, 6, 12, 21]) {
        clock.set(start + h * 3600_000);
        await client.call('global.seller.relation.query');
      }
      expect(refreshes()).toBe(0); // 21 h into a 24 h token: still more than a tenth left
      clock.advance(42 * 60_000); // 21 h 42 min: less than 2 h 24 min left
      await client.call('global.seller.relation.query');
      await client.call('global.seller.relation.query');
      expect(refreshes()).toBe(1);
      expect(client.refreshMarginFor(tokens.load()!)).toBe(2.4 * 3600_000);
      // A launched app's 30-day token: a tenth is 3 days, so the configured one day applies.
      expect(client.refreshMarginFor({ obtainedAt: 0, expiresAt: 30 * 86400_000 })).toBe(86400_000);
      // With no margin configured, a 30-day token is refreshed in its last 6 hours.
      const plain = new IopClient({ gatewayUrl: sim.url, appKey: APP_KEY, appSecret: APP_SECRET, tokens, clock, waiter: waiterFor(clock) });
      expect(plain.refreshMarginFor({ obtainedAt: 0, expiresAt: 30 * 86400_000 })).toBe(6 * 3600_000);
    } finally {
      await sim.stop();
    }
  });
});

describe('17-digit ids stay exact from the wire to the database to the screen and back', () => {
  it('client → stock_listing_skus → listing page → unBind param0, with refuse reason and SKU status stored', async () => {
    const clock = new ManualClock();
    const big = { productId: '1005006285123457', skuId: '12000023995222161', scItemId: '10000123456789013' };
    // Its neighbour: what JSON.parse makes of the sku id.
    expect(String(JSON.parse(`{"v":${big.skuId}}`).v)).toBe('12000023995222160');
    const sim = await new AliExpressSimulator({
      clock,
      appKey: APP_KEY,
      appSecret: APP_SECRET,
      seller: { sellerId: '2000123456', account: 's@example.com', channelSellerId: '20000000000000171', channel: 'AE_GLOBAL' },
      products: [
        {
          productId: big.productId,
          title: '纯棉T恤 男款 红色',
          productType: '2',
          productStatus: 'ONLINE',
          skus: [
            { skuId: big.skuId, sellerSku: 'TS-RED-M', skuStock: 3, bindStatus: 2, scItemId: big.scItemId },
            {
              skuId: '12000023995222163',
              sellerSku: 'TS-RED-L',
              skuStock: 0,
              status: 'inactive',
              bindStatus: 4,
              scItemId: '10000123456789015',
              refuseReason: '活动期间不允许解绑',
            },
          ],
        },
      ],
    }).start();
    try {
      const client = new IopClient({
        gatewayUrl: sim.url,
        appKey: APP_KEY,
        appSecret: APP_SECRET,
        tokens: memoryTokenStore(),
        clock,
        waiter: waiterFor(clock),
      });
      await client.createToken(sim.issueCode());
      const market = new AliExpressMarketplace(client);
      await withApp(async (app) => {
        storeListingSkus(app.db, await market.listListingSkus(), new Date(clock.now()).toISOString());
        const page = listingPage(app.db, {}, 1, 50);
        const row = page.rows.find((r) => r.sellerSku === 'TS-RED-M')!;
        expect(row).toMatchObject({ productId: big.productId, skuId: big.skuId, productType: 2, skuStatus: 'active', refuseReason: null });
        expect(page.rows.find((r) => r.sellerSku === 'TS-RED-L')).toMatchObject({
          skuId: '12000023995222163',
          skuStatus: 'inactive',
          bindStatus: 4,
          refuseReason: '活动期间不允许解绑',
        });
        const stored = app.db
          .prepare('SELECT sku_id, typeof(sku_id) AS t, sc_item_id FROM stock_listing_skus WHERE seller_sku = ?')
          .get('TS-RED-M') as { sku_id: string; t: string; sc_item_id: string };
        expect(stored).toEqual({ sku_id: big.skuId, t: 'text', sc_item_id: big.scItemId });
        // Back to the wire from what the screen row and the database hold.
        expect((await market.unbind({ itemId: row.productId, skuId: row.skuId, scItemId: stored.sc_item_id })).bindStatus).toBe(1);
        const sent = sim.calls.filter((c) => c.method === 'aliexpress.ascp.item.unBind').at(-1)!.params.param0;
        expect(sent).toBe(
          `{"item_id":${big.productId},"sku_id":${big.skuId},"sc_item_id":${big.scItemId},"channel_seller_id":20000000000000171,"channel":"AE_GLOBAL"}`,
        );
        expect(sim.bindState(big.productId, big.skuId)).toBe(1);
      });
    } finally {
      await sim.stop();
    }
  });
});
