/**
 * The Tongtool Open API client: app token from the app key and secret, md5 signature, merchantId
 * lookup, then `POST /api-service/openapi/tongtool/NAME` with `api_version: 3.0`, every call through
 * the shared per-merchant quota gate. 523 refreshes the token and retries once.
 */
import type { Clock } from '../../platform/clock';
import { silentLogger, type Logger } from '../../platform/logger';
import { registerSecret } from '../../platform/redact';
import { httpRequest, parseJson, serverErrorIfAny } from '../http';
import { ConnectorError, withRetry } from '../retry';
import type { Waiter } from '../wait';
import { tongtoolError, TT_CODES } from './errors';
import type { QuotaGate } from './quota';
import { signTongtool } from './sign';

export const TT_DEFAULT_BASE = 'https://open.tongtool.com';
export const TT_PAGE_SIZE = 100;

export interface TongtoolSession {
  appToken: string;
  merchantId?: string;
}

/** The app keeps the token in the secret store and the merchantId in settings. */
export interface TongtoolSessionStore {
  load(): TongtoolSession | null;
  save(s: TongtoolSession): void;
}

export function memorySessionStore(): TongtoolSessionStore {
  let s: TongtoolSession | null = null;
  return { load: () => s, save: (n) => void (s = n) };
}

export interface TongtoolClientOptions {
  baseUrl?: string;
  appKey: string;
  appSecret: string;
  clock: Clock;
  waiter: Waiter;
  quota: QuotaGate;
  session?: TongtoolSessionStore;
  retry?: { attempts?: number; baseMs?: number; maxMs?: number };
  random?: () => number;
  log?: Logger;
  timeoutMs?: number;
}

export interface TtWarehouse {
  warehouseIdKey: string;
  warehouseName: string;
  status?: string;
}

export interface TtStockRow {
  goodsSku: string;
  warehouseIdKey: string;
  warehouseName: string;
  availableStockQuantity: number;
  waitingShipmentStockQuantity?: number;
  defectsStockQuantity?: number;
  intransitStockQuantity?: number;
  safetyStock?: number;
  updatedDate?: string;
}

export interface TtGoods {
  goodsSku: string;
  productName?: string;
  categoryName?: string;
  productStatus?: string;
}

interface TtBody {
  code?: number | string;
  success?: boolean;
  message?: string;
  datas?: unknown;
}

