/**
 * A Tongtool Open API stand-in on 127.0.0.1: app token, merchant lookup, md5 signatures (519),
 * token expiry (523), parameter checks (525), the 5-a-minute quota per merchant (526), pages of 100
 * with no total, and stock changes with their times. The demo and later tests drive it through the
 * control functions (set stock, drain a warehouse) to make stock run out and come back.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock';
import { FaultQueue, LoopbackSimulator, type Fault, type SimReply, type SimRequest } from '../simServer';
import { ttDate } from './client';
import { signTongtool } from './sign';

export interface TtSimWarehouse {
  id: string;
  name: string;
  active: boolean;
}
export interface TtSimGoods {
  sku: string;
  name: string;
  category: string;
  status: string;
}
export interface TtSimStock {
  sku: string;
  warehouseId: string;
  available: number;
  safety: number;
  /** clock ms of the last change */
  updatedAt: number;
}

export interface TtSimOptions {
  clock: Clock;
  appKey: string;
  appSecret: string;
  merchantId?: string;
  warehouses: TtSimWarehouse[];
  goods: TtSimGoods[];
  stock: Omit<TtSimStock, 'updatedAt'>[];
  tokenTtlMs?: number;
  perMinute?: number;
  random?: () => number;
}

const PAGE_MAX = 100;

export class TongtoolSimulator extends LoopbackSimulator {
  readonly faults = new FaultQueue();
  /** Every accepted /api-service call: name and clock time (the quota test reads this). */
  readonly calls: { name: string; at: number; merchantId: string }[] = [];
  /** Every call that reached the server, accepted or not. */
  readonly attempts: { name: string; at: number; code: number }[] = [];
  readonly merchantId: string;
  private tokens = new Map<string, number>();
  private stock = new Map<string, TtSimStock>();
  private order: string[] = [];

  constructor(private readonly o: TtSimOptions) {
    super();
    this.merchantId = o.merchantId ?? '000123';
    const now = o.clock.now() - 30 * 86400_000;
    for (const s of o.stock) this.put({ ...s, updatedAt: now });
  }


  // ---- control API ----
  inject(fault: Fault, opts?: { times?: number; call?: string }): void {
    this.faults.add(fault, opts);
  }
  expireTokens(): void {
    for (const k of this.tokens.keys()) this.tokens.set(k, this.o.clock.now() - 1);
  }
  warehouses(): TtSimWarehouse[] {
    return this.o.warehouses.map((w) => ({ ...w }));
  }
  getStock(sku: string, warehouseId: string): TtSimStock | undefined {
    const s = this.stock.get(`${sku}\u0000${warehouseId}`);
    return s ? { ...s } : undefined;
  }
  allStock(): TtSimStock[] {
    return this.order.map((k) => ({ ...this.stock.get(k)! }));
  }
  /** Sets one figure and records it as a change now. */
  setStock(sku: string, warehouseId: string, available: number, safety?: number): void {
    const cur = this.stock.get(`${sku}\u0000${warehouseId}`);
    this.put({ sku, warehouseId, available, safety: safety ?? cur?.safety ?? 0, updatedAt: this.o.clock.now() });
  }
  /** Every SKU of a warehouse runs out now (a campaign sold it out). Returns how many changed. */
  drainWarehouse(warehouseId: string): number {
    let n = 0;
    for (const s of this.stock.values()) {
      if (s.warehouseId === warehouseId && s.available !== 0) {
        s.available = 0;
        s.updatedAt = this.o.clock.now();
        n++;
      }
    }
    return n;
  }

  private put(s: TtSimStock): void {
    const k = `${s.sku}\u0000${s.warehouseId}`;
    if (!this.stock.has(k)) this.order.push(k);
    this.stock.set(k, s);
  }

  private token(): string {
    if (!this.o.random) return randomBytes(16).toString('hex');
    let s = '';
    for (let i = 0; i < 32; i++) s += Math.floor(this.o.random() * 16).toString(16);
    return s;
  }

  // ---- protocol ----
  private reply(code: number, message: string, datas: unknown = null, extra: Record<string, unknown> = {}): SimReply {
    return { json: { code, message, datas, ...extra } };
  }

