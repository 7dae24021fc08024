/**
 * The demo store: both simulators started in-process on 127.0.0.1 from a seeded catalogue, with
 * real clients and adapters pointed at them. The same seed and size give the same store in every
 * process, so the CLI's `demo` command can seed it and the app can start it again later.
 */
import type { App } from '../../app';
import { IopClient, memoryTokenStore } from '../aliexpress/client';
import { AliExpressMarketplace } from '../aliexpress/marketplace';
import { AliExpressSimulator, type ReviewMode } from '../aliexpress/simulator';
import { TongtoolClient, memorySessionStore } from '../tongtool/client';
import { SqliteQuotaGate } from '../tongtool/quota';
import { TongtoolSimulator } from '../tongtool/simulator';
import { TongtoolStockSource } from '../tongtool/stockSource';
import { waiterFor } from '../wait';
import { buildCatalogue, type DemoCatalogue } from './catalogue';
import { seededRng } from './prng';

export interface DemoConfig {
  size: number;
  seed: number;
  /** The demo ERP's quota: the real 5 a minute makes a first demo sync wait minutes, so it is higher by default. */
  quotaPerMinute: number;
  reviewMode: ReviewMode;
  /** Clock time an unbind spends in review. */
  reviewMs: number;
}

export const DEFAULT_DEMO: DemoConfig = { size: 1000, seed: 20260105, quotaPerMinute: 60, reviewMode: 'review', reviewMs: 2 * 60_000 };

/** Demo credentials: not secrets, the simulators only know these. */
export const DEMO_KEYS = {
  aliexpress: { appKey: 'demo-ae-500123', appSecret: 'demo-ae-secret-not-a-real-key' },
  tongtool: { appKey: 'demo-tt-key', appSecret: 'demo-tt-secret-not-a-real-key' },
  merchantId: 'demo-000123',
};

export interface DemoStore {
  config: DemoConfig;
  catalogue: DemoCatalogue;
  aliexpress: { sim: AliExpressSimulator; client: IopClient; marketplace: AliExpressMarketplace };
  tongtool: { sim: TongtoolSimulator; client: TongtoolClient; source: TongtoolStockSource };
  stop(): Promise<void>;
}

export async function startDemo(app: App, opts: Partial<DemoConfig> = {}): Promise<DemoStore> {
  const config: DemoConfig = { ...DEFAULT_DEMO, ...opts };
  const catalogue = buildCatalogue(config.size, config.seed);
  const clock = app.clock;
  const waiter = waiterFor(clock);
  const aeSim = await new AliExpressSimulator({
    clock,
    ...DEMO_KEYS.aliexpress,
    products: catalogue.products,
    reviewMode: config.reviewMode,
    reviewMs: config.reviewMs,
    random: seededRng(config.seed + 1),
  }).start();
  const ttSim = await new TongtoolSimulator({
    clock,
    ...DEMO_KEYS.tongtool,
    merchantId: DEMO_KEYS.merchantId,
    warehouses: catalogue.erpWarehouses,
    goods: catalogue.goods,
    stock: catalogue.stock,
    perMinute: config.quotaPerMinute,
    random: seededRng(config.seed + 2),
  }).start();

  const client = new IopClient({
    gatewayUrl: aeSim.url,
    ...DEMO_KEYS.aliexpress,
    tokens: memoryTokenStore(),
    clock,
    waiter,
    log: app.log,
    random: seededRng(config.seed + 3),
  });
  // The demo seller has already clicked "authorise".
  await client.createToken(aeSim.issueCode());
  const gate = new SqliteQuotaGate(app.db, clock, waiter, { perMinute: config.quotaPerMinute });
  const ttClient = new TongtoolClient({
    baseUrl: ttSim.url,
    ...DEMO_KEYS.tongtool,
    clock,
    waiter,
    quota: gate,
    session: memorySessionStore(),
    log: app.log,
    random: seededRng(config.seed + 4),
  });
  const store: DemoStore = {
    config,
    catalogue,
    aliexpress: { sim: aeSim, client, marketplace: new AliExpressMarketplace(client) },
    tongtool: { sim: ttSim, client: ttClient, source: new TongtoolStockSource(ttClient, 'demo', clock) },
    stop: async () => {
      await Promise.all([aeSim.stop(), ttSim.stop()]);
    },
  };
  app.log.info('demo store started', { size: config.size, seed: config.seed, aliexpress: aeSim.url, tongtool: ttSim.url });
  return store;
}
