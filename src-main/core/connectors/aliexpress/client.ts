/**
 * The AliExpress Open Platform (IOP) client, speaking what the published SDK sends: business calls
 * `POST {gateway}/sync?method=NAME` with the common parameters in the URL query and the API's own
 * in the form body (GET with everything in the query for the one GET API, relation.query), `/rest/PATH` system calls (token create and refresh) the same way with the path
 * in the signature; `simplify=true` as the SDK defaults; empty values neither sent nor signed;
 * object parameters as one JSON string. Bodies are read losslessly (json.ts) and through the
 * call's own schema (schemas.ts). Reads are retried with jitter; writes (bind/unBind) go out once.
 */
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/logger';
import { silentLogger } from '../../platform/logger';
import { registerSecret } from '../../platform/redact';
import type { z } from 'zod';
import { httpRequest, serverErrorIfAny } from '../http';
import { RateLimiter } from '../rateLimiter';
import { ConnectorError, withRetry } from '../retry';
import type { Waiter } from '../wait';
import { iopError, wireShapeError, type IopErrorBody } from './errors';
import { isLosslessNumber, parseWire, writeWireJson, type LosslessNumber } from './json';
import {
  AE_GET_METHODS,
  AE_RESPONSE_SCHEMAS,
  AE_REST_SCHEMAS,
  AE_WRITE_METHODS,
  errorResponseSchema,
  unwrapResponse,
  wireText,
  type AeMethod,
  type AeResponse,
  type tokenResponseSchema,
} from './schemas';
import { signIop } from './sign';

export const AE_DEFAULT_GATEWAY = 'https://api-sg.aliexpress.com';

export interface IopTokens {
  accessToken: string;
  refreshToken: string;
  /** epoch ms */
  expiresAt: number;
  refreshExpiresAt: number;
  sellerId?: string;
  account?: string;
  obtainedAt: number;
}

/** Where tokens live: the app keeps the strings in the secret store and only the times in the database. */
export interface TokenStore {
  load(): IopTokens | null;
  save(tokens: IopTokens): void;
  clear(): void;
}

export function memoryTokenStore(initial: IopTokens | null = null): TokenStore {
  let t = initial;
  return { load: () => t, save: (n) => void (t = n), clear: () => void (t = null) };
}

export interface IopClientOptions {
  gatewayUrl?: string;
  appKey: string;
  appSecret: string;
  tokens: TokenStore;
  clock: Clock;
  waiter: Waiter;
  /**
   * Refresh at most this long before the access token expires. The margin is also capped at a tenth
   * of the token's own lifetime, so a test app's one-day token is not refreshed before every call.
   */
  refreshMarginMs?: number;
  /** Client-side budget (default 10 calls a second). */
  callsPerSecond?: number;
  retry?: { attempts?: number; baseMs?: number; maxMs?: number };
  random?: () => number;
  log?: Logger;
  timeoutMs?: number;
  /** The SDK sends simplify=true; false asks for the wrapped shape (kept for tests and the probe). */
  simplify?: boolean;
  /** Sent (and signed) as partner_id when set, as the SDK sends its version. */
  partnerId?: string;
}

/** A parameter value: text, a number (counts, pages), a Long id as LosslessNumber, or an object sent as JSON. */
export type IopParam = string | number | boolean | LosslessNumber | object | null | undefined;
export type IopParams = Record<string, IopParam>;

/** Default margin for long-lived tokens (a launched app's 30 days): refresh in the last 6 hours. */
const DEFAULT_MARGIN_MS = 6 * 3600_000;
/** Lifetimes assumed when a token answer states none: a test app's, the shortest published (wire.md § Tokens). */
const ASSUMED_ACCESS_MS = 86400_000;
const ASSUMED_REFRESH_MS = 2 * 86400_000;

/**
 * Parameters as sent: objects become one JSON string, Long ids their digits, and empty values are
 * dropped (the SDK's IopHashMap drops null, empty and blank values from the request and the signature).
 */
export function wireParams(params: IopParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null) continue;
    const text = isLosslessNumber(v) ? v.value : typeof v === 'object' ? writeWireJson(v) : String(v);
    if (text.trim() === '') continue;
    out[k] = text;
  }
  return out;
}

/** error_response fields as the error mapper takes them (nulls dropped). */
function clean(e: { [k: string]: string | null | undefined }): IopErrorBody {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(e)) if (typeof v === 'string') out[k] = v;
  return out;
}

export class IopClient {
  readonly gatewayUrl: string;
  private readonly limiter: RateLimiter;
  private refreshing: Promise<IopTokens> | null = null;
  private readonly log: Logger;

  constructor(private readonly o: IopClientOptions) {
    this.gatewayUrl = (o.gatewayUrl ?? AE_DEFAULT_GATEWAY).replace(/\/+$/, '');
    this.limiter = new RateLimiter(o.callsPerSecond ?? 10, o.clock, o.waiter);
    this.log = o.log ?? silentLogger;
    registerSecret(o.appSecret);
  }

