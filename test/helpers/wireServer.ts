/**
 * An independent stand-in for the real AliExpress IOP gateway and Tongtool open API, written from
 * the wire facts alone (design notes on the public SDKs) and sharing no code with the project's
 * clients or simulators: its own signing, its own JSON with 17-digit ids written as exact digits,
 * its own dates. It answers only the documented shapes and refuses the rest, so a client that
 * drifts from the wire fails here even when it still agrees with our own simulators.
 */
import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WireSku {
  /** Digits: may be above 2^53. */
  skuId: string;
  sellerSku: string;
  scItemId: string;
  bindStatus: 1 | 2 | 3 | 4;
  stock: number;
}
export interface WireProduct {
  productId: string;
  title: string;
  productType: '0' | '1' | '2';
  skus: WireSku[];
}
export interface WireWarehouse {
  warehouseId: string;
  /** stocksQuery's own key for the warehouse, which the SDK names differently from warehouseId. */
  warehouseIdKey: string;
  warehouseCode: string;
  warehouseName: string;
}
export interface WireStock {
  goodsSku: string;
  warehouseName: string;
  available: number;
  safety: number;
  intransit: number;
  /** epoch ms of the last change */
  updated: number;
  changeQuantity: number;
}
export interface WireGoods {
  sku: string;
  productName: string;
  categoryName: string;
  /** "0" normal, "1" variant (its SKUs in goodsDetail) */
  productType: '0' | '1';
  variants: string[];
}

export interface WireServerOptions {
  now: () => number;
  ae: { appKey: string; appSecret: string; code: string; channelSellerId: string; sellerId: string };
  tt: { accessKey: string; secretAccessKey: string; merchantId: string };
  products: WireProduct[];
  warehouses: WireWarehouse[];
  stock: WireStock[];
  goods: WireGoods[];
}

export interface WireRequest {
  system: 'aliexpress' | 'tongtool';
  api: string;
  query: Record<string, string>;
  form: Record<string, string>;
  json: unknown;
  raw: string;
}

const QUOTA_PER_MINUTE = 5;

