/**
 * The Tongtool Open API client, as wire.md § Tongtool gives it: app token from the app key and
 * secret, merchantId (partnerOpenId) from getAppBuyerList, then
 * `POST /api-service/openapi/tongtool/NAME?app_token&sign&timestamp` with `api_version: 3.0` and a
 * JSON body carrying merchantId, every call through the shared per-merchant quota gate. 523 renews
 * the token and retries once. Every body is read through its zod schema (schemas.ts).
 */
import type { Clock } from '../../platform/clock';
import { silentLogger, type Logger } from '../../platform/logger';
import { registerSecret } from '../../platform/redact';
import { httpRequest, parseJson, serverErrorIfAny } from '../http';
import { ConnectorError, withRetry, type RetryOptions } from '../retry';
import type { Waiter } from '../wait';
import type { z } from 'zod';
import { tongtoolError, tongtoolShapeError, TT_CODES } from './errors';
import type { QuotaGate } from './quota';
import {
  issuePath,
  ttBuyerBody,
  ttEnvelope,
  ttPage,
  ttTokenBody,
  ttPageFields,
  TT_ROW_SCHEMAS,
  type TtCallName,
  type TtProduct,
  type TtStockChangeRow,
  type TtStockRow,
  type TtWarehouse,
} from './schemas';
import { signTongtool } from './sign';

export type { TtProduct, TtStockChangeRow, TtStockRow, TtWarehouse } from './schemas';

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

/** goodsQuery's productType (销售类型): always sent. The stock source reads "0" and "1". */
export type TtProductType = '0' | '1' | '2' | '3';

/** goodsQuery takes at most 10 SKUs (and 10 aliases) a call (erp2/product.go). */
export const TT_GOODS_MAX_SKUS = 10;

/** stocksChangeQuery only reaches back 7 days (erp2/stock.go). */
export const TT_CHANGES_MAX_DAYS = 7;

/** A parsed JSON object, before any schema. */
type TtBody = Record<string, unknown> & { code?: unknown; success?: unknown; message?: unknown };

