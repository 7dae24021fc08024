/**
 * The StockSource port over the Tongtool client. A full read pages stocksQuery (every warehouse)
 * until a short page (there is no total) and throws on any failed page; an incremental read pages
 * stocksChangeQuery for one warehouse. Both go through the 5-a-minute quota, which is why a full
 * read takes long and why the incremental read is one request per warehouse.
 *
 * The change feed answers only {goodsSku, availableStockQuantity, changeQuantity}: its rows are
 * stamped with the warehouse that was asked, and they carry no safety stock, so they leave it out
 * (the persist step keeps the stored one; README "Tongtool reads and the quota" says why this and
 * not a windowed stocksQuery).
 */
import { silentLogger, type Logger } from '../../platform/logger';
import type { ErpProduct, ErpWarehouse, ReadOptions, StockRow, StockSource } from '../../stock/source';
import { ConnectorError } from '../retry';
import {
  TT_CHANGES_MAX_DAYS,
  TT_PAGE_SIZE,
  type TongtoolClient,
  type TtProduct,
  type TtProductType,
  type TtStockChangeRow,
  type TtStockRow,
} from './client';

/** Never loop forever on a source that keeps sending full pages (1000 pages = 100k rows). */
const MAX_PAGES = 5000;

/** goodsQuery's productStatus (erp2/product.go) in the words the ERP shows. */
const PRODUCT_STATUS: Record<string, string> = { '0': '停售', '1': '在售', '2': '试卖', '4': '清仓' };

/** The sales types read for product facts: normal goods and variant goods (their SKUs in goodsDetail). */
const PRODUCT_TYPES: TtProductType[] = ['0', '1'];

export class TongtoolStockSource implements StockSource {
  private warehouses: ErpWarehouse[] | null = null;
  private readonly log: Logger;

  constructor(
    private readonly client: TongtoolClient,
    readonly kind: 'tongtool' | 'demo' = 'tongtool',
    private readonly clock: { now(): number } = { now: () => Date.now() },
    log?: Logger,
  ) {
    this.log = log ?? (client.log as Logger | undefined) ?? silentLogger;
  }

