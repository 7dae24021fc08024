/**
 * What the switch protects: each listing SKU in exactly one bucket, checked in the decision table's
 * order, so "protected" means the engine will unbind it at 0 and bind it again when stock is back.
 * The wizard's last step shows this before the seller turns the switch on.
 */
import type { Db } from '../db/open';
import type { CoverageBucket, CoverageView } from '../../../src-shared/types/auto';
import { forEachInput, type SkuInputs } from './inputs';
import { readAutoSettings } from './settings';

const EXAMPLES = 5;

export function coverageBucket(x: SkuInputs): CoverageBucket {
  if (x.pin !== 'auto') return 'pinned';
  if (!x.erpSku) return 'unmapped';
  if (x.categoryEnabled === false) return 'category_off';
  if (x.warehouses.length === 0) return 'unlinked';
  if (x.warehouses.some((w) => !w.paired || !w.nameMatches || !w.active)) return 'warehouse';
  if (!x.scItemId) return 'no_goods_id';
  return 'protected';
}

export function coverage(db: Db): CoverageView {
  const counts: Record<CoverageBucket, number> = {
    protected: 0,
    pinned: 0,
    unmapped: 0,
    category_off: 0,
    unlinked: 0,
    warehouse: 0,
    no_goods_id: 0,
  };
  const examples: Record<CoverageBucket, string[]> = {
    protected: [],
    pinned: [],
    unmapped: [],
    category_off: [],
    unlinked: [],
    warehouse: [],
    no_goods_id: [],
  };
  let total = 0;
  forEachInput(db, (x) => {
    total++;
    const b = coverageBucket(x);
    counts[b]++;
    if (examples[b].length < EXAMPLES) examples[b].push(x.sellerSku);
  });
  return { total, counts, examples, switchOn: readAutoSettings(db).enabled };
}
