/** One planned SKU as the dry-run tab shows it: the decision, its reason in words, the open action and any early unbind. */
import type { SkuDecisionView } from '../../../src-shared/channels/auto';
import type { PlannedSku } from './engine';
import { reasonText } from './reasons';
import { predictionText } from './predict';
import { withCounting } from './sellable';

/** The open action a held mass unbind keeps for the seller's answer, if the plan keeps it. */
export const heldOf = (s: PlannedSku) => s.open.find((a) => a.state === 'held' && !s.cancel.includes(a)) ?? null;

export function toView(s: PlannedSku): SkuDecisionView {
  const open = s.open.find((a) => !s.cancel.includes(a)) ?? null;
  // Wanted but not added: an action is open already. A held one is not "on its way": it waits for the seller.
  const reason = s.add === null && s.decision.want !== 'none' ? (heldOf(s) ? 'held_for_you' : 'in_progress') : s.decision.reason;
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
    reason,
    reasonText: withCounting(reasonText(reason), s.input.figures),
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
