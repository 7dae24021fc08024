import { SyncOutlined } from '@ant-design/icons';
import { lazyArea } from '../../lazyPage';
import { prefetch } from '../../channelPrefetch';
import { firstListingPageOfSavedStep } from './wizardStep';

export const route = {
  ...lazyArea(
    { path: 'stock', labelKey: 'nav.stock', icon: <SyncOutlined />, order: 10 },
    () => import('./StockWizard'),
    (m) => m.StockWizard,
  ),
  // Opened on the SKU mapping or linking step: the table's first page (100k rows: its query is the
  // slowest part of the screen's data) is asked for while the wizard's code loads and renders.
  prefetch: () => {
    const page = firstListingPageOfSavedStep();
    if (page) prefetch('sku.listings.page', page);
  },
};
