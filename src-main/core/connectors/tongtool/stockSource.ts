/**
 * The StockSource port over the Tongtool client. A full read pages stocksQuery until a short page
 * (there is no total) and throws on any failed page; an incremental read asks stocksChangeQuery for
 * one warehouse. Both go through the 5-a-minute quota, which is why a full read takes long.
 */
import type { ErpWarehouse, ReadOptions, StockRow, StockSource } from '../../stock/source';
import { ConnectorError } from '../retry';
import { TT_PAGE_SIZE, ttDateToIso, type TongtoolClient, type TtGoods, type TtStockRow } from './client';

/** Never loop forever on a source that keeps sending full pages (1000 pages = 100k rows). */
const MAX_PAGES = 5000;

export class TongtoolStockSource implements StockSource {
  private warehouses: ErpWarehouse[] | null = null;

  constructor(
    private readonly client: TongtoolClient,
    readonly kind: 'tongtool' | 'demo' = 'tongtool',
    private readonly clock: { now(): number } = { now: () => Date.now() },
  ) {}

  async listWarehouses(opts: ReadOptions = {}): Promise<ErpWarehouse[]> {
    const out: ErpWarehouse[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const rows = await this.client.warehouseQuery(page, opts.signal);
      for (const w of rows) out.push({ id: w.warehouseIdKey, name: w.warehouseName, active: w.status !== '0' && w.status !== 'INACTIVE' });
      opts.onPage?.({ page, rows: rows.length });
      if (rows.length < TT_PAGE_SIZE) break;
    }
    this.warehouses = out;
    return out;
  }

  async readAll(opts: ReadOptions = {}): Promise<StockRow[]> {
    const byKey = new Map<string, StockRow>();
    for (let page = 1; ; page++) {
      if (page > MAX_PAGES) throw this.tooMany();
      // Any failure propagates: a partial read must never be taken as whole.
      const rows = await this.client.stocksQuery(page, {}, opts.signal);
      for (const r of rows) byKey.set(`${r.goodsSku}\u0000${r.warehouseIdKey}`, toRow(r));
      opts.onPage?.({ page, rows: byKey.size });
      if (rows.length < TT_PAGE_SIZE) break;
    }
    return [...byKey.values()];
  }

  async readChangesSince(warehouseId: string, sinceIso: string, opts: ReadOptions = {}): Promise<StockRow[]> {
    const since = Date.parse(sinceIso);
    if (!Number.isFinite(since) || this.clock.now() - since > 7 * 86400_000) {
      throw new ConnectorError(
        'PERMANENT',
        '通途只能查询最近 7 天内的库存变化。上次同步太久以前，需要先做一次全量同步。',
        'Tongtool only reports stock changes from the last 7 days. The last sync is older than that: run a full sync first.',
        { system: 'tongtool', code: 'CHANGES_TOO_OLD' },
      );
    }
    const wh = (this.warehouses ?? (await this.listWarehouses(opts))).find((w) => w.id === warehouseId);
    if (!wh) {
      throw new ConnectorError(
        'PERMANENT',
        `通途里找不到仓库（编号 ${warehouseId}）。它可能已被删除或改名；请在“仓库”页面重新选择。`,
        `Warehouse ${warehouseId} is not in Tongtool any more (deleted or renamed). Choose it again on the Warehouses page.`,
        { system: 'tongtool', code: 'NO_WAREHOUSE' },
      );
    }
    const byKey = new Map<string, StockRow>();
    for (let page = 1; ; page++) {
      if (page > MAX_PAGES) throw this.tooMany();
      const rows = await this.client.stocksChangeQuery(wh.name, since, page, opts.signal);
      for (const r of rows) byKey.set(`${r.goodsSku}\u0000${r.warehouseIdKey}`, toRow(r));
      opts.onPage?.({ page, rows: byKey.size, warehouseId });
      if (rows.length < TT_PAGE_SIZE) break;
    }
    return [...byKey.values()];
  }

  /** ERP product facts (name, status, category) per SKU: costs quota, so the stock domain asks when it needs them. */
  async readProducts(opts: ReadOptions = {}): Promise<Map<string, TtGoods>> {
    const out = new Map<string, TtGoods>();
    for (let page = 1; page <= MAX_PAGES; page++) {
      const rows = await this.client.goodsQuery(page, opts.signal);
      for (const g of rows) out.set(g.goodsSku, g);
      opts.onPage?.({ page, rows: out.size });
      if (rows.length < TT_PAGE_SIZE) break;
    }
    return out;
  }

  private tooMany(): ConnectorError {
    return new ConnectorError(
      'PERMANENT',
      '通途一直返回满页，读取已停止以免无限循环。库存保持上次已知的数量；请联系客服。',
      'Tongtool kept sending full pages; the read stopped to avoid an endless loop. Stock keeps its last known figures; contact support.',
      { system: 'tongtool', code: 'TOO_MANY_PAGES' },
    );
  }
}

function figure(v: unknown): number {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '') ? Number.NaN : Number(v);
}

function toRow(r: TtStockRow): StockRow {
  return {
    sku: r.goodsSku,
    warehouseId: r.warehouseIdKey,
    warehouseName: r.warehouseName,
    // A blank figure is unknown, not 0: NaN is refused by the persist step and reported for that SKU only.
    available: figure(r.availableStockQuantity),
    safety: Number(r.safetyStock ?? 0),
    changedAt: r.updatedDate ? ttDateToIso(r.updatedDate) : undefined,
  };
}
