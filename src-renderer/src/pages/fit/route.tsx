import { QuestionCircleOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../../routes';
import { AreaIntro } from '../../components/AreaIntro';

const steps = [
  { zh: '工厂型卖家：门槛降低，是好事', en: 'Factory sellers: a lower barrier' },
  { zh: '有供应链优势的老卖家：多一个渠道', en: 'Veterans with a supply-chain edge: one more channel' },
  { zh: '贸易商和纯铺货卖家：利润被挤压', en: 'Traders and listing sellers: squeezed margins' },
];

export const route: AreaRoute = {
  path: 'fit',
  labelKey: 'nav.fit',
  icon: <QuestionCircleOutlined />,
  order: 40,
  element: <AreaIntro area="fit" steps={steps} />,
};
