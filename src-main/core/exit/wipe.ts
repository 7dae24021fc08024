/**
 * 退店后 个人信息保护, second half: after the export, remove the store's credentials (every name in
 * the secret store) and personal data (the Alipay account, connection facts such as merchant and
 * seller ids, the database backups that hold copies of them), then compact the database so the
 * old values do not linger in free pages. The seller types the store name to confirm; the caller
 * records in the timeline and audit log what was removed (names only, never values).
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from '../app';
import { AppError } from '../../../src-shared/errors';
import { tableExists } from './storeData';

export function wipeStore(app: App, confirm: string, expected: string, exported: boolean): { removedSecrets: string[]; cleared: string[] } {
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
  })();

  // Backups are full copies of the database, personal data included.
  if (existsSync(app.backupDir)) {
    const copies = readdirSync(app.backupDir).filter((f) => f.endsWith('.sqlite'));
    for (const f of copies) rmSync(join(app.backupDir, f), { force: true });
    if (copies.length) cleared.push(`backups (${copies.length})`);
  }
  app.db.pragma('wal_checkpoint(TRUNCATE)');
  app.db.exec('VACUUM');
  app.db.pragma('wal_checkpoint(TRUNCATE)');
  return { removedSecrets, cleared };
}
