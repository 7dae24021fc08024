/** The wizard's open step, kept across visits and reloads (StockWizard.tsx), and what it shows first. */
import type { Input } from '../../../../src-shared/contract';
import { firstListingPage } from './listingPageInput';

export const STEP_KEY = 'stock.wizard.step';

/** The step the wizard opens on: 0 (warehouses) to 5 (the switch). */
export const savedStep = (): number => Number(localStorage.getItem(STEP_KEY) ?? 0) || 0;

/** The SKU mapping and warehouse linking steps open on the listing SKUs' first page. */
const LISTING_STEPS = new Set([3, 4]);

/** The listing page the saved step will show first, if it shows one (asked for ahead: prefetch.ts). */
export function firstListingPageOfSavedStep(): Input<'sku.listings.page'> | undefined {
  return LISTING_STEPS.has(savedStep()) ? firstListingPage() : undefined;
}
