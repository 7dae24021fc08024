/**
 * `cli stock sync --once`, `cli stock import FILE [--yes]`, `cli sku resolve`, `cli sku rules test`:
 * the stock setup from a terminal, through the same contract channels as the wizard.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../src-shared/errors';
import type { SkuRuleSpec } from '../../src-shared/types/stock';
import { call, runCommand, type GlobalOptions } from './run';

const STATUS_ZH: Record<string, string> = { ok: '成功 ok', failed: '失败 failed', cancelled: '已取消 cancelled', running: '进行中 running' };

export function registerStock(program: Command): void {
  const stock = program.command('stock').description('库存同步与导入 / stock sync and import');

  stock
    .command('sync')
    .description('读取一次库存（自动选择全量或增量）/ read stock once (full or incremental, chosen automatically)')
    .option('--once', '只同步一次后退出（命令行总是如此）/ sync once and exit (always so on the command line)')
    .option('--full', '强制全量读取 / force a full read')
    .option('--incremental', '强制只读变化 / force an incremental read')
    .action(async (o: { full?: boolean; incremental?: boolean }, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      await runCommand(
        opts,
        async (app) => {
          const strategy = o.full ? 'full' : o.incremental ? 'incremental' : 'auto';
          const r = await call(app, 'stock.sync.now', { strategy, wait: true });
          const run = r.run;
          if (run && run.status !== 'ok') {
            const e = run.errors[0];
            throw new AppError(run.status === 'cancelled' ? 'CANCELLED' : e?.code === 'AUTH' ? 'AUTH' : 'TRANSIENT', e?.message ?? '同步失败', e?.messageEn ?? 'Sync failed');
          }
          return run;
        },
        (run) =>
          run
            ? [
                `库存同步 Stock sync #${run.id}: ${STATUS_ZH[run.status]}`,
                `方式 Strategy: ${run.strategy === 'full' ? '全量 full' : '增量 incremental'} — ${run.reason}`,
                `页数 Pages: ${run.pages}  读取 Read: ${run.rowsRead}  写入 Written: ${run.rowsWritten}  变化 Changed: ${run.rowsChanged}`,
                `跳过（分类已关闭）Skipped (category off): ${run.rowsSkippedCategory}  过期 Stale: ${run.rowsStale}`,
                ...run.errors.map((e) => `  ! ${e.message}`),
              ].join('\n')
            : '',
      );
    });

  stock
    .command('import <file>')
    .description('导入库存文件（CSV/XLSX），先报告，加 --yes 才写入 / import a stock file: report first, --yes writes')
    .option('--yes', '确认写入被接受的行 / confirm: write the accepted rows')
    .action(async (file: string, o: { yes?: boolean }, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      await runCommand(
        opts,
        async (app) => {
          let content: Buffer;
          try {
            content = readFileSync(file);
          } catch {
            throw new AppError('FILE_INVALID', `无法打开文件 ${file}。请检查路径。`, `Cannot open the file ${file}. Check the path.`);
          }
          return call(app, 'stock.import', { fileName: basename(file), contentBase64: content.toString('base64'), confirm: !!o.yes });
        },
        (r) =>
          [
            `可导入 Accepted: ${r.accepted}  被拒绝 Rejected: ${r.rejected.length}`,
            ...r.rejected.slice(0, 50).map((x) => `  第 ${x.line} 行 line ${x.line}: ${x.reason}`),
            r.applied ? `已写入 Written (run #${r.runId}), 变化 changed: ${r.rowsChanged}` : '未写入：加 --yes 确认后写入 / Nothing written: add --yes to confirm',
          ].join('\n'),
      );
    });

  const sku = program.command('sku').description('SKU关联 / listing SKU to ERP SKU mapping');

  sku
    .command('resolve')
    .description('按手动关联、完全相同、规则的顺序关联全部线上SKU / resolve every listing SKU: manual, exact, rules')
    .option('--refresh', '先从速卖通重新读取线上商品 / read the listings from AliExpress first')
    .action(async (o: { refresh?: boolean }, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      await runCommand(
        opts,
        async (app) => (o.refresh ? (await call(app, 'sku.listings.refresh', {})).summary : call(app, 'sku.resolve', {})),
        (s) =>
          [
            `线上SKU Listing SKUs: ${s.total}`,
            `手动 Manual: ${s.byMethod.manual}  完全相同 Exact: ${s.byMethod.exact}  规则 Rule: ${s.byMethod.rule}`,
            ...s.byRule.map((r) => `  规则 Rule #${r.ruleId} ${r.label}: ${r.count}`),
            `未关联 Unresolved: ${s.unresolved}  冲突 Conflicting: ${s.conflicting}`,
            ...s.conflictSample.slice(0, 10).map((c) => `  ! ${c.sellerSku}: ${c.reason}`),
            ...s.unresolvedSample.slice(0, 10).map((u) => `  ? ${u.sellerSku}: ${u.reason}`),
          ].join('\n'),
      );
    });

  sku
    .command('rules')
    .description('SKU混淆规则 / SKU obfuscation rules')
    .command('test <skus...>')
    .description("试用一条规则 / try a rule on SKUs: --rule '{\"kind\":\"strip_prefix\",\"text\":\"X-\"}'")
    .requiredOption('--rule <json>', '规则（JSON）/ the rule as JSON')
    .action(async (skus: string[], o: { rule: string }, cmd: Command) => {
      const opts = cmd.optsWithGlobals<GlobalOptions>();
      await runCommand(
        opts,
        async (app) => {
          let spec: SkuRuleSpec;
          try {
            spec = JSON.parse(o.rule) as SkuRuleSpec;
          } catch {
            throw new AppError('BAD_INPUT', `--rule 不是有效的 JSON：${o.rule}`, `--rule is not valid JSON: ${o.rule}`);
          }
          return call(app, 'sku.rules.test', { spec, skus });
        },
        (outcomes) =>
          outcomes.map((x) => `${x.input} → ${x.output ?? '（不适用 no match）'}  [${x.status}]${x.note ? ` ${x.note.zh}` : ''}`).join('\n'),
      );
    });
}
