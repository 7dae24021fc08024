/**
 * An AliExpress Open Platform stand-in on 127.0.0.1, built from the wire facts (the published SDK)
 * with its own code: its own signature check, its own JSON writer (Long ids as exact digits), its
 * own reading of JSON parameters. It answers in both shapes, `simplify=true` (the response object,
 * plain arrays) and `simplify=false` (`<method>_response`, each list an object holding one array),
 * and refuses what the real gateway refuses, with its `error_response` bodies: a bad or missing
 * signature, a value that was signed but is empty (the gateway drops empty values before checking),
 * a missing required parameter or `param0`, an expired or unknown token. Pages products 20 at a
 * time, and runs bind/unbind with review (instant, review then success, or refused with a reason)
 * on the injected clock, so review time passes in milliseconds in tests. It is also the demo store.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { FaultQueue, LoopbackSimulator, type Fault, type SimReply, type SimRequest } from '../simServer';
import {
  DEFAULT_REFUSE_REASON,
  WIRE_BIND_STATUS,
  type AeSimOptions,
  type ReviewMode,
  type SimBindStatus,
  type SimProduct,
  type SimSku,
} from './simData';
import { isDigits, long, readJsonParam, writeJson } from './simJson';
import { productOnWire } from './simProductWire';

export { DEFAULT_REFUSE_REASON, type AeSimOptions, type ReviewMode, type SimProduct, type SimSku };

interface Review {
  decideAt: number;
  outcome: 'success' | 'refuse';
}

export class AliExpressSimulator extends LoopbackSimulator {
  readonly faults = new FaultQueue();
  /** Every call that reached the gateway, for tests: method (or path), clock time, parameters as received. */
  readonly calls: { method: string; at: number; params: Record<string, string> }[] = [];
  private codes = new Map<string, number>();
  private access = new Map<string, number>();
  private refresh = new Map<string, number>();
  private reviews = new Map<string, Review>();
  private skuModes = new Map<string, ReviewMode>();
  private seq = 0;
  private readonly byKey = new Map<string, { product: SimProduct; sku: SimSku }>();
  reviewMode: ReviewMode;
  private current: NonNullable<AeSimOptions['seller']>;
  /** The store that signed in on the authorise page; the channel calls answer for it. */
  get seller(): NonNullable<AeSimOptions['seller']> {
    return this.current;
  }

  constructor(private readonly o: AeSimOptions) {
    super();
    this.reviewMode = o.reviewMode ?? 'instant';
    this.current = o.seller ?? {
      sellerId: '2001234567',
      account: 'demo-store@example.com',
      channelSellerId: '6001234567',
      channel: 'AE_GLOBAL',
    };
    for (const p of o.products) for (const s of p.skus) this.byKey.set(`${p.productId}/${s.skuId}`, { product: p, sku: s });
  }

  // ---- control API for tests and the demo ----
  /** Another store signs in on the authorise page (a seller re-authorising with a different account). */
  signInAs(seller: NonNullable<AeSimOptions['seller']>): void {
    this.current = seller;
  }
  setReviewMode(mode: ReviewMode, sku?: { itemId: string; skuId: string }): void {
    if (sku) this.skuModes.set(`${sku.itemId}/${sku.skuId}`, mode);
    else this.reviewMode = mode;
  }
  bindState(itemId: string, skuId: string): SimBindStatus | undefined {
    this.settleReviews();
    return this.byKey.get(`${itemId}/${skuId}`)?.sku.bindStatus;
  }
  bindStates(): { itemId: string; skuId: string; sellerSku: string; bindStatus: SimBindStatus }[] {
    this.settleReviews();
    return [...this.byKey.values()].map(({ product, sku }) => ({
      itemId: product.productId,
      skuId: sku.skuId,
      sellerSku: sku.sellerSku,
      bindStatus: sku.bindStatus,
    }));
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

  /** The gateway's own check: non-empty parameters but sign, sorted by key, key+value, HMAC-SHA256, upper hex. */
  private expectedSign(p: Record<string, string>, apiPath: string): string {
    const keys = Object.keys(p)
      .filter((k) => k !== 'sign' && p[k]!.trim() !== '')
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    let base = apiPath;
    for (const k of keys) base += k + p[k];
    return createHmac('sha256', this.o.appSecret).update(base, 'utf8').digest('hex').toUpperCase();
  }

  private error(
    rid: string,
    code: string,
    msg: string,
    opts: { type?: string; status?: number; subCode?: string; subMsg?: string } = {},
  ): SimReply {
    const body = { error_response: { type: opts.type ?? 'ISV', code, msg, sub_code: opts.subCode, sub_msg: opts.subMsg, request_id: rid } };
    return { status: opts.status ?? 200, text: writeJson(body, true) };
  }

  private missing(rid: string, name: string): SimReply {
    return this.error(
      rid,
      'MissingParameter',
      `The input parameter “${name}” that is mandatory for processing this request is not supplied.`,
    );
  }

  protected handle(r: SimRequest): SimReply {
    const rid = this.requestId();
    if (r.path === '/oauth/authorize') return this.authorize(r);
    const p: Record<string, string> = {};
    for (const [k, v] of r.query) p[k] = v;
    if (r.body) for (const [k, v] of new URLSearchParams(r.body)) p[k] = v;
    const name = r.path === '/sync' ? (p.method ?? '') : r.path;
    this.calls.push({ method: name, at: this.o.clock.now(), params: p });

    const fault = this.faults.take(name, ['latency', 'http5xx', 'drop', 'rateLimit', 'expiredToken', 'code']);
    let delayMs = 0;
    if (fault?.kind === 'latency') delayMs = fault.ms;
    if (fault?.kind === 'drop') return { drop: true };
    if (fault?.kind === 'http5xx') return { status: fault.status ?? 502, json: undefined };
    if (fault?.kind === 'code')
      return this.error(rid, String(fault.code), `simulated ${String(fault.code)}`, {
        type: /^isp\./i.test(String(fault.code)) ? 'ISP' : 'ISV',
      });
    if (fault?.kind === 'rateLimit')
      return this.error(rid, 'ApiCallLimit', 'The request has exceeded the limit. This ban will last 1 more seconds');

    // Common checks, in the platform's order: app key, signature, timestamp.
    if (!p.app_key) return this.missing(rid, 'app_key');
    if (p.app_key !== this.o.appKey) return this.error(rid, 'InvalidAppKey', 'Specified app key is invalid');
    if (!p.sign) return this.missing(rid, 'sign');
    if (p.sign_method !== 'sha256') return this.error(rid, 'InvalidSignMethod', 'The specified signature method is not supported');
    const apiPath = r.path.startsWith('/rest/') ? r.path.slice('/rest'.length) : '';
    if (this.expectedSign(p, apiPath) !== p.sign)
      return this.error(rid, 'IncompleteSignature', 'The request signature does not conform to platform standards');
    const ts = Number(p.timestamp);
    if (!/^\d{13}$/.test(p.timestamp ?? '') || Math.abs(ts - this.o.clock.now()) > 15 * 60_000) {
      return this.error(rid, 'InvalidTimestamp', 'The specified timestamp is invalid or expired');
    }

    let reply: SimReply;
    if (apiPath === '/auth/token/create') reply = this.createToken(p, rid);
    else if (apiPath === '/auth/token/refresh') reply = this.refreshToken(p, rid);
    else if (r.path === '/sync') {
      if (!p.method) reply = this.missing(rid, 'method');
      else if (!p.session) reply = this.missing(rid, 'session');
      else {
        const exp = this.access.get(p.session);
        if (fault?.kind === 'expiredToken' || exp === undefined || exp <= this.o.clock.now()) {
          reply = this.error(rid, 'IllegalAccessToken', 'The specified access token is invalid or expired');
        } else reply = this.business(p, rid);
      }
    } else reply = this.error(rid, 'InvalidApiPath', 'The specified API path is invalid');
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

  /** System calls answer failures at the top level, as the SDK's GOP parser reads them. */
  private restError(rid: string, code: string, message: string): SimReply {
    return { text: writeJson({ type: 'ISV', code, message, request_id: rid }, true) };
  }

  private issueTokens(rid: string): SimReply {
    const now = this.o.clock.now();
    const accessTtl = this.o.accessTtlMs ?? 30 * 86400_000;
    const refreshTtl = this.o.refreshTtlMs ?? 60 * 86400_000;
    const access = `50000${this.token(20)}`;
    const refresh = `50001${this.token(20)}`;
    this.access.set(access, now + accessTtl);
    this.refresh.set(refresh, now + refreshTtl);
    const body = {
      access_token: access,
      refresh_token: refresh,
      expires_in: Math.floor(accessTtl / 1000),
      refresh_expires_in: Math.floor(refreshTtl / 1000),
      expire_time: now + accessTtl,
      refresh_token_valid_time: now + refreshTtl,
      seller_id: long(this.seller.sellerId),
      user_id: long(this.seller.sellerId),
      account: this.seller.account,
      account_platform: 'seller_center',
      code: '0',
      request_id: rid,
    };
    return { text: writeJson(body, true) };
  }

  private createToken(p: Record<string, string>, rid: string): SimReply {
    if (!p.code) return this.restError(rid, 'MissingParameter', 'code');
    const exp = this.codes.get(p.code);
    if (exp === undefined || exp <= this.o.clock.now())
      return this.restError(rid, 'InvalidCode', 'The authorization code is invalid or expired');
    this.codes.delete(p.code);
    return this.issueTokens(rid);
  }

  private refreshToken(p: Record<string, string>, rid: string): SimReply {
    if (!p.refresh_token) return this.restError(rid, 'MissingParameter', 'refresh_token');
    const exp = this.refresh.get(p.refresh_token);
    if (exp === undefined || exp <= this.o.clock.now())
      return this.restError(rid, 'IllegalRefreshToken', 'The specified refresh token is invalid or expired');
    return this.issueTokens(rid);
  }

  private business(p: Record<string, string>, rid: string): SimReply {
    const method = p.method;
    if (!method) return this.missing(rid, 'method');
    const simplify = p.simplify === 'true';
    const ok = (body: Record<string, unknown>): SimReply => {
      const full = { ...body, request_id: rid };
      return { text: writeJson(simplify ? full : { [`${method.replace(/\./g, '_')}_response`]: full }, simplify) };
    };
    const channelOk = (sellerId: unknown, channel: unknown) =>
      String(sellerId) === this.seller.channelSellerId && channel === this.seller.channel;
    switch (p.method) {
      case 'global.seller.relation.query': {
        const types = this.o.businessTypes ?? ['POP_CHOICE', 'ONE_STOP_SERVICE'];
        return ok({
          seller_relation_list: types.map((t) => ({
            // The POP store has its own channel seller id.
            channel_seller_id: long(t === 'ONE_STOP_SERVICE' ? this.seller.channelSellerId : `${this.seller.channelSellerId}7`),
            seller_id: long(this.seller.sellerId),
            channel: this.seller.channel,
            channel_shop_name: t === 'ONE_STOP_SERVICE' ? '演示工厂全托管店' : '演示工厂店',
            channel_currency: t === 'ONE_STOP_SERVICE' ? 'CNY' : 'USD',
            business_type: t,
          })),
          success: true,
          global_currency: 'USD',
        });
      }
      case 'aliexpress.choice.products.list': {
        for (const k of ['channel_seller_id', 'channel']) if (!p[k]) return this.missing(rid, k);
        // Filters exist only inside search_condition_do.
        for (const k of ['product_status', 'product_id'])
          if (k in p) return this.error(rid, 'InvalidParameter', `${k} is not a parameter of this API; use search_condition_do`);
        const size = p.page_size === undefined ? 20 : Number(p.page_size);
        if (!(Number.isInteger(size) && size >= 1 && size <= 20))
          return this.error(rid, 'InvalidParameter', 'page_size must be between 1 and 20');
        let cond: ReturnType<typeof readJsonParam> = {};
        if (p.search_condition_do !== undefined) {
          cond = readJsonParam(p.search_condition_do);
          if (!cond) return this.error(rid, 'InvalidParameter', 'search_condition_do is not a JSON object');
        }
        if (!channelOk(p.channel_seller_id, p.channel))
          return ok({ result: { success: false, error_code: 'CHANNEL_SELLER_NOT_MATCH', error_msg: '渠道卖家与当前授权账号不匹配' } });
        return ok({ result: this.productsPage(Number(p.current_page ?? 1), size, cond) });
      }
      case 'aliexpress.ascp.item.bind':
      case 'aliexpress.ascp.item.unBind': {
        if (!p.param0) return this.missing(rid, 'param0');
        const q = readJsonParam(p.param0);
        if (!q) return this.error(rid, 'InvalidParameter', 'param0 is not a JSON object');
        for (const k of ['item_id', 'sku_id', 'sc_item_id', 'channel_seller_id'])
          if (!isDigits(q[k])) return this.error(rid, 'InvalidParameter', `param0.${k} must be a Long`);
        if (typeof q.channel !== 'string' || !q.channel) return this.error(rid, 'InvalidParameter', 'param0.channel is required');
        if (!channelOk(q.channel_seller_id, q.channel))
          return ok({ result: { success: false, err_code: 'CHANNEL_SELLER_NOT_MATCH', err_message: '渠道卖家与当前授权账号不匹配' } });
        return ok({ result: this.bindOp(p.method, q as Record<string, string>) });
      }
      case 'aliexpress.ascp.item.query': {
        if (!p.sc_item_query) return this.missing(rid, 'sc_item_query');
        const q = readJsonParam(p.sc_item_query);
        if (!q) return this.error(rid, 'InvalidParameter', 'sc_item_query is not a JSON object');
        return ok({ result: this.itemQuery(q) });
      }
      default:
        return this.error(rid, 'InvalidApiPath', `The specified API method ${p.method} is invalid`);
    }
  }

  private productsPage(current: number, size: number, cond: Record<string, unknown>): Record<string, unknown> {
    this.settleReviews();
    let page = Math.max(1, current);
    let list = this.o.products;
    if (typeof cond.product_status === 'string' && cond.product_status) list = list.filter((x) => x.productStatus === cond.product_status);
    if (cond.product_id !== undefined && cond.product_id !== null) list = list.filter((x) => x.productId === String(cond.product_id));
    const fault = this.faults.take('aliexpress.choice.products.list', ['shortPage', 'duplicatePage']);
    if (fault?.kind === 'duplicatePage' && page > 1) page -= 1;
    let slice = list.slice((page - 1) * size, page * size);
    if (fault?.kind === 'shortPage') slice = slice.slice(0, Math.max(0, slice.length - 5));
    return {
      success: true,
      total_count: list.length,
      total_page: Math.ceil(list.length / size),
      page_size: size,
      current_page: page,
      product_list: slice.map(productOnWire),
    };
  }

  private itemQuery(q: Record<string, unknown>): Record<string, unknown> {
    this.settleReviews();
    const hits = [...this.byKey.values()].filter(({ sku }) => q.sc_item_id === undefined || sku.scItemId === String(q.sc_item_id));
    return {
      success: true,
      total_count: hits.length,
      page_index: 1,
      page_size: 20,
      data_list: hits.slice(0, 20).map(({ product, sku }) => ({
        sc_item_id: long(sku.scItemId),
        title: product.title,
        item_code: sku.sellerSku,
        relation_list: [{ item_id: long(product.productId), sku_id: long(sku.skuId), bind_status: String(sku.bindStatus) }],
      })),
    };
  }

  private settleReviews(): void {
    const now = this.o.clock.now();
    for (const [k, rev] of this.reviews) {
      if (rev.decideAt > now) continue;
      const hit = this.byKey.get(k);
      if (hit) {
        hit.sku.bindStatus = rev.outcome === 'success' ? WIRE_BIND_STATUS.UNBOUND : WIRE_BIND_STATUS.UNBIND_REFUSED;
        hit.sku.refuseReason = rev.outcome === 'refuse' ? (this.o.refuseReason ?? DEFAULT_REFUSE_REASON) : undefined;
      }
      this.reviews.delete(k);
    }
  }

  /** bind/unBind: `result{success, data, err_code, err_message}`, no bind status (it is read from products.list). */
  private bindOp(method: string, q: Record<string, string>): Record<string, unknown> {
    this.settleReviews();
    const fail = (err_code: string, err_message: string) => ({ success: false, err_code, err_message });
    const k = `${q.item_id}/${q.sku_id}`;
    const hit = this.byKey.get(k);
    if (!hit) return fail('SKU_NOT_FOUND', `商品 ${q.item_id} 的SKU ${q.sku_id} 不存在`);
    const sku = hit.sku;
    if (q.sc_item_id !== sku.scItemId) return fail('SC_ITEM_NOT_MATCH', `货品 ${q.sc_item_id} 不是SKU ${q.sku_id} 的货品`);
    if (method === 'aliexpress.ascp.item.bind') {
      if (sku.bindStatus === WIRE_BIND_STATUS.UNBIND_REVIEW)
        return fail('UNBIND_IN_REVIEW', '该SKU的解绑申请正在审核中，审核结束前不能绑定');
      sku.bindStatus = WIRE_BIND_STATUS.BOUND;
      sku.refuseReason = undefined;
      return { success: true, data: '绑定成功' };
    }
    if (sku.bindStatus === WIRE_BIND_STATUS.UNBOUND) return { success: true, data: '已是未绑定' };
    if (sku.bindStatus === WIRE_BIND_STATUS.UNBIND_REVIEW) return { success: true, data: '解绑审核中' };
    const mode = this.skuModes.get(k) ?? this.reviewMode;
    sku.refuseReason = undefined;
    if (mode === 'instant') {
      sku.bindStatus = WIRE_BIND_STATUS.UNBOUND;
      return { success: true, data: '解绑成功' };
    }
    sku.bindStatus = WIRE_BIND_STATUS.UNBIND_REVIEW;
    this.reviews.set(k, {
      decideAt: this.o.clock.now() + (this.o.reviewMs ?? 10 * 60_000),
      outcome: mode === 'review' ? 'success' : 'refuse',
    });
    return { success: true, data: '解绑申请已提交，等待审核' };
  }
}
