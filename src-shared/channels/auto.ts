/**
 * Auto bind & unbind (自动绑定&解绑): the one switch, the engine's settings, per listing SKU pins,
 * runs held by a safety gate, the dry run ("what would change now"), the outbox, the dashboard and
 * the audit log. Times are UTC ISO strings.
 */
import { z } from 'zod';
import { channel, empty, label, says } from '../channel';
import { ACTION_STATES } from '../actionStates';
import type {
  AutoSettings,
  SkuDecisionView,
  RunCounts,
  AutoRunInfo,
  HeldRunView,
  ActionRow,
  AutoStatus,
  RunOnceReport,
  DashboardView,
  AuditRow,
  DemoToolsView,
  DemoSkuOption,
  DemoToolResult,
  RiskModel,
  CoverageView,
  RobotView,
  RobotKind,
} from '../types/auto';

export * from '../types/auto';

const page = {
  page: z.number().int().min(1).max(100_000).meta(label('页码', 'Page')).default(1),
  pageSize: z.number().int().min(1).max(500).meta(label('每页条数', 'Rows per page')).default(50),
};
const iso = z.string().datetime({ offset: true });
const note = z.string().max(200).meta(label('备注', 'Note'));
const runId = z.number().int().positive().meta(label('批量解绑运行', 'Mass unbind run'));
const actionId = z.number().int().positive().meta(label('操作记录', 'Action'));

export const auditFilter = z
  .object({
    kind: z.string().trim().max(60).meta(label('事件类型', 'Event type')).optional(),
    actor: z.enum(['auto', 'seller', 'system']).meta(label('操作人', 'Done by')).optional(),
    subject: z.string().trim().max(200).meta(label('对象', 'Subject')).optional(),
    from: iso.meta(label('开始时间', 'From')).optional(),
    to: iso.meta(label('结束时间', 'To')).optional(),
    /** Only the engine's own rows (kind 'auto.*') unless false. */
    autoOnly: z.boolean().meta(label('只看自动操作', 'Automatic actions only')).default(true),
  })
  .strict();

export const autoSettingsPatch = z
  .object({
    rebindThreshold: z.number().int().min(1).max(100_000).meta(label('重新绑定门槛', 'Rebind threshold')),
    massUnbindShare: z.number().min(0.01).max(1).meta(label('批量解绑暂停比例', 'Mass unbind hold share')),
    massUnbindCount: z.number().int().min(1).max(1_000_000).meta(label('批量解绑暂停数量', 'Mass unbind hold count')),
    predictive: z.boolean().meta(label('提前解绑', 'Unbind early')),
    predictiveFloor: z.number().int().min(0).max(100_000).meta(label('提前解绑的最低库存', 'Early unbind floor')),
  })
  .partial()
  .strict();

