/** The listing SKUs' page call as the mapping and linking steps make it (useListingPage.ts). */
import type { Input } from '../../../../src-shared/contract';

type ListingFilter = NonNullable<Input<'sku.listings.page'>['filter']>;

/** The rows of a step's first page. */
export const FIRST_SIZE = 50;

/** A page of the listing SKUs as the call's input, its properties in the order useChannel keys it by. */
export const pageInput = <F extends ListingFilter>(page: number, pageSize: number, filter: F) => ({ page, pageSize, filter });

/** What a mapping or linking step asks for first: page 1, no filter (asked for ahead: prefetch.ts). */
export const firstListingPage = (): Input<'sku.listings.page'> => pageInput(1, FIRST_SIZE, {});