/** "yyyy-MM-dd HH:mm:ss" in China time, as Tongtool writes and reads dates. */
function chinaTime(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}`;
}
function parseChinaTime(s: unknown): number | null {
  if (typeof s !== 'string' || !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(s)) return null;
  const ms = Date.parse(`${s.replace(' ', 'T')}+08:00`);
  return Number.isFinite(ms) ? ms : null;
}

/** JSON text with the named fields' digit strings written as bare JSON numbers (Java Longs). */
function longJson(value: unknown, longs: ReadonlySet<string>): string {
  const text = JSON.stringify(value, (k, v: unknown) => (longs.has(k) && typeof v === 'string' && /^\d+$/.test(v) ? `@@LONG${v}@@` : v));
  return text.replace(/"@@LONG(\d+)@@"/g, '$1');
}

const AE_LONGS = new Set(['product_id', 'sku_id', 'sc_item_id', 'channel_seller_id', 'seller_id', 'item_id']);

export class WireServer {
  readonly requests: WireRequest[] = [];
  /** A platform change to simulate: each product body goes through this before it is sent. */
  productChange: ((body: Record<string, unknown>) => Record<string, unknown>) | null = null;
  private server: Server | null = null;
  private accessToken = '';
  private ttToken = '';
  private readonly ttCalls: number[] = [];
  url = '';

  constructor(readonly o: WireServerOptions) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }
  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()));
  }

  /** The ERP sells units: the figure drops and the change feed records it. */
  sell(goodsSku: string, warehouseName: string, units: number): void {
    const row = this.o.stock.find((s) => s.goodsSku === goodsSku && s.warehouseName === warehouseName);
    if (!row) throw new Error(`no stock row ${goodsSku}@${warehouseName}`);
    row.available -= units;
    row.changeQuantity = -units;
    row.updated = this.o.now();
  }

  sku(skuId: string): WireSku | undefined {
    for (const p of this.o.products) for (const s of p.skus) if (s.skuId === skuId) return s;
    return undefined;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://x');
    const query = Object.fromEntries(url.searchParams);
    const send = (status: number, body: string) => {
      res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' });
      res.end(body);
    };
    try {
      if (url.pathname === '/sync' || url.pathname.startsWith('/rest/')) {
        const form = (req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')
          ? Object.fromEntries(new URLSearchParams(raw))
          : {};
        const api = url.pathname === '/sync' ? (query.method ?? '') : url.pathname.slice('/rest'.length);
        this.requests.push({ system: 'aliexpress', api, query, form, json: null, raw });
        send(200, this.aliexpress(url.pathname, api, { ...form, ...query }));
        return;
      }
      if (url.pathname.startsWith('/open-platform-service/') || url.pathname.startsWith('/api-service/openapi/tongtool/')) {
        let json: unknown = null;
        if (req.method === 'POST') json = raw ? (JSON.parse(raw) as unknown) : null;
        const api = url.pathname.split('/').pop() ?? '';
        this.requests.push({ system: 'tongtool', api, query, form: {}, json, raw });
        send(200, JSON.stringify(this.tongtool(url.pathname, api, query, json, req.headers)));
        return;
      }
      send(404, '{"message":"not found"}');
    } catch (e) {
      send(500, JSON.stringify({ message: String(e) }));
    }
  }

  // ---- AliExpress IOP ----

  private aeError(code: string, msg: string): string {
    return JSON.stringify({ error_response: { type: 'ISV', code, msg, request_id: 'wire-req' } });
  }

  private aliexpress(path: string, api: string, params: Record<string, string>): string {
    const { sign, ...rest } = params;
    for (const [k, v] of Object.entries(rest)) if (v === '') return this.aeError('MissingParameter', `empty parameter ${k}`);
    const base = Object.keys(rest)
      .sort()
      .map((k) => `${k}${rest[k]}`)
      .join('');
    const signed = path.startsWith('/rest/') ? `${api}${base}` : base;
    const expected = createHmac('sha256', this.o.ae.appSecret).update(signed, 'utf8').digest('hex').toUpperCase();
    if (rest.app_key !== this.o.ae.appKey) return this.aeError('InvalidAppKey', 'app key');
    if (rest.sign_method !== 'sha256' || sign !== expected)
      return this.aeError('IncompleteSignature', 'The request signature does not conform to platform standards');
    if (!/^\d{13}$/.test(rest.timestamp ?? '') || Math.abs(Number(rest.timestamp) - this.o.now()) > 15 * 60_000)
      return this.aeError('InvalidTimestamp', 'timestamp');
    if (api === '/auth/token/create') {
      if (rest.code !== this.o.ae.code) return JSON.stringify({ code: 'InvalidCode', message: 'code is invalid', request_id: 'wire-req' });
      this.accessToken = `at-${this.o.now()}`;
      const now = this.o.now();
      // A test app's lifetimes: one day for the access token, two for the refresh token.
      return longJson(
        {
          access_token: this.accessToken,
          refresh_token: `rt-${now}`,
          expires_in: 86400,
          refresh_expires_in: 172800,
          expire_time: now + 86400_000,
          refresh_token_valid_time: now + 172800_000,
          seller_id: this.o.ae.sellerId,
          account: 'seller@example.com',
          code: '0',
          request_id: 'wire-req',
        },
        AE_LONGS,
      );
    }
    if (path !== '/sync') return this.aeError('InvalidApiPath', api);
    if (rest.session !== this.accessToken) return this.aeError('IllegalAccessToken', 'The specified access token is invalid or expired');
    if (rest.v !== '2.0' || rest.format !== 'json') return this.aeError('InvalidVersion', 'v/format');
    const simplify = rest.simplify === 'true';
    const wrap = (body: Record<string, unknown>) => longJson(simplify ? body : { [`${api.replace(/\./g, '_')}_response`]: body }, AE_LONGS);
    const ch = { channel_seller_id: this.o.ae.channelSellerId, channel: 'AE_GLOBAL' };
    switch (api) {
      case 'global.seller.relation.query': {
        const list = [
          {
            ...ch,
            seller_id: this.o.ae.sellerId,
            channel_shop_name: '义乌小工厂全托管店',
            channel_currency: 'CNY',
            business_type: 'ONE_STOP_SERVICE',
          },
          {
            channel_seller_id: '20000000000000077',
            channel: 'AE_GLOBAL',
            seller_id: this.o.ae.sellerId,
            channel_shop_name: '义乌小工厂',
            channel_currency: 'USD',
            business_type: 'POP_CHOICE',
          },
        ];
        return wrap({ seller_relation_list: simplify ? list : { seller_relation: list }, success: true, global_currency: 'USD' });
      }
      case 'aliexpress.choice.products.list': {
        for (const k of ['channel_seller_id', 'channel', 'current_page', 'page_size'])
          if (!rest[k]) return this.aeError('MissingParameter', k);
        if (rest.channel_seller_id !== ch.channel_seller_id || rest.channel !== ch.channel)
          return wrap({ result: { success: false, error_code: 'CHANNEL_NOT_MATCH', error_msg: '渠道不匹配' } });
        const size = Number(rest.page_size);
        if (!(size >= 1 && size <= 20)) return this.aeError('InvalidParameter', 'page_size');
        const cond = rest.search_condition_do
          ? (JSON.parse(rest.search_condition_do.replace(/:(\d{16,})/g, ':"$1"')) as { product_id?: string | number })
          : {};
        if ('product_status' in rest || 'product_id' in rest) return this.aeError('InvalidParameter', 'filters go in search_condition_do');
        const all =
          cond.product_id !== undefined ? this.o.products.filter((p) => p.productId === String(cond.product_id)) : this.o.products;
        const page = Number(rest.current_page);
        const items = all
          .slice((page - 1) * size, page * size)
          .map((p) => (this.productChange ?? ((b) => b))(this.productBody(p, simplify)));
        return wrap({
          result: {
            success: true,
            total_count: all.length,
            total_page: Math.ceil(all.length / size),
            page_size: size,
            current_page: page,
            product_list: simplify ? items : { product_list: items },
          },
        });
      }
      case 'aliexpress.ascp.item.bind':
      case 'aliexpress.ascp.item.unBind': {
        if (!rest.param0) return this.aeError('MissingParameter', 'param0');
        // The exact digits as sent: a client that went through a JS number sends a neighbour.
        const p = JSON.parse(rest.param0.replace(/:(\d{16,})/g, ':"$1"')) as Record<string, string | number>;
        const sku = this.sku(String(p.sku_id));
        const product = this.o.products.find((x) => x.productId === String(p.item_id));
        const fail = (err_code: string, err_message: string) => wrap({ result: { success: false, err_code, err_message } });
        if (String(p.channel_seller_id) !== ch.channel_seller_id || p.channel !== ch.channel)
          return fail('CHANNEL_NOT_MATCH', '渠道不匹配');
        if (!sku || !product || !product.skus.includes(sku)) return fail('SKU_NOT_FOUND', '商品SKU不存在');
        if (String(p.sc_item_id) !== sku.scItemId) return fail('SC_ITEM_NOT_MATCH', '货品与SKU不匹配');
        sku.bindStatus = api.endsWith('unBind') ? 1 : 2;
        return wrap({ result: { success: true, data: 'true' } });
      }
      default:
        return this.aeError('InvalidApiPath', api);
    }
  }

  private productBody(p: WireProduct, simplify: boolean): Record<string, unknown> {
    const skus = p.skus.map((s) => ({
      sku_id: s.skuId,
      seller_sku: s.sellerSku,
      sku_stock: s.stock,
      status: 'active',
      variation: '颜色:红色',
      supply_price: '12.50',
      sku_warehouse_stock_list: [],
      product_sku_sc_item_info_dto: {
        sc_item_id: s.scItemId,
        sc_item_bar_code: `BC${s.scItemId.slice(-6)}`,
        bind_status: s.bindStatus,
        ...(s.bindStatus === 4 ? { unbind_refuse_reason: '活动期间不允许解绑' } : {}),
      },
    }));
    return {
      product_id: p.productId,
      title: p.title,
      product_type: p.productType,
      product_audit_status: 1,
      leaf_category_id: 200000345,
      total_stocks: p.skus.reduce((n, s) => n + s.stock, 0),
      currency_code: 'CNY',
      image_urls: simplify ? ['https://ae01.alicdn.com/kf/x.jpg'] : { string: ['https://ae01.alicdn.com/kf/x.jpg'] },
      search_sku_info_list: simplify ? skus : { search_sku_info_list: skus },
    };
  }

  // ---- Tongtool ----

  private tongtool(
    path: string,
    api: string,
    q: Record<string, string>,
    body: unknown,
    headers: IncomingMessage['headers'],
  ): Record<string, unknown> {
    const t = this.o.tt;
    if (api === 'appToken') {
      if (q.accessKey !== t.accessKey || q.secretAccessKey !== t.secretAccessKey) return { code: 519, message: '签名错误', datas: null };
      this.ttToken = `tt-${this.o.now()}`;
      return { code: 200, message: '成功', datas: this.ttToken, success: true };
    }
    if (q.app_token !== this.ttToken) return { code: 523, message: 'token已过期', datas: null };
    // The timestamp is in seconds: a millisecond one is a bad signature.
    if (!/^\d{10}$/.test(q.timestamp ?? '')) return { code: 519, message: '签名错误', datas: null };
    const sign = createHash('md5').update(`app_token${q.app_token}timestamp${q.timestamp}${t.secretAccessKey}`).digest('hex');
    if (q.sign !== sign) return { code: 519, message: '签名错误', datas: null };
    if (api === 'getAppBuyerList') return { code: 200, message: '成功', datas: [{ partnerOpenId: t.merchantId }] };
    if (!path.startsWith('/api-service/openapi/tongtool/') || headers.api_version !== '3.0')
      return { code: 525, message: '参数错误', datas: null };
    const now = this.o.now();
    while (this.ttCalls.length && this.ttCalls[0]! <= now - 60_000) this.ttCalls.shift();
    if (this.ttCalls.length >= QUOTA_PER_MINUTE) return { code: 526, message: '接口调用次数超限', datas: null };
    this.ttCalls.push(now);
    const b = (body ?? {}) as Record<string, unknown>;
    if (b.merchantId !== t.merchantId) return { code: 525, message: 'merchantId错误', datas: null };
    const pageNo = Number(b.pageNo ?? 1);
    const pageSize = Number(b.pageSize ?? 100);
    if (!(pageSize >= 1 && pageSize <= 100)) return { code: 525, message: 'pageSize错误', datas: null };
    const page = <T>(rows: T[]) => ({
      code: 200,
      message: '成功',
      others: null,
      datas: { array: rows.slice((pageNo - 1) * pageSize, pageNo * pageSize), pageNo, pageSize },
    });
    const skus = Array.isArray(b.skus) ? (b.skus as string[]) : null;
    switch (api) {
      case 'warehouseQuery':
        return page(
          this.o.warehouses.map((w) => ({
            warehouseId: w.warehouseId,
            warehouseCode: w.warehouseCode,
            warehouseName: w.warehouseName,
            status: '1',
          })),
        );
      case 'stocksQuery': {
        const from = b.updatedDateFrom === undefined ? null : parseChinaTime(b.updatedDateFrom);
        if (b.updatedDateFrom !== undefined && from === null) return { code: 525, message: 'updatedDateFrom格式错误', datas: null };
        const rows = this.o.stock
          // The Go SDK always sends warehouseName (no omitempty): "" asks for every warehouse.
          .filter(
            (s) =>
              (b.warehouseName === undefined || b.warehouseName === '' || s.warehouseName === b.warehouseName) &&
              (!skus || skus.includes(s.goodsSku)) &&
              (from === null || s.updated >= from),
          )
          .map((s) => {
            const w = this.o.warehouses.find((x) => x.warehouseName === s.warehouseName)!;
            return {
              goodsSku: s.goodsSku,
              goodsIdKey: `G-${s.goodsSku}`,
              warehouseIdKey: w.warehouseIdKey,
              warehouseName: s.warehouseName,
              availableStockQuantity: s.available,
              waitingShipmentStockQuantity: 0,
              intransitStockQuantity: s.intransit,
              defectsStockQuantity: 0,
              safetyStock: s.safety,
            };
          });
        return page(rows);
      }
      case 'stocksChangeQuery': {
        if (typeof b.warehouseName !== 'string' || !b.warehouseName) return { code: 525, message: 'warehouseName不能为空', datas: null };
        const from = parseChinaTime(b.updatedDateFrom);
        if (from === null || from < now - 7 * 86400_000) return { code: 525, message: 'updatedDateFrom格式错误或超过7天', datas: null };
        const rows = this.o.stock
          .filter((s) => s.warehouseName === b.warehouseName && s.updated >= from && (!skus || skus.includes(s.goodsSku)))
          .map((s) => ({ goodsSku: s.goodsSku, availableStockQuantity: s.available, changeQuantity: s.changeQuantity }));
        return page(rows);
      }
      case 'goodsQuery': {
        if (typeof b.productType !== 'string' || !['0', '1', '2', '3'].includes(b.productType))
          return { code: 525, message: 'productType不能为空', datas: null };
        if (skus && skus.length > 10) return { code: 525, message: 'skus最多10个', datas: null };
        const rows = this.o.goods
          .filter((g) => g.productType === b.productType && (!skus || skus.includes(g.sku) || g.variants.some((v) => skus.includes(v))))
          .map((g) => ({
            sku: g.sku,
            productName: g.productName,
            productCode: `PC-${g.sku}`,
            categoryName: g.categoryName,
            productStatus: '1',
            status: '0',
            goodsDetail: (g.productType === '1' ? g.variants : [g.sku]).map((v, i) => ({ goodsSku: v, goodsDetailId: `GD-${i}-${v}` })),
          }));
        return page(rows);
      }
      default:
        return { code: 524, message: '应用未授权该接口', datas: null };
    }
  }
}

export { chinaTime };
