import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/core/platform/clock';
import { createApp, type App } from '../../../src-main/core/app';
import { AliExpressSimulator } from '../../../src-main/core/connectors/aliexpress/simulator';
import { TongtoolSimulator } from '../../../src-main/core/connectors/tongtool/simulator';
import { connectors } from '../../../src-main/core/connectors/service';
import { SECRET } from '../../../src-main/core/connectors/store';
import { buildCatalogue } from '../../../src-main/core/connectors/demo/catalogue';
import type { ConnectStatus, ConnectTestReport } from '../../../src-shared/channels/connect';
import { tempDir } from '../../helpers/tempApp';
import { callRaw, refused } from '../../helpers/channels';

const AE_KEY = '33445566';
const AE_SECRET = 'AeSecret-KNOWN-7f3a9c2e41';
const TT_KEY = 'ttkey-778899';
const TT_SECRET = 'TtSecret-KNOWN-b5d1e0aa93';

describe('connections through the contract channels, secrets kept out of logs, database and payloads', () => {
  let clock: ManualClock;
  let app: App;
  let dataDir: string;
  let ae: AliExpressSimulator;
  let tt: TongtoolSimulator;
  const outputs: unknown[] = [];
  const api = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = await callRaw(app, channel, input);
    outputs.push(r);
    if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
    return r.data as T;
  };

  beforeEach(async () => {
    clock = new ManualClock();
    dataDir = tempDir();
    app = createApp({ dataDir, host: 'cli', clock, quotaGuardMs: 0 });
    const cat = buildCatalogue(1000, 11);
    ae = await new AliExpressSimulator({ clock, appKey: AE_KEY, appSecret: AE_SECRET, products: cat.products.slice(0, 30) }).start();
    tt = await new TongtoolSimulator({
      clock,
      appKey: TT_KEY,
      appSecret: TT_SECRET,
      warehouses: cat.erpWarehouses,
      goods: cat.goods.slice(0, 50),
      stock: cat.stock.slice(0, 120),
    }).start();
    outputs.length = 0;
  });
  afterEach(async () => {
    await ae.stop();
    await tt.stop();
    await app.close();
  });

  async function connectLive(): Promise<ConnectStatus> {
    await api('connect.saveAliExpress', { appKey: AE_KEY, appSecret: AE_SECRET, gatewayUrl: ae.url, refreshMarginMinutes: 60 });
    const { url, state } = await api<{ url: string; state: string }>('connect.authorizeUrl', { redirectUri: 'http://127.0.0.1:1/cb' });
    const loc = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
    expect(loc.searchParams.get('state')).toBe(state);
    await api('connect.exchangeCode', { code: loc.searchParams.get('code'), state });
    return api<ConnectStatus>('connect.saveTongtool', { appKey: TT_KEY, appSecret: TT_SECRET, baseUrl: tt.url });
  }

  it('connects a store and a Tongtool account and reports the channel, masked keys and token expiry', async () => {
    const status = await connectLive();
    expect(status.mode).toBe('live');
    expect(status.aliexpress).toMatchObject({
      configured: true,
      authorized: true,
      appKeyMasked: '33****66',
      channel: { channel: ae.seller.channel, channelSellerId: ae.seller.channelSellerId, businessType: 'ONE_STOP_SERVICE' },
    });
    expect(status.aliexpress.tokenExpiresAt).toBe(new Date(clock.now() + 30 * 86400_000).toISOString());
    expect(status.stockSource).toMatchObject({ kind: 'tongtool', tongtool: { configured: true, appKeyMasked: 'tt****99' } });

    const report = await api<ConnectTestReport>('connect.test', {});
    expect(report.ok).toBe(true);
    expect(report.aliexpress.checks.map((c) => c.step)).toEqual(['keys', 'token', 'channel', 'listings']);
    expect(report.aliexpress.listingCount).toBe(30);
    expect(report.stockSource.warehouses.map((w) => w.name)).toContain('义乌仓 ');

    // Other domains get their ports from the same service.
    const market = await connectors(app).marketplace();
    expect((await market.listListingSkus()).length).toBeGreaterThan(30);
    const source = await connectors(app).stockSource();
    expect(await source.readAll()).toHaveLength(120);
  });

  it('re-authorising with another store takes that store’s channel: its listings are read, not refused as the old one’s', async () => {
    await connectLive();
    const market = await connectors(app).marketplace();
    expect((await market.listListingSkus()).length).toBeGreaterThan(0);
    const other = { sellerId: '2009876543', account: 'second-store@example.com', channelSellerId: '6009876543', channel: 'AE_GLOBAL' };
    ae.signInAs(other);
    const { url, state } = await api<{ url: string; state: string }>('connect.authorizeUrl', { redirectUri: 'http://127.0.0.1:1/cb' });
    const loc = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
    const status = await api<ConnectStatus>('connect.exchangeCode', { code: loc.searchParams.get('code'), state });
    expect(status.aliexpress.channel).toMatchObject({ channelSellerId: other.channelSellerId });
    // The same port, as the stock run and the engine hold it: it now speaks for the second store.
    expect((await market.listListingSkus()).length).toBeGreaterThan(0);
  });

  it('says exactly which step failed', async () => {
    await connectLive();
    expect((await api<ConnectTestReport>('connect.test', {})).ok).toBe(true);
    await tt.stop();
    ae.expireAccessTokens();
    ae.expireRefreshTokens();
    const report = await api<ConnectTestReport>('connect.test', {});
    expect(report.ok).toBe(false);
    const aeFailed = report.aliexpress.checks.find((c) => !c.ok)!;
    expect(aeFailed).toMatchObject({ step: 'channel', code: 'AUTH' });
    expect(aeFailed.message).toContain('重新授权');
    const ttFailed = report.stockSource.checks.find((c) => !c.ok)!;
    expect(ttFailed.step).toBe('warehouses'); // token and merchant are remembered; the first network call fails
    expect(ttFailed.code).toBe('TRANSIENT');
    expect(report.stockSource.checks.filter((c) => c.ok).map((c) => c.step)).toEqual(['keys', 'token', 'merchant']);
  });

  it('a state that does not match is refused and nothing is stored', async () => {
    await api('connect.saveAliExpress', { appKey: AE_KEY, appSecret: AE_SECRET, gatewayUrl: ae.url });
    const error = await refused(app, 'connect.exchangeCode', { code: ae.issueCode(), state: 'forged' });
    expect(error.code).toBe('FORBIDDEN');
    expect(app.secrets.get(SECRET.aeAccess)).toBeUndefined();
  });

  it('never writes a secret or token to the log, the database or a renderer payload', async () => {
    await connectLive();
    await api('connect.test', {});
    await api('connect.status', {});
    // Failures carry remote text too: make the clients fail and log.
    await tt.stop();
    await api('connect.test', {});
    app.log.info('diagnostics', { appSecret: AE_SECRET, note: `configured with ${TT_SECRET}` });
    const access = app.secrets.get(SECRET.aeAccess)!;
    const refresh = app.secrets.get(SECRET.aeRefresh)!;
    const ttToken = app.secrets.get(SECRET.ttToken)!;
    const known = [AE_SECRET, TT_SECRET, access, refresh, ttToken];
    expect(known.every((k) => typeof k === 'string' && k.length >= 16)).toBe(true);

    // The secret store does hold them, so the search below can find them where they are.
    const secretsFile = readFileSync(app.secrets.location, 'utf8');
    for (const k of known) expect(secretsFile).toContain(k);

    await app.close();
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p !== app.secrets.location) files.push(p);
      }
    };
    walk(dataDir);
    expect(files.some((f) => f.endsWith('desk.sqlite'))).toBe(true);
    expect(files.some((f) => f.endsWith('main.log'))).toBe(true);
    expect(readFileSync(join(dataDir, 'logs', 'main.log'), 'utf8')).toContain('diagnostics');
    for (const f of files) {
      const content = readFileSync(f).toString('latin1') + (existsSync(f) ? readFileSync(f, 'utf8') : '');
      for (const k of known) expect(content.includes(k), `${k.slice(0, 4)}… found in ${f}`).toBe(false);
    }
    const payloads = JSON.stringify(outputs);
    for (const k of known) expect(payloads.includes(k)).toBe(false);
    app = createApp({ dataDir, host: 'cli', clock, quotaGuardMs: 0 }); // for afterEach
  });

  it('demo mode: one call connects the demo store, and a new app on the same folder gets the same store', async () => {
    const s = await api<ConnectStatus>('connect.useDemo', { size: 1000, seed: 42, reviewMode: 'instant' });
    expect(s.mode).toBe('demo');
    expect(s.demo).toMatchObject({ size: 1000, seed: 42, reviewMode: 'instant' });
    const report = await api<ConnectTestReport>('connect.test', {});
    expect(report.ok).toBe(true);
    expect(report.stockSource.kind).toBe('demo');
    const first = (await connectors(app).marketplace()).listListingSkus();
    const skusA = (await first).map((x) => x.sellerSku);
    await app.close();
    app = createApp({ dataDir, host: 'cli', clock, quotaGuardMs: 0 });
    const skusB = (await (await connectors(app).marketplace()).listListingSkus()).map((x) => x.sellerSku);
    expect(skusB).toEqual(skusA);
    expect((await connectors(app).demo()).config.reviewMode).toBe('instant');
  });
});
