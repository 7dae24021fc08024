import { ApiOutlined } from '@ant-design/icons';
import { lazyArea } from '../../lazyPage';

export const route = lazyArea(
  { path: 'settings', labelKey: 'nav.settings', icon: <ApiOutlined />, order: 90 },
  () => import('./ConnectPage'),
  (m) => m.ConnectPage,
);
