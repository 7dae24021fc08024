/**
 * Auto bind & unbind (自动绑定&解绑): the one switch, the engine's settings, per listing SKU pins,
 * runs held by a safety gate, the dry run ("what would change now"), the outbox, the dashboard and
 * the audit log. Times are UTC ISO strings.
 */
import { z } from 'zod';
import { channel, empty } from '../channel';
import type { AutoSettings, SkuDecisionView, RunCounts, AutoRunInfo, HeldRunView, ActionRow, AutoStatus, RunOnceReport, DashboardView, AuditRow, DemoToolsView, DemoSkuOption, DemoToolResult, RiskModel, CoverageView, RobotView, RobotKind } from '../types/auto';

export * from '../types/auto';

const page = { page: z.number().int().min(1).max(100_000).default(1), pageSize: z.number().int().min(1).max(500).default(50) };
const iso = z.string().datetime({ offset: true });

export const auditFilter = z
  .object({
    kind: z.string().trim().max(60).optional(),
    actor: z.enum(['auto', 'seller', 'system']).optional(),
    subject: z.string().trim().max(200).optional(),
    from: iso.optional(),
    to: iso.optional(),
    /** Only the engine's own rows (kind 'auto.*') unless false. */
    autoOnly: z.boolean().default(true),
  })
  .strict();

export const autoSettingsPatch = z
  .object({
    rebindThreshold: z.number().int().min(1).max(100_000),
    massUnbindShare: z.number().min(0.01).max(1),
    massUnbindCount: z.number().int().min(1).max(1_000_000),
    predictive: z.boolean(),
    predictiveFloor: z.number().int().min(0).max(100_000),
  })
  .partial()
  .strict();

export const autoChannels = {
  'auto.status': channel(empty).returns<AutoStatus>(),
  'auto.setSwitch': channel(z.object({ on: z.boolean(), note: z.string().max(200).optional() }).strict()).returns<AutoStatus>(),
  'auto.settings.set': channel(autoSettingsPatch).returns<AutoSettings>(),
  /** Sync (when a source is connected and asked), decide and send: `cli auto run --once`. */
  'auto.run': channel(z.object({ sync: z.boolean().default(true), send: z.boolean().default(true) }).strict()).returns<RunOnceReport>(),
  /** What would change now, with reasons per listing SKU; nothing is written. */
  'auto.dryRun': channel(
    z
      .object({
        only: z.enum(['changes', 'blocked', 'all']).default('changes'),
        search: z.string().trim().max(100).optional(),
        ...page,
      })
      .strict(),
  ).returns<{ rows: SkuDecisionView[]; total: number; counts: RunCounts }>(),
  'auto.held.list': channel(empty).returns<HeldRunView[]>(),
  'auto.held.confirm': channel(z.object({ runId: z.number().int().positive(), note: z.string().max(200).optional() }).strict()).returns<AutoRunInfo>(),
  'auto.held.reject': channel(z.object({ runId: z.number().int().positive(), note: z.string().max(200).optional() }).strict()).returns<AutoRunInfo>(),
  'auto.runs.list': channel(z.object({ ...page }).strict()).returns<{ rows: AutoRunInfo[]; total: number }>(),
  'auto.pin.set': channel(
    z
      .object({
        listingSkuIds: z.array(z.number().int().positive()).min(1).max(100_000),
        mode: z.enum(['auto', 'always_bound', 'always_unbound']),
        note: z.string().max(200).optional(),
      })
      .strict(),
  ).returns<{ updated: number }>(),
  'auto.actions.list': channel(
    z.object({ state: z.enum(['held', 'queued', 'sent', 'review', 'done', 'refused', 'failed', 'cancelled']).optional(), ...page }).strict(),
  ).returns<{ rows: ActionRow[]; total: number }>(),
  /** A failed or refused action sent again at the seller's request. */
  'auto.action.retry': channel(z.object({ actionId: z.number().int().positive() }).strict()).returns<ActionRow>(),
  /** The same, at a later time the seller picks (after the campaign that caused a refusal). */
  'auto.action.retryAt': channel(z.object({ actionId: z.number().int().positive(), at: iso }).strict()).returns<ActionRow>(),
  /** The oversell-risk model (the dashboard carries it too). */
  'auto.risk': channel(empty).returns<RiskModel>(),
  /** Group robots (企业微信, 钉钉, 飞书): what is set, set one (address and secret go to the secret store), send a test. */
  'auto.robots.list': channel(empty).returns<RobotView[]>(),
  'auto.robots.set': channel(
    z
      .object({
        kind: z.enum(['wecom', 'dingtalk', 'feishu']),
        enabled: z.boolean(),
        url: z.union([z.literal(''), z.string().trim().url().max(500).refine((u) => /^https?:\/\//.test(u), '只支持 http(s) 地址 / http(s) only')]).optional(),
        secret: z.string().trim().max(200).optional(),
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
  'auto.demo.skus': channel(z.object({ search: z.string().trim().max(100).optional(), limit: z.number().int().min(1).max(100).default(20) }).strict()).returns<DemoSkuOption[]>(),
  'auto.demo.sellOut': channel(z.object({ listingSkuId: z.number().int().positive() }).strict()).returns<DemoToolResult>(),
  'auto.demo.drain': channel(z.object({ erpWarehouseId: z.string().trim().min(1).max(64) }).strict()).returns<DemoToolResult>(),
  'auto.demo.restock': channel(
    z
      .object({
        listingSkuId: z.number().int().positive().optional(),
        erpWarehouseId: z.string().trim().min(1).max(64).optional(),
        quantity: z.number().int().min(1).max(100_000).default(50),
      })
      .strict()
      .refine((v) => (v.listingSkuId === undefined) !== (v.erpWarehouseId === undefined), {
        message: '请选择补货的线上SKU或仓库，二选一 / give either listingSkuId or erpWarehouseId',
      }),
  ).returns<DemoToolResult>(),
  'auto.demo.reviewMode': channel(z.object({ mode: z.enum(['instant', 'review', 'refuse']) }).strict()).returns<DemoToolsView>(),
};
