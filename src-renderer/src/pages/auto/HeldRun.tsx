/** A run held by the mass-unbind guard: what it would unbind and the seller's confirm or reject. */
import { Alert, Button, Popconfirm, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HeldRunView } from '../../../../src-shared/types/auto';
import { api } from '../../api';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useAction } from '../../useAction';
import { StockFigures } from './StockFigures';

export function HeldRun({ run, onDone }: { run: HeldRunView; onDone: () => Promise<void> }) {
  const { t } = useTranslation('auto');
  const action = useAction();
  const g = run.gate;
  const answer = (kind: 'confirm' | 'reject') =>
    void action
      .run(() => (kind === 'confirm' ? api['auto.held.confirm']({ runId: run.id }) : api['auto.held.reject']({ runId: run.id })))
      .then(onDone);
  return (
    <Alert
      type="warning"
      showIcon
      data-testid={`held-run-${run.id}`}
      title={t('held.title', { id: run.id })}
      description={
        <Space direction="vertical" style={{ width: '100%' }}>
          <span>
            {t('held.body', {
              n: g?.unbinds ?? run.skus.length,
              share: ((g?.share ?? 0) * 100).toFixed(0),
              limit: ((g?.limitShare ?? 0) * 100).toFixed(0),
              count: g?.limitCount ?? 0,
            })}
          </span>
          {/* What the seller is asked to check, as rows they can page through: the SKU, its ids, the ERP SKU and
              the figures the held pass read (a whole warehouse at 0 is often a bad read), and the stock it would be unbound at. */}
          <Table
            size="small"
            rowKey="actionId"
            data-testid={`held-skus-${run.id}`}
            dataSource={run.skus}
            pagination={{ pageSize: 8, size: 'small', showSizeChanger: false, hideOnSinglePage: true }}
            columns={[
              { title: t('held.colSku'), dataIndex: 'sellerSku' },
              { title: t('held.colProduct'), dataIndex: 'productId' },
              { title: t('held.colSkuId'), dataIndex: 'skuId' },
              { title: t('erpSku'), dataIndex: 'erpSku', render: (v: string | null) => v ?? '—' },
              { title: t('dry.stock'), key: 'figures', render: (_, r) => <StockFigures figures={r.figures} /> },
              {
                title: t('held.colSellable'),
                dataIndex: 'sellable',
                align: 'right',
                render: (v: number | null) => (v === null ? t('held.unknown') : v.toLocaleString()),
              },
            ]}
          />
          {(g?.unbinds ?? 0) > run.skus.length && (
            <Typography.Text type="secondary">{t('held.firstOf', { shown: run.skus.length, n: g?.unbinds ?? 0 })}</Typography.Text>
          )}
          <ApiErrorAlert error={action.error} />
        </Space>
      }
      action={
        <Space direction="vertical">
          <Popconfirm
            title={t('held.confirmAsk')}
            okText={t('switch.ok')}
            cancelText={t('switch.cancel')}
            onConfirm={() => answer('confirm')}
          >
            <Button type="primary" danger loading={action.busy} data-testid={`held-confirm-${run.id}`}>
              {t('held.confirm')}
            </Button>
          </Popconfirm>
          {/* Rejecting keeps every one of them bound: if their stock really is 0 they oversell, so it is asked too. */}
          <Popconfirm
            title={<div style={{ maxWidth: 360 }}>{t('held.rejectAsk')}</div>}
            okText={t('switch.ok')}
            cancelText={t('switch.cancel')}
            onConfirm={() => answer('reject')}
          >
            <Button loading={action.busy} data-testid={`held-reject-${run.id}`}>
              {t('held.reject')}
            </Button>
          </Popconfirm>
        </Space>
      }
    />
  );
}
