import { SyncOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../../routes';
import { StockWizard } from './StockWizard';

export const route: AreaRoute = {
  path: 'stock',
  labelKey: 'nav.stock',
  icon: <SyncOutlined />,
  order: 10,
  element: <StockWizard />,
};
