import { ThunderboltOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../../routes';
import { AutoDashboard } from './AutoDashboard';

export const route: AreaRoute = {
  path: 'auto',
  labelKey: 'auto:nav',
  icon: <ThunderboltOutlined />,
  order: 11,
  element: <AutoDashboard />,
};
