import { CustomerServiceOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../../routes';
import { HelpPage } from './HelpPage';

export const route: AreaRoute = { path: 'help', labelKey: 'nav.help', icon: <CustomerServiceOutlined />, order: 100, element: <HelpPage /> };
