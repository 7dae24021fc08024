/**
 * The stock source port: where the seller's real stock comes from (Tongtool's API, a file export,
 * or the demo simulator). The stock domain reads through this and nothing else, so every source
 * gets the same validation, the same "unknown is not zero" rule and the same sync history.
 */

export interface ErpWarehouse {
  /** The source's own id for the warehouse. */
  id: string;
  /** Exactly as the source spells it: pairing compares this character for character. */
  name: string;
  active: boolean;
}

/** One (SKU, warehouse) stock figure as the source reports it. */
export interface StockRow {
  sku: string;
  warehouseId: string;
  warehouseName: string;
  /** 可用库存 */
  available: number;
  /**
   * 安全库存. Undefined when the read does not carry it (Tongtool's change feed): the stored figure
   * is kept, never reset to 0, since a lower safety stock overstates what is sellable.
   */
  safety?: number;
  /**
   * 在途库存, when the read carries it (Tongtool's full read). Undefined: the stored figure is kept.
   * Counted as sellable only where the store warehouse is set to count it.
   */
  inTransit?: number;
  /** Optional product facts the ERP knows (ERP商品名称, ERP产品状态, ERP类目). */
  productName?: string;
  productStatus?: string;
  category?: string;
  /**
   * The change feed's entries for this SKU, as listed (the figure after each change and the change),
   * for the sales rate; undefined when the read does not carry them (full reads, files).
   */
  changes?: { after: number; change: number }[];
  /** When the source says the figure changed (incremental reads). */
  changedAt?: string;
}

export interface ReadOptions {
  /** Called after each page so long reads show progress and can be cancelled. */
  onPage?: (info: { page: number; rows: number; warehouseId?: string }) => void;
  signal?: AbortSignal;
}

/** ERP product facts per SKU (ERP商品名称, ERP产品状态, ERP类目), in Tongtool's field names. */
export interface ErpProduct {
  goodsSku: string;
  productName?: string;
  categoryName?: string;
  productStatus?: string;
}

export interface StockSource {
  readonly kind: 'tongtool' | 'file' | 'demo';
  listWarehouses(opts?: ReadOptions): Promise<ErpWarehouse[]>;
  /** Every row of every page. Throws on any failed page: a partial read must never be taken as whole. */
  readAll(opts?: ReadOptions): Promise<StockRow[]>;
  /**
   * Rows changed since `sinceIso` (within the last 7 days) for one warehouse, or null when this
   * source cannot read changes (then only full reads are possible).
   */
  readChangesSince?(warehouseId: string, sinceIso: string, opts?: ReadOptions): Promise<StockRow[]>;
  /**
   * Product facts by SKU, for category sync, when the stock rows do not carry them. Costs quota, so
   * full reads ask for it and incremental reads rely on what is stored.
   */
  readProducts?(opts?: ReadOptions): Promise<Map<string, ErpProduct>>;
}
