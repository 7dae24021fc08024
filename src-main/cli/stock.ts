/**
 * `cli stock sync --once`, `cli stock import FILE [--yes] [--map sku=货号,...] [--sheet NAME]`, `cli sku resolve`, `cli sku rules test`:
 * the stock setup from a terminal, through the same contract channels as the wizard.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../src-shared/errors';
import { REFUSED_LINES_SHOWN, refusedLineIssues } from '../../src-shared/refusedLines';
import type { SkuRuleSpec } from '../../src-shared/types/stock';
import type { StockFileMapping, StockFileReport } from '../../src-shared/types/stockFile';
import { appAction, call } from './run';

const STATUS_ZH: Record<string, string> = {
  ok: '成功 ok',
  failed: '失败 failed',
  cancelled: '已取消 cancelled',
  running: '进行中 running',
};

export function registerStock(program: Command): void {
  const stock = program.command('stock').description('库存同步与导入 / stock sync and import');

  stock
    .command('sync')
    .description('读取一次库存（自动选择全量或增量）/ read stock once (full or incremental, chosen automatically)')
    .option('--once', '只同步一次后退出（命令行总是如此）/ sync once and exit (always so on the command line)')
    .option('--full', '强制全量读取 / force a full read')
    .option('--incremental', '强制只读变化 / force an incremental read')
    .action(
      appAction(
        async (app, o: { full?: boolean; incremental?: boolean }) => {
          const strategy = o.full ? 'full' : o.incremental ? 'incremental' : 'auto';
          const r = await call(app, 'stock.sync.now', { strategy, wait: true, oneShot: true });
          const run = r.run;
          if (run && run.status !== 'ok') {
            const e = run.errors[0];
            throw new AppError(
              run.status === 'cancelled' ? 'CANCELLED' : e?.code === 'AUTH' ? 'AUTH' : 'TRANSIENT',
              e?.message ?? '同步失败',
              e?.messageEn ?? 'Sync failed',
            );
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
      ),
    );

  stock
    .command('import <file>')
    .description('导入库存文件（CSV/XLSX），先报告，加 --yes 才写入 / import a stock file: report first, --yes writes')
    .option('--yes', '确认写入被接受的行 / confirm: write the accepted rows')
    .option(
      '--map <pairs>',
      '列对应：项=列名或列号(从1数)，逗号分隔，项为 sku,warehouse,available,safety,category,productName,status / columns, e.g. --map sku=货号,available=可用数量,warehouse=3',
    )
    .option('--sheet <name>', 'Excel 工作表名称或序号(从1数) / XLSX sheet by name or position (from 1)')
    .option(
      '--warehouse <name>',
      '文件没有仓库列时，全部行属于这个仓库 / the warehouse of every line when the file has no warehouse column',
    )
    .action(
      appAction(
        async (app, file: string, o: { yes?: boolean; map?: string; sheet?: string; warehouse?: string }) => {
          let content: Buffer;
          try {
            content = readFileSync(file);
          } catch {
            throw new AppError('FILE_INVALID', `无法打开文件 ${file}。请检查路径。`, `Cannot open the file ${file}. Check the path.`);
          }
          const mapping = o.map === undefined ? undefined : parseMap(o.map);
          const sheet = o.sheet === undefined ? undefined : /^\d+$/.test(o.sheet.trim()) ? Number(o.sheet.trim()) : o.sheet;
          const r = await call(app, 'stock.import', {
            fileName: basename(file),
            contentBase64: content.toString('base64'),
            confirm: !!o.yes,
            mapping,
            sheet,
            defaultWarehouse: o.warehouse,
          });
          // Nothing usable is a failure the seller must see (exit 1), never "0 accepted, 0 rejected".
          // When every line was refused, the lines and why come with it (text and --json alike).
          if (r.problem)
            throw new AppError('FILE_INVALID', `${r.problem.zh}${hint(r)}`, `${r.problem.en}${hintEn(r)}`, refusedLineIssues(r.rejected));
          return r;
        },
        (r) =>
          [
            `文件 File: ${r.fileName} (${r.format === 'xlsx' ? `XLSX${r.sheet ? `，工作表 sheet “${r.sheet}”` : ''}` : `CSV ${r.encoding}`})，表头在第 ${r.headerLine} 行 header on line ${r.headerLine}`,
            `可导入 Accepted: ${r.accepted}  被拒绝 Rejected: ${r.rejectedTotal}` +
              (r.normalised ? `  已规范化 Normalised: ${r.normalised}` : ''),
            ...r.warehouses.map((w) => `  仓库 Warehouse ${w.name}: ${w.skus} SKU`),
            ...r.rejected.slice(0, 50).map((x) => `  第 ${x.line} 行 line ${x.line}: ${x.reason.zh}`),
            ...(r.rejectedTotal > 50
              ? [`  ……另有 ${r.rejectedTotal - 50} 行 and ${r.rejectedTotal - 50} more (--json 查看全部 shows up to 1000)`]
              : []),
            r.applied
              ? `已写入 Written (run #${r.runId}), 变化 changed: ${r.rowsChanged}`
              : '未写入：加 --yes 确认后写入 / Nothing written: add --yes to confirm',
          ].join('\n'),
      ),
    );

  const sku = program.command('sku').description('SKU关联 / listing SKU to ERP SKU mapping');

  sku
    .command('resolve')
    .description('按手动关联、一致、规则的顺序关联全部线上SKU / resolve every listing SKU: manual, exact, rules')
    .option('--refresh', '先从速卖通重新读取线上商品 / read the listings from AliExpress first')
    .action(
      appAction(
        async (app, o: { refresh?: boolean }) =>
          o.refresh ? (await call(app, 'sku.listings.refresh', {})).summary : call(app, 'sku.resolve', {}),
        (s) =>
          [
            `线上SKU Listing SKUs: ${s.total}`,
            `手动 Manual: ${s.byMethod.manual}  一致 Exact: ${s.byMethod.exact}  规则 Rule: ${s.byMethod.rule}`,
            ...s.byRule.map((r) => `  规则 Rule #${r.ruleId} ${r.label}: ${r.count}`),
            `未关联 Unresolved: ${s.unresolved}  冲突 Conflicting: ${s.conflicting}`,
            ...s.conflictSample.slice(0, 10).map((c) => `  ! ${c.sellerSku}: ${c.reason}`),
            ...s.unresolvedSample.slice(0, 10).map((u) => `  ? ${u.sellerSku}: ${u.reason}`),
          ].join('\n'),
      ),
    );

  sku
    .command('rules')
    .description('SKU混淆规则 / SKU obfuscation rules')
    .command('test <skus...>')
    .description('试用一条规则 / try a rule on SKUs: --rule \'{"kind":"strip_prefix","text":"X-"}\'')
    .requiredOption('--rule <json>', '规则（JSON）/ the rule as JSON')
    .action(
      appAction(
        async (app, skus: string[], o: { rule: string }) => {
          let spec: SkuRuleSpec;
          try {
            spec = JSON.parse(o.rule) as SkuRuleSpec;
          } catch {
            throw new AppError('BAD_INPUT', `--rule 不是有效的 JSON：${o.rule}`, `--rule is not valid JSON: ${o.rule}`);
          }
          return call(app, 'sku.rules.test', { spec, skus });
        },
        (outcomes) =>
          outcomes
            .map((x) => `${x.input} → ${x.output ?? '（不适用 no match）'}  [${x.status}]${x.note ? ` ${x.note.zh}` : ''}`)
            .join('\n'),
      ),
    );
}

const MAP_FIELDS = ['sku', 'warehouse', 'available', 'safety', 'category', 'productName', 'status'] as const;

/** "sku=货号,available=3": a header text, or a column number counted from 1 as the seller counts them. */
export function parseMap(text: string): StockFileMapping {
  const out: StockFileMapping = {};
  for (const pair of text
    .split(/[,，]/)
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = pair.search(/[=＝]/);
    const field = (eq < 0 ? pair : pair.slice(0, eq)).trim();
    const column = eq < 0 ? '' : pair.slice(eq + 1).trim();
    const known = MAP_FIELDS.find((f) => f.toLowerCase() === field.toLowerCase());
    if (!known || !column) {
      throw new AppError(
        'BAD_INPUT',
        `--map 里的“${pair}”看不懂。请写成 项=列名，例如 --map sku=货号,available=可用数量；项可以是 ${MAP_FIELDS.join('、')}。`,
        `"${pair}" in --map is not understood. Write field=column, e.g. --map sku=货号,available=可用数量; fields are ${MAP_FIELDS.join(', ')}.`,
      );
    }
    out[known] = /^\d+$/.test(column) && Number(column) >= 1 ? Number(column) - 1 : column;
  }
  return out;
}

