/**
 * Where connection facts live. Secrets (keys, app secrets, tokens) go to the secret store only;
 * the database keeps what is safe to show: gateway URLs, expiry times, the channel found.
 */
import type { App } from '../app';
import type { TokenStore, IopTokens } from './aliexpress/client';
import type { TongtoolSessionStore } from './tongtool/client';

export const SECRET = {
  aeAppKey: 'aliexpress.appKey',
  aeAppSecret: 'aliexpress.appSecret',
  aeAccess: 'aliexpress.accessToken',
  aeRefresh: 'aliexpress.refreshToken',
  ttAppKey: 'tongtool.appKey',
  ttAppSecret: 'tongtool.appSecret',
  ttToken: 'tongtool.appToken',
} as const;

export function getSetting<T>(app: App, key: string): T | null {
  const row = app.db.prepare('SELECT value FROM connector_settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : null;
}

export function setSetting(app: App, key: string, value: unknown): void {
  app.db
    .prepare(
      'INSERT INTO connector_settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    )
    .run(key, JSON.stringify(value), new Date(app.clock.now()).toISOString());
}

export function deleteSetting(app: App, key: string): void {
  app.db.prepare('DELETE FROM connector_settings WHERE key = ?').run(key);
}

type TokenMeta = Omit<IopTokens, 'accessToken' | 'refreshToken'>;

/** AliExpress tokens: the strings in the secret store, the times in the database. */
export function appTokenStore(app: App): TokenStore {
  return {
    load: () => {
      const accessToken = app.secrets.get(SECRET.aeAccess);
      const meta = getSetting<TokenMeta>(app, 'aliexpress.token');
      if (!accessToken || !meta) return null;
      return { ...meta, accessToken, refreshToken: app.secrets.get(SECRET.aeRefresh) ?? '' };
    },
    save: (t) => {
      app.secrets.set(SECRET.aeAccess, t.accessToken);
      app.secrets.set(SECRET.aeRefresh, t.refreshToken);
      const meta: TokenMeta = {
        expiresAt: t.expiresAt,
        refreshExpiresAt: t.refreshExpiresAt,
        sellerId: t.sellerId,
        account: t.account,
        obtainedAt: t.obtainedAt,
      };
      setSetting(app, 'aliexpress.token', meta);
    },
    clear: () => {
      app.secrets.delete(SECRET.aeAccess);
      app.secrets.delete(SECRET.aeRefresh);
      deleteSetting(app, 'aliexpress.token');
    },
  };
}

export interface TongtoolSettings {
  baseUrl?: string;
  merchantId?: string;
}

export function appTongtoolSession(app: App): TongtoolSessionStore {
  return {
    load: () => {
      const appToken = app.secrets.get(SECRET.ttToken);
      if (!appToken) return null;
      return { appToken, merchantId: getSetting<TongtoolSettings>(app, 'tongtool')?.merchantId };
    },
    save: (s) => {
      app.secrets.set(SECRET.ttToken, s.appToken);
      const cur = getSetting<TongtoolSettings>(app, 'tongtool') ?? {};
      if (s.merchantId !== cur.merchantId) setSetting(app, 'tongtool', { ...cur, merchantId: s.merchantId });
    },
  };
}
