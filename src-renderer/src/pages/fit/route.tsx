import { QuestionCircleOutlined } from '@ant-design/icons';
import { lazyArea } from '../../lazyPage';

export const route = lazyArea(
  { path: 'fit', labelKey: 'nav.fit', icon: <QuestionCircleOutlined />, order: 40 },
  () => import('./FitPage'),
  (m) => m.FitPage,
);
