/**
 * The connections of one app: builds the AliExpress marketplace and the stock source from the saved
 * settings (or the demo store), and answers the settings screen. Other domains get their
 * Marketplace and StockSource from here: `connectors(app).marketplace()`.
 */
import type { App } from '../app';
import { writeAudit } from '../audit';
import { mask } from '../platform/redact';
import { AppError } from '../../../src-shared/errors';
import type { ConnectStatus, ConnectTestReport, ProbeReport, StockSourceKind } from '../../../src-shared/channels/connect';
import type { Marketplace } from './marketplace';
import type { StockSource } from '../stock/source';
import { AE_DEFAULT_GATEWAY, IopClient } from './aliexpress/client';
import { AliExpressMarketplace } from './aliexpress/marketplace';
import { TT_DEFAULT_BASE, TongtoolClient } from './tongtool/client';
import { SqliteQuotaGate } from './tongtool/quota';
import { TongtoolStockSource } from './tongtool/stockSource';
import { DEFAULT_DEMO, DEMO_KEYS, startDemo, type DemoConfig, type DemoStore } from './demo/startDemo';
import { testAliExpress, testStockSource } from './connectionTest';
import { waiterFor } from './wait';
import { newAuthState, takeAuthState } from './authStates';
import type { Bilingual } from '../../../src-shared/bilingual';
import { SECRET, appTokenStore, appTongtoolSession, getSetting, setSetting, deleteSetting, type TongtoolSettings } from './store';

interface AeSettings {
  gatewayUrl?: string;
  refreshMarginMinutes?: number;
}

const DEFAULT_MARGIN_MIN = 24 * 60;
/** Settings keys: the last live probe report, and whether the first successful test has probed. */
const LAST_PROBE_KEY = 'connect.lastProbe';
const AUTO_PROBED_KEY = 'connect.autoProbed';

export class ConnectService {
  private demoPromise: Promise<DemoStore> | null = null;
  private live: { client: IopClient; market: AliExpressMarketplace } | null = null;
  private liveTt: { client: TongtoolClient; source: TongtoolStockSource } | null = null;
  private readonly gate: SqliteQuotaGate;

  constructor(private readonly app: App) {
    this.gate = new SqliteQuotaGate(app.db, app.clock, waiterFor(app.clock), { guardMs: app.quotaGuardMs });
    app.onClose(async () => {
      const d = this.demoPromise;
      this.demoPromise = null;
      this.demoResolved = null;
      if (d) await (await d.catch(() => null))?.stop();
    });
  }

  get mode(): 'demo' | 'live' {
    return this.app.settings.get('mode') ?? 'demo';
  }

  /**
   * The store exit's wipe has deleted the keys, tokens and settings: forget what is held in memory
   * too (clients built with the old keys, a running demo store) and leave demo mode, so the
   * connection screen shows nothing set up and a connection test has nothing to pass with.
   */
  async forget(): Promise<void> {
    this.live = null;
    this.liveTt = null;
    const d = this.demoPromise;
    this.demoPromise = null;
    this.demoResolved = null;
    if (d) await (await d.catch(() => null))?.stop();
    if (this.app.settings.get('mode') !== 'live') this.app.settings.set('mode', 'live');
    this.app.events.emit('changed', { topic: 'connect' });
  }

  /** A connection the seller changed: audited, told to every screen, and the new status returned. */
  private sellerChanged(kind: string, detail: Record<string, unknown>): ConnectStatus {
    writeAudit(this.app.db, this.app.clock, { actor: 'seller', kind, detail });
    this.app.events.emit('changed', { topic: 'connect' });
    return this.status();
  }

  // ---- for other domains ----
  async marketplace(): Promise<Marketplace> {
    if (this.mode === 'demo') return (await this.demo()).aliexpress.marketplace;
    return this.liveAe().market;
  }

