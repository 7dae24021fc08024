import { MoneyCollectOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../../routes';
import { lazyPage } from '../../lazyPage';

export const route: AreaRoute = {
  path: 'deposit',
  labelKey: 'nav.deposit',
  icon: <MoneyCollectOutlined />,
  order: 30,
  ...lazyPage(
    () => import('./DepositPage'),
    (m) => m.DepositPage,
  ),
};
