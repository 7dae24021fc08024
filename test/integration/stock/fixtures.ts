/** An in-test StockSource and Marketplace over plain arrays, with failures on demand. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App } from '../../../src-main/core/app';
import { ManualClock } from '../../../src-main/core/platform/clock';
import type { ErpWarehouse, ReadOptions, StockRow, StockSource, ErpProduct } from '../../../src-main/core/stock/source';
import type { ListingSku, Marketplace } from '../../../src-main/core/connectors/marketplace';
import { setStockPorts } from '../../../src-main/core/stock/ports';
import { silentLogger } from '../../../src-main/core/platform/logger';

/** One read row of SKU `sku` in W1 (深圳仓), safety 1, nothing in transit, unless `more` says otherwise. */
export const stockRow = (sku: string, available: number, more: Partial<StockRow> = {}): StockRow => ({
  sku,
  warehouseId: 'W1',
  warehouseName: '深圳仓',
  available,
  safety: 1,
  inTransit: 0,
  ...more,
});

export class FixtureSource implements StockSource {
  readonly kind = 'demo' as const;
  warehouses: ErpWarehouse[] = [
    { id: 'W1', name: '深圳仓', active: true },
    { id: 'W2', name: '义乌仓', active: true },
  ];
  rows: StockRow[] = [];
  products = new Map<string, ErpProduct>();
  pageSize = 2;
  /** Throw on this page number of readAll (1-based). */
  failOnPage: number | null = null;
  /** Called after each page (tests cancel here). */
  afterPage: ((page: number) => void) | null = null;
  changes: StockRow[] = [];
  changeCalls: { warehouseId: string; since: string }[] = [];
  readAllCalls = 0;

  async listWarehouses(): Promise<ErpWarehouse[]> {
    return this.warehouses.map((w) => ({ ...w }));
  }
  async readAll(opts: ReadOptions = {}): Promise<StockRow[]> {
    this.readAllCalls++;
    const out: StockRow[] = [];
    for (let i = 0, page = 1; i < this.rows.length || page === 1; i += this.pageSize, page++) {
      if (this.failOnPage === page) throw new Error(`page ${page}: connection reset`);
      out.push(...this.rows.slice(i, i + this.pageSize).map((r) => ({ ...r })));
      opts.onPage?.({ page, rows: out.length });
      this.afterPage?.(page);
      if (opts.signal?.aborted) throw new Error('aborted');
      if (i + this.pageSize >= this.rows.length) break;
    }
    return out;
  }
  async readChangesSince(warehouseId: string, sinceIso: string): Promise<StockRow[]> {
    this.changeCalls.push({ warehouseId, since: sinceIso });
    return this.changes.filter((r) => r.warehouseId === warehouseId).map((r) => ({ ...r }));
  }
  async readProducts(): Promise<Map<string, ErpProduct>> {
    return this.products;
  }
  set(sku: string, warehouseId: string, available: number, safety = 0): void {
    const w = this.warehouses.find((x) => x.id === warehouseId)!;
    const i = this.rows.findIndex((r) => r.sku === sku && r.warehouseId === warehouseId);
    const row = { sku, warehouseId, warehouseName: w.name, available, safety };
    if (i >= 0) this.rows[i] = row;
    else this.rows.push(row);
  }
}

export class FixtureMarketplace implements Marketplace {
  skus: ListingSku[] = [];
  async sellerChannel() {
    return { channelSellerId: '1', channel: 'AE_GLOBAL', businessType: 'ONE_STOP_SERVICE' };
  }
  async listListingSkus(): Promise<ListingSku[]> {
    return this.skus.map((s) => ({ ...s }));
  }
  async queryBind() {
    return { bindStatus: 2 as const };
  }
  async bind() {
    return { bindStatus: 2 as const };
  }
  async unbind() {
    return { bindStatus: 1 as const };
  }
  add(
    productId: string,
    skuId: string,
    sellerSku: string,
    title = `商品 ${productId}`,
    looks: { variation?: string; productImage?: string } = {},
  ): void {
    this.skus.push({
      productId,
      productTitle: title,
      productType: 0,
      skuId,
      sellerSku,
      skuStock: 5,
      skuStatus: 'active',
      bindStatus: 2,
      scItemId: `88${skuId}`,
      ...looks,
    });
  }
}

export function makeApp(opts: { source?: StockSource | null; market?: Marketplace | null } = {}): { app: App; clock: ManualClock } {
  const clock = new ManualClock();
  const app = createApp({ dataDir: mkdtempSync(join(tmpdir(), 'stock-')), host: 'cli', clock, log: silentLogger });
  setStockPorts(app, { source: () => opts.source ?? null, marketplace: () => opts.market ?? null });
  return { app, clock };
}

export function level(app: App, sku: string, warehouseId: string) {
  return app.db
    .prepare('SELECT available, safety, stale, run_id AS runId FROM stock_levels WHERE sku = ? AND erp_warehouse_id = ?')
    .get(sku, warehouseId) as { available: number; safety: number; stale: number; runId: number } | undefined;
}

export function allLevels(app: App) {
  return app.db.prepare('SELECT * FROM stock_levels ORDER BY sku, erp_warehouse_id').all();
}
