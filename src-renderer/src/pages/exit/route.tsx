import { LogoutOutlined } from '@ant-design/icons';
import { lazyArea } from '../../lazyPage';

export const route = lazyArea(
  { path: 'exit', labelKey: 'nav.exit', icon: <LogoutOutlined />, order: 20 },
  () => import('./ExitPage'),
  (m) => m.ExitPage,
);