/** Tongtool's date format, in China time: "yyyy-MM-dd HH:mm:ss" (constant/datetime.format.go). */
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
  /** Also what the stock source logs to. */
  readonly log: Logger;
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
        const body = this.shape('appToken', ttTokenBody, await this.get(`/open-platform-service/devApp/appToken?${q.toString()}`));
        const token = body.datas ?? '';
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
    let token = await this.appToken();
    const buyers = () => this.get(`/open-platform-service/partnerOpenInfo/getAppBuyerList?${this.signedQuery(token)}`);
    // A token kept from an earlier run may have expired (523): renewed once, as for every other call.
    const raw = await buyers().catch(async (e: unknown) => {
      if (!(e instanceof ConnectorError) || e.remote.code !== String(TT_CODES.TOKEN_EXPIRED)) throw e;
      token = await this.renewToken();
      return buyers();
    });
    const body = this.shape('getAppBuyerList', ttBuyerBody, raw);
    const id = body.datas?.[0]?.partnerOpenId;
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

  /**
   * One API call, through the quota, retried on transient failures; 523 renews the token once. The
   * body is the parsed JSON before any schema (the live probe lists its fields); a code other than
   * 200 is thrown as the seller's message for it.
   */
  async callRaw(name: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const merchantId = await this.merchantId();
    return withRetry(
      async () => {
        let token = await this.appToken();
        let res = await this.post(name, token, { merchantId, ...body }, merchantId, signal);
        if (Number(res.code) === TT_CODES.TOKEN_EXPIRED) {
          this.log.info('tongtool token expired, renewing');
          token = await this.renewToken();
          res = await this.post(name, token, { merchantId, ...body }, merchantId, signal);
        }
        const code = Number(res.code);
        // No code at all is not an answer Tongtool gives: a changed envelope, said as such.
        if (res.code === undefined || res.code === null || !Number.isFinite(code)) throw tongtoolShapeError(name, 'code: missing');
        if (code !== TT_CODES.OK) throw tongtoolError(code, typeof res.message === 'string' ? res.message : undefined, name);
        return res;
      },
      {
        ...this.retryPolicy(),
        signal,
        onRetry: (e, attempt, wait) => this.log.warn('tongtool call retried', { name, attempt, wait, code: e.code }),
      },
    );
  }

  /** One page of a paged call, each row through the call's schema (schemas.ts). */
  async page<N extends TtCallName>(
    name: N,
    body: Record<string, unknown>,
    signal?: AbortSignal,
  ): Promise<z.output<(typeof TT_ROW_SCHEMAS)[N]>[]> {
    const raw = await this.callRaw(name, { ...body, pageNo: body.pageNo ?? 1, pageSize: TT_PAGE_SIZE }, signal);
    const env = this.shape(name, ttEnvelope, raw);
    return this.shape(name, ttPage(TT_ROW_SCHEMAS[name], ttPageFields(name, body)), env.datas, 'datas') as z.output<
      (typeof TT_ROW_SCHEMAS)[N]
    >[];
  }

  async warehouseQuery(pageNo = 1, signal?: AbortSignal): Promise<TtWarehouse[]> {
    return this.page('warehouseQuery', { pageNo }, signal);
  }

  /**
   * One page of full stock rows. Without a warehouse name it is every warehouse (the Go SDK sends
   * `warehouseName: ""` then); with `updatedFrom`/`updatedTo` (clock ms) only rows updated in that window.
   */
  async stocksQuery(
    pageNo: number,
    filter: { warehouseName?: string; skus?: string[]; updatedFrom?: number; updatedTo?: number } = {},
    signal?: AbortSignal,
  ): Promise<TtStockRow[]> {
    const body: Record<string, unknown> = { warehouseName: filter.warehouseName ?? '', pageNo };
    if (filter.skus?.length) body.skus = filter.skus;
    if (filter.updatedFrom !== undefined) body.updatedDateFrom = ttDate(filter.updatedFrom);
    if (filter.updatedTo !== undefined) body.updatedDateTo = ttDate(filter.updatedTo);
    return this.page('stocksQuery', body, signal);
  }

  /** One page of one warehouse's stock changes since `sinceMs` (within the last 7 days). */
  async stocksChangeQuery(
    warehouseName: string,
    sinceMs: number,
    pageNo: number,
    signal?: AbortSignal,
    skus?: string[],
  ): Promise<TtStockChangeRow[]> {
    const body: Record<string, unknown> = { warehouseName, updatedDateFrom: ttDate(sinceMs), pageNo };
    if (skus?.length) body.skus = skus;
    return this.page('stocksChangeQuery', body, signal);
  }

  /** One page of goods of one sales type; variant SKUs are in each product's goodsDetail. */
  async goodsQuery(productType: TtProductType, pageNo: number, signal?: AbortSignal, skus?: string[]): Promise<TtProduct[]> {
    if (skus && skus.length > TT_GOODS_MAX_SKUS) throw new RangeError(`goodsQuery takes at most ${TT_GOODS_MAX_SKUS} skus a call`);
    const body: Record<string, unknown> = { productType, pageNo };
    if (skus?.length) body.skus = skus;
    return this.page('goodsQuery', body, signal);
  }

  /** Parses a body with its schema; a mismatch stops the read with the call's and the field's name. */
  private shape<S extends z.ZodType>(call: string, schema: S, body: unknown, prefix = ''): z.output<S> {
    const r = schema.safeParse(body);
    if (r.success) return r.data;
    const where = issuePath(r.error);
    const at = prefix ? (where.startsWith('(body)') ? `${prefix}${where.slice(6)}` : `${prefix}.${where}`) : where;
    this.log.warn('tongtool body has an unexpected shape', { call, where: at });
    throw tongtoolShapeError(call, at);
  }

  /** How often and how far apart a call is tried again: the caller's settings, or four tries from 1 s to 1 min. */
  private retryPolicy(): RetryOptions {
    return {
      attempts: this.o.retry?.attempts ?? 4,
      baseMs: this.o.retry?.baseMs ?? 1000,
      maxMs: this.o.retry?.maxMs ?? 60_000,
      waiter: this.o.waiter,
      random: this.o.random,
    };
  }

  private signedQuery(token: string): string {
    const ts = Math.floor(this.o.clock.now() / 1000);
    return new URLSearchParams({ app_token: token, timestamp: String(ts), sign: signTongtool(token, ts, this.o.appSecret) }).toString();
  }

  private async get(path: string): Promise<TtBody> {
    return withRetry(async () => {
      const r = await httpRequest('tongtool', `${this.baseUrl}${path}`, { method: 'GET', timeoutMs: this.o.timeoutMs });
      const body = parseJson(r.text) as TtBody | undefined;
      serverErrorIfAny('tongtool', r, body);
      if (!body || typeof body !== 'object' || Array.isArray(body)) throw this.garbled(r.status);
      if (body.success === false || (body.code !== undefined && Number(body.code) !== 200)) {
        const msg = typeof body.message === 'string' ? body.message : undefined;
        if (path.includes('devApp/appToken')) {
          // Tongtool's own outage or quota (527, 526) is not a wrong key: it is waited out and tried
          // again like any call; an expired account (999999) says so.
          const general = tongtoolError(Number(body.code), msg, 'appToken');
          if (general.code === 'TRANSIENT' || general.code === 'RATE_LIMIT' || Number(body.code) === 999999) throw general;
          throw new ConnectorError(
            'AUTH',
            `通途不认这组 App Key / App Secret（${String(body.code ?? '')}${msg ? `：${msg}` : ''}）。请到通途开放平台核对后，在“连接设置”重新填写。`,
            `Tongtool does not accept this App Key / App Secret (${String(body.code ?? '')}${msg ? `: ${msg}` : ''}). Check them on the Tongtool open platform and re-enter them in Connection settings.`,
            { system: 'tongtool', code: String(body.code ?? 'APP_TOKEN') },
          );
        }
        throw tongtoolError(Number(body.code), msg);
      }
      return body;
    }, this.retryPolicy());
  }

  private async post(
    name: string,
    token: string,
    body: Record<string, unknown>,
    merchantId: string,
    signal?: AbortSignal,
  ): Promise<TtBody> {
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
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw this.garbled(r.status);
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
