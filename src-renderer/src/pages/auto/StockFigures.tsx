/**
 * A listing SKU's stock figures, one line per linked store warehouse: available / safety, an oversold
 * figure and a stale one marked. The dry run shows them for every SKU, the held card for what a held
 * pass would unbind, so a seller reads both the same way.
 */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WarehouseFigure } from '../../../../src-shared/types/auto';

export function StockFigures({ figures }: { figures: readonly WarehouseFigure[] }) {
  const { t } = useTranslation('auto');
  if (figures.length === 0) return <>—</>;
  return figures.map((f) => (
    <div key={f.storeWarehouse}>
      {f.storeWarehouse}:{' '}
      {f.available !== null && f.available < 0 ? (
        <Tag color="red">{t('dry.oversold', { n: f.available })}</Tag>
      ) : (
        (f.available ?? t('dry.unknown'))
      )}
      /{f.safety ?? '—'} {f.stale && <Tag color="orange">{t('dry.stale')}</Tag>}
    </div>
  ));
}
