/**
 * A Tongtool Open API stand-in on 127.0.0.1, written from wire.md § Tongtool with its own code (it
 * imports nothing of the client's: not its signing, dates or types), so a client that drifts from
 * the wire fails against it. It serves:
 * - devApp/appToken → `datas` = token; partnerOpenInfo/getAppBuyerList → `[{partnerOpenId, …}]`;
 * - POST /api-service/openapi/tongtool/<name>?app_token&sign&timestamp with `api_version: 3.0`,
 *   answering `{code, datas{array, pageNo, pageSize}, message, others}`, 100 rows a page at most
 *   (a bigger pageSize gets 100, as erp2/paging.go says), no total;
 * - warehouseQuery {warehouseId, warehouseCode, warehouseName, status}; stocksQuery full rows with
 *   an optional warehouse and update-time window; stocksChangeQuery as a change log
 *   {goodsSku, availableStockQuantity, changeQuantity}; goodsQuery products with variants in goodsDetail.
 * It refuses what the real server refuses: a bad sign or a millisecond timestamp (519), a stale
 * token (523), an interface not granted to the app (524, set per interface), bad parameters (525:
 * a change query without warehouseName or with an updatedDateFrom that is malformed or older than
 * 7 days, goodsQuery without productType or with more than 10 skus), and more than 5 calls a minute
 * per merchant (526). The demo and tests drive it through the control functions (set stock, drain a
 * warehouse) to make stock run out and come back.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../platform/clock';
import { FaultQueue, LoopbackSimulator, type Fault, type SimReply, type SimRequest } from '../simServer';
import { goodsProducts } from './simGoods';
import { fromChinaTime } from './simTime';

export interface TtSimWarehouse {
  id: string;
  name: string;
  active: boolean;
  code?: string;
}
export interface TtSimGoods {
  sku: string;
  name: string;
  category: string;
  /** productStatus: "0" 停售, "1" 在售, "2" 试卖, "4" 清仓 (the words are accepted too). */
  status: string;
  /** A variant's product SKU: goods sharing one are served as one variant product (productType "1"). */
  parent?: string;
  deleted?: boolean;
}
export interface TtSimStock {
  sku: string;
  warehouseId: string;
  available: number;
  safety: number;
  /** 在途 (in transit); 0 when not set. */
  inTransit?: number;
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
  /**
   * The `warehouseIdKey` stocksQuery gives a warehouse. Nothing published says it equals
   * warehouseQuery's `warehouseId`; tests set this to serve another id space.
   */
  stockWarehouseKey?: (warehouseId: string) => string;
  /** Interfaces not granted to the app: answered 524. */
  notGranted?: string[];
}

const PAGE_MAX = 100;
const CHANGE_DAYS = 7;

interface ChangeEntry {
  sku: string;
  warehouseId: string;
  at: number;
  after: number;
  change: number;
}

export class TongtoolSimulator extends LoopbackSimulator {
  readonly faults = new FaultQueue();
  /** Every accepted /api-service call: name, clock time and body (the quota and contract tests read this). */
  readonly calls: { name: string; at: number; merchantId: string; body: Record<string, unknown> }[] = [];
  /** Every call that reached the server, accepted or not. */
  readonly attempts: { name: string; at: number; code: number }[] = [];
  readonly merchantId: string;
  private tokens = new Map<string, number>();
  private stock = new Map<string, TtSimStock>();
  private order: string[] = [];
  private changes: ChangeEntry[] = [];
  private readonly notGranted: Set<string>;

  constructor(private readonly o: TtSimOptions) {
    super();
    this.merchantId = o.merchantId ?? '000123';
    this.notGranted = new Set(o.notGranted ?? []);
    const now = o.clock.now() - 30 * 86400_000;
    for (const s of o.stock) this.put({ ...s, updatedAt: now });
  }

