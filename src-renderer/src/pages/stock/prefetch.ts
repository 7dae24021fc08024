import { prefetch as startCall } from '../../channelPrefetch';
import { firstListingPageOfSavedStep, savedStep } from './wizardStep';

/**
 * What the wizard's first render shows, asked for while its code loads: its own reads (the steps'
 * state, the stock source) and, on the SKU mapping or linking step, the table's first page and the
 * step's other reads. The area is shown once they are in (shellLoader.ts), so the step renders once
 * with its rows, rules and counts instead of once empty and again as each answer comes.
 */
export function prefetch(): Promise<unknown> {
  const step = savedStep();
  const page = firstListingPageOfSavedStep();
  // The host answers one call after another, in the order they come: the table's page first.
  const calls = [...(page ? [startCall('sku.listings.page', page)] : []), startCall('stock.overview', {}), startCall('connect.status', {})];
  // MappingStep's and LinkingStep's own reads, with the inputs those screens give.
  if (step === 3) calls.push(startCall('sku.rules.list', {}), startCall('stock.sync.status', {}));
  if (step === 4) calls.push(startCall('stock.warehouses.list', {}), startCall('stock.linkBatches.list', { limit: 20 }));
  return Promise.all(calls);
}
