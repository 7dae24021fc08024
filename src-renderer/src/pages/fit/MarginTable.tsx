/**
 * The margin comparison as a table: fully-managed beside the seller's own store, line by line (price,
 * fees, cost, margin a unit, margin rate), so the two can be compared at a glance, not read out of a
 * sentence. The own-store column only when the seller gave its numbers.
 */
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MarginComparison } from '../../../../src-shared/channels/fit';
import { formatFen } from '../../../../src-shared/money';

const money = (fen: number | null | undefined) => (fen === null || fen === undefined ? '—' : formatFen(fen));
const rate = (bp: number | null) => (bp === null ? '—' : `${(bp / 100).toFixed(1)}%`);

export function MarginTable({ m }: { m: MarginComparison }) {
  const { t } = useTranslation('fit');
  const own = m.ownMarginFen !== null;
  const rows = [
    { key: 'price', item: t('table.price'), managed: money(m.supplyPriceFen), own: money(m.ownPriceFen) },
    // Fully-managed: no commission and the platform pays the logistics.
    { key: 'fees', item: t('table.fees'), managed: money(0), own: money(m.ownFeesFen) },
    { key: 'cost', item: t('table.cost'), managed: money(m.unitCostFen), own: money(m.unitCostFen) },
    { key: 'margin', item: t('table.margin'), managed: money(m.supplyMarginFen), own: money(m.ownMarginFen) },
    { key: 'rate', item: t('table.rate'), managed: rate(m.supplyMarginBp), own: rate(m.ownMarginBp) },
  ];
  return (
    <Table
      size="small"
      pagination={false}
      data-testid="fit-margin-table"
      dataSource={rows}
      style={{ marginTop: 8 }}
      columns={[
        { title: '', dataIndex: 'item' },
        { title: t('table.managed'), dataIndex: 'managed', align: 'right' },
        ...(own ? [{ title: t('table.own'), dataIndex: 'own', align: 'right' as const }] : []),
      ]}
    />
  );
}
