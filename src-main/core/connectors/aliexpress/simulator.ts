/**
 * An AliExpress Open Platform stand-in on 127.0.0.1: it checks signatures, timestamps and tokens and
 * answers with the real `error_response` bodies, pages products 20 at a time, and runs bind/unbind
 * with review (instant, review then success, or refused) on the injected clock, so review time
 * passes in milliseconds in tests. It is also the demo store.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock';
import type { BindStatus } from '../marketplace';
import { FaultQueue, LoopbackSimulator, type Fault, type SimReply, type SimRequest } from '../simServer';
import { signIop } from './sign';

export interface SimSku {
  skuId: string;
  sellerSku: string;
  skuStock: number;
  bindStatus: BindStatus;
  scItemId: string;
}
export interface SimProduct {
  productId: string;
  subject: string;
  productType: number;
  productStatus: string;
  skus: SimSku[];
}

export type ReviewMode = 'instant' | 'review' | 'refuse';

export interface AeSimOptions {
  clock: Clock;
  appKey: string;
  appSecret: string;
  products: SimProduct[];
  seller?: { sellerId: string; account: string; channelSellerId: string; channel: string };
  accessTtlMs?: number;
  refreshTtlMs?: number;
  /** How long an unbind waits in review (default 10 minutes of clock time). */
  reviewMs?: number;
  reviewMode?: ReviewMode;
  /** Randomness for tokens; the demo passes a seeded one. */
  random?: () => number;
}

interface Review {
  decideAt: number;
  outcome: 'success' | 'refuse';
}

const err = (code: string, msg: string, type = 'ISV', status = 200) => (requestId: string): SimReply => ({
  status,
  json: { error_response: { type, code, msg, request_id: requestId } },
});

export class AliExpressSimulator extends LoopbackSimulator {
  readonly faults = new FaultQueue();
  /** Every call that reached the gateway, for tests: method (or path) and clock time. */
  readonly calls: { method: string; at: number }[] = [];
  private codes = new Map<string, number>();
  private access = new Map<string, number>();
  private refresh = new Map<string, number>();
  private reviews = new Map<string, Review>();
  private skuModes = new Map<string, ReviewMode>();
  private seq = 0;
  private readonly byKey = new Map<string, { product: SimProduct; sku: SimSku }>();
  reviewMode: ReviewMode;
  readonly seller: NonNullable<AeSimOptions['seller']>;

  constructor(private readonly o: AeSimOptions) {
    super();
    this.reviewMode = o.reviewMode ?? 'instant';
    this.seller = o.seller ?? { sellerId: '2001234567', account: 'demo-store@example.com', channelSellerId: '6001234567', channel: 'AE_GLOBAL' };
    for (const p of o.products) for (const s of p.skus) this.byKey.set(`${p.productId}/${s.skuId}`, { product: p, sku: s });
  }

  // ---- control API for tests and the demo ----
  setReviewMode(mode: ReviewMode, sku?: { itemId: string; skuId: string }): void {
    if (sku) this.skuModes.set(`${sku.itemId}/${sku.skuId}`, mode);
    else this.reviewMode = mode;
  }
  bindState(itemId: string, skuId: string): BindStatus | undefined {
    this.settleReviews();
    return this.byKey.get(`${itemId}/${skuId}`)?.sku.bindStatus;
  }
  bindStates(): { itemId: string; skuId: string; sellerSku: string; bindStatus: BindStatus }[] {
    this.settleReviews();
    return [...this.byKey.values()].map(({ product, sku }) => ({ itemId: product.productId, skuId: sku.skuId, sellerSku: sku.sellerSku, bindStatus: sku.bindStatus }));
  }
  inject(fault: Fault, opts?: { times?: number; call?: string }): void {
    this.faults.add(fault, opts);
  }
  /** Makes every issued access token expire now (refresh tokens stay valid). */
  expireAccessTokens(): void {
    for (const k of this.access.keys()) this.access.set(k, this.o.clock.now() - 1);
  }
  expireRefreshTokens(): void {
    for (const k of this.refresh.keys()) this.refresh.set(k, this.o.clock.now() - 1);
  }
  /** Issues a code as if the seller clicked "authorise" (used by the demo and the OAuth redirect). */
  issueCode(): string {
    const code = `code_${this.token(16)}`;
    this.codes.set(code, this.o.clock.now() + 10 * 60_000);
    return code;
  }

  // ---- protocol ----
  private token(n: number): string {
    if (!this.o.random) return randomBytes(n).toString('hex');
    let s = '';
    for (let i = 0; i < n * 2; i++) s += Math.floor(this.o.random() * 16).toString(16);
    return s;
  }

  private requestId(): string {
    this.seq += 1;
    return `sim${String(this.seq).padStart(8, '0')}`;
  }

