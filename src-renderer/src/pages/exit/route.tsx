import { LogoutOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../../routes';
import { AreaIntro } from '../../components/AreaIntro';

const steps = [
  { zh: '准备工作：卖家中心 → 店铺管理 → 店铺设置 → 店铺退店，阅读退店协议', en: 'Prepare: Seller Center → Store management → Store settings → Store exit; read the agreement' },
  { zh: '提交退店申请', en: 'Submit the application' },
  { zh: '平台审核（约3个工作日）', en: 'Platform review (about 3 working days)' },
  { zh: '办理退店手续：退还保证金、处理库存、终止合作', en: 'Procedures: deposit, inventory, partners' },
  { zh: '退店成功', en: 'Exit complete' },
];

export const route: AreaRoute = {
  path: 'exit',
  labelKey: 'nav.exit',
  icon: <LogoutOutlined />,
  order: 20,
  element: <AreaIntro area="exit" steps={steps} />,
};
