import { QuestionCircleOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../../routes';
import { FitPage } from './FitPage';

export const route: AreaRoute = {
  path: 'fit',
  labelKey: 'nav.fit',
  icon: <QuestionCircleOutlined />,
  order: 40,
  element: <FitPage />,
};