  protected handle(r: SimRequest): SimReply {
    if (r.path === '/open-platform-service/devApp/appToken') {
      if (r.query.get('accessKey') !== this.o.appKey || r.query.get('secretAccessKey') !== this.o.appSecret) {
        return this.reply(519, 'accessKey或secretAccessKey错误', null, { success: false });
      }
      const t = this.token();
      this.tokens.set(t, this.o.clock.now() + (this.o.tokenTtlMs ?? 7 * 86400_000));
      return this.reply(200, '成功', t, { success: true });
    }
    const auth = this.checkAuth(r.query);
    if (r.path === '/open-platform-service/partnerOpenInfo/getAppBuyerList') {
      if (auth) return { json: { ...(auth.json as object), success: false } };
      return this.reply(200, '成功', [{ partnerOpenId: this.merchantId, companyName: '演示工厂 Demo Factory' }], { success: true });
    }
    const m = /^\/api-service\/openapi\/tongtool\/(\w+)$/.exec(r.path);
    if (!m || r.method !== 'POST') return { status: 404, json: { code: 404, message: 'Not Found' } };
    const name = m[1];
    const now = this.o.clock.now();
    const answer = (rep: SimReply): SimReply => {
      this.attempts.push({ name, at: now, code: Number((rep.json as { code?: number } | undefined)?.code ?? 0) });
      return rep;
    };

    const fault = this.faults.take(name, ['latency', 'http5xx', 'drop', 'rateLimit', 'expiredToken', 'code']);
    if (fault?.kind === 'drop') return answer({ drop: true });
    if (fault?.kind === 'http5xx') return answer({ status: fault.status ?? 502 });
    if (fault?.kind === 'code') return answer(this.reply(Number(fault.code), fault.code === 527 ? '系统错误' : '未知错误'));
    if (auth) return answer(auth);
    if (fault?.kind === 'expiredToken') return answer(this.reply(523, 'token已过期'));
    if (r.headers['api_version'] !== '3.0') return answer(this.reply(525, '参数错误：api_version'));
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(r.body || '{}') as Record<string, unknown>;
    } catch {
      return answer(this.reply(525, '参数错误：请求体不是 JSON'));
    }
    if (body.merchantId !== this.merchantId) return answer(this.reply(525, '参数错误：merchantId'));
    const per = this.o.perMinute ?? 5;
    const inWindow = this.calls.filter((c) => c.merchantId === this.merchantId && c.at > now - 60_000).length;
    if (fault?.kind === 'rateLimit' || inWindow >= per) return answer(this.reply(526, '接口调用次数超过限制，每分钟最多5次'));
    this.calls.push({ name, at: now, merchantId: this.merchantId });
    const delayMs = fault?.kind === 'latency' ? fault.ms : 0;
    return { ...answer(this.api(name, body)), delayMs };
  }

  private checkAuth(q: URLSearchParams): SimReply | null {
    const token = q.get('app_token') ?? '';
    const ts = q.get('timestamp') ?? '';
    if (!token || !ts || !q.get('sign')) return this.reply(525, '参数错误：缺少 app_token/timestamp/sign');
    const exp = this.tokens.get(token);
    // Signature first, with whatever token was sent: a wrong secret is 519 even with a good token.
    if (signTongtool(token, ts, this.o.appSecret) !== q.get('sign')) return this.reply(519, '签名错误');
    if (exp === undefined || exp <= this.o.clock.now()) return this.reply(523, 'token已过期');
    return null;
  }

  private page<T>(all: T[], body: Record<string, unknown>): { rows: T[] } | SimReply {
    const pageNo = Number(body.pageNo ?? 1);
    const pageSize = Number(body.pageSize ?? PAGE_MAX);
    if (!Number.isInteger(pageNo) || pageNo < 1 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > PAGE_MAX) {
      return this.reply(525, '参数错误：pageNo/pageSize');
    }
    let start = (pageNo - 1) * pageSize;
    const fault = this.faults.take(String(body.__name ?? ''), ['shortPage', 'duplicatePage']);
    if (fault?.kind === 'duplicatePage' && pageNo > 1) start -= pageSize;
    let rows = all.slice(start, start + pageSize);
    if (fault?.kind === 'shortPage') rows = rows.slice(0, Math.max(0, rows.length - 10));
    return { rows };
  }

  private stockRow(s: TtSimStock) {
    const w = this.o.warehouses.find((x) => x.id === s.warehouseId);
    return {
      goodsSku: s.sku,
      warehouseIdKey: s.warehouseId,
      warehouseName: w?.name ?? '',
      availableStockQuantity: s.available,
      waitingShipmentStockQuantity: 0,
      defectsStockQuantity: 0,
      intransitStockQuantity: 0,
      safetyStock: s.safety,
      updatedDate: ttDate(s.updatedAt),
    };
  }

  private api(name: string, body: Record<string, unknown>): SimReply {
    // Page first, then shape: a 100k catalogue is paged 1000 times.
    const paged = <T>(all: T[], shape: (x: T) => unknown = (x) => x): SimReply => {
      const p = this.page(all, { ...body, __name: name });
      if ('rows' in p) return this.reply(200, '成功', { array: p.rows.map(shape), pageNo: Number(body.pageNo ?? 1), pageSize: Number(body.pageSize ?? PAGE_MAX) });
      return p;
    };
    const byKey = (k: string) => this.stockRow(this.stock.get(k)!);
    switch (name) {
      case 'warehouseQuery':
        return paged(this.o.warehouses, (w) => ({ warehouseIdKey: w.id, warehouseName: w.name, status: w.active ? '1' : '0' }));
      case 'stocksQuery': {
        let keys = this.order;
        if (typeof body.warehouseName === 'string' && body.warehouseName) {
          const w = this.o.warehouses.find((x) => x.name === body.warehouseName);
          if (!w) return this.reply(525, `参数错误：仓库 ${body.warehouseName} 不存在`);
          keys = keys.filter((k) => this.stock.get(k)!.warehouseId === w.id);
        }
        return paged(keys, byKey);
      }
      case 'stocksChangeQuery': {
        const w = this.o.warehouses.find((x) => x.name === body.warehouseName);
        if (!w) return this.reply(525, `参数错误：仓库 ${String(body.warehouseName)} 不存在`);
        const begin = parseTt(body.updatedDateBegin);
        const end = parseTt(body.updatedDateEnd) ?? this.o.clock.now();
        if (begin === undefined || this.o.clock.now() - begin > 7 * 86400_000 + 1000) return this.reply(525, '参数错误：只能查询最近7天的变化');
        const keys = this.order.filter((k) => {
          const s = this.stock.get(k)!;
          return s.warehouseId === w.id && s.updatedAt >= begin && s.updatedAt <= end + 999;
        });
        return paged(keys, byKey);
      }
      case 'goodsQuery':
        return paged(this.o.goods, (g) => ({ goodsSku: g.sku, productName: g.name, categoryName: g.category, productStatus: g.status }));
      default:
        return this.reply(525, `参数错误：接口 ${name} 不存在`);
    }
  }
}

function parseTt(v: unknown): number | undefined {
  if (typeof v !== 'string' || !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(v)) return undefined;
  return Date.parse(`${v.replace(' ', 'T')}+08:00`);
}
