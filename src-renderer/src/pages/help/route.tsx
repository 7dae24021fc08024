import { CustomerServiceOutlined } from '@ant-design/icons';
import { lazyArea } from '../../lazyPage';

export const route = lazyArea(
  { path: 'help', labelKey: 'nav.help', icon: <CustomerServiceOutlined />, order: 100 },
  () => import('./HelpPage'),
  (m) => m.HelpPage,
);