export const autoChannels = {
  'auto.status': channel(empty).returns<AutoStatus>(),
  'auto.setSwitch': channel(
    z.object({ on: z.boolean().meta(label('自动绑定/解绑开关', 'Auto bind/unbind switch')), note: note.optional() }).strict(),
  ).returns<AutoStatus>(),
  'auto.settings.set': channel(autoSettingsPatch).returns<AutoSettings>(),
  /** Sync (when a source is connected and asked), decide and send: `cli auto run --once`. */
  'auto.run': channel(
    z
      .object({
        sync: z.boolean().meta(label('先同步库存', 'Sync stock first')).default(true),
        send: z.boolean().meta(label('发送绑定/解绑', 'Send binds and unbinds')).default(true),
      })
      .strict(),
  ).returns<RunOnceReport>(),
  /** What would change now, with reasons per listing SKU; nothing is written. */
  'auto.dryRun': channel(
    z
      .object({
        only: z.enum(['changes', 'blocked', 'all']).meta(label('显示范围', 'Show')).default('changes'),
        search: z.string().trim().max(100).meta(label('搜索', 'Search')).optional(),
        ...page,
      })
      .strict(),
  ).returns<{ rows: SkuDecisionView[]; total: number; counts: RunCounts }>(),
  'auto.held.list': channel(empty).returns<HeldRunView[]>(),
  'auto.held.confirm': channel(z.object({ runId, note: note.optional() }).strict()).returns<AutoRunInfo>(),
  'auto.held.reject': channel(z.object({ runId, note: note.optional() }).strict()).returns<AutoRunInfo>(),
  'auto.runs.list': channel(z.object({ ...page }).strict()).returns<{ rows: AutoRunInfo[]; total: number }>(),
  'auto.pin.set': channel(
    z
      .object({
        listingSkuIds: z.array(z.number().int().positive()).min(1).max(100_000).meta(label('线上SKU', 'Listing SKUs')),
        mode: z.enum(['auto', 'always_bound', 'always_unbound']).meta(label('固定方式', 'Pin')),
        note: note.optional(),
      })
      .strict(),
  ).returns<{ updated: number }>(),
  'auto.actions.list': channel(
    z.object({ state: z.enum(ACTION_STATES).meta(label('操作状态', 'Action state')).optional(), ...page }).strict(),
  ).returns<{ rows: ActionRow[]; total: number }>(),
  /** A failed or refused action sent again at the seller's request. */
  'auto.action.retry': channel(z.object({ actionId }).strict()).returns<ActionRow>(),
  /** The same, at a later time the seller picks (after the campaign that caused a refusal). */
  'auto.action.retryAt': channel(z.object({ actionId, at: iso.meta(label('重试时间', 'Retry time')) }).strict()).returns<ActionRow>(),
  /** The oversell-risk model (the dashboard carries it too). */
  'auto.risk': channel(empty).returns<RiskModel>(),
  /** Group robots (企业微信, 钉钉, 飞书): what is set, set one (address and secret go to the secret store), send a test. */
  'auto.robots.list': channel(empty).returns<RobotView[]>(),
  'auto.robots.set': channel(
    z
      .object({
        kind: z.enum(['wecom', 'dingtalk', 'feishu']).meta(label('群机器人', 'Group robot')),
        enabled: z.boolean().meta(label('启用', 'Enabled')),
        url: z
          .union([
            z.literal(''),
            z
              .string()
              .trim()
              .url()
              .max(500)
              .refine(
                (u) => /^https?:\/\//.test(u),
                says('{label}要以 http:// 或 https:// 开头', '{label} must start with http:// or https://'),
              ),
          ])
          .meta(label('Webhook 地址', 'Webhook address'))
          .optional(),
        secret: z.string().trim().max(200).meta(label('加签密钥', 'Signing secret')).optional(),
      })
      .strict(),
  ).returns<RobotView[]>(),
  'auto.robots.test': channel(empty).returns<{ kind: RobotKind; error: string | null }[]>(),
  /** What the switch protects now and what it does not, for the wizard's last step. */
  'auto.coverage': channel(empty).returns<CoverageView>(),
  'auto.dashboard': channel(empty).returns<DashboardView>(),
  'auto.audit.list': channel(auditFilter.extend(page)).returns<{ rows: AuditRow[]; total: number }>(),
  'auto.audit.export': channel(auditFilter).returns<{ fileName: string; contentBase64: string; rows: number }>(),
  /** 演示工具 (demo store only): change the simulated ERP stock or marketplace review; a stock sync then shows it to the engine. */
  'auto.demo.info': channel(empty).returns<DemoToolsView>(),
  'auto.demo.skus': channel(
    z
      .object({
        search: z.string().trim().max(100).meta(label('搜索', 'Search')).optional(),
        limit: z.number().int().min(1).max(100).meta(label('显示条数', 'Results shown')).default(20),
      })
      .strict(),
  ).returns<DemoSkuOption[]>(),
  'auto.demo.sellOut': channel(
    z.object({ listingSkuId: z.number().int().positive().meta(label('线上SKU', 'Listing SKU')) }).strict(),
  ).returns<DemoToolResult>(),
  'auto.demo.drain': channel(
    z.object({ erpWarehouseId: z.string().trim().min(1).max(64).meta(label('ERP仓库', 'ERP warehouse')) }).strict(),
  ).returns<DemoToolResult>(),
  'auto.demo.restock': channel(
    z
      .object({
        listingSkuId: z.number().int().positive().meta(label('线上SKU', 'Listing SKU')).optional(),
        erpWarehouseId: z.string().trim().min(1).max(64).meta(label('ERP仓库', 'ERP warehouse')).optional(),
        quantity: z.number().int().min(1).max(100_000).meta(label('补货数量', 'Restock quantity')).default(50),
      })
      .strict()
      .refine((v) => (v.listingSkuId === undefined) !== (v.erpWarehouseId === undefined), {
        message: says('请选择补货的线上SKU或仓库，二选一', 'Choose either a listing SKU or a warehouse to restock'),
      }),
  ).returns<DemoToolResult>(),
  'auto.demo.reviewMode': channel(
    z.object({ mode: z.enum(['instant', 'review', 'refuse']).meta(label('解绑审核方式', 'Unbind review')) }).strict(),
  ).returns<DemoToolsView>(),
};
