import { SyncOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../../routes';
import { lazyPage } from '../../lazyPage';

export const route: AreaRoute = {
  path: 'stock',
  labelKey: 'nav.stock',
  icon: <SyncOutlined />,
  order: 10,
  ...lazyPage(
    () => import('./StockWizard'),
    (m) => m.StockWizard,
  ),
};
