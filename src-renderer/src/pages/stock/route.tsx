import { SyncOutlined } from '@ant-design/icons';
import type { AreaRoute } from '../../routes';
import { AreaIntro } from '../../components/AreaIntro';

const steps = [
  { zh: '设置仓库：店铺仓库名称需与刊登系统中的仓库名称完全一致', en: 'Warehouses: names must match the listing system exactly' },
  { zh: 'ERP产品分类同步', en: 'ERP category stock sync' },
  { zh: '设置同步库存时间', en: 'Stock sync schedule' },
  { zh: 'SKU关联在线刊登', en: 'Link listing SKUs to ERP SKUs' },
  { zh: '在线刊登关联仓库', en: 'Link listings to warehouses' },
  { zh: '开启自动绑定&解绑', en: 'Switch auto bind & unbind on' },
];

export const route: AreaRoute = {
  path: 'stock',
  labelKey: 'nav.stock',
  icon: <SyncOutlined />,
  order: 10,
  element: <AreaIntro area="stock" steps={steps} />,
};
