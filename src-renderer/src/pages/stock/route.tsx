import { SyncOutlined } from '@ant-design/icons';
import { lazyArea } from '../../lazyPage';

export const route = lazyArea(
  { path: 'stock', labelKey: 'nav.stock', icon: <SyncOutlined />, order: 10 },
  () => import('./StockWizard'),
  (m) => m.StockWizard,
);
