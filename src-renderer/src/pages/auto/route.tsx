import { ThunderboltOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../../routes';
import { lazyPage } from '../../lazyPage';

export const route: AreaRoute = {
  path: 'auto',
  labelKey: 'auto:nav',
  icon: <ThunderboltOutlined />,
  order: 11,
  ...lazyPage(
    () => import('./AutoDashboard'),
    (m) => m.AutoDashboard,
  ),
};