  private params(r: SimRequest): Record<string, string> {
    const all: Record<string, string> = {};
    for (const [k, v] of r.query) all[k] = v;
    if (r.body) for (const [k, v] of new URLSearchParams(r.body)) all[k] = v;
    return all;
  }

  protected handle(r: SimRequest): SimReply {
    const rid = this.requestId();
    if (r.path === '/oauth/authorize') return this.authorize(r);
    const p = this.params(r);
    const name = r.path === '/sync' ? (p.method ?? '') : r.path;
    this.calls.push({ method: name, at: this.o.clock.now() });

    const fault = this.faults.take(name, ['latency', 'http5xx', 'drop', 'rateLimit', 'expiredToken', 'code']);
    let delayMs = 0;
    if (fault?.kind === 'latency') delayMs = fault.ms;
    if (fault?.kind === 'drop') return { drop: true };
    if (fault?.kind === 'http5xx') return { status: fault.status ?? 502, json: undefined };
    if (fault?.kind === 'code') return err(String(fault.code), `simulated ${String(fault.code)}`, /^isp\./i.test(String(fault.code)) ? 'ISP' : 'ISV')(rid);
    if (fault?.kind === 'rateLimit') return err('ApiCallLimit', 'The request has exceeded the limit. This ban will last 1 more seconds')(rid);

    // Common checks, in the platform's order: app key, signature, timestamp.
    if (p.app_key !== this.o.appKey) return err('InvalidAppKey', 'Specified app key is invalid')(rid);
    if (!p.sign) return err('MissingParameter', 'The input parameter “sign” that is mandatory for processing this request is not supplied.')(rid);
    const apiPath = r.path.startsWith('/rest/') ? r.path.slice('/rest'.length) : undefined;
    if (signIop(p, this.o.appSecret, apiPath) !== p.sign) {
      return err('IncompleteSignature', 'The request signature does not conform to platform standards')(rid);
    }
    const ts = Number(p.timestamp);
    if (!Number.isFinite(ts) || Math.abs(ts - this.o.clock.now()) > 15 * 60_000) {
      return err('InvalidTimestamp', 'The specified timestamp is invalid or expired')(rid);
    }

    let reply: SimReply;
    if (apiPath === '/auth/token/create') reply = this.createToken(p, rid);
    else if (apiPath === '/auth/token/refresh') reply = this.refreshToken(p, rid);
    else if (r.path === '/sync') {
      const exp = p.session ? this.access.get(p.session) : undefined;
      if (fault?.kind === 'expiredToken' || exp === undefined || exp <= this.o.clock.now()) {
        reply = err('IllegalAccessToken', 'The specified access token is invalid or expired')(rid);
      } else reply = this.business(p, rid);
    } else reply = err('InvalidApiPath', 'The specified API path is invalid')(rid);
    return { ...reply, delayMs };
  }

  private authorize(r: SimRequest): SimReply {
    const redirect = r.query.get('redirect_uri');
    if (r.query.get('client_id') !== this.o.appKey || !redirect) return { status: 400, json: { error: 'invalid_client' } };
    const u = new URL(redirect);
    u.searchParams.set('code', this.issueCode());
    const state = r.query.get('state');
    if (state) u.searchParams.set('state', state);
    return { redirect: u.toString() };
  }

  private issueTokens(rid: string): SimReply {
    const now = this.o.clock.now();
    const accessTtl = this.o.accessTtlMs ?? 30 * 86400_000;
    const refreshTtl = this.o.refreshTtlMs ?? 60 * 86400_000;
    const access = `50000${this.token(20)}`;
    const refresh = `50001${this.token(20)}`;
    this.access.set(access, now + accessTtl);
    this.refresh.set(refresh, now + refreshTtl);
    return {
      json: {
        access_token: access,
        refresh_token: refresh,
        expires_in: Math.floor(accessTtl / 1000),
        refresh_expires_in: Math.floor(refreshTtl / 1000),
        expire_time: now + accessTtl,
        refresh_token_valid_time: now + refreshTtl,
        seller_id: this.seller.sellerId,
        user_id: this.seller.sellerId,
        account: this.seller.account,
        account_platform: 'seller_center',
        code: '0',
        request_id: rid,
      },
    };
  }

  private createToken(p: Record<string, string>, rid: string): SimReply {
    const exp = p.code ? this.codes.get(p.code) : undefined;
    if (exp === undefined || exp <= this.o.clock.now()) return err('InvalidCode', 'The authorization code is invalid or expired')(rid);
    this.codes.delete(p.code);
    return this.issueTokens(rid);
  }

  private refreshToken(p: Record<string, string>, rid: string): SimReply {
    const exp = p.refresh_token ? this.refresh.get(p.refresh_token) : undefined;
    if (exp === undefined || exp <= this.o.clock.now()) return err('IllegalRefreshToken', 'The specified refresh token is invalid or expired')(rid);
    return this.issueTokens(rid);
  }

