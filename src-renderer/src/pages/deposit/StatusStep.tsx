import { Alert, Button, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DepositCaseView, DepositStatus } from '../../../../src-shared/types/deposit';
import { DEPOSIT_STATUSES } from '../../../../src-shared/types/deposit';
import { api } from '../../api';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { fenToYuan } from './format';
import { useAction } from '../../useAction';
import { formatTime } from '../../formatTime';
import { useFieldErrorForm } from '../../useFieldErrors';
import { useLang } from '../../useLang';
import { ListAlert } from '../../components/ListAlert';

/** Step 1: the deposit amount and status as the service centre shows them. */
export function StatusStep({ view, onChange }: { view: DepositCaseView; onChange: (v: DepositCaseView) => void }) {
  const { t } = useTranslation('deposit');
  const { pick } = useLang();
  const action = useAction();
  const [form, fields] = useFieldErrorForm<{ status: DepositStatus; depositYuan: string }>(action.error);
  const save = async (values: { status: DepositStatus; depositYuan: string }) => {
    const v = await action.run(() => api['deposit.setStatus'](values));
    if (v) onChange(v);
  };
  return (
    <div data-testid="deposit-step-status">
      <Alert type="info" showIcon title={t('status.where')} description={pick(view.whereToFind)} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 420 }}
        initialValues={{ status: view.status, depositYuan: view.depositFen ? fenToYuan(view.depositFen) : '' }}
        onFinish={(v) => void save(v)}
        onValuesChange={fields.onValuesChange}
      >
        <Form.Item name="status" label={t('status.status')} rules={[{ required: true }]}>
          <Select data-testid="deposit-status" options={DEPOSIT_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
        </Form.Item>
        <Form.Item name="depositYuan" label={t('status.amount')} rules={[{ required: true }]}>
          <Input data-testid="deposit-amount" placeholder={t('status.amountPlaceholder')} inputMode="decimal" />
        </Form.Item>
        <ApiErrorAlert error={fields.rest} />
        <Button type="primary" htmlType="submit" loading={action.busy} data-testid="deposit-status-save" style={{ marginTop: 8 }}>
          {t('status.save')}
        </Button>
      </Form>
      {view.statusConfirmedAt && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          {t('status.confirmedAt')}: {formatTime(view.statusConfirmedAt)}
        </Typography.Paragraph>
      )}
      {/* Confirmed, and still here: the status itself (frozen, not yet refundable, already refunded)
          holds the case. Without saying so the seller presses the button again and nothing moves. */}
      {view.statusConfirmedAt && view.stage === 'status' && (
        <div style={{ marginTop: 12 }}>
          <ListAlert lines={view.blockers} title={t('checks.blocked')} testId="deposit-status-blocked" />
        </div>
      )}
    </div>
  );
}