  /** How long before expiry this token is refreshed: the configured margin, capped at a tenth of its lifetime. */
  refreshMarginFor(t: Pick<IopTokens, 'expiresAt' | 'obtainedAt'>): number {
    const lifetime = Math.max(0, t.expiresAt - t.obtainedAt);
    return Math.min(this.o.refreshMarginMs ?? DEFAULT_MARGIN_MS, lifetime / 10);
  }

  /** The stored tokens (for expiry display; never sent to the renderer as such). */
  currentTokens(): IopTokens | null {
    return this.o.tokens.load();
  }

  /** The page the seller opens to authorise the app for their store. */
  authorizeUrl(redirectUri: string, state: string): string {
    const q = new URLSearchParams({
      response_type: 'code',
      force_auth: 'true',
      redirect_uri: redirectUri,
      client_id: this.o.appKey,
      state,
    });
    return `${this.gatewayUrl}/oauth/authorize?${q.toString()}`;
  }

  async createToken(code: string): Promise<IopTokens> {
    const body = await this.rest('/auth/token/create', { code });
    return this.storeTokens(body);
  }

  /** Refreshes now (one refresh at a time however many callers ask). */
  refresh(): Promise<IopTokens> {
    if (!this.refreshing) {
      this.refreshing = (async () => {
        const current = this.o.tokens.load();
        if (!current) throw this.needAuthorise('NoToken');
        if (current.refreshExpiresAt <= this.o.clock.now()) throw this.needAuthorise('RefreshTokenExpired');
        try {
          const body = await this.rest('/auth/token/refresh', { refresh_token: current.refreshToken });
          const t = this.storeTokens(body);
          this.log.info('aliexpress token refreshed', { expiresAt: new Date(t.expiresAt).toISOString() });
          return t;
        } catch (err) {
          if (err instanceof ConnectorError && err.code === 'AUTH') throw this.needAuthorise(err.remote.code ?? 'IllegalRefreshToken');
          throw err;
        }
      })().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  /** A valid access token, refreshed first when it is within its margin of expiry. */
  async accessToken(): Promise<string> {
    const t = this.o.tokens.load();
    if (!t) throw this.needAuthorise('NoToken');
    if (t.expiresAt - this.refreshMarginFor(t) <= this.o.clock.now()) return (await this.refresh()).accessToken;
    return t.accessToken;
  }

  /**
   * One business call, its body parsed losslessly and before any schema (the live probe compares
   * it field by field with the schema). A top-level `error_response` is thrown as a ConnectorError.
   * Writes (bind/unBind) are sent once: after a timeout or a 5xx the outcome is unknown, so the
   * error goes back to the caller, which reads the state before deciding to send again.
   */
  async callRaw(method: string, params: IopParams = {}, opts: { signal?: AbortSignal } = {}): Promise<unknown> {
    const write = AE_WRITE_METHODS.has(method);
    return withRetry(
      async () => {
        let session = await this.accessToken();
        try {
          return await this.send(method, params, session, opts.signal);
        } catch (err) {
          // The platform can revoke a token early: refresh once, then give up with "authorise again".
          // A refused token means the call was not run, so even a write may go again.
          if (err instanceof ConnectorError && err.code === 'AUTH' && err.remote.code === 'IllegalAccessToken') {
            session = (await this.refresh()).accessToken;
            return await this.send(method, params, session, opts.signal);
          }
          throw err;
        }
      },
      {
        attempts: write ? 1 : (this.o.retry?.attempts ?? 4),
        baseMs: this.o.retry?.baseMs ?? 500,
        maxMs: this.o.retry?.maxMs ?? 30_000,
        waiter: this.o.waiter,
        random: this.o.random,
        signal: opts.signal,
        onRetry: (e, attempt, wait) => this.log.warn('aliexpress call retried', { method, attempt, wait, code: e.code }),
      },
    );
  }

  /** A business call read through its own schema (schemas.ts); unknown methods come back unwrapped only. */
  async call<M extends AeMethod>(method: M, params?: IopParams, opts?: { signal?: AbortSignal }): Promise<AeResponse<M>>;
  async call<T = unknown>(method: string, params?: IopParams, opts?: { signal?: AbortSignal }): Promise<T>;
  async call(method: string, params: IopParams = {}, opts: { signal?: AbortSignal } = {}): Promise<unknown> {
    const body = unwrapResponse(method, await this.callRaw(method, params, opts));
    const schema = (AE_RESPONSE_SCHEMAS as Record<string, z.ZodType | undefined>)[method];
    if (!schema) return body;
    const r = schema.safeParse(body);
    if (!r.success) throw wireShapeError(method, r.error);
    return r.data;
  }

  private common(): Record<string, string> {
    const c: Record<string, string> = { app_key: this.o.appKey, timestamp: String(this.o.clock.now()), sign_method: 'sha256' };
    if (this.o.partnerId) c.partner_id = this.o.partnerId;
    return c;
  }

  /**
   * POSTs `url?<query + sign>` with `body` as the form, or for a GET call puts the body's
   * parameters in the query after the common ones (the SDK's doGet); the signature covers both.
   */
  private async post(
    path: string,
    query: Record<string, string>,
    body: Record<string, string>,
    signal?: AbortSignal,
    get = false,
  ): Promise<unknown> {
    await this.limiter.take(signal);
    const apiPath = path.startsWith('/rest/') ? path.slice('/rest'.length) : undefined;
    const sign = signIop({ ...body, ...query }, this.o.appSecret, apiPath);
    const url = `${this.gatewayUrl}${path}?${new URLSearchParams({ ...query, sign, ...(get ? body : {}) }).toString()}`;
    const r = await httpRequest(
      'aliexpress',
      url,
      get
        ? { method: 'GET', signal, timeoutMs: this.o.timeoutMs }
        : {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
            body: new URLSearchParams(body).toString(),
            signal,
            timeoutMs: this.o.timeoutMs,
          },
    );
    const parsed = parseWire(r.text);
    serverErrorIfAny('aliexpress', r, parsed);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw this.garbled(r.status);
    if ('error_response' in parsed) {
      const err = errorResponseSchema.safeParse(parsed);
      throw iopError(err.success ? clean(err.data.error_response) : { code: 'Unknown' });
    }
    if (r.status >= 400) throw this.garbled(r.status);
    return parsed;
  }

  private send(method: string, params: IopParams, session: string, signal?: AbortSignal): Promise<unknown> {
    // `method` leads the query as in the SDK's `/sync?method=NAME`; the others follow.
    const query: Record<string, string> = { method, ...this.common(), session, v: '2.0', format: 'json' };
    if (this.o.simplify !== false) query.simplify = 'true';
    return this.post('/sync', query, wireParams(params), signal, AE_GET_METHODS.has(method));
  }

  private async rest(apiPath: keyof typeof AE_REST_SCHEMAS, params: IopParams): Promise<z.output<typeof tokenResponseSchema>> {
    return withRetry(
      async () => {
        const body = (await this.post(`/rest${apiPath}`, this.common(), wireParams(params))) as Record<string, unknown>;
        // System calls report failure at the top level: {type, code: "InvalidCode", message, request_id}.
        if (body.code !== undefined && String(wireText.safeParse(body.code).data ?? body.code) !== '0') {
          const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
          throw iopError({
            type: str(body.type) ?? 'ISV',
            code: String(wireText.safeParse(body.code).data ?? ''),
            msg: str(body.message) ?? str(body.msg),
            request_id: str(body.request_id),
          });
        }
        const r = AE_REST_SCHEMAS[apiPath].safeParse(body);
        if (!r.success) throw wireShapeError(apiPath, r.error);
        return r.data;
      },
      {
        attempts: this.o.retry?.attempts ?? 4,
        baseMs: this.o.retry?.baseMs ?? 500,
        maxMs: this.o.retry?.maxMs ?? 30_000,
        waiter: this.o.waiter,
        random: this.o.random,
      },
    );
  }

  private storeTokens(body: z.output<typeof tokenResponseSchema>): IopTokens {
    const now = this.o.clock.now();
    // An answer that says nothing of its lifetime would otherwise expire "now" and be refreshed
    // before every call: it is given the shortest published one (a test app's), and that is logged.
    const unsaid: string[] = [];
    const lifetime = (at: number | null | undefined, seconds: number | null | undefined, fallbackMs: number, name: string) => {
      if (at) return at;
      if (seconds) return now + seconds * 1000;
      unsaid.push(name);
      return now + fallbackMs;
    };
    const expiresAt = lifetime(body.expire_time, body.expires_in, ASSUMED_ACCESS_MS, 'access');
    const refreshExpiresAt = lifetime(body.refresh_token_valid_time, body.refresh_expires_in, ASSUMED_REFRESH_MS, 'refresh');
    if (unsaid.length)
      this.log.warn('aliexpress token answer has no expiry; assuming the shortest published lifetime', {
        tokens: unsaid,
        assumedHours: { access: ASSUMED_ACCESS_MS / 3600_000, refresh: ASSUMED_REFRESH_MS / 3600_000 },
      });
    const t: IopTokens = {
      accessToken: body.access_token,
      refreshToken: body.refresh_token,
      expiresAt,
      refreshExpiresAt,
      sellerId: body.seller_id ?? undefined,
      account: body.account ?? undefined,
      obtainedAt: now,
    };
    registerSecret(t.accessToken);
    registerSecret(t.refreshToken);
    this.o.tokens.save(t);
    return t;
  }

  private needAuthorise(code: string): ConnectorError {
    return new ConnectorError(
      'AUTH',
      '速卖通授权已过期，无法自动续期。请到“连接设置”点击“授权店铺”重新授权；授权前不会向速卖通发送任何绑定或解绑。',
      'The AliExpress authorisation has expired and cannot be renewed automatically. Click "Authorise store" in Connection settings; nothing is sent to AliExpress until then.',
      { system: 'aliexpress', code },
    );
  }

  private garbled(status: number): ConnectorError {
    return new ConnectorError(
      'TRANSIENT',
      `速卖通返回了无法识别的内容（HTTP ${status}）。程序会稍后自动重试。`,
      `AliExpress answered with something unreadable (HTTP ${status}). The app retries later.`,
      { system: 'aliexpress', code: `GARBLED_${status}` },
    );
  }
}
