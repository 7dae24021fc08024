import { useState } from 'react';
import type { Input } from '../../../../src-shared/contract';
import { usePaging } from '../../components/PagedTable';
import { useChannel } from '../../useChannel';
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
  const rows = useChannel('sku.listings.page', pageInput(paging.page, paging.pageSize, filter));
  const refilter = (next: F) => {
    setFilter(next);
    paging.setPage(1);
    onRefilter?.();
  };
  /** The search box: text within the SKU or title, none when cleared. */
  const search = (text: string) => refilter({ ...filter, text: text || undefined });
  return { filter, refilter, search, rows, paging };
}
