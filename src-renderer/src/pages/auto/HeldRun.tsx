/** A run held by the mass-unbind guard: what it would unbind and the seller's confirm or reject. */
import { Alert, Button, Popconfirm, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HeldRunView } from '../../../../src-shared/types/auto';
import { api } from '../../api';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useAction } from '../../useAction';

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
          <Typography.Text type="secondary">
            {run.skus
              .slice(0, 30)
              .map((s) => s.sellerSku)
              .join('、')}
            {run.skus.length > 30 ? ' …' : ''}
          </Typography.Text>
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
          <Button loading={action.busy} onClick={() => answer('reject')} data-testid={`held-reject-${run.id}`}>
            {t('held.reject')}
          </Button>
        </Space>
      }
    />
  );
}
