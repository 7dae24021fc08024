import { ApiOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../../routes';
import { lazyPage } from '../../lazyPage';

export const route: AreaRoute = {
  path: 'settings',
  labelKey: 'nav.settings',
  icon: <ApiOutlined />,
  order: 90,
  ...lazyPage(
    () => import('./ConnectPage'),
    (m) => m.ConnectPage,
  ),
};
