import { HomeOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../../routes';
import { HomePage } from './HomePage';

export const route: AreaRoute = { path: 'home', labelKey: 'nav.home', icon: <HomeOutlined />, order: 0, element: <HomePage /> };
