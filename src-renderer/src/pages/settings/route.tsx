import { ApiOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../../routes';
import { ConnectPage } from './ConnectPage';

export const route: AreaRoute = {
  path: 'settings',
  labelKey: 'nav.settings',
  icon: <ApiOutlined />,
  order: 90,
  element: <ConnectPage />,
};
