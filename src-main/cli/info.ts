import type { Command } from 'commander';
import { appAction, call } from './run';

export function registerInfo(program: Command): void {
  program
    .command('info')
    .description('版本、数据文件夹、数据版本和各表行数 / version, data folder, schema version, row counts')
    .action(
      appAction(
        (app) => call(app, 'app.info', {}),
        (info) =>
          [
            `${info.name} ${info.version}`,
            `数据文件夹 Data folder: ${info.dataDir}`,
            `数据库 Database: ${info.dbFile} (数据版本 schema v${info.schemaVersion})`,
            `最近备份 Last backup: ${info.lastBackup ?? '暂无 none yet'}`,
            '行数 Rows:',
            ...Object.entries(info.rowCounts).map(([t, n]) => `  ${t.padEnd(24)} ${n}`),
          ].join('\n'),
      ),
    );
}
