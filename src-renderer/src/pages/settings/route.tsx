import { ApiOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../../routes';
import { AreaIntro } from '../../components/AreaIntro';

const steps = [
  { zh: '连接速卖通店铺（开放平台授权）', en: 'Connect the AliExpress store (Open Platform authorisation)' },
  { zh: '选择库存来源：通途、文件导入或演示', en: 'Choose the stock source: Tongtool, file import or demo' },
  { zh: '测试连接', en: 'Test the connection' },
];

export const route: AreaRoute = {
  path: 'settings',
  labelKey: 'nav.settings',
  icon: <ApiOutlined />,
  order: 90,
  element: <AreaIntro area="settings" steps={steps} />,
};
