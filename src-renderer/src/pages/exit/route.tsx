import { LogoutOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../../routes';
import { lazyPage } from '../../lazyPage';

export const route: AreaRoute = {
  path: 'exit',
  labelKey: 'nav.exit',
  icon: <LogoutOutlined />,
  order: 20,
  ...lazyPage(
    () => import('./ExitPage'),
    (m) => m.ExitPage,
  ),
};
