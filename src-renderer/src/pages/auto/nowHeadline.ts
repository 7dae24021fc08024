/**
 * The dashboard headline's choice, pure (tested without a browser): the most urgent state first, what
 * the seller must act on before what only needs watching. Every risk number is the core's risk model
 * (the same as the risk tab's cards and the tray), and whenever the model counts any SKU at risk the
 * headline states its total beside the held/refused/failed/review count, so the headline always
 * equals the cards.
 */
import type { DashboardView } from '../../../../src-shared/types/auto';
import type { Bilingual } from '../../../../src-shared/bilingual';

export type Level = 'success' | 'info' | 'warning' | 'error';

export interface Headline {
  level: Level;
  key: string;
  n?: number;
  setup?: boolean;
  /** The risk model's headline: the whole text (risk, unprotected) or said after the state's own words. */
  text?: Bilingual;
  /** The risk model's total, always. */
  total: number;
  /**
   * Some of the SKUs at risk have no linked stock: the engine never unbinds those, so a next step
   * that says it is unbinding "them" must say so for these.
   */
  unmappedNote?: number;
}

export function headline(d: DashboardView): Headline {
  const s = d.status;
  const c = s.counts;
  const r = d.riskModel;
  const total = r.total;
  const risk = total > 0 ? r.headline : undefined;
  if (!s.lastSync || d.ready === 0) return { level: 'info', key: 'notSetUp', setup: true, total };
  if (c.held > 0) return { level: 'warning', key: 'held', n: c.held, text: risk, total };
  if (!s.settings.enabled) return { level: 'warning', key: 'off', text: risk, total };
  if (r.counts.refused > 0) return { level: 'error', key: 'refused', n: r.counts.refused, text: risk, total };
  if (s.outbox.failed > 0) return { level: 'error', key: 'failed', n: s.outbox.failed, text: risk, total };
  if (total > 0 && total === r.counts.review) return { level: 'info', key: 'review', n: r.counts.review, text: risk, total };
  // Only SKUs whose stock is not linked: nothing is under way, the seller links them (or accepts it).
  if (total > 0 && total === r.counts.unmapped) return { level: 'warning', key: 'unprotected', n: total, text: risk, total };
  // Reviews the platform is deciding, and SKUs without linked stock: neither is the engine idling
  // (nor something a pin would fix), and the unlinked ones need the seller.
  if (total > 0 && unbindsAhead(d) === 0 && r.counts.review > 0 && r.counts.review + r.counts.unmapped === total)
    return { level: 'warning', key: 'reviewUnmapped', n: total, text: risk, total };
  // Nothing on its way: the engine is not unbinding them (the seller rejected the held unbinds, a pin,
  // stock it cannot see), and the headline must not say it is.
  if (total > 0 && unbindsAhead(d) === 0 && total !== r.counts.review)
    return { level: 'warning', key: 'riskIdle', n: total, text: risk, total };
  if (total > 0)
    return {
      level: 'warning',
      key: 'risk',
      n: total,
      text: risk,
      total,
      ...(r.counts.unmapped > 0 && { unmappedNote: r.counts.unmapped }),
    };
  return { level: 'success', key: 'ok', total };
}

/** Keys whose whole headline is the risk model's own sentence. */
const WHOLE = new Set(['risk', 'riskIdle', 'unprotected', 'reviewUnmapped']);

/** The headline in one language: the state's words (`own`), then the model's total when any SKU is at risk. */
export function headlineText(h: Headline, own: string, en: boolean): string {
  if (!h.text) return own;
  const model = h.text[en ? 'en' : 'zh'];
  return WHOLE.has(h.key) ? model : `${own} · ${model}`;
}

/** Unbinds still to go out (queued or on their way): the only work ahead of a new stock-out's unbind. */
export function unbindsAhead(d: DashboardView): number {
  return d.status.unbindsAhead ?? d.status.outbox.queued + d.status.outbox.sent;
}
