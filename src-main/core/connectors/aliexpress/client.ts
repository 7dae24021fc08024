/**
 * The AliExpress Open Platform (IOP) client: OAuth, token refresh before expiry, signed calls to
 * `/sync?method=…`, typed errors, a per-second rate limit and jittered retries. It speaks only the
 * protocol; which calls the app makes is in marketplace.ts.
 */
import type { Clock } from '../../platform/clock';
import type { Logger } from '../../platform/logger';
import { silentLogger } from '../../platform/logger';
import { registerSecret } from '../../platform/redact';
import { httpRequest, parseJson, serverErrorIfAny } from '../http';
import { RateLimiter } from '../rateLimiter';
import { ConnectorError, withRetry } from '../retry';
import type { Waiter } from '../wait';
import { iopError, type IopErrorBody } from './errors';
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
  /** Refresh this long before the access token expires (default one day). */
  refreshMarginMs?: number;
  /** Client-side budget (default 10 calls a second). */
  callsPerSecond?: number;
  retry?: { attempts?: number; baseMs?: number; maxMs?: number };
  random?: () => number;
  log?: Logger;
  timeoutMs?: number;
}

type Params = Record<string, string | number | boolean | undefined>;

function stringify(params: Params): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) out[k] = String(v);
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

  get refreshMarginMs(): number {
    return this.o.refreshMarginMs ?? 24 * 3600_000;
  }

  /** The stored tokens (for expiry display; never sent to the renderer as such). */
  currentTokens(): IopTokens | null {
    return this.o.tokens.load();
  }

  /** The page the seller opens to authorise the app for their store. */
  authorizeUrl(redirectUri: string, state: string): string {
    const q = new URLSearchParams({ response_type: 'code', force_auth: 'true', redirect_uri: redirectUri, client_id: this.o.appKey, state });
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

  /** A valid access token, refreshed first when it is within the margin of expiry. */
  async accessToken(): Promise<string> {
    const t = this.o.tokens.load();
    if (!t) throw this.needAuthorise('NoToken');
    if (t.expiresAt - this.refreshMarginMs <= this.o.clock.now()) return (await this.refresh()).accessToken;
    return t.accessToken;
  }

  /** A business call through `/sync?method=NAME`; returns the `<method>_response` object. */
  async call<T = Record<string, unknown>>(method: string, params: Params = {}, opts: { signal?: AbortSignal } = {}): Promise<T> {
    return withRetry(
      async () => {
        let session = await this.accessToken();
        try {
          return await this.send<T>(method, params, session, opts.signal);
        } catch (err) {
          // The platform can revoke a token early: refresh once, then give up with "authorise again".
          if (err instanceof ConnectorError && err.code === 'AUTH' && err.remote.code === 'IllegalAccessToken') {
            session = (await this.refresh()).accessToken;
            return await this.send<T>(method, params, session, opts.signal);
          }
          throw err;
        }
      },
      {
        attempts: this.o.retry?.attempts ?? 4,
        baseMs: this.o.retry?.baseMs ?? 500,
        maxMs: this.o.retry?.maxMs ?? 30_000,
        waiter: this.o.waiter,
        random: this.o.random,
        signal: opts.signal,
        onRetry: (e, attempt, wait) => this.log.warn('aliexpress call retried', { method, attempt, wait, code: e.code }),
      },
    );
  }

  private common(): Record<string, string> {
    return { app_key: this.o.appKey, timestamp: String(this.o.clock.now()), sign_method: 'sha256' };
  }

  private async send<T>(method: string, params: Params, session: string, signal?: AbortSignal): Promise<T> {
    await this.limiter.take(signal);
    const all = { ...stringify(params), ...this.common(), method, session, v: '2.0', format: 'json', simplify: 'false' };
    const sign = signIop(all, this.o.appSecret);
    const form = new URLSearchParams({ ...all, sign });
    const r = await httpRequest('aliexpress', `${this.gatewayUrl}/sync`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
      body: form.toString(),
      signal,
      timeoutMs: this.o.timeoutMs,
    });
    const body = parseJson(r.text) as Record<string, unknown> | undefined;
    serverErrorIfAny('aliexpress', r, body);
    if (!body || typeof body !== 'object') throw this.garbled(r.status);
    if (body.error_response) throw iopError(body.error_response as IopErrorBody);
    const key = `${method.replace(/\./g, '_')}_response`;
    const payload = body[key];
    if (!payload || typeof payload !== 'object') throw this.garbled(r.status);
    return payload as T;
  }

  private async rest(apiPath: string, params: Params): Promise<Record<string, unknown>> {
    return withRetry(
      async () => {
        await this.limiter.take();
        const all = { ...stringify(params), ...this.common() };
        const sign = signIop(all, this.o.appSecret, apiPath);
        const r = await httpRequest('aliexpress', `${this.gatewayUrl}/rest${apiPath}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded;charset=utf-8' },
          body: new URLSearchParams({ ...all, sign }).toString(),
          timeoutMs: this.o.timeoutMs,
        });
        const body = parseJson(r.text) as Record<string, unknown> | undefined;
        serverErrorIfAny('aliexpress', r, body);
        if (!body || typeof body !== 'object') throw this.garbled(r.status);
        if (body.error_response) throw iopError(body.error_response as IopErrorBody);
        // System calls report failure at the top level: {code: "InvalidCode", message, request_id}.
        if (body.code !== undefined && String(body.code) !== '0') {
          throw iopError({ type: String(body.type ?? 'ISV'), code: String(body.code), msg: String(body.message ?? body.msg ?? ''), request_id: String(body.request_id ?? '') });
        }
        return body;
      },
      { attempts: this.o.retry?.attempts ?? 4, baseMs: this.o.retry?.baseMs ?? 500, maxMs: this.o.retry?.maxMs ?? 30_000, waiter: this.o.waiter, random: this.o.random },
    );
  }

  private storeTokens(body: Record<string, unknown>): IopTokens {
    const now = this.o.clock.now();
    const num = (v: unknown) => (v === undefined || v === null || v === '' ? undefined : Number(v));
    const expiresAt = num(body.expire_time) ?? now + (num(body.expires_in) ?? 0) * 1000;
    const refreshExpiresAt = num(body.refresh_token_valid_time) ?? now + (num(body.refresh_expires_in) ?? 0) * 1000;
    const t: IopTokens = {
      accessToken: String(body.access_token ?? ''),
      refreshToken: String(body.refresh_token ?? ''),
      expiresAt,
      refreshExpiresAt,
      sellerId: body.seller_id !== undefined ? String(body.seller_id) : undefined,
      account: body.account !== undefined ? String(body.account) : undefined,
      obtainedAt: now,
    };
    if (!t.accessToken) throw this.garbled(200);
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
