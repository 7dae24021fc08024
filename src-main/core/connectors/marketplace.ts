/**
 * The marketplace port: what the app needs from AliExpress's fully-managed (Choice) API. The real
 * client and the demo simulator's client both speak the real protocol behind this interface.
 */

import type { BindStatus } from '../../../src-shared/bindStatus';
export type { BindStatus } from '../../../src-shared/bindStatus';

export interface ChoiceChannel {
  channelSellerId: string;
  channel: string;
  businessType: string;
}

/** product_type: "0" 仓发 (warehouse), "1" JIT, "2" 海外备仓 (overseas), kept as the number. */
export type ProductType = 0 | 1 | 2;

export interface ListingSku {
  /** Ids are the wire's exact digits, as strings: 17-digit sku_ids do not fit a JS number. */
  productId: string;
  productTitle: string;
  productType: ProductType;
  /**
   * The product_status filter the list was read with, when one was asked: products.list takes it
   * as a filter and answers no product status of its own.
   */
  productStatus?: string;
  skuId: string;
  /** 线上SKU: the seller_sku as published (may be obfuscated). */
  sellerSku: string;
  /** The platform's stock figure for the SKU, when it gave one (shown only; never decides a bind). */
  skuStock?: number;
  /** The SKU's own status: active | inactive. */
  skuStatus: string;
  bindStatus: BindStatus;
  /** The goods (货品) id the SKU is bound to, when known. */
  scItemId?: string;
  /** The platform's words when an unbind was refused (bind status 4). */
  refuseReason?: string;
  /** The SKU's variation as the platform words it ("颜色:红色;尺码:M"), when given. */
  variation?: string;
  /** The product's first image address (image_urls), when given. */
  productImage?: string;
}

export interface BindRef {
  itemId: string;
  skuId: string;
  scItemId: string;
}

export interface BindResult {
  bindStatus: BindStatus;
  /** The marketplace's own words, for refusals (the refuse reason) and reviews. */
  message?: string;
  /** unbind_refuse_reason as the platform wrote it, when the status is 4. */
  refuseReason?: string;
  requestId?: string;
}

export interface ListingReadOptions {
  status?: string;
  onPage?: (page: number) => void;
  /** A SKU the platform listed without its goods (sc item), and so without a bind state: left out of the read. */
  onWithoutGoods?: (sku: { productId: string; skuId: string }) => void;
  signal?: AbortSignal;
}

export interface Marketplace {
  sellerChannel(): Promise<ChoiceChannel>;
  /** All pages (20 a page) of fully-managed products, flattened to SKUs. */
  listListingSkus(opts?: ListingReadOptions): Promise<ListingSku[]>;
  /** The SKU's bind state as the marketplace reports it now. */
  queryBind(ref: BindRef): Promise<BindResult>;
  /** Sends one bind and returns the state read again afterwards (the call itself answers none). */
  bind(ref: BindRef): Promise<BindResult>;
  /** Sends one unbind and returns the state read again afterwards (may be 3, review, or 4, refused). */
  unbind(ref: BindRef): Promise<BindResult>;
}
