import { MoneyCollectOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../../routes';
import { DepositPage } from './DepositPage';

export const route: AreaRoute = {
  path: 'deposit',
  labelKey: 'nav.deposit',
  icon: <MoneyCollectOutlined />,
  order: 30,
  element: <DepositPage />,
};
