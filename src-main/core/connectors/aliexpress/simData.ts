/** What the simulated AliExpress store holds and how it is set up: products, SKUs and their bind states, review modes. */
import type { Clock } from '../../platform/clock';

/**
 * bind_status as AliExpress's wire carries it (1 未绑定, 2 绑定中, 3 解绑待审核, 4 解绑拒绝). The
 * simulator stands in for the marketplace, so it names the wire's numbers itself rather than
 * borrowing the app's (src-shared/bindStatus.ts): a drift between the two would then show in tests.
 */
export const WIRE_BIND_STATUS = { UNBOUND: 1, BOUND: 2, UNBIND_REVIEW: 3, UNBIND_REFUSED: 4 } as const;
export type SimBindStatus = (typeof WIRE_BIND_STATUS)[keyof typeof WIRE_BIND_STATUS];

export interface SimSku {
  /** Digits, possibly above 2^53. */
  skuId: string;
  sellerSku: string;
  skuStock: number;
  /** active | inactive (default active) */
  status?: 'active' | 'inactive';
  bindStatus: SimBindStatus;
  /** The goods (货品) id, digits. */
  scItemId: string;
  /** Set when an unbind was refused (bind status 4). */
  refuseReason?: string;
  /** variation as products.list words it ("颜色:红色"). */
  variation?: string;
}
export interface SimProduct {
  productId: string;
  title: string;
  /** "0" 仓发, "1" JIT, "2" 海外备仓 */
  productType: '0' | '1' | '2';
  /** Kept for the search_condition_do.product_status filter; the response carries none. */
  productStatus: string;
  /** image_urls */
  imageUrls?: string[];
  skus: SimSku[];
}

export type ReviewMode = 'instant' | 'review' | 'refuse';

export interface AeSimOptions {
  clock: Clock;
  appKey: string;
  appSecret: string;
  products: SimProduct[];
  seller?: { sellerId: string; account: string; channelSellerId: string; channel: string };
  /** The store's business types (default both: POP_CHOICE and ONE_STOP_SERVICE). */
  businessTypes?: ('ONE_STOP_SERVICE' | 'POP_CHOICE')[];
  accessTtlMs?: number;
  refreshTtlMs?: number;
  /** How long an unbind waits in review (default 10 minutes of clock time). */
  reviewMs?: number;
  reviewMode?: ReviewMode;
  /** The reason a refused unbind carries (unbind_refuse_reason). */
  refuseReason?: string;
  /** Randomness for tokens; the demo passes a seeded one. */
  random?: () => number;
}

export const DEFAULT_REFUSE_REASON = '该商品正在参加平台活动，活动期间不允许解绑，请活动结束后再申请';
