/**
 * The marketplace port: what the app needs from AliExpress's fully-managed (Choice) API. The real
 * client and the demo simulator's client both speak the real protocol behind this interface.
 */

/** AliExpress bind_status: 1 unbound, 2 bound, 3 unbind pending review, 4 unbind refused. */
export type BindStatus = 1 | 2 | 3 | 4;
export const BIND_STATUS = { UNBOUND: 1, BOUND: 2, UNBIND_REVIEW: 3, UNBIND_REFUSED: 4 } as const;

export interface ChoiceChannel {
  channelSellerId: string;
  channel: string;
  businessType: string;
}

export interface ListingSku {
  productId: string;
  productTitle: string;
  /** 0 warehouse, 1 JIT, 2 overseas */
  productType: number;
  productStatus: string;
  skuId: string;
  /** 线上SKU: the seller_sku as published (may be obfuscated). */
  sellerSku: string;
  skuStock: number;
  bindStatus: BindStatus;
  /** The goods (货品) id the SKU is bound to, when known. */
  scItemId?: string;
}

export interface BindRef {
  itemId: string;
  skuId: string;
  scItemId: string;
}

export interface BindResult {
  bindStatus: BindStatus;
  /** The marketplace's own words, for refusals and reviews. */
  message?: string;
  requestId?: string;
}

export interface Marketplace {
  sellerChannel(): Promise<ChoiceChannel>;
  /** All pages (20 a page) of fully-managed products, flattened to SKUs. */
  listListingSkus(opts?: { status?: string; onPage?: (page: number) => void; signal?: AbortSignal }): Promise<ListingSku[]>;
  queryBind(ref: BindRef): Promise<BindResult>;
  bind(ref: BindRef): Promise<BindResult>;
  unbind(ref: BindRef): Promise<BindResult>;
}
