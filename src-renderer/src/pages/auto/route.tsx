import { ThunderboltOutlined } from '@ant-design/icons';
import { lazyArea } from '../../lazyPage';

export const route = lazyArea(
  { path: 'auto', labelKey: 'auto:nav', icon: <ThunderboltOutlined />, order: 11 },
  () => import('./AutoDashboard'),
  (m) => m.AutoDashboard,
);
