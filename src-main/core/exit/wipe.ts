/**
 * 退店后 个人信息保护, second half: after the export, remove the store's credentials (every name in
 * the secret store) and personal data (the Alipay account, connection facts such as merchant and
 * seller ids, the database backups that hold copies of them), then compact the database so the
 * old values do not linger in free pages. The seller types the store name to confirm; the caller
 * records in the timeline and audit log what was removed (names only, never values).
 *
 * The store's identifiers (its name, the seller's login account and ids, the channel seller id,
 * the Tongtool merchant id, the Alipay account) are also written inside other rows: the audit log
 * of a connection, a settings change, a case's timeline. They are replaced by a marker in every
 * text column of every table, the Tongtool quota log (keyed by merchant id) is emptied, the store
 * name in settings goes back to the default, and the logs are cleared.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from '../app';
import { AppError } from '../../../src-shared/errors';
import { tableExists } from './storeData';
import { DEFAULT_SETTINGS } from '../platform/settings';
import { clearLogs } from '../platform/logger';
import type { Db } from '../db/open';
import type { Bilingual } from '../../../src-shared/channels/exit';

/** What a scrubbed identifier reads as afterwards. */
export const SCRUBBED = '[已清除]';
/** Shorter strings are too likely to be part of ordinary words and figures to replace blindly. */
const MIN_IDENTIFIER = 3;

function setting<T>(db: Db, key: string): T | null {
  if (!tableExists(db, 'connector_settings')) return null;
  const row = db.prepare('SELECT value FROM connector_settings WHERE key = ?').get(key) as { value: string } | undefined;
  try {
    return row ? (JSON.parse(row.value) as T) : null;
  } catch {
    return null;
  }
}

/** Every string that identifies the store or the seller, as the app ever stored it. */
export function storeIdentifiers(app: App): string[] {
  const db = app.db;
  const ids = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === 'number' && Number.isFinite(v)) v = String(v);
    if (typeof v === 'string' && v.trim().length >= MIN_IDENTIFIER) ids.add(v.trim());
  };
  const name = app.settings.get('storeName');
  if (name !== DEFAULT_SETTINGS.storeName) add(name);
  const token = setting<{ sellerId?: unknown; account?: unknown }>(db, 'aliexpress.token');
  add(token?.sellerId);
  add(token?.account);
  const ch = setting<{ channelSellerId?: unknown; channelShopName?: unknown }>(db, 'aliexpress.channel');
  add(ch?.channelSellerId);
  add(ch?.channelShopName);
  add(setting<{ merchantId?: unknown }>(db, 'tongtool')?.merchantId);
  // Accounts authorised earlier (the seller may have switched) are only in the audit log now.
  if (tableExists(db, 'audit_log')) {
    for (const d of db.prepare("SELECT detail FROM audit_log WHERE kind = 'connect.aliexpress.authorised'").pluck().all() as string[]) {
      try {
        const x = JSON.parse(d) as { account?: unknown; channel?: { channelSellerId?: unknown; channelShopName?: unknown } };
        add(x.account);
        add(x.channel?.channelSellerId);
        add(x.channel?.channelShopName);
      } catch {
        // A row that is not JSON holds nothing to look up.
      }
    }
  }
  if (tableExists(db, 'tongtool_quota_calls'))
    for (const m of db.prepare('SELECT DISTINCT merchant_id FROM tongtool_quota_calls').pluck().all()) add(m);
  if (tableExists(db, 'deposit_case')) {
    const cols = (db.prepare('PRAGMA table_info(deposit_case)').all() as { name: string }[]).map((c) => c.name);
    if (cols.includes('alipay_account'))
      for (const a of db.prepare('SELECT alipay_account FROM deposit_case WHERE alipay_account IS NOT NULL').pluck().all()) add(a);
  }
  // Longest first, so an id that contains another is replaced whole.
  return [...ids].sort((a, b) => b.length - a.length);
}

/** Replaces every identifier in every text column of every table; returns the rows changed per table. */
function scrubTables(db: Db, ids: string[]): Record<string, number> {
  const changed: Record<string, number> = {};
  if (!ids.length) return changed;
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  for (const t of tables) {
    const cols = (db.prepare(`PRAGMA table_info("${t}")`).all() as { name: string; type: string }[]).filter(
      (c) => !/INT|REAL|BLOB/i.test(c.type),
    );
    for (const c of cols) {
      for (const id of ids) {
        const r = db
          .prepare(`UPDATE "${t}" SET "${c.name}" = replace("${c.name}", ?, ?) WHERE instr("${c.name}", ?) > 0`)
          .run(id, SCRUBBED, id);
        if (r.changes) changed[t] = (changed[t] ?? 0) + r.changes;
      }
    }
  }
  return changed;
}

