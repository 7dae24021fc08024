import { prefetch as startCall } from '../../channelPrefetch';
import { firstListingPageOfSavedStep } from './wizardStep';

/**
 * Opened on the SKU mapping or linking step: the table's first page (at 100k listing SKUs its query
 * is the slowest of the screen's data) is asked for while the wizard's code loads and renders.
 */
export function prefetch(): void {
  const page = firstListingPageOfSavedStep();
  if (page) startCall('sku.listings.page', page);
}
