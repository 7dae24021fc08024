/**
 * `cli auto on|off|status`, `cli auto run --once`, `cli auto held`, `cli auto confirm RUN_ID`,
 * `cli auto reject RUN_ID`: the auto bind & unbind engine from a terminal, through the contract.
 */
import type { Command } from 'commander';
import {
  actionStateText,
  type ActionState,
  type AutoStatus,
  type AutoRunInfo,
  type DrainReport,
  type RunOnceReport,
  type HeldRunView,
} from '../../src-shared/channels/auto';
import { AppError } from '../../src-shared/errors';
import { appAction, call } from './run';

function statusText(s: AutoStatus): string {
  return [
    `自动绑定/解绑 Auto bind & unbind: ${s.settings.enabled ? '开 ON' : '关 OFF（只显示“将会执行”/ would-do only）'}`,
    `重新绑定门槛 Rebind threshold: ${s.settings.rebindThreshold}  批量解绑上限 Mass-unbind limit: ${(s.settings.massUnbindShare * 100).toFixed(0)}% / ${s.settings.massUnbindCount}`,
    `已绑定 Bound ${s.counts.bound}  未绑定 Unbound ${s.counts.unbound}  审核中 Review ${s.counts.review}  被拒 Refused ${s.counts.refused}  待确认 Held ${s.counts.held}  固定 Pinned ${s.counts.pinned}`,
    `发送队列 Outbox: ${Object.entries(s.outbox)
      .map(([k, v]) => `${k} ${v}`)
      .join('  ')}`,
    `超卖风险 Oversell risk: ${s.oversellRisk}`,
    `上次同步 Last sync: ${s.lastSync ? `#${s.lastSync.id} ${s.lastSync.status} ${s.lastSync.startedAt}` : '无 none'}  下次 Next: ${s.nextSyncAt ?? '-'}`,
  ].join('\n');
}

function runText(r: AutoRunInfo | null): string {
  if (!r) return '本次没有做决定（库存读取失败）/ no decisions (the stock read failed)';
  const c = r.counts;
  return `决定 Run #${r.id} ${r.status}${r.switchOn ? '' : '（开关关闭：只是“将会执行” / switch off: would-do only）'}: 检查 ${c.considered}, 绑定 bind ${c.bind}, 解绑 unbind ${c.unbind}, 待确认 held ${c.heldUnbind}, 将绑定 would-bind ${c.wouldBind}, 将解绑 would-unbind ${c.wouldUnbind}, 取消 cancelled ${c.cancelled}, 不变 unchanged ${c.unchanged}`;
}

function parseRunId(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0)
    throw new AppError(
      'BAD_INPUT',
      `运行编号不正确：${v}。请用 “auto held” 查看编号。`,
      `Not a run id: ${v}. See the ids with "auto held".`,
    );
  return n;
}

export function registerAuto(program: Command): void {
  const auto = program.command('auto').description('自动绑定/解绑 / auto bind & unbind');

  for (const [name, on] of [
    ['on', true],
    ['off', false],
  ] as const) {
    auto
      .command(name)
      .description(
        on ? '打开自动绑定/解绑 / turn automation on' : '关闭自动绑定/解绑（仍显示“将会执行”）/ turn automation off (would-do still shown)',
      )
      .option('--note <text>', '备注 / a note for the audit log')
      .action(appAction((app, o: { note?: string }) => call(app, 'auto.setSwitch', { on, note: o.note }), statusText));
  }

  auto
    .command('status')
    .description('开关、计数、发送队列、超卖风险 / switch, counts, outbox, oversell risk')
    .action(appAction((app) => call(app, 'auto.status', {}), statusText));

  auto
    .command('run')
    .description('同步库存、做决定、发送一次 / sync, decide and send once')
    .option('--once', '只运行一次后退出（命令行总是如此）/ run once and exit (always so on the command line)')
    .option('--no-sync', '不读取库存，只按已存库存决定 / decide on stored stock without reading')
    .option('--no-send', '只决定不发送 / decide without sending')
    .action(
      appAction(
        (app, o: { sync: boolean; send: boolean }) => call(app, 'auto.run', { sync: o.sync, send: o.send }),
        (r: RunOnceReport) =>
          [
            r.stockRun
              ? `库存同步 Stock sync #${r.stockRun.id}: ${r.stockRun.status} (${r.stockRun.strategy})${r.stockRun.errors.map((e) => `\n  ! ${e.message}`).join('')}`
              : '库存同步 Stock sync: 未运行 not run',
            runText(r.run),
            r.send.skipped ? `发送 Send: 跳过 skipped (${r.send.skipped})` : sendText(r.send),
            outboxText(r.outbox),
          ].join('\n'),
      ),
    );

  auto
    .command('held')
    .description('等待确认的批量解绑 / runs held by the mass-unbind gate')
    .action(
      appAction(
        (app) => call(app, 'auto.held.list', {}),
        (runs: HeldRunView[]) =>
          runs.length
            ? runs
                .map(
                  (r) =>
                    `#${r.id} ${r.at}: 解绑 ${r.gate?.unbinds ?? r.skus.length} 个（已绑定 ${r.gate?.bound ?? '?'} 个的 ${((r.gate?.share ?? 0) * 100).toFixed(0)}%）\n` +
                    r.skus
                      .slice(0, 20)
                      .map((s) => `   ${s.sellerSku} (${s.productId}/${s.skuId}) 可售 ${s.sellable ?? '?'}`)
                      .join('\n'),
                )
                .join('\n')
            : '没有等待确认的运行 / no held runs',
      ),
    );

  for (const [name, channel] of [
    ['confirm', 'auto.held.confirm'],
    ['reject', 'auto.held.reject'],
  ] as const) {
    auto
      .command(`${name} <runId>`)
      .description(name === 'confirm' ? '确认并放行批量解绑 / confirm a held run' : '拒绝批量解绑 / reject a held run')
      .option('--note <text>', '备注 / a note for the audit log')
      .action(
        appAction((app, runId: string, o: { note?: string }) => call(app, channel, { runId: parseRunId(runId), note: o.note }), runText),
      );
  }
}

/**
 * What one send did, in the seller's words (the same as every screen): 已提交 / 已解绑 / 已绑定 /
 * 审核中 / 被拒绝 / 失败. Never 完成: a submitted unbind is not done until the platform applies it.
 */
export function sendText(s: DrainReport): string {
  return (
    `发送 Send: 处理 processed ${s.processed}, 已提交 submitted ${s.sent}, 已解绑 unbound ${s.unbound}, 已绑定 bound ${s.bound}, ` +
    `审核中 in review ${s.review}, 被拒绝 refused ${s.refused}, 失败 failed ${s.failed}, 已取消 cancelled ${s.cancelled}, 稍后 deferred ${s.deferred}`
  );
}

/** The outbox per state; done holds both kinds, so it reads 已生效（已解绑/已绑定）. */
export function outboxText(o: Record<ActionState, number>): string {
  const word = (k: ActionState) =>
    k === 'done'
      ? '已生效（已解绑/已绑定） took effect'
      : `${actionStateText('unbind', k).zh} ${actionStateText('unbind', k).en.toLowerCase()}`;
  return `发送队列 Outbox: ${(Object.entries(o) as [ActionState, number][]).map(([k, v]) => `${word(k)} ${v}`).join('  ')}`;
}