  stockSourceKind(): StockSourceKind | null {
    if (this.mode === 'demo') return 'demo';
    return (getSetting<{ kind: StockSourceKind }>(this.app, 'stockSource')?.kind ?? null) as StockSourceKind | null;
  }

  /** The API stock source; a file source has none (files come in through the stock import). */
  async stockSource(): Promise<StockSource> {
    const kind = this.stockSourceKind();
    if (kind === 'demo') return (await this.demo()).tongtool.source;
    if (kind === 'tongtool') return this.liveTongtool().source;
    throw new AppError(
      'NOT_FOUND',
      kind === 'file'
        ? '库存来源是文件导入：请在“库存自动绑定/解绑 → 仓库设置”或“同步设置”里上传最新的库存文件（CSV 或 Excel）。'
        : '还没有设置库存来源。请到“连接设置”填写通途密钥，或选择文件导入或演示模式。',
      kind === 'file'
        ? 'Stock comes from file imports: upload the latest stock file (CSV or Excel) under Auto bind & unbind → Warehouses or Sync schedule.'
        : 'No stock source is set. Enter Tongtool keys in Connection settings, or choose file import or the demo.',
    );
  }

  /** The demo store, started on first use from the saved seed (the same store in every process). */
  demo(): Promise<DemoStore> {
    if (!this.demoPromise) {
      const cfg = { ...DEFAULT_DEMO, ...(getSetting<Partial<DemoConfig>>(this.app, 'demo') ?? {}) };
      this.demoPromise = startDemo(this.app, cfg);
      this.demoPromise.then(
        (d) => (this.demoResolved = d),
        () => (this.demoPromise = null),
      );
    }
    return this.demoPromise;
  }

  // ---- the settings screen ----
  status(): ConnectStatus {
    const app = this.app;
    const ae = getSetting<AeSettings>(app, 'aliexpress') ?? {};
    const tt = getSetting<TongtoolSettings>(app, 'tongtool') ?? {};
    const demoCfg = getSetting<Partial<DemoConfig>>(app, 'demo');
    const demo = this.mode === 'demo';
    const token = demo ? null : appTokenStore(app).load();
    const demoStore = demo && this.demoResolved;
    const demoToken = demoStore ? demoStore.aliexpress.client.currentTokens() : null;
    const t = demo ? demoToken : token;
    const aeKey = demo ? DEMO_KEYS.aliexpress.appKey : app.secrets.get(SECRET.aeAppKey);
    const ttKey = demo ? DEMO_KEYS.tongtool.appKey : app.secrets.get(SECRET.ttAppKey);
    const merchantId = demo ? DEMO_KEYS.merchantId : tt.merchantId;
    const kind = this.stockSourceKind();
    const cfg = { ...DEFAULT_DEMO, ...(demoCfg ?? {}) };
    return {
      mode: this.mode,
      aliexpress: {
        configured: Boolean(aeKey && (demo || app.secrets.get(SECRET.aeAppSecret))),
        keysSaved: Boolean(app.secrets.get(SECRET.aeAppKey) && app.secrets.get(SECRET.aeAppSecret)),
        appKeyMasked: aeKey ? mask(aeKey) : null,
        gatewayUrl: demo ? (demoStore ? demoStore.aliexpress.sim.url : '(demo)') : (ae.gatewayUrl ?? AE_DEFAULT_GATEWAY),
        authorized: demo ? true : Boolean(t && t.refreshExpiresAt > app.clock.now()),
        tokenExpiresAt: t ? new Date(t.expiresAt).toISOString() : null,
        refreshExpiresAt: t ? new Date(t.refreshExpiresAt).toISOString() : null,
        refreshMarginMinutes: ae.refreshMarginMinutes ?? DEFAULT_MARGIN_MIN,
        account: t?.account ?? null,
        channel: demo
          ? demoStore
            ? {
                channelSellerId: demoStore.aliexpress.sim.seller.channelSellerId,
                channel: demoStore.aliexpress.sim.seller.channel,
                businessType: 'ONE_STOP_SERVICE',
              }
            : null
          : getSetting(app, 'aliexpress.channel'),
      },
      stockSource: {
        kind,
        tongtool: {
          configured: Boolean(ttKey && (demo || app.secrets.get(SECRET.ttAppSecret))),
          appKeyMasked: ttKey ? mask(ttKey) : null,
          baseUrl: demo ? (demoStore ? demoStore.tongtool.sim.url : '(demo)') : (tt.baseUrl ?? TT_DEFAULT_BASE),
          merchantIdMasked: merchantId ? mask(merchantId) : null,
          quotaUsedThisMinute: merchantId ? this.gate.used(merchantId) : null,
        },
      },
      demo: demo ? { size: cfg.size, seed: cfg.seed, quotaPerMinute: cfg.quotaPerMinute, reviewMode: cfg.reviewMode } : null,
      secretStore: { location: app.secrets.location, encrypted: app.secrets.encrypted, protection: app.secrets.protection },
      lastProbe: demo ? null : (getSetting<ProbeReport>(app, LAST_PROBE_KEY) ?? null),
    };
  }

