/**
 * Audit rows in the seller's words: the kind as a label, and the figures behind it (what, why,
 * sellable stock, each warehouse) in one line in the UI language. Unknown kinds fall back to their
 * raw fields, so nothing written by a newer version is hidden.
 */
import type { TFunction } from 'i18next';
import { REASON_TEXT, type DecisionReason } from '../../../../src-shared/types/auto';

export const AUDIT_KINDS = [
  'auto.decision',
  'auto.action.done',
  'auto.action.review',
  'auto.action.refused',
  'auto.action.failed',
  'auto.action.cancelled',
  'auto.action.retry',
  'auto.action.retrying',
  'auto.action.reread',
  'auto.run.held',
  'auto.run.confirmed',
  'auto.run.rejected',
  'auto.switch',
  'auto.settings',
  'auto.pin',
  'auto.demo.sellOut',
  'auto.demo.drain',
  'auto.demo.restock',
  'auto.demo.reviewMode',
] as const;

type Detail = Record<string, unknown>;
type Figure = { storeWarehouse: string; available: number | null; safety: number | null; stale: boolean };

/** A done action says what took effect (已绑定 / 已解绑), never just 完成. */
export function auditKindLabel(t: TFunction, kind: string, d?: Detail): string {
  if (kind === 'auto.action.done' && (d?.kind === 'bind' || d?.kind === 'unbind'))
    return t(d.kind === 'bind' ? 'kinds.auto.action.doneBind' : 'kinds.auto.action.doneUnbind');
  return (AUDIT_KINDS as readonly string[]).includes(kind) ? t(`kinds.${kind}`) : kind;
}

function reason(code: unknown, en: boolean): string | null {
  const r = REASON_TEXT[code as DecisionReason];
  return r ? r[en ? 'en' : 'zh'] : null;
}

function figures(t: TFunction, d: Detail): string[] {
  if (!Array.isArray(d.figures)) return [];
  return (d.figures as Figure[]).map(
    (f) =>
      t('detail.wh', { name: f.storeWarehouse, available: f.available ?? '?', safety: f.safety ?? '—' }) +
      (f.stale ? t('detail.stale') : ''),
  );
}

function actionKind(t: TFunction, k: unknown): string | null {
  return k === 'bind' || k === 'unbind' ? t(`dry.${k}`) : null;
}

export function auditDetail(t: TFunction, en: boolean, kind: string, d: Detail): string {
  const parts: (string | null | undefined)[] = [];
  const text = (v: unknown) => (typeof v === 'string' && v ? v : null);
  if (kind === 'auto.decision' || kind === 'auto.action.cancelled') {
    parts.push(actionKind(t, d.want ?? d.kind), reason(d.reason, en));
    if (typeof d.sellable === 'number') parts.push(t('detail.sellable', { n: d.sellable }));
    parts.push(...figures(t, d));
  } else if (kind.startsWith('auto.action.')) {
    parts.push(actionKind(t, d.kind), text(d.message), text(d.error));
  } else if (kind === 'auto.run.held') {
    parts.push(
      t('detail.held', {
        n: d.unbinds,
        share: Math.round(Number(d.share ?? 0) * 100),
        limit: Math.round(Number(d.limitShare ?? 0) * 100),
        count: d.limitCount,
      }),
    );
  } else if (kind === 'auto.run.confirmed' || kind === 'auto.run.rejected') {
    parts.push(t('detail.actions', { n: d.actions ?? 0 }), text(d.note));
  } else if (kind === 'auto.switch') {
    parts.push(t(d.on ? 'detail.on' : 'detail.off'), text(d.note));
  } else if (kind === 'auto.settings') {
    if (d.rebindThreshold !== undefined) parts.push(t('detail.threshold', { v: d.rebindThreshold }));
    if (d.massUnbindShare !== undefined) parts.push(t('detail.share', { v: Math.round(Number(d.massUnbindShare) * 100) }));
    if (d.massUnbindCount !== undefined) parts.push(t('detail.count', { v: d.massUnbindCount }));
    if (d.enabled !== undefined) parts.push(t(d.enabled ? 'detail.on' : 'detail.off'));
  } else if (kind === 'auto.pin') {
    const mode = { auto: 'settings.pinAuto', always_bound: 'settings.pinBound', always_unbound: 'settings.pinUnbound' }[String(d.mode)];
    parts.push(mode ? t(mode) : String(d.mode), text(d.note));
  } else if (kind.startsWith('auto.demo.')) {
    if (typeof d.changed === 'number') parts.push(t('detail.changed', { n: d.changed }));
    if (d.mode) parts.push(t(`demo.review${String(d.mode).charAt(0).toUpperCase()}${String(d.mode).slice(1)}`));
  } else {
    for (const [k, v] of Object.entries(d)) if (v !== null && v !== undefined && typeof v !== 'object') parts.push(`${k}: ${String(v)}`);
  }
  return parts.filter(Boolean).join(' · ');
}
