/**
 * A small fully-managed store on both simulators for the engine's tests: a Tongtool simulator with
 * warehouses and stock, an AliExpress simulator with one listing SKU per ERP SKU (the listing SKU
 * is the ERP SKU with a prefix, resolved by an exact match after folding or a rule), real clients
 * over 127.0.0.1, the stock set up as the wizard would (sync, listings, resolve, pairing, links).
 */
import { ManualClock, type Clock } from '../../../src-main/core/platform/clock';
import { createApp, type App } from '../../../src-main/core/app';
import { waiterFor } from '../../../src-main/core/connectors/wait';
import { IopClient, memoryTokenStore, type IopTokens } from '../../../src-main/core/connectors/aliexpress/client';
import { AliExpressMarketplace } from '../../../src-main/core/connectors/aliexpress/marketplace';
import { AliExpressSimulator, type ReviewMode, type SimProduct } from '../../../src-main/core/connectors/aliexpress/simulator';
import { TongtoolClient, memorySessionStore } from '../../../src-main/core/connectors/tongtool/client';
import { SqliteQuotaGate } from '../../../src-main/core/connectors/tongtool/quota';
import { TongtoolSimulator } from '../../../src-main/core/connectors/tongtool/simulator';
import { TongtoolStockSource } from '../../../src-main/core/connectors/tongtool/stockSource';
import { setStockPorts } from '../../../src-main/core/stock/ports';
import { stockSync } from '../../../src-main/core/stock/sync';
import { storeListingSkus } from '../../../src-main/core/stock/listings';
import { resolveAndStore } from '../../../src-main/core/stock/resolve';
import { saveStoreWarehouse } from '../../../src-main/core/stock/warehouses';
import { linkToWarehouse } from '../../../src-main/core/stock/warehouseLinks';
import { tempDir } from '../../helpers/tempApp';
import { call } from '../../helpers/channels';

export const AE = { appKey: 'auto-ae-key', appSecret: 'auto-ae-secret-0123' };
export const TT = { appKey: 'auto-tt-key', appSecret: 'auto-tt-secret-0123' };
export const WAREHOUSES = [
  { id: 'W1', name: '义乌仓', active: true },
  { id: 'W2', name: '深圳仓', active: true },
];

export interface StoreSpec {
  /** ERP SKUs with stock per warehouse: [sku, W1 available, W2 available (undefined: not stocked there)]. */
  skus: [string, number, number?][];
  reviewMode?: ReviewMode;
  reviewMs?: number;
  clock?: Clock;
  perMinute?: number;
}

export interface TestStore {
  clock: Clock;
  tt: TongtoolSimulator;
  ae: AliExpressSimulator;
  stop(): Promise<void>;
  /** An app on `dataDir` wired to both simulators (a new client each time, as a new process would have). */
  open(dataDir?: string, tokens?: IopTokens | null): Promise<{ app: App; market: AliExpressMarketplace; client: IopClient }>;
  tokens(): IopTokens | null;
}

/** AliExpress ids are Java Longs (digits), sku ids often 17 digits: derived from the seller SKU's character codes. */
const digitsOf = (sku: string) => [...sku].map((c) => String(c.charCodeAt(0))).join('');
export const productOf = (sku: string) => `1005${digitsOf(sku)}`;
export const skuIdOf = (sku: string) => `12${digitsOf(sku).padStart(15, '0')}`;
export const scItemOf = (sku: string) => `88${digitsOf(sku).padStart(12, '0')}`;

export async function startStore(spec: StoreSpec): Promise<TestStore> {
  const clock = spec.clock ?? new ManualClock();
  const stock = spec.skus.flatMap(([sku, w1, w2]) => [
    { sku, warehouseId: 'W1', available: w1, safety: 0 },
    ...(w2 === undefined ? [] : [{ sku, warehouseId: 'W2', available: w2, safety: 0 }]),
  ]);
  const tt = await new TongtoolSimulator({
    clock,
    appKey: TT.appKey,
    appSecret: TT.appSecret,
    warehouses: WAREHOUSES,
    goods: spec.skus.map(([sku]) => ({ sku, name: `商品 ${sku}`, category: '服装', status: '在售' })),
    stock,
    perMinute: spec.perMinute ?? 5,
  }).start();
  const products: SimProduct[] = spec.skus.map(([sku, w1, w2]) => ({
    productId: productOf(sku),
    title: `商品 ${sku}`,
    productType: '0',
    productStatus: 'ONLINE',
    // Listings start bound where there is stock and unbound where there is none.
    skus: [
      { skuId: skuIdOf(sku), sellerSku: sku, skuStock: w1 + (w2 ?? 0), bindStatus: w1 + (w2 ?? 0) > 0 ? 2 : 1, scItemId: scItemOf(sku) },
    ],
  }));
  const ae = await new AliExpressSimulator({
    clock,
    appKey: AE.appKey,
    appSecret: AE.appSecret,
    products,
    reviewMode: spec.reviewMode ?? 'instant',
    reviewMs: spec.reviewMs ?? 30 * 60_000,
  }).start();
  let savedTokens: IopTokens | null = null;
  const apps: App[] = [];
  const store: TestStore = {
    clock,
    tt,
    ae,
    tokens: () => savedTokens,
    async stop() {
      for (const a of apps) if (a.db.open) await a.close();
      await ae.stop();
      await tt.stop();
    },
    async open(dataDir = tempDir('desk-auto-'), tokens = savedTokens) {
      const app = createApp({ dataDir, host: 'cli', clock, quotaGuardMs: 0 });
      apps.push(app);
      const wired = await wireApp(app, { aeUrl: ae.url, ttUrl: tt.url, tokens, perMinute: spec.perMinute });
      savedTokens = wired.tokens;
      return { app, market: wired.market, client: wired.client };
    },
  };
  return store;
}

