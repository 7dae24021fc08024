/**
 * The exit wipe is complete: afterwards no file in the data folder (database, WAL, settings, logs,
 * exports, support samples) holds, in its bytes or its name, any identifier the store ever had: its
 * name, the seller's login account and id, the channel seller id, the Tongtool merchant id, the
 * Alipay account. Whether the export was downloaded or kept under exports/.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../../../src-main/core/app';
import { writeAudit } from '../../../src-main/core/audit';
import { setSetting } from '../../../src-main/core/connectors/store';
import { DEFAULT_SETTINGS } from '../../../src-main/core/platform/settings';
import { tempDir } from '../../helpers/tempApp';
import { call } from '../../helpers/channels';

const STORE = '东莞精工五金旗舰店';
const IDS = {
  store: STORE,
  account: 'factory.owner@example.cn',
  sellerId: '2209876543',
  channelSellerId: '5566778899001',
  merchantId: 'TT-MERCHANT-7788123',
  alipay: '13987654321',
};

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? allFiles(p) : [p];
  });
}

describe('the exit wipe', () => {
  it.each([
    ['downloaded', { download: true }],
    ['kept under exports/ in the data folder', {}],
  ])('leaves no identifier of the store anywhere in the data folder (export %s)', async (_how, exportInput) => {
    const dataDir = tempDir('desk-wipe-');
    let app = createApp({ dataDir, host: 'cli' });
    // What a connected store writes as it goes, the way the connectors and screens write it.
    await call(app, 'settings.set', { storeName: STORE });
    setSetting(app, 'aliexpress.token', {
      expiresAt: Date.now() + 1e9,
      refreshExpiresAt: Date.now() + 2e9,
      sellerId: IDS.sellerId,
      account: IDS.account,
      obtainedAt: Date.now(),
    });
    setSetting(app, 'aliexpress.channel', { channelSellerId: IDS.channelSellerId, channel: 'AE_GLOBAL', businessType: 'ONE_STOP_SERVICE' });
    setSetting(app, 'tongtool', { merchantId: IDS.merchantId });
    writeAudit(app.db, app.clock, {
      actor: 'seller',
      kind: 'connect.aliexpress.authorised',
      detail: { account: IDS.account, channel: { channelSellerId: IDS.channelSellerId, channel: 'AE_GLOBAL' } },
    });
    for (let i = 0; i < 5; i++)
      app.db.prepare('INSERT INTO tongtool_quota_calls (merchant_id, at) VALUES (?, ?)').run(IDS.merchantId, Date.now() + i);
    app.log.info('tongtool call', { merchantId: IDS.merchantId, store: STORE, account: IDS.account });
    app.secrets.set('aliexpress.accessToken', 'wipe-test-token-0123456789');
    // A connection check's sample, as the probe keeps it for support.
    mkdirSync(join(dataDir, 'support'), { recursive: true });
    writeFileSync(join(dataDir, 'support', `probe-${IDS.sellerId}.json`), JSON.stringify({ store: STORE, account: IDS.account }));
    await app.backupNow();
    await app.close();

    // The desktop app passes Chromium's clearStorageData as this port.
    const clearBrowserStorage = vi.fn(() => Promise.resolve());
    app = createApp({ dataDir, host: 'cli', clearBrowserStorage });
    try {
      await call(app, 'exit.open', {});
      await call(app, 'exit.setReason', { reason: 'competition' });
      app.db
        .prepare('INSERT INTO deposit_case (store_key, status, alipay_account, created_at, updated_at) VALUES (?, ?, ?, ?, ?)')
        .run('store', 'refunding', IDS.alipay, new Date().toISOString(), new Date().toISOString());
      await call(app, 'exit.export', exportInput);
      const wiped = await call(app, 'exit.wipe', { confirm: STORE });
      expect(wiped.cleared).toEqual(expect.arrayContaining(['tongtool_quota_calls', 'settings.storeName', 'connector_settings']));
      expect(app.db.prepare('SELECT count(*) FROM tongtool_quota_calls').pluck().get()).toBe(0);
      expect(app.settings.get('storeName')).toBe(DEFAULT_SETTINGS.storeName);
      const audit = app.db.prepare("SELECT detail FROM audit_log WHERE kind = 'connect.aliexpress.authorised'").pluck().get() as string;
      expect(audit).toContain('[已清除]');
      expect(wiped.exportsLeft).toEqual([]);
      expect(clearBrowserStorage).toHaveBeenCalledTimes(1);
      expect(wiped.cleared).toEqual(expect.arrayContaining(['browser storage', 'support (1)']));
    } finally {
      await app.close();
    }

    const log = join(dataDir, 'logs', 'main.log');
    expect(!existsSync(log) || !readFileSync(log, 'utf8').includes('tongtool call')).toBe(true);
    const files = allFiles(dataDir);
    expect(files.some((f) => f.endsWith('desk.sqlite'))).toBe(true);
    for (const f of files) {
      const bytes = readFileSync(f);
      for (const [what, id] of Object.entries(IDS)) {
        expect(f.slice(dataDir.length).includes(id), `${what} in the file name ${f}`).toBe(false);
        expect(bytes.includes(Buffer.from(id, 'utf8')), `${what} found in ${f}`).toBe(false);
        expect(bytes.includes(Buffer.from(id, 'utf16le')), `${what} found in ${f} (UTF-16)`).toBe(false);
      }
    }
  });
});
