import { LogoutOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../../routes';
import { ExitPage } from './ExitPage';

export const route: AreaRoute = {
  path: 'exit',
  labelKey: 'nav.exit',
  icon: <LogoutOutlined />,
  order: 20,
  element: <ExitPage />,
};
