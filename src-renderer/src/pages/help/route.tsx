import { CustomerServiceOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../../routes';
import { lazyPage } from '../../lazyPage';

export const route: AreaRoute = {
  path: 'help',
  labelKey: 'nav.help',
  icon: <CustomerServiceOutlined />,
  order: 100,
  ...lazyPage(
    () => import('./HelpPage'),
    (m) => m.HelpPage,
  ),
};
