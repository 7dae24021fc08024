/** One planned SKU as the dry-run tab shows it: the decision, its reason in words, the open action and any early unbind. */
import type { SkuDecisionView } from '../../../src-shared/channels/auto';
import type { PlannedSku } from './engine';
import { reasonText } from './reasons';
import { predictionText } from './predict';
import { withCounting } from './sellable';

export function toView(s: PlannedSku): SkuDecisionView {
  const t = reasonText(s.decision.reason);
  const open = s.open.find((a) => !s.cancel.includes(a)) ?? null;
  return {
    listingSkuId: s.input.listingSkuId,
    productId: s.input.productId,
    skuId: s.input.skuId,
    sellerSku: s.input.sellerSku,
    erpSku: s.input.erpSku,
    bindStatus: s.input.bindStatus,
    pin: s.input.pin,
    sellable: s.decision.sellable,
    want: s.add ?? 'none',
    reason: s.add === null && s.decision.want !== 'none' ? 'in_progress' : s.decision.reason,
    reasonText: withCounting(s.add === null && s.decision.want !== 'none' ? reasonText('in_progress') : t, s.input.figures),
    figures: s.input.figures,
    openAction: open ? { id: open.id, kind: open.kind, state: open.state } : null,
    prediction: predictionView(s),
  };
}

/** The early-unbind reasoning for a SKU whose known stock is within its prediction's trigger. */
function predictionView(s: PlannedSku): SkuDecisionView['prediction'] {
  const p = s.prediction;
  const sellable = s.decision.sellable;
  if (!p || sellable === null || sellable <= 0 || sellable > p.trigger) return null;
  return {
    ...predictionText(p, sellable),
    active: s.decision.reason === 'predicted_sellout' || s.decision.want === 'unbind',
    trigger: p.trigger,
  };
}