/** What the wipe removed, in the seller's words (the names of secrets mean nothing to a seller). */
export function removedInWords(removedSecrets: string[], cleared: string[], extra: { switchWasOn: boolean; demo: boolean }): Bilingual[] {
  const out: Bilingual[] = [];
  const has = (prefix: string) => removedSecrets.some((n) => n.startsWith(prefix));
  if (has('aliexpress.appKey') || has('aliexpress.appSecret'))
    out.push({ zh: '速卖通的 App Key 和 App Secret', en: 'The AliExpress App Key and App Secret' });
  if (has('aliexpress.accessToken') || has('aliexpress.refreshToken'))
    out.push({
      zh: '速卖通店铺授权（授权令牌已删除，需要重新授权才能再连接）',
      en: 'The AliExpress store authorisation (its tokens are deleted; reconnecting needs a new authorisation)',
    });
  if (has('tongtool.')) out.push({ zh: '通途的 App Key、密钥和令牌', en: 'The Tongtool App Key, secret and token' });
  if (removedSecrets.some((n) => !n.startsWith('aliexpress.') && !n.startsWith('tongtool.')))
    out.push({ zh: '群机器人的地址和密钥', en: "The group robots' addresses and secrets" });
  if (cleared.includes('connector_settings'))
    out.push({
      zh: '连接设置：商家编号、店铺渠道、库存来源和连接状态',
      en: 'Connection settings: merchant id, store channel, stock source and connection status',
    });
  if (extra.demo) out.push({ zh: '演示店铺的连接', en: 'The demo store connection' });
  if (cleared.includes('auto_settings'))
    out.push({
      zh: `自动绑定/解绑开关和设置${extra.switchWasOn ? '（开关已关闭）' : ''}`,
      en: `The auto bind/unbind switch and its settings${extra.switchWasOn ? ' (the switch is off)' : ''}`,
    });
  if (cleared.includes('deposit_case.alipay_account'))
    out.push({ zh: '退保证金记录里的支付宝账号', en: 'The Alipay account in the deposit refund records' });
  if (cleared.some((c) => c.includes('处 标识')))
    out.push({
      zh: '记录里出现的店铺名称、登录账号和卖家编号（已替换为“[已清除]”）',
      en: 'The store name, login account and seller ids in the records (replaced by "[已清除]")',
    });
  if (cleared.includes('settings.storeName')) out.push({ zh: '设置里的店铺名称', en: 'The store name in the settings' });
  const backups = cleared.find((c) => c.startsWith('backups'));
  if (backups) out.push({ zh: `数据库备份 ${backups.replace(/\D/g, '')} 份`, en: `${backups.replace(/\D/g, '')} database backup(s)` });
  const exportsGone = cleared.find((c) => c.startsWith('exports ('));
  if (exportsGone)
    out.push({
      zh: `数据文件夹里的退店导出文件 ${exportsGone.replace(/\D/g, '')} 个（已下载或另存的副本不受影响）`,
      en: `${exportsGone.replace(/\D/g, '')} export file(s) in the data folder (copies downloaded or saved elsewhere are not touched)`,
    });
  if (cleared.some((c) => c.startsWith('support ('))) out.push({ zh: '连接检查的样本文件', en: 'The connection check samples' });
  if (cleared.includes('browser storage'))
    out.push({ zh: '程序窗口的浏览器缓存和本地存储', en: "The app window's browser cache and local storage" });
  if (cleared.some((c) => c.startsWith('logs'))) out.push({ zh: '运行日志', en: 'The app logs' });
  return out;
}

/**
 * Folders of files the app wrote for the seller that hold the store's data: export ZIPs (named and
 * filled with it; the seller was shown them before confirming) and connection probe samples.
 */
const DATA_FILE_DIRS = ['exports', 'support'] as const;

