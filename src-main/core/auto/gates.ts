/**
 * Safety gates between the decision table and the outbox. Unknown or stale stock is handled in the
 * table itself (it never unbinds); here is the gate that looks at a whole run: one that would unbind
 * an unusually large part of the catalogue is held for the seller, because that is what a broken
 * feed or a wrong mapping looks like far more often than a real sell-out.
 */
import type { AutoSettings } from '../../../src-shared/channels/auto';

export interface MassUnbindGate {
  unbinds: number;
  bound: number;
  share: number;
  limitShare: number;
  limitCount: number;
}

/**
 * Held when the run unbinds more than the set count, or more than the set share of the bound
 * listing SKUs. A single unbind is never held by the share alone: in a tiny store one SKU is a big
 * share, and holding it would leave that SKU overselling while the seller is away.
 */
export function massUnbindGate(
  s: Pick<AutoSettings, 'massUnbindShare' | 'massUnbindCount'>,
  unbinds: number,
  bound: number,
): MassUnbindGate | null {
  if (unbinds === 0) return null;
  const share = bound > 0 ? unbinds / bound : 1;
  const overCount = unbinds > s.massUnbindCount;
  const overShare = unbinds >= 2 && share > s.massUnbindShare;
  if (!overCount && !overShare) return null;
  return { unbinds, bound, share, limitShare: s.massUnbindShare, limitCount: s.massUnbindCount };
}
