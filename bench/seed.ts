/**
 * A fully set-up store of `n` listing SKUs in a data folder, built through the core (not through the
 * quota-limited simulators, which would need hours of virtual time to read 100k rows): a stock
 * source that pages Tongtool-shaped rows from memory, the first full read through the real stock
 * sync, listing SKUs stored, the ten obfuscation rules saved and resolved, two store warehouses
 * paired by exact name and every listing SKU linked to its SKU's warehouse, the switch on.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '../src-main/core/app';
import { createApp } from '../src-main/core/app';
import { ManualClock } from '../src-main/core/platform/clock';
import type { ListingSku } from '../src-main/core/connectors/marketplace';
import type { TongtoolClient, TtProduct, TtStockRow, TtWarehouse } from '../src-main/core/connectors/tongtool/client';
import { TT_PAGE_SIZE } from '../src-main/core/connectors/tongtool/client';
import { TongtoolStockSource } from '../src-main/core/connectors/tongtool/stockSource';
import { setStockPorts } from '../src-main/core/stock/ports';
import { stockSync } from '../src-main/core/stock/sync';
import { storeListingSkus } from '../src-main/core/stock/listings';
import { saveRule } from '../src-main/core/stock/ruleStore';
import { resolveAndStore } from '../src-main/core/stock/resolve';
import { saveStoreWarehouse } from '../src-main/core/stock/warehouses';
import { linkToWarehouse } from '../src-main/core/stock/warehouseLinks';
import { writeAutoSettings } from '../src-main/core/auto/settings';
import { decideRun } from '../src-main/core/auto/engine';
import { catalogue, erpSku, prng, TEN_RULES } from './catalogue';

export const BENCH_WAREHOUSES: TtWarehouse[] = [
  { warehouseId: 'W1', warehouseName: '义乌仓', status: '1' },
  { warehouseId: 'W2', warehouseName: '深圳仓', status: '1' },
];

/** Fixed start of benchmark time, so every run stores the same timestamps. */
export const BENCH_EPOCH = Date.parse('2026-03-02T01:00:00Z');

/**
 * ERP stock as Tongtool would report it: each ERP SKU kept in one of the two warehouses. It stands
 * for a remote server, so it is kept compact (two typed arrays; SKU strings, rows and goods are built
 * per page as a response would be): its memory is not the product's.
 */
export class MemoryErp {
  readonly n: number;
  readonly available: Int32Array;
  readonly safety: Uint8Array;
  constructor(n: number, seed = 11) {
    const r = prng(seed);
    this.n = n;
    this.available = new Int32Array(n);
    this.safety = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      this.available[i] = 5 + Math.floor(r() * 300);
      this.safety[i] = r() < 0.3 ? 1 + Math.floor(r() * 4) : 0;
    }
  }

  /** Row i as Tongtool's stocksQuery gives it. */
  row(i: number): TtStockRow & { goodsSku: string; warehouseIdKey: string; warehouseName: string; availableStockQuantity: number } {
    const w = BENCH_WAREHOUSES[i % 2]!;
    return {
      goodsSku: erpSku(i),
      warehouseIdKey: w.warehouseId,
      warehouseName: w.warehouseName,
      availableStockQuantity: this.available[i]!,
      safetyStock: this.safety[i]!,
    };
  }

  /** Goods i as Tongtool's goodsQuery gives it. */
  product(i: number): TtProduct {
    const sku = erpSku(i);
    return {
      sku,
      productName: `商品 ${sku}`,
      categoryName: ['服装/T恤', '家居/收纳', '3C数码/数据线'][i % 3],
      productStatus: '1',
      goodsDetail: [{ goodsSku: sku }],
    };
  }

  /** A Tongtool client answering from memory: the real TongtoolStockSource normalises its pages. */
  client(): TongtoolClient {
    const page = <T>(n: number, make: (i: number) => T): T[] => {
      const out: T[] = [];
      for (let i = (n - 1) * TT_PAGE_SIZE; i < Math.min(n * TT_PAGE_SIZE, this.n); i++) out.push(make(i));
      return out;
    };
    const fake = {
      warehouseQuery: async (n: number) => BENCH_WAREHOUSES.slice((n - 1) * TT_PAGE_SIZE, n * TT_PAGE_SIZE),
      stocksQuery: async (n: number) => page(n, (i) => this.row(i)),
      // Normal goods only: no variant products (productType "1").
      goodsQuery: async (type: string, n: number) => (type === '0' ? page(n, (i) => this.product(i)) : []),
      stocksChangeQuery: async () => [],
    };
    return fake as unknown as TongtoolClient;
  }
}