/** Tongtool's date format, in China time: "yyyy-MM-dd HH:mm:ss". */
export function ttDate(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

export function ttDateToIso(s: string): string {
  return new Date(`${s.replace(' ', 'T')}+08:00`).toISOString();
}

export class TongtoolClient {
  readonly baseUrl: string;
  private readonly session: TongtoolSessionStore;
  private readonly log: Logger;
  private tokenPromise: Promise<string> | null = null;

  constructor(private readonly o: TongtoolClientOptions) {
    this.baseUrl = (o.baseUrl ?? TT_DEFAULT_BASE).replace(/\/+$/, '');
    this.session = o.session ?? memorySessionStore();
    this.log = o.log ?? silentLogger;
    registerSecret(o.appSecret);
  }

  /** Gets a fresh app token (one request at a time). */
  renewToken(): Promise<string> {
    if (!this.tokenPromise) {
      this.tokenPromise = (async () => {
        const q = new URLSearchParams({ accessKey: this.o.appKey, secretAccessKey: this.o.appSecret });
        const body = await this.get(`/open-platform-service/devApp/appToken?${q.toString()}`);
        const token = typeof body.datas === 'string' ? body.datas : '';
        if (!token) throw tongtoolError(Number(body.code ?? 519), body.message);
        registerSecret(token);
        this.session.save({ ...(this.session.load() ?? {}), appToken: token });
        return token;
      })().finally(() => {
        this.tokenPromise = null;
      });
    }
    return this.tokenPromise;
  }

  async appToken(): Promise<string> {
    return this.session.load()?.appToken ?? (await this.renewToken());
  }

  /** The merchant (partnerOpenId) this app was bought for. */
  async merchantId(): Promise<string> {
    const known = this.session.load()?.merchantId;
    if (known) return known;
    const token = await this.appToken();
    const body = await this.get(`/open-platform-service/partnerOpenInfo/getAppBuyerList?${this.signedQuery(token)}`);
    const list = Array.isArray(body.datas) ? (body.datas as { partnerOpenId?: string }[]) : [];
    const id = list[0]?.partnerOpenId;
    if (!id) {
      throw new ConnectorError(
        'AUTH',
        '通途里没有找到购买了本应用的商户。请在通途应用市场确认已授权本应用，然后点击“测试连接”。',
        'No Tongtool merchant has authorised this app. Confirm the app is authorised in the Tongtool app market, then click "Test connection".',
        { system: 'tongtool', code: 'NO_MERCHANT' },
      );
    }
    this.session.save({ ...(this.session.load() ?? { appToken: token }), merchantId: id });
    return id;
  }

  /** One API call, through the quota, retried on transient failures; 523 renews the token once. */
  async call<T>(name: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
    const merchantId = await this.merchantId();
    return withRetry(
      async () => {
        let token = await this.appToken();
        let res = await this.post(name, token, { ...body, merchantId }, merchantId, signal);
        if (Number(res.code) === TT_CODES.TOKEN_EXPIRED) {
          this.log.info('tongtool token expired, renewing');
          token = await this.renewToken();
          res = await this.post(name, token, { ...body, merchantId }, merchantId, signal);
        }
        if (Number(res.code) !== TT_CODES.OK) throw tongtoolError(Number(res.code), res.message);
        return res.datas as T;
      },
      {
        attempts: this.o.retry?.attempts ?? 4,
        baseMs: this.o.retry?.baseMs ?? 1000,
        maxMs: this.o.retry?.maxMs ?? 60_000,
        waiter: this.o.waiter,
        random: this.o.random,
        signal,
        onRetry: (e, attempt, wait) => this.log.warn('tongtool call retried', { name, attempt, wait, code: e.code }),
      },
    );
  }

  async warehouseQuery(pageNo = 1, signal?: AbortSignal): Promise<TtWarehouse[]> {
    const d = await this.call<{ array?: TtWarehouse[] } | null>('warehouseQuery', { pageNo, pageSize: TT_PAGE_SIZE }, signal);
    return d?.array ?? [];
  }

  /** One page of stock; no total is given, so a page shorter than 100 is the last. */
  async stocksQuery(pageNo: number, filter: { warehouseName?: string } = {}, signal?: AbortSignal): Promise<TtStockRow[]> {
    const d = await this.call<{ array?: TtStockRow[] } | null>('stocksQuery', { pageNo, pageSize: TT_PAGE_SIZE, ...filter }, signal);
    return d?.array ?? [];
  }

  async stocksChangeQuery(warehouseName: string, sinceMs: number, pageNo: number, signal?: AbortSignal): Promise<TtStockRow[]> {
    const d = await this.call<{ array?: TtStockRow[] } | null>(
      'stocksChangeQuery',
      { warehouseName, updatedDateBegin: ttDate(sinceMs), updatedDateEnd: ttDate(this.o.clock.now()), pageNo, pageSize: TT_PAGE_SIZE },
      signal,
    );
    return d?.array ?? [];
  }

  async goodsQuery(pageNo: number, signal?: AbortSignal): Promise<TtGoods[]> {
    const d = await this.call<{ array?: TtGoods[] } | null>('goodsQuery', { pageNo, pageSize: TT_PAGE_SIZE }, signal);
    return d?.array ?? [];
  }

  private signedQuery(token: string): string {
    const ts = Math.floor(this.o.clock.now() / 1000);
    return new URLSearchParams({ app_token: token, timestamp: String(ts), sign: signTongtool(token, ts, this.o.appSecret) }).toString();
  }

  private async get(path: string): Promise<TtBody> {
    return withRetry(
      async () => {
        const r = await httpRequest('tongtool', `${this.baseUrl}${path}`, { method: 'GET', timeoutMs: this.o.timeoutMs });
        const body = parseJson(r.text) as TtBody | undefined;
        serverErrorIfAny('tongtool', r, body);
        if (!body || typeof body !== 'object') throw this.garbled(r.status);
        if (body.success === false || (body.code !== undefined && Number(body.code) !== 200)) {
          if (path.includes('devApp/appToken')) {
            throw new ConnectorError(
              'AUTH',
              `通途不认这组 App Key / App Secret（${String(body.code ?? '')}${body.message ? `：${body.message}` : ''}）。请到通途开放平台核对后，在“连接设置”重新填写。`,
              `Tongtool does not accept this App Key / App Secret (${String(body.code ?? '')}${body.message ? `: ${body.message}` : ''}). Check them on the Tongtool open platform and re-enter them in Connection settings.`,
              { system: 'tongtool', code: String(body.code ?? 'APP_TOKEN') },
            );
          }
          throw tongtoolError(Number(body.code), body.message);
        }
        return body;
      },
      { attempts: this.o.retry?.attempts ?? 4, baseMs: this.o.retry?.baseMs ?? 1000, maxMs: this.o.retry?.maxMs ?? 60_000, waiter: this.o.waiter, random: this.o.random },
    );
  }

  private async post(name: string, token: string, body: Record<string, unknown>, merchantId: string, signal?: AbortSignal): Promise<TtBody> {
    await this.o.quota.acquire(merchantId, signal);
    const r = await httpRequest('tongtool', `${this.baseUrl}/api-service/openapi/tongtool/${name}?${this.signedQuery(token)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', api_version: '3.0' },
      body: JSON.stringify(body),
      signal,
      timeoutMs: this.o.timeoutMs,
    });
    const parsed = parseJson(r.text) as TtBody | undefined;
    serverErrorIfAny('tongtool', r, parsed);
    if (!parsed || typeof parsed !== 'object') throw this.garbled(r.status);
    return parsed;
  }

  private garbled(status: number): ConnectorError {
    return new ConnectorError(
      'TRANSIENT',
      `通途返回了无法识别的内容（HTTP ${status}）。程序会稍后自动重试。`,
      `Tongtool answered with something unreadable (HTTP ${status}). The app retries later.`,
      { system: 'tongtool', code: `GARBLED_${status}` },
    );
  }
}