export async function wipeStore(
  app: App,
  confirm: string,
  expected: string,
  exported: boolean,
): Promise<{ removedSecrets: string[]; cleared: string[] }> {
  if (confirm.trim() !== expected.trim()) {
    throw new AppError(
      'BAD_INPUT',
      `输入的店铺名称与“${expected}”不一致，没有清除任何数据。请准确输入店铺名称以确认。`,
      `What you typed does not match "${expected}"; nothing was wiped. Type the store name exactly to confirm.`,
    );
  }
  if (!exported) {
    throw new AppError(
      'CONFLICT',
      '还没有导出店铺数据。清除后无法恢复，请先在“退店后”导出全部数据并保存好，再清除。',
      'The store data has not been exported. A wipe cannot be undone: export everything under "After" and keep the file first, then wipe.',
    );
  }

  const removedSecrets = app.secrets.names();
  for (const name of removedSecrets) app.secrets.delete(name);
  // The development store is a file; make sure nothing of it is left even if it held junk.
  if (existsSync(app.secrets.location) && app.secrets.names().length === 0 && app.secrets.location.startsWith(app.dataDir)) {
    rmSync(app.secrets.location, { force: true });
  }

  const cleared: string[] = [];
  const ids = storeIdentifiers(app);
  app.db.transaction(() => {
    if (tableExists(app.db, 'deposit_case')) {
      const cols = (app.db.prepare('PRAGMA table_info(deposit_case)').all() as { name: string }[]).map((c) => c.name);
      if (cols.includes('alipay_account')) {
        app.db.prepare('UPDATE deposit_case SET alipay_account = NULL').run();
        cleared.push('deposit_case.alipay_account');
      }
    }
    if (tableExists(app.db, 'connector_settings')) {
      app.db.prepare('DELETE FROM connector_settings').run();
      cleared.push('connector_settings');
    }
    // The switch and its settings: a wiped store is connected to nothing, so nothing may be sent.
    if (tableExists(app.db, 'auto_settings')) {
      app.db.prepare('DELETE FROM auto_settings').run();
      cleared.push('auto_settings');
    }
    if (tableExists(app.db, 'tongtool_quota_calls')) {
      app.db.prepare('DELETE FROM tongtool_quota_calls').run();
      cleared.push('tongtool_quota_calls');
    }
    const scrubbed = scrubTables(app.db, ids);
    for (const [t, n] of Object.entries(scrubbed)) cleared.push(`${t}: ${n} 处标识 / identifiers`);
  })();
  // Demo mode is a connection too (it reads as 已授权): afterwards the app is in live mode with nothing set up.
  if (app.settings.get('mode') !== 'live') {
    app.settings.set('mode', 'live');
    cleared.push('settings.mode');
  }
  if (app.settings.get('storeName') !== DEFAULT_SETTINGS.storeName) {
    app.settings.set('storeName', DEFAULT_SETTINGS.storeName);
    cleared.push('settings.storeName');
  }
  // Copies of a settings file that was broken by hand: they hold the store name too.
  for (const f of readdirSync(app.dataDir).filter((n) => n.startsWith('settings.json.broken-')))
    rmSync(join(app.dataDir, f), { force: true });

  // Backups are full copies of the database, personal data included.
  if (existsSync(app.backupDir)) {
    const copies = readdirSync(app.backupDir).filter((f) => f.endsWith('.sqlite'));
    for (const f of copies) rmSync(join(app.backupDir, f), { force: true });
    if (copies.length) cleared.push(`backups (${copies.length})`);
  }
  app.db.pragma('wal_checkpoint(TRUNCATE)');
  app.db.exec('VACUUM');
  app.db.pragma('wal_checkpoint(TRUNCATE)');
  for (const dir of DATA_FILE_DIRS) {
    const p = join(app.dataDir, dir);
    if (!existsSync(p)) continue;
    const files = readdirSync(p);
    for (const f of files) rmSync(join(p, f), { recursive: true, force: true });
    if (files.length) cleared.push(`${dir} (${files.length})`);
  }
  // The desktop app's Chromium profile (pages, local storage, cache) lives in the data folder too.
  if (app.clearBrowserStorage) {
    await app.clearBrowserStorage();
    cleared.push('browser storage');
  }
  // Last: every line logged so far may name the store, the seller's account or a merchant id.
  const logs = clearLogs(app.dataDir);
  if (logs) cleared.push(`logs (${logs})`);
  return { removedSecrets, cleared };
}
