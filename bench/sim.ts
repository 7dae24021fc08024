/**
 * A store on both simulators in virtual time, for the reaction benchmark: the Tongtool simulator
 * with the real 5-a-minute quota, the AliExpress simulator, real clients over 127.0.0.1, and an app
 * set up as the wizard leaves it (first full read, listings, mapping, warehouses paired and linked,
 * switch on, schedule at its shortest interval). Every wait (quota slots, rate limits, the loops
 * below) goes through the ManualClock's virtual waiter, so hours pass in seconds.
 */
import { join } from 'node:path';
import { createApp, type App } from '../src-main/core/app';
import { ManualClock } from '../src-main/core/platform/clock';
import { waiterFor } from '../src-main/core/connectors/wait';
import { IopClient, memoryTokenStore } from '../src-main/core/connectors/aliexpress/client';
import { AliExpressMarketplace } from '../src-main/core/connectors/aliexpress/marketplace';
import { AliExpressSimulator, type SimProduct } from '../src-main/core/connectors/aliexpress/simulator';
import { TongtoolClient, memorySessionStore } from '../src-main/core/connectors/tongtool/client';
import { SqliteQuotaGate, TONGTOOL_PER_MINUTE } from '../src-main/core/connectors/tongtool/quota';
import { TongtoolSimulator } from '../src-main/core/connectors/tongtool/simulator';
import { TongtoolStockSource } from '../src-main/core/connectors/tongtool/stockSource';
import type { StockSource } from '../src-main/core/stock/source';
import { setStockPorts } from '../src-main/core/stock/ports';
import { stockSync } from '../src-main/core/stock/sync';
import { storeListingSkus } from '../src-main/core/stock/listings';
import { resolveAndStore } from '../src-main/core/stock/resolve';
import { saveStoreWarehouse } from '../src-main/core/stock/warehouses';
import { linkToWarehouse } from '../src-main/core/stock/warehouseLinks';
import { writeStockSettings } from '../src-main/core/stock/settings';
import { writeAutoSettings } from '../src-main/core/auto/settings';
import { autoService } from '../src-main/core/auto/service';
import { prng } from './catalogue';
import { BENCH_EPOCH, benchDir } from './seed';

const TT = { appKey: 'bench-tt-key', appSecret: 'bench-tt-secret-0123' };
const AE = { appKey: 'bench-ae-key', appSecret: 'bench-ae-secret-0123' };
export const SIM_WAREHOUSES = [
  { id: 'W1', name: '义乌仓', active: true },
  { id: 'W2', name: '深圳仓', active: true },
];

export const skuName = (i: number) => `RS${String(i).padStart(6, '0')}-${['BK', 'WH', 'RD', 'BL'][i % 4]}`;

export interface SimStore {
  app: App;
  clock: ManualClock;
  tt: TongtoolSimulator;
  ae: AliExpressSimulator;
  skus: string[];
  /** Virtual minutes the wizard's first full read took. */
  firstReadMin: number;
  stop(): Promise<void>;
}

/**
 * `n` ERP SKUs, each stocked in both warehouses, one listing SKU each (4 per product). With
 * `fullOnly`, the stock source offers no change feed, so every scheduled read is a full read.
 */
export async function startSimStore(n: number, opts: { fullOnly: boolean; seed: number }): Promise<SimStore> {
  const clock = new ManualClock(BENCH_EPOCH);
  const waiter = waiterFor(clock);
  const r = prng(opts.seed);
  const skus = Array.from({ length: n }, (_, i) => skuName(i));
  const tt = await new TongtoolSimulator({
    clock,
    ...TT,
    warehouses: SIM_WAREHOUSES,
    goods: skus.map((sku, i) => ({ sku, name: `商品 ${sku}`, category: ['服装/T恤', '家居/收纳'][i % 2]!, status: '在售' })),
    stock: skus.flatMap((sku) => SIM_WAREHOUSES.map((w) => ({ sku, warehouseId: w.id, available: 20 + Math.floor(r() * 200), safety: 0 }))),
    perMinute: TONGTOOL_PER_MINUTE,
    random: prng(opts.seed + 1),
  }).start();
  const products: SimProduct[] = [];
  for (let i = 0; i < n; i += 4) {
    products.push({
      productId: String(1005000000000 + i),
      title: `全托管商品 ${i / 4}`,
      productType: '0',
      productStatus: 'ONLINE',
      skus: skus.slice(i, i + 4).map((sku, k) => ({
        skuId: String(12000000000000 + i + k),
        sellerSku: sku,
        skuStock: 50,
        bindStatus: 2,
        scItemId: String(88000000000 + i + k),
      })),
    });
  }
  const ae = await new AliExpressSimulator({ clock, ...AE, products, reviewMode: 'instant', random: prng(opts.seed + 2) }).start();

  const app = createApp({ dataDir: join(benchDir('react'), 'data'), host: 'cli', clock, quotaGuardMs: 0 });
  const client = new IopClient({ gatewayUrl: ae.url, ...AE, tokens: memoryTokenStore(), clock, waiter, random: prng(opts.seed + 3) });
  await client.createToken(ae.issueCode());
  const market = new AliExpressMarketplace(client);
  const gate = new SqliteQuotaGate(app.db, clock, waiter, { perMinute: TONGTOOL_PER_MINUTE });
  const ttClient = new TongtoolClient({
    baseUrl: tt.url,
    ...TT,
    clock,
    waiter,
    quota: gate,
    session: memorySessionStore(),
    random: prng(opts.seed + 4),
  });
  const tongtool = new TongtoolStockSource(ttClient, 'tongtool', clock);
  const source: StockSource = opts.fullOnly
    ? {
        kind: 'tongtool',
        listWarehouses: (o) => tongtool.listWarehouses(o),
        readAll: (o) => tongtool.readAll(o),
        readProducts: (o) => tongtool.readProducts(o),
      }
    : tongtool;
  setStockPorts(app, { source: () => source, marketplace: () => market });
  // The engine listens for finished reads from here on.
  autoService(app);

  const t0 = clock.now();
  const first = await stockSync(app).run({ trigger: 'manual' });
  if (first.status !== 'ok') throw new Error(`first read failed: ${JSON.stringify(first.errors)}`);
  const firstReadMin = (clock.now() - t0) / 60_000;
  const now = new Date(clock.now()).toISOString();
  storeListingSkus(app.db, await market.listListingSkus(), now);
  resolveAndStore(app.db, 'insensitive', now);
  const ids = app.db.prepare('SELECT id FROM stock_listing_skus ORDER BY id').pluck().all() as number[];
  for (const w of SIM_WAREHOUSES) {
    const { id } = saveStoreWarehouse(app.db, { name: w.name, erpWarehouseId: w.id }, now);
    linkToWarehouse(app.db, { storeWarehouseId: id, listingSkuIds: ids, selection: 'bench' }, now);
  }
  // The shortest interval the seller can choose; the mass-unbind gate off so no run waits for a seller.
  writeStockSettings(app.db, { intervalMinutes: 1 });
  writeAutoSettings(app.db, { enabled: true, massUnbindShare: 1, massUnbindCount: 1_000_000 }, now);
  return {
    app,
    clock,
    tt,
    ae,
    skus,
    firstReadMin,
    async stop() {
      await app.close();
      await ae.stop();
      await tt.stop();
    },
  };
}