  /** Keeps a live probe's report for the settings screen (the demo store keeps none). */
  keepProbe(report: ProbeReport): ProbeReport {
    if (report.mode === 'live' && this.mode === 'live') setSetting(this.app, LAST_PROBE_KEY, report);
    return report;
  }

  private demoResolved: DemoStore | null = null;

  saveAliExpress(input: { appKey: string; appSecret: string; gatewayUrl?: string; refreshMarginMinutes?: number }): ConnectStatus {
    const app = this.app;
    const oldKey = app.secrets.get(SECRET.aeAppKey);
    app.secrets.set(SECRET.aeAppSecret, input.appSecret);
    app.secrets.set(SECRET.aeAppKey, input.appKey);
    // Tokens belong to an app key: a different key needs a fresh authorisation.
    if (oldKey && oldKey !== input.appKey) {
      appTokenStore(app).clear();
      deleteSetting(app, 'aliexpress.channel');
    }
    setSetting(app, 'aliexpress', {
      gatewayUrl: input.gatewayUrl,
      refreshMarginMinutes: input.refreshMarginMinutes ?? DEFAULT_MARGIN_MIN,
    } satisfies AeSettings);
    this.live = null;
    return this.sellerChanged('connect.aliexpress.keys', {
      appKey: mask(input.appKey),
      gatewayUrl: input.gatewayUrl ?? AE_DEFAULT_GATEWAY,
    });
  }

  saveTongtool(input: { appKey: string; appSecret: string; baseUrl?: string }): ConnectStatus {
    const app = this.app;
    const oldKey = app.secrets.get(SECRET.ttAppKey);
    app.secrets.set(SECRET.ttAppSecret, input.appSecret);
    app.secrets.set(SECRET.ttAppKey, input.appKey);
    const keep = oldKey === input.appKey ? (getSetting<TongtoolSettings>(app, 'tongtool') ?? {}) : {};
    if (oldKey !== input.appKey) app.secrets.delete(SECRET.ttToken);
    setSetting(app, 'tongtool', { ...keep, baseUrl: input.baseUrl } satisfies TongtoolSettings);
    setSetting(app, 'stockSource', { kind: 'tongtool' });
    this.liveTt = null;
    return this.sellerChanged('connect.tongtool.keys', { appKey: mask(input.appKey), baseUrl: input.baseUrl ?? TT_DEFAULT_BASE });
  }

  setStockSource(kind: 'tongtool' | 'file'): ConnectStatus {
    setSetting(this.app, 'stockSource', { kind });
    return this.sellerChanged('connect.stockSource', { kind });
  }

  authorizeUrl(redirectUri: string): { url: string; state: string } {
    const client = this.liveAe().client; // first: without keys there is nothing to remember
    const state = newAuthState(this.app);
    return { url: client.authorizeUrl(redirectUri, state), state };
  }

