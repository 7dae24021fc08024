import { useState } from 'react';
import type { Input } from '../../../../src-shared/contract';
import { usePaging } from '../../components/PagedTable';
import { useChannel } from '../../useChannel';
import { prefetch } from '../../channelPrefetch';
import { FIRST_SIZE, pageInput } from './listingPageInput';

type ListingFilter = NonNullable<Input<'sku.listings.page'>['filter']>;

/**
 * One server page of the listing SKUs under a filter, as the mapping and linking steps show them:
 * 50 rows at first, the seller may pick up to 500, and a new filter starts again at page 1 (and
 * calls `onRefilter`).
 */
export function useListingPage<F extends ListingFilter & { text?: string }>(onRefilter?: () => void) {
  const [filter, setFilter] = useState<F>({} as F);
  const paging = usePaging(FIRST_SIZE, [FIRST_SIZE, 100, 200, 500]);
  const input = pageInput(paging.page, paging.pageSize, filter);
  const rows = useChannel('sku.listings.page', input);
  const refilter = (next: F) => {
    // The new page is asked for here, as the seller presses Enter or picks a status, not from the
    // effect after the step has rendered with the new filter: that render (the whole table, with
    // its loading state) no longer holds the call back. useChannel takes this answer as it asks.
    // Only for another page than the one shown: an unused answer would be taken by a later reload.
    const nextInput = pageInput(1, paging.pageSize, next);
    if (JSON.stringify(nextInput) !== JSON.stringify(input)) void prefetch('sku.listings.page', nextInput);
    setFilter(next);
    paging.setPage(1);
    onRefilter?.();
  };
  /** The search box: text within the SKU or title, none when cleared. */
  const search = (text: string) => refilter({ ...filter, text: text || undefined });
  return { filter, refilter, search, rows, paging };
}