  // ---- control API ----
  inject(fault: Fault, opts?: { times?: number; call?: string }): void {
    this.faults.add(fault, opts);
  }
  /** Grants or withdraws one interface for this app (a withdrawn one answers 524). */
  grant(name: string, granted: boolean): void {
    if (granted) this.notGranted.delete(name);
    else this.notGranted.add(name);
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
  /** Sets one figure and records it as a change now (a change log entry when available moved). */
  setStock(sku: string, warehouseId: string, available: number, safety?: number): void {
    const cur = this.stock.get(`${sku}\u0000${warehouseId}`);
    const now = this.o.clock.now();
    if (available !== (cur?.available ?? 0))
      this.changes.push({ sku, warehouseId, at: now, after: available, change: available - (cur?.available ?? 0) });
    this.put({ sku, warehouseId, available, safety: safety ?? cur?.safety ?? 0, inTransit: cur?.inTransit, updatedAt: now });
  }
  /** Sets the in-transit figure (在途): full reads carry it, the change feed does not. */
  setInTransit(sku: string, warehouseId: string, inTransit: number): void {
    const cur = this.stock.get(`${sku}\u0000${warehouseId}`);
    this.put({ sku, warehouseId, available: cur?.available ?? 0, safety: cur?.safety ?? 0, inTransit, updatedAt: this.o.clock.now() });
  }
  /** Every SKU of a warehouse runs out now (a campaign sold it out). Returns how many changed. */
  drainWarehouse(warehouseId: string): number {
    let n = 0;
    const now = this.o.clock.now();
    for (const s of this.stock.values()) {
      if (s.warehouseId === warehouseId && s.available !== 0) {
        this.changes.push({ sku: s.sku, warehouseId, at: now, after: 0, change: -s.available });
        s.available = 0;
        s.updatedAt = now;
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
  /** The business envelope (tongtool.go Response). */
  private reply(code: number, message: string, datas: unknown = null): SimReply {
    return { json: { code, datas, message, others: null } };
  }

  /** The open-platform envelope (devApp/appToken, getAppBuyerList): it also says success, and `other`. */
  private platformReply(code: number, message: string, datas: unknown = null): SimReply {
    return { json: { success: code === 200, code, message, datas, other: null } };
  }

  protected handle(r: SimRequest): SimReply {
    if (r.path === '/open-platform-service/devApp/appToken') {
      // The open platform has its outages too (a 527 system error, a gateway's 5xx).
      const fault = this.faults.take('appToken', ['http5xx', 'drop', 'code']);
      if (fault?.kind === 'drop') return { drop: true };
      if (fault?.kind === 'http5xx') return { status: fault.status ?? 502 };
      if (fault?.kind === 'code') return this.platformReply(Number(fault.code), MESSAGE_OF[Number(fault.code)] ?? '未知错误');
      if (r.query.get('accessKey') !== this.o.appKey || r.query.get('secretAccessKey') !== this.o.appSecret) {
        return this.platformReply(519, 'accessKey或secretAccessKey错误');
      }
      const t = this.token();
      this.tokens.set(t, this.o.clock.now() + (this.o.tokenTtlMs ?? 7 * 86400_000));
      return this.platformReply(200, '成功', t);
    }
    const auth = this.checkAuth(r.query);
    if (r.path === '/open-platform-service/partnerOpenInfo/getAppBuyerList') {
      if (auth) return this.platformReply(auth.code, auth.message);
      const token = r.query.get('app_token') ?? '';
      return this.platformReply(200, '成功', [
        {
          partnerOpenId: this.merchantId,
          appToken: token,
          appTokenExpireDate: this.tokens.get(token),
          userName: '演示工厂 Demo Factory',
          valid: true,
        },
      ]);
    }
    const m = /^\/api-service\/openapi\/tongtool\/(\w+)$/.exec(r.path);
    if (!m || r.method !== 'POST') return { status: 404, json: { code: 404, message: 'Not Found' } };
    const name = m[1]!;
    const now = this.o.clock.now();
    const answer = (rep: SimReply): SimReply => {
      this.attempts.push({ name, at: now, code: Number((rep.json as { code?: number } | undefined)?.code ?? 0) });
      return rep;
    };

    const fault = this.faults.take(name, ['latency', 'http5xx', 'drop', 'rateLimit', 'expiredToken', 'code']);
    if (fault?.kind === 'drop') return answer({ drop: true });
    if (fault?.kind === 'http5xx') return answer({ status: fault.status ?? 502 });
    if (fault?.kind === 'code') return answer(this.reply(Number(fault.code), MESSAGE_OF[Number(fault.code)] ?? '未知错误'));
    if (auth) return answer(this.reply(auth.code, auth.message));
    if (fault?.kind === 'expiredToken') return answer(this.reply(523, MESSAGES[523]));
    if (this.notGranted.has(name)) return answer(this.reply(524, MESSAGES[524]));
    if (r.headers['api_version'] !== '3.0') return answer(this.reply(525, '无效的参数：api_version'));
    let body: Record<string, unknown>;
    try {
      const parsed = JSON.parse(r.body || '{}') as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      return answer(this.reply(525, '无效的参数：请求体不是 JSON 对象'));
    }
    if (body.merchantId !== this.merchantId) return answer(this.reply(525, '无效的参数：merchantId'));
    const per = this.o.perMinute ?? 5;
    const inWindow = this.calls.filter((c) => c.merchantId === this.merchantId && c.at > now - 60_000).length;
    if (fault?.kind === 'rateLimit' || inWindow >= per) return answer(this.reply(526, MESSAGES[526]));
    this.calls.push({ name, at: now, merchantId: this.merchantId, body });
    const delayMs = fault?.kind === 'latency' ? fault.ms : 0;
    return { ...answer(this.api(name, body)), delayMs };
  }

  /** 519 for a missing, bad or millisecond-timestamp signature, 523 for an unknown or stale token. */
  private checkAuth(q: URLSearchParams): { code: number; message: string } | null {
    const token = q.get('app_token') ?? '';
    const ts = q.get('timestamp') ?? '';
    const sign = q.get('sign') ?? '';
    if (!token || !ts || !sign) return { code: 525, message: '无效的参数：缺少 app_token/timestamp/sign' };
    // The timestamp is in seconds (both published SDKs): 13 digits of milliseconds are refused.
    const seconds = /^\d{1,10}$/.test(ts) ? Number(ts) : NaN;
    if (!Number.isFinite(seconds) || seconds * 1000 > this.o.clock.now() + 10 * 60_000) return { code: 519, message: MESSAGES[519] };
    // Signature first, with whatever token was sent: a wrong secret is 519 even with a good token.
    const expected = createHash('md5').update(`app_token${token}timestamp${ts}${this.o.appSecret}`, 'utf8').digest('hex');
    if (expected !== sign.toLowerCase()) return { code: 519, message: MESSAGES[519] };
    const exp = this.tokens.get(token);
    if (exp === undefined || exp <= this.o.clock.now()) return { code: 523, message: MESSAGES[523] };
    return null;
  }

  /** One page: pageNo from 1, pageSize up to 100 (more is served as 100). */
  private paged<T>(name: string, all: T[], body: Record<string, unknown>, shape: (x: T) => unknown): SimReply {
    const pageNo = body.pageNo === undefined ? 1 : Number(body.pageNo);
    const asked = body.pageSize === undefined ? PAGE_MAX : Number(body.pageSize);
    if (!Number.isInteger(pageNo) || pageNo < 1 || !Number.isInteger(asked) || asked < 1)
      return this.reply(525, '无效的参数：pageNo/pageSize');
    const pageSize = Math.min(asked, PAGE_MAX);
    let start = (pageNo - 1) * pageSize;
    const fault = this.faults.take(name, ['shortPage', 'duplicatePage']);
    if (fault?.kind === 'duplicatePage' && pageNo > 1) start -= pageSize;
    let rows = all.slice(start, start + pageSize);
    if (fault?.kind === 'shortPage') rows = rows.slice(0, Math.max(0, rows.length - 10));
    return this.reply(200, '成功', { array: rows.map(shape), pageNo, pageSize });
  }

  private warehouseKey(id: string): string {
    return this.o.stockWarehouseKey ? this.o.stockWarehouseKey(id) : id;
  }

  private stockRow(s: TtSimStock) {
    const w = this.o.warehouses.find((x) => x.id === s.warehouseId);
    return {
      goodsSku: s.sku,
      warehouseIdKey: this.warehouseKey(s.warehouseId),
      warehouseName: w?.name ?? '',
      availableStockQuantity: s.available,
      waitingShipmentStockQuantity: 0,
      intransitStockQuantity: s.inTransit ?? 0,
      defectsStockQuantity: 0,
      safetyStock: s.safety,
      goodsIdKey: `G-${s.sku}`,
      goodsAvgCost: 0,
      goodsCurCost: 0,
    };
  }

  private api(name: string, body: Record<string, unknown>): SimReply {
    switch (name) {
      case 'warehouseQuery': {
        const named = typeof body.warehouseName === 'string' && body.warehouseName ? body.warehouseName : null;
        const list = named ? this.o.warehouses.filter((w) => w.name === named) : this.o.warehouses;
        return this.paged(name, list, body, (w) => ({
          warehouseId: w.id,
          warehouseCode: w.code ?? w.id,
          warehouseName: w.name,
          status: w.active ? '1' : '0',
        }));
      }
      case 'stocksQuery': {
        const bad = this.badSkus(body.skus);
        if (bad) return bad;
        const from = body.updatedDateFrom === undefined ? undefined : fromChinaTime(body.updatedDateFrom);
        const to = body.updatedDateTo === undefined ? undefined : fromChinaTime(body.updatedDateTo);
        if ((body.updatedDateFrom !== undefined && from === undefined) || (body.updatedDateTo !== undefined && to === undefined))
          return this.reply(525, '无效的参数：更新时间格式应为 yyyy-MM-dd HH:mm:ss');
        const named = typeof body.warehouseName === 'string' && body.warehouseName ? body.warehouseName : null;
        const wh = named === null ? null : this.o.warehouses.find((x) => x.name === named);
        const skus = Array.isArray(body.skus) && body.skus.length ? new Set(body.skus as string[]) : null;
        const filtered = named !== null || skus !== null || from !== undefined || to !== undefined;
        const keys = !filtered
          ? this.order
          : this.order.filter((k) => {
              const s = this.stock.get(k)!;
              if (named !== null && s.warehouseId !== wh?.id) return false;
              if (skus && !skus.has(s.sku)) return false;
              // Times on the wire are whole seconds: a change at 10:00:00.400 is in a window from 10:00:00.
              const at = Math.floor(s.updatedAt / 1000) * 1000;
              return (from === undefined || at >= from) && (to === undefined || at <= to);
            });
        return this.paged(name, keys, body, (k) => this.stockRow(this.stock.get(k)!));
      }
      case 'stocksChangeQuery': {
        if (typeof body.warehouseName !== 'string' || !body.warehouseName) return this.reply(525, '无效的参数：仓库名称不能为空');
        if (body.updatedDateFrom === undefined || body.updatedDateFrom === '') return this.reply(525, '无效的参数：变动起始时间不能为空');
        const from = fromChinaTime(body.updatedDateFrom);
        if (from === undefined) return this.reply(525, '无效的参数：变动起始时间格式错误');
        if (this.o.clock.now() - from > CHANGE_DAYS * 86400_000)
          return this.reply(525, '无效的参数：变动起始时间只能输入距当前时间 7 天内的值');
        const bad = this.badSkus(body.skus);
        if (bad) return bad;
        const w = this.o.warehouses.find((x) => x.name === body.warehouseName);
        const skus = Array.isArray(body.skus) && body.skus.length ? new Set(body.skus as string[]) : null;
        // The log, oldest first: one entry per change, the figure after it.
        const log = w
          ? this.changes.filter((c) => c.warehouseId === w.id && Math.floor(c.at / 1000) * 1000 >= from && (!skus || skus.has(c.sku)))
          : [];
        return this.paged(name, log, body, (c) => ({ goodsSku: c.sku, availableStockQuantity: c.after, changeQuantity: c.change }));
      }
      case 'goodsQuery': {
        const type = body.productType;
        if (type === undefined || type === null || type === '') return this.reply(525, '无效的参数：销售类型不能为空');
        if (!['0', '1', '2', '3'].includes(String(type))) return this.reply(525, '无效的参数：无效的销售类型');
        const bad = this.badSkus(body.skus, 10);
        if (bad) return bad;
        let list = goodsProducts(this.o.goods, String(type));
        if (Array.isArray(body.skus) && body.skus.length) {
          const want = new Set(body.skus as string[]);
          list = list.filter(
            (p) => want.has(p.sku as string) || (p.goodsDetail as { goodsSku: string }[]).some((d) => want.has(d.goodsSku)),
          );
        }
        return this.paged(name, list, body, (p) => p);
      }
      default:
        return this.reply(525, `无效的参数：接口 ${name} 不存在`);
    }
  }

  private badSkus(skus: unknown, max?: number): SimReply | null {
    if (skus === undefined) return null;
    if (!Array.isArray(skus) || skus.some((s) => typeof s !== 'string')) return this.reply(525, '无效的参数：无效的 SKU 数据');
    if (max !== undefined && skus.length > max) return this.reply(525, `无效的参数：SKU 数据不能多于 ${max} 个`);
    return null;
  }
}

/** The platform's own words for its codes (tongtool.go ErrorWrap). */
const MESSAGES = {
  519: '签名错误',
  523: 'Token 已过期',
  524: '未授权的请求，请确认应用是否勾选对应接口',
  525: '无效的参数',
  526: '接口请求超请求次数限额',
  527: '系统错误',
  999999: '账号已过期',
} as const;
/** The same words looked up by a code that may have none. */
const MESSAGE_OF: Partial<Record<number, string>> = MESSAGES;