  async exchangeCode(code: string, state?: string): Promise<ConnectStatus> {
    if (state !== undefined && !takeAuthState(this.app, state)) {
      throw new AppError(
        'FORBIDDEN',
        '授权回调与本次授权请求不匹配（state 不一致或已超过 30 分钟）。为安全起见没有保存。请重新点击“授权店铺”。',
        'The authorisation reply does not match this request (state differs or is over 30 minutes old). Nothing was saved for safety. Click "Authorise store" again.',
      );
    }
    const { client, market } = this.liveAe();
    const t = await client.createToken(code);
    // Asked afresh: the authorisation may be another store than the one whose channel is kept.
    const ch = await market.sellerChannel({ fresh: true });
    setSetting(this.app, 'aliexpress.channel', ch);
    // A new authorisation may be another store: its first successful test probes it again.
    deleteSetting(this.app, AUTO_PROBED_KEY);
    this.app.settings.set('mode', 'live');
    return this.sellerChanged('connect.aliexpress.authorised', {
      account: t.account,
      channel: ch,
      expiresAt: new Date(t.expiresAt).toISOString(),
    });
  }

  async useDemo(input: Partial<DemoConfig>): Promise<ConnectStatus> {
    const prev = getSetting<Partial<DemoConfig>>(this.app, 'demo');
    const cfg: DemoConfig = {
      ...DEFAULT_DEMO,
      ...(prev ?? {}),
      ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
    };
    setSetting(this.app, 'demo', cfg);
    this.app.settings.set('mode', 'demo');
    if (this.demoPromise) {
      const old = await this.demoPromise.catch(() => null);
      if (!old || JSON.stringify(old.config) !== JSON.stringify(cfg)) {
        await old?.stop();
        this.demoPromise = null;
        this.demoResolved = null;
      }
    }
    this.demoResolved = await this.demo();
    return this.sellerChanged('connect.demo', { ...cfg });
  }

  /**
   * Tests both connections step by step and says exactly which step failed. In live mode, `probe`
   * (the read-only live probe) then runs once after the first successful test, and again whenever
   * a check met an answer of another shape (WIRE_SHAPE, BAD_SHAPE), which names only the first field.
   */
  async test(probe?: () => Promise<ProbeReport>): Promise<ConnectTestReport> {
    const demo = this.mode === 'demo';
    if (demo) this.demoResolved = await this.demo();
    const ae = await testAliExpress(
      async () => {
        if (this.mode === 'live') return this.liveAe();
        const d = (await this.demo()).aliexpress;
        return { client: d.client, market: d.marketplace };
      },
      (channel) => {
        if (this.mode === 'live') setSetting(this.app, 'aliexpress.channel', channel);
      },
    );
    const kind = this.stockSourceKind();
    const st = await testStockSource(kind, async () => (kind === 'demo' ? (await this.demo()).tongtool : this.liveTongtool()));
    const report: ConnectTestReport = { ok: ae.ok && st.ok, mode: this.mode, aliexpress: ae, stockSource: st };
    if (!demo && probe) {
      const shapeDiffers = [...ae.checks, ...st.checks].some((c) => c.remoteCode === 'WIRE_SHAPE' || c.remoteCode === 'BAD_SHAPE');
      const first = report.ok && !getSetting<boolean>(this.app, AUTO_PROBED_KEY);
      if (first || shapeDiffers) {
        try {
          report.probe = this.keepProbe(await probe());
          if (first) setSetting(this.app, AUTO_PROBED_KEY, true);
        } catch (e) {
          // The test's own answer stands; the probe can still be run by hand.
          this.app.log.warn('automatic probe after the connection test failed', { error: String(e) });
        }
      }
    }
    writeAudit(this.app.db, this.app.clock, {
      actor: 'seller',
      kind: 'connect.test',
      detail: { ok: report.ok, failed: [...ae.checks, ...st.checks].filter((c) => !c.ok).map((c) => `${c.step}:${c.code ?? ''}`) },
    });
    return report;
  }

