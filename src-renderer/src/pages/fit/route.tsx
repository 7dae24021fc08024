import { QuestionCircleOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../../routes';
import { lazyPage } from '../../lazyPage';

export const route: AreaRoute = {
  path: 'fit',
  labelKey: 'nav.fit',
  icon: <QuestionCircleOutlined />,
  order: 40,
  ...lazyPage(
    () => import('./FitPage'),
    (m) => m.FitPage,
  ),
};