function hint(r: StockFileReport): string {
  const parts: string[] = [];
  if (r.rejectedTotal > 0) parts.push(`下面是${r.rejectedTotal > REFUSED_LINES_SHOWN ? `前 ${REFUSED_LINES_SHOWN} 行` : '每一行'}的原因`);
  if (r.needsMapping && r.headers.length)
    parts.push('用 --map 指定列，例如 --map sku=货号,available=可用数量,warehouse=仓库（没有仓库列时用 --warehouse 仓库名）');
  if (r.sheets.length > 1) parts.push(`这个文件的工作表有：${r.sheets.map((x) => `“${x}”`).join('、')}，可用 --sheet 选择`);
  return parts.length ? `\n${parts.join('；')}。` : '';
}

function hintEn(r: StockFileReport): string {
  const parts: string[] = [];
  if (r.rejectedTotal > 0)
    parts.push(`the reasons for ${r.rejectedTotal > REFUSED_LINES_SHOWN ? `the first ${REFUSED_LINES_SHOWN} lines` : 'each line'} follow`);
  if (r.needsMapping && r.headers.length)
    parts.push(
      'name the columns with --map, e.g. --map sku=货号,available=可用数量,warehouse=仓库 (or --warehouse NAME when there is no warehouse column)',
    );
  if (r.sheets.length > 1) parts.push(`the sheets are ${r.sheets.map((x) => `"${x}"`).join(', ')}; choose one with --sheet`);
  return parts.length ? `\n${parts.join('; ')}.` : '';
}