  private business(p: Record<string, string>, rid: string): SimReply {
    const key = `${p.method.replace(/\./g, '_')}_response`;
    const ok = (result: unknown): SimReply => ({ json: { [key]: { ...(result as object), request_id: rid } } });
    const needChannel = (): SimReply | null =>
      p.channel_seller_id === this.seller.channelSellerId && p.channel === this.seller.channel
        ? null
        : ok({ result: { success: false, error_code: 'CHANNEL_SELLER_NOT_MATCH', error_message: 'channel_seller_id / channel do not belong to this seller' } });
    switch (p.method) {
      case 'global.seller.relation.query':
        return ok({
          seller_relation_list: {
            global_seller_relation: [
              { channel_seller_id: 7001234567, channel: 'AE_GLOBAL', business_type: 'POP_CHOICE_NONE' },
              { channel_seller_id: Number(this.seller.channelSellerId), channel: this.seller.channel, business_type: 'ONE_STOP_SERVICE' },
            ],
          },
        });
      case 'aliexpress.choice.products.list': {
        const bad = needChannel();
        if (bad) return bad;
        return ok({ result: this.productsPage(p) });
      }
      case 'aliexpress.ascp.item.query':
      case 'aliexpress.ascp.item.bind':
      case 'aliexpress.ascp.item.unBind': {
        const bad = needChannel();
        if (bad) return bad;
        return ok({ result: this.bindOp(p) });
      }
      default:
        return err('InvalidApiPath', `The specified API method ${p.method} is invalid`)(rid);
    }
  }

  private productsPage(p: Record<string, string>): unknown {
    this.settleReviews();
    const size = Math.min(20, Math.max(1, Number(p.page_size ?? 20)));
    let page = Math.max(1, Number(p.current_page ?? 1));
    const list = p.product_status ? this.o.products.filter((x) => x.productStatus === p.product_status) : this.o.products;
    const fault = this.faults.take('aliexpress.choice.products.list', ['shortPage', 'duplicatePage']);
    if (fault?.kind === 'duplicatePage' && page > 1) page -= 1;
    let slice = list.slice((page - 1) * size, page * size);
    if (fault?.kind === 'shortPage') slice = slice.slice(0, Math.max(0, slice.length - 5));
    return {
      success: true,
      total_count: list.length,
      current_page: page,
      page_size: size,
      product_list: slice.map((x) => ({
        product_id: x.productId,
        subject: x.subject,
        product_type: x.productType,
        product_status: x.productStatus,
        sku_list: x.skus.map((s) => ({ sku_id: s.skuId, seller_sku: s.sellerSku, sku_stock: s.skuStock, bind_status: s.bindStatus, sc_item_id: s.bindStatus === 1 ? '' : s.scItemId })),
      })),
    };
  }

  private settleReviews(): void {
    const now = this.o.clock.now();
    for (const [k, rev] of this.reviews) {
      if (rev.decideAt > now) continue;
      const hit = this.byKey.get(k);
      if (hit) hit.sku.bindStatus = rev.outcome === 'success' ? 1 : 4;
      this.reviews.delete(k);
    }
  }

  private bindOp(p: Record<string, string>): unknown {
    this.settleReviews();
    const k = `${p.item_id}/${p.sku_id}`;
    const hit = this.byKey.get(k);
    if (!hit) return { success: false, error_code: 'SKU_NOT_FOUND', error_message: `item ${p.item_id} sku ${p.sku_id} does not exist` };
    const sku = hit.sku;
    if (p.method === 'aliexpress.ascp.item.query') return { success: true, bind_status: sku.bindStatus, sc_item_id: sku.bindStatus === 1 ? '' : sku.scItemId };
    if (p.sc_item_id !== sku.scItemId) return { success: false, error_code: 'SC_ITEM_NOT_MATCH', error_message: `goods ${p.sc_item_id} is not the goods of sku ${p.sku_id}` };
    if (p.method === 'aliexpress.ascp.item.bind') {
      if (sku.bindStatus === 3) return { success: false, error_code: 'UNBIND_IN_REVIEW', error_message: 'an unbind of this sku is under review' };
      sku.bindStatus = 2;
      return { success: true, bind_status: 2, message: '绑定成功' };
    }
    // unBind
    if (sku.bindStatus === 1) return { success: true, bind_status: 1, message: '已是未绑定' };
    if (sku.bindStatus === 3) return { success: true, bind_status: 3, message: '解绑审核中' };
    const mode = this.skuModes.get(k) ?? this.reviewMode;
    if (mode === 'instant') {
      sku.bindStatus = 1;
      return { success: true, bind_status: 1, message: '解绑成功' };
    }
    sku.bindStatus = 3;
    this.reviews.set(k, { decideAt: this.o.clock.now() + (this.o.reviewMs ?? 10 * 60_000), outcome: mode === 'review' ? 'success' : 'refuse' });
    return { success: true, bind_status: 3, message: '解绑申请已提交，等待审核' };
  }
}