  /** The connections the live probe reads through: the demo's in demo mode, else the live ones. */
  async probeTargets(): Promise<{
    ae: { client: IopClient; market: AliExpressMarketplace } | { error: unknown };
    tt: { client: TongtoolClient; source: TongtoolStockSource } | { error: unknown } | { kind: StockSourceKind | null };
  }> {
    if (this.mode === 'demo') {
      const d = await this.demo();
      return { ae: { client: d.aliexpress.client, market: d.aliexpress.marketplace }, tt: d.tongtool };
    }
    const attempt = <T>(f: () => T): T | { error: unknown } => {
      try {
        return f();
      } catch (error) {
        return { error };
      }
    };
    const kind = this.stockSourceKind();
    return { ae: attempt(() => this.liveAe()), tt: kind === 'tongtool' ? attempt(() => this.liveTongtool()) : { kind } };
  }

  private liveAe(): { client: IopClient; market: AliExpressMarketplace } {
    if (this.live) return this.live;
    const s = getSetting<AeSettings>(this.app, 'aliexpress') ?? {};
    const client = new IopClient({
      ...liveClientBase(this.app, 'aliexpress'),
      gatewayUrl: s.gatewayUrl,
      tokens: appTokenStore(this.app),
      refreshMarginMs: (s.refreshMarginMinutes ?? DEFAULT_MARGIN_MIN) * 60_000,
    });
    this.live = { client, market: new AliExpressMarketplace(client) };
    return this.live;
  }

  private liveTongtool(): { client: TongtoolClient; source: TongtoolStockSource } {
    if (this.liveTt) return this.liveTt;
    const client = new TongtoolClient({
      ...liveClientBase(this.app, 'tongtool'),
      baseUrl: getSetting<TongtoolSettings>(this.app, 'tongtool')?.baseUrl,
      quota: this.gate,
      session: appTongtoolSession(this.app),
    });
    this.liveTt = { client, source: new TongtoolStockSource(client, 'tongtool', this.app.clock) };
    return this.liveTt;
  }
}

/** Where each live connection's keys are kept, and what to do when they are missing. */
const LIVE_KEYS = {
  aliexpress: {
    key: SECRET.aeAppKey,
    secret: SECRET.aeAppSecret,
    missing: {
      zh: '还没有填写速卖通 App Key 和 App Secret。请到“连接设置”填写并授权店铺，或先使用演示店铺。',
      en: 'The AliExpress App Key and App Secret are not set. Enter them in Connection settings and authorise the store, or use the demo store first.',
    },
  },
  tongtool: {
    key: SECRET.ttAppKey,
    secret: SECRET.ttAppSecret,
    missing: {
      zh: '还没有填写通途 App Key 和 App Secret。请到“连接设置”填写，或改用文件导入。',
      en: 'The Tongtool App Key and App Secret are not set. Enter them in Connection settings, or use file import instead.',
    },
  },
} satisfies Record<string, { key: string; secret: string; missing: Bilingual }>;

/**
 * What every live client is built from: the connection's App Key and App Secret from the secret
 * store (or an AUTH error saying where to enter them), and the app's clock, waiter and log.
 */
function liveClientBase(app: App, system: keyof typeof LIVE_KEYS) {
  const { key, secret, missing } = LIVE_KEYS[system];
  const appKey = app.secrets.get(key);
  const appSecret = app.secrets.get(secret);
  if (!appKey || !appSecret) throw new AppError('AUTH', missing.zh, missing.en);
  return { appKey, appSecret, clock: app.clock, waiter: waiterFor(app.clock), log: app.log };
}

/** The one ConnectService of an app. */
export function connectors(app: App): ConnectService {
  return app.services.connectors;
}