  async listWarehouses(opts: ReadOptions = {}): Promise<ErpWarehouse[]> {
    const out: ErpWarehouse[] = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const rows = await this.client.warehouseQuery(page, opts.signal);
      // status "0" is inactive, "1" active; a warehouse sent without one is not hidden.
      for (const w of rows) out.push({ id: w.warehouseId, name: w.warehouseName, active: w.status !== '0' });
      opts.onPage?.({ page, rows: rows.length });
      if (rows.length < TT_PAGE_SIZE) break;
    }
    this.warehouses = out;
    return out;
  }

  async readAll(opts: ReadOptions = {}): Promise<StockRow[]> {
    const match = warehouseMatcher(this.warehouses ?? (await this.listWarehouses({ signal: opts.signal })));
    // A (SKU, warehouse) pair sent twice (pages shifting while they are read) keeps its last row, in
    // the place of its first. Per warehouse, SKU → place in `out`: no joined key string per row, and
    // no second array of 100k rows at the end.
    const out: StockRow[] = [];
    const places = new Map<string, Map<string, number>>();
    const unmatched = new Set<string>();
    for (let page = 1; ; page++) {
      if (page > MAX_PAGES) throw this.tooMany();
      // Any failure propagates: a partial read must never be taken as whole.
      const rows = await this.client.stocksQuery(page, {}, opts.signal);
      for (const r of rows) {
        const w = match(r);
        if (!w.known) unmatched.add(`${r.warehouseIdKey ?? ''}/${r.warehouseName ?? ''}`);
        let bySku = places.get(w.id);
        if (!bySku) places.set(w.id, (bySku = new Map()));
        const at = bySku.get(r.goodsSku);
        if (at === undefined) {
          bySku.set(r.goodsSku, out.length);
          out.push(toRow(r, w));
        } else out[at] = toRow(r, w);
      }
      opts.onPage?.({ page, rows: out.length });
      if (rows.length < TT_PAGE_SIZE) break;
    }
    // Kept under the row's own key (a warehouse of its own in the list), never dropped; said in the log.
    if (unmatched.size)
      this.log.warn('tongtool stock rows in warehouses warehouseQuery did not list', { warehouses: [...unmatched].slice(0, 20) });
    return out;
  }

  async readChangesSince(warehouseId: string, sinceIso: string, opts: ReadOptions = {}): Promise<StockRow[]> {
    const since = Date.parse(sinceIso);
    if (!Number.isFinite(since) || this.clock.now() - since > TT_CHANGES_MAX_DAYS * 86400_000) {
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
    const bySku = new Map<string, TtStockChangeRow[]>();
    for (let page = 1; ; page++) {
      if (page > MAX_PAGES) throw this.tooMany();
      const rows = await this.client.stocksChangeQuery(wh.name, since, page, opts.signal);
      for (const r of rows) bySku.set(r.goodsSku, [...(bySku.get(r.goodsSku) ?? []), r]);
      opts.onPage?.({ page, rows: bySku.size, warehouseId });
      if (rows.length < TT_PAGE_SIZE) break;
    }
    return [...bySku].map(([sku, log]) => ({
      sku,
      warehouseId: wh.id,
      warehouseName: wh.name,
      available: figure(latest(log).availableStockQuantity),
      changes: entriesOf(log),
    }));
  }

  /**
   * ERP product facts (name, status, category) per SKU: costs quota, so the stock domain asks when
   * it needs them. goodsQuery always needs its sales type, so normal and variant goods are read in
   * turn; a product's stock SKUs are its goodsDetail[].goodsSku (a variant product's own `sku` is
   * the parent's, which has no stock of its own).
   */
  async readProducts(opts: ReadOptions = {}): Promise<Map<string, ErpProduct>> {
    const out = new Map<string, ErpProduct>();
    let pages = 0;
    for (const type of PRODUCT_TYPES) {
      for (let page = 1; ; page++) {
        if (page > MAX_PAGES) throw this.tooMany();
        const rows = await this.client.goodsQuery(type, page, opts.signal);
        for (const p of rows) for (const g of flatten(p)) out.set(g.goodsSku, g);
        opts.onPage?.({ page: ++pages, rows: out.size });
        if (rows.length < TT_PAGE_SIZE) break;
      }
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

interface MatchedWarehouse {
  id: string;
  name: string;
  known: boolean;
}

/**
 * Which listed warehouse a full stock row is in. warehouseQuery names a warehouse `warehouseId` and
 * stocksQuery names it `warehouseIdKey` (erp2/warehouse.go, erp2/stock.go); nothing published says
 * they are the same id space. So: the id when it is one warehouseQuery listed, else the name when
 * exactly one listed warehouse has it (names compared character for character, as pairing does),
 * else the row's own key, kept as a warehouse of its own rather than dropped. The change feed's rows
 * need none of this: they are stamped with the warehouse that was asked.
 */
function warehouseMatcher(list: ErpWarehouse[]): (r: TtStockRow) => MatchedWarehouse {
  const byId = new Map(list.map((w) => [w.id, w]));
  const byName = new Map<string, ErpWarehouse[]>();
  for (const w of list) byName.set(w.name, [...(byName.get(w.name) ?? []), w]);
  // One answer per listed warehouse, shared by its rows (not an object per row).
  const matched = new Map<ErpWarehouse, MatchedWarehouse>(list.map((w) => [w, { id: w.id, name: w.name, known: true }]));
  return (r) => {
    const w = (r.warehouseIdKey !== undefined ? byId.get(r.warehouseIdKey) : undefined) ?? oneOf(byName.get(r.warehouseName ?? ''));
    if (w) return matched.get(w)!;
    const id = r.warehouseIdKey ?? r.warehouseName ?? '';
    return { id, name: r.warehouseName ?? id, known: false };
  };
}

const oneOf = <T>(xs: T[] | undefined): T | undefined => (xs?.length === 1 ? xs[0] : undefined);

/**
 * The latest of one SKU's change log entries. The feed gives one entry per change (the figure after
 * it and the change), in an order nothing published states, so the order is read from the entries
 * themselves: each entry's figure before it is `available - change`, and the latest entry is the one
 * whose figure no other entry started from. When that does not single one out (figures repeat, a
 * change or a figure is blank), the entry listed last is taken.
 */
function latest(log: TtStockChangeRow[]): TtStockChangeRow {
  const last = log[log.length - 1];
  if (!last) throw new Error('latest: an empty change log');
  // An entry with a blank figure breaks the chain: the last listed is taken (a blank one stays unknown).
  if (log.length === 1 || log.some((e) => !Number.isFinite(e.availableStockQuantity ?? NaN) || !Number.isFinite(e.changeQuantity ?? NaN)))
    return last;
  const before = log.map((e) => (e.availableStockQuantity as number) - (e.changeQuantity as number));
  const ends = log.filter((e, i) => !before.some((b, j) => j !== i && b === e.availableStockQuantity));
  return ends[0] && ends.length === 1 ? ends[0] : last;
}

/** One SKU's change log entries with both numbers readable (for the sales rate). */
function entriesOf(log: TtStockChangeRow[]): { after: number; change: number }[] {
  const out: { after: number; change: number }[] = [];
  for (const e of log)
    if (Number.isFinite(e.availableStockQuantity ?? NaN) && Number.isFinite(e.changeQuantity ?? NaN))
      out.push({ after: e.availableStockQuantity as number, change: e.changeQuantity as number });
  return out;
}

/** A blank or unreadable figure is unknown, not 0: NaN is refused by the persist step and reported for that SKU only. */
function figure(v: number | undefined): number {
  return v === undefined ? Number.NaN : v;
}

function toRow(r: TtStockRow, w: MatchedWarehouse): StockRow {
  const row: StockRow = {
    sku: r.goodsSku,
    warehouseId: w.id,
    warehouseName: w.name,
    available: figure(r.availableStockQuantity),
    // A full row without safetyStock has none set (a Java backend leaves nulls out): 0.
    safety: r.safetyStock ?? 0,
  };
  // 在途: kept for store warehouses that count it; a row without it leaves the stored figure.
  // (Assigned, not spread: a spread made a second object per row.)
  if (r.intransitStockQuantity !== undefined) row.inTransit = r.intransitStockQuantity;
  return row;
}

/** A product's stock SKUs with its facts; a product without goodsDetail stands for its own SKU. */
function flatten(p: TtProduct): ErpProduct[] {
  const base = {
    productName: p.productName,
    categoryName: p.categoryName,
    // status "1" is a deleted product (erp2/product.go): said as such, whatever its sales status was.
    productStatus:
      p.status === '1' ? '已删除' : p.productStatus !== undefined ? (PRODUCT_STATUS[p.productStatus] ?? p.productStatus) : undefined,
  };
  const skus = p.goodsDetail?.length ? p.goodsDetail.map((g) => g.goodsSku) : [p.sku];
  return skus.map((goodsSku) => ({ goodsSku, ...base }));
}
