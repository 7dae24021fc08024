import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { runCli } from '../../helpers/cli';
import { tempDir } from '../../helpers/tempApp';
import { LATEST_VERSION } from '../../../src-main/core/db/migrations';

describe('cli info', () => {
  it('prints one JSON document with the version, data folder, schema version and row counts', () => {
    const dir = tempDir();
    const r = runCli(['info', '--json', '--data', dir]);
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(info).toMatchObject({ dataDir: dir, schemaVersion: LATEST_VERSION, host: 'cli' });
    expect(info.rowCounts).toMatchObject({ audit_log: 0, notices: 0 });
  });

  it("prints readable text without --json, the stored data in the seller's words rather than table names", () => {
    const dir = tempDir();
    const r = runCli(['info', '--data', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('数据文件夹 Data folder');
    expect(r.stdout).toMatch(
      /\n +0 {2}库存记录（每个SKU在每个仓库的最新可用库存） \/ Stock records \(latest available stock per SKU and warehouse\)\n/,
    );
    expect(r.stdout).toContain('操作记录（谁在什么时候做了什么） / Activity log (who did what, when)');
    const tables = Object.keys((JSON.parse(runCli(['info', '--json', '--data', dir]).stdout) as { rowCounts: object }).rowCounts);
    for (const t of tables) expect(r.stdout).not.toContain(t);
  });

  it('exits 1 with a bilingual message for a database from a newer app', () => {
    const dir = tempDir();
    const db = new Database(join(dir, 'desk.sqlite'));
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    const r = runCli(['info', '--json', '--data', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(r.stderr.split('\n')[0]!)).toMatchObject({ error: { code: 'DB_NEWER' } });
    expect(r.stderr).toContain('请安装最新版本');
  });

  it('exits 1 on an unknown command and 0 on --help', () => {
    expect(runCli(['no-such-command']).code).toBe(1);
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('info');
  });
});
