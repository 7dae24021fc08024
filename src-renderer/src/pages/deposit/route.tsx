import { MoneyCollectOutlined } from '@ant-design/icons';
import { lazyArea } from '../../lazyPage';

export const route = lazyArea(
  { path: 'deposit', labelKey: 'nav.deposit', icon: <MoneyCollectOutlined />, order: 30 },
  () => import('./DepositPage'),
  (m) => m.DepositPage,
);
