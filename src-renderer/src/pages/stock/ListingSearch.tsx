import { Input } from 'antd';
import { useTranslation } from 'react-i18next';

/** The search box over the listing SKUs (SKU or title), as useListingPage's `search` takes it. */
export function ListingSearch({ width, onSearch, testId }: { width: number; onSearch: (text: string) => void; testId: string }) {
  const { t } = useTranslation('stock');
  return <Input.Search allowClear placeholder={t('map.filter')} style={{ width }} onSearch={onSearch} data-testid={testId} />;
}
