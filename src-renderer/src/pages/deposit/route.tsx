import { MoneyCollectOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../../routes';
import { AreaIntro } from '../../components/AreaIntro';

const steps = [
  { zh: '查看保证金状态', en: 'Check the deposit status' },
  { zh: '提交退保证金申请', en: 'Apply for the refund' },
  { zh: '等待审核，保持电话畅通', en: 'Review; keep your phone reachable' },
  { zh: '审核通过，3-5个工作日退至支付宝', en: 'Approved: back to Alipay in 3–5 working days' },
  { zh: '在支付宝账单中查看退款记录', en: 'Find the refund in the Alipay bill' },
];

export const route: AreaRoute = {
  path: 'deposit',
  labelKey: 'nav.deposit',
  icon: <MoneyCollectOutlined />,
  order: 30,
  element: <AreaIntro area="deposit" steps={steps} />,
};