/** The wizard's steps 1–5 on a fresh app: first full read, listings, resolve, pair, link all. */
export async function setUpStock(
  app: App,
  market: AliExpressMarketplace,
  opts: { warehouses?: string[]; storeName?: (erpName: string) => string } = {},
): Promise<void> {
  const run = await stockSync(app).run({ trigger: 'manual' });
  if (run.status !== 'ok') throw new Error(`first sync failed: ${JSON.stringify(run.errors)}`);
  const now = new Date(app.clock.now()).toISOString();
  storeListingSkus(app.db, await market.listListingSkus(), now);
  resolveAndStore(app.db, 'insensitive', now);
  const ids = app.db.prepare('SELECT id FROM stock_listing_skus ORDER BY id').pluck().all() as number[];
  for (const w of WAREHOUSES.filter((x) => (opts.warehouses ?? ['W1']).includes(x.id))) {
    const { id } = saveStoreWarehouse(app.db, { name: opts.storeName ? opts.storeName(w.name) : w.name, erpWarehouseId: w.id }, now);
    linkToWarehouse(app.db, { storeWarehouseId: id, listingSkuIds: ids, selection: 'all' }, now);
  }
}

/**
 * A store set up and switched on (no mass-unbind hold), where `sku` has just sold out in W1: one
 * unbind decided and queued, nothing sent yet. Returns the opened app and its marketplace.
 */
export async function oneUnbindQueued(s: TestStore, sku: string) {
  const clock = s.clock as ManualClock;
  const opened = await s.open();
  await setUpStock(opened.app, opened.market);
  await call(opened.app, 'auto.settings.set', { massUnbindShare: 1 });
  await call(opened.app, 'auto.setSwitch', { on: true });
  clock.advance(5 * 60_000);
  s.tt.setStock(sku, 'W1', 0);
  clock.advance(60_000);
  const r = await call(opened.app, 'auto.run', { sync: true, send: false });
  if (r.run?.counts.unbind !== 1) throw new Error(`expected one unbind queued for ${sku}, got ${JSON.stringify(r.run?.counts)}`);
  return { ...opened, clock };
}

export function listingId(app: App, sku: string): number {
  return app.db.prepare('SELECT id FROM stock_listing_skus WHERE seller_sku = ?').pluck().get(sku) as number;
}

/** Points an app at the two simulators with fresh clients (what a new process does on start). */
export async function wireApp(
  app: App,
  o: { aeUrl: string; ttUrl: string; tokens: IopTokens | null; perMinute?: number },
): Promise<{ market: AliExpressMarketplace; client: IopClient; tokens: IopTokens | null }> {
  const clock = app.clock;
  const tokenStore = memoryTokenStore(o.tokens);
  const client = new IopClient({
    gatewayUrl: o.aeUrl,
    ...AE,
    tokens: tokenStore,
    clock,
    waiter: waiterFor(clock),
    random: () => 0.5,
    retry: { attempts: 2, baseMs: 50, maxMs: 100 },
  });
  if (!o.tokens) {
    const res = await fetch(client.authorizeUrl('http://127.0.0.1:9/cb', 'st'), { redirect: 'manual' });
    await client.createToken(new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '');
  }
  const market = new AliExpressMarketplace(client);
  const gate = new SqliteQuotaGate(app.db, clock, waiterFor(clock), { perMinute: o.perMinute });
  const ttClient = new TongtoolClient({
    baseUrl: o.ttUrl,
    ...TT,
    clock,
    waiter: waiterFor(clock),
    quota: gate,
    session: memorySessionStore(),
    random: () => 0.5,
    retry: { attempts: 2, baseMs: 50, maxMs: 100 },
  });
  const source = new TongtoolStockSource(ttClient, 'tongtool', clock);
  setStockPorts(app, { source: () => source, marketplace: () => market });
  return { market, client, tokens: tokenStore.load() };
}