export function listingSkusOf(sellerSkus: string[]): ListingSku[] {
  return sellerSkus.map((sellerSku, i) => ({
    productId: String(1005000000000 + Math.floor(i / 4)),
    productTitle: `全托管商品 ${Math.floor(i / 4)}`,
    productType: 0,
    skuId: String(12000000000000 + i),
    sellerSku,
    skuStock: 10,
    skuStatus: 'active',
    bindStatus: 2,
    scItemId: String(88000000000 + i),
  }));
}

export interface SeededStore {
  app: App;
  clock: ManualClock;
  erp: MemoryErp;
}

/** Opens (or creates) the app on `dataDir` with the memory ERP as its stock source. */
export function openSeeded(dataDir: string, n: number, clock = new ManualClock(BENCH_EPOCH)): SeededStore {
  const erp = new MemoryErp(n);
  const app = createApp({ dataDir, host: 'cli', clock, quotaGuardMs: 0 });
  const source = new TongtoolStockSource(erp.client(), 'tongtool', clock);
  setStockPorts(app, { source: () => source });
  return { app, clock, erp };
}

/** The wizard's five steps done through the core on a fresh data folder; returns the open store. */
export async function seedStore(dataDir: string, n: number): Promise<SeededStore> {
  const s = openSeeded(dataDir, n);
  const { app, clock } = s;
  const run = await stockSync(app).run({ trigger: 'manual' });
  if (run.status !== 'ok') throw new Error(`seed read failed: ${JSON.stringify(run.errors)}`);
  const now = new Date(clock.now()).toISOString();
  storeListingSkus(app.db, listingSkusOf(catalogue(n).sellerSkus), now);
  TEN_RULES.forEach((spec, i) => saveRule(app.db, { label: `规则 ${i + 1}`, enabled: true, spec }, now));
  resolveAndStore(app.db, 'insensitive', now);
  // Listing SKU i is the i-th catalogue entry, kept in warehouse W1 or W2 by parity.
  const ids = app.db.prepare('SELECT id FROM stock_listing_skus ORDER BY id').pluck().all() as number[];
  for (const [k, w] of BENCH_WAREHOUSES.entries()) {
    const { id } = saveStoreWarehouse(app.db, { name: w.warehouseName, erpWarehouseId: w.warehouseId }, now);
    linkToWarehouse(app.db, { storeWarehouseId: id, listingSkuIds: ids.filter((_, i) => i % 2 === k), selection: 'bench' }, now);
  }
  // The mass-unbind gate would hold a benchmark's many unbinds for the seller: measured without it.
  writeAutoSettings(app.db, { enabled: true, massUnbindShare: 1, massUnbindCount: 1_000_000 }, now);
  decideRun(app, 'bench-seed');
  // A seller past the welcome screen, on their own store (not the demo).
  app.settings.set('firstRunDone', true);
  app.settings.set('mode', 'live');
  return s;
}

const templates = new Map<number, Promise<string>>();
const tempDirs: string[] = [];
process.on('exit', () => {
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

/** A temp folder removed when the bench exits. */
export function benchDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), `desk-bench-${prefix}-`));
  tempDirs.push(d);
  return d;
}

/** A fresh copy of a seeded data folder of `n` listing SKUs (seeded once per bench run). */
export async function seededCopy(n: number, prefix: string): Promise<string> {
  let t = templates.get(n);
  if (!t) {
    t = (async () => {
      const dir = benchDir(`seed${n}`);
      const s = await seedStore(dir, n);
      await s.app.close();
      return dir;
    })();
    templates.set(n, t);
  }
  const from = await t;
  const to = benchDir(prefix);
  cpSync(from, to, { recursive: true });
  return to;
}
