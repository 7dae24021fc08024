import { useState } from 'react';
import { Alert, Button, Descriptions, Form, Input, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DepositCaseView } from '../../../../src-shared/types/deposit';
import { api } from '../../api';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { chinaToday, fenToYuan, formatFen } from './format';
import { useAction } from '../../useAction';
import { formatTime } from '../../formatTime';
import { useFieldErrors } from '../../useFieldErrors';
import { useLang } from '../../useLang';

interface ApplyForm {
  reason: string;
  amountYuan: string;
  alipayAccount: string;
  appliedOn?: string;
}

/** Step 3: reason, amount (checked against the refundable amount in main), the text to paste. */
export function ApplyStep({ view, onChange }: { view: DepositCaseView; onChange: (v: DepositCaseView) => void }) {
  const { t } = useTranslation('deposit');
  const { pick } = useLang();
  const action = useAction();
  const [form] = Form.useForm<ApplyForm>();
  const [draft, setDraft] = useState<string>();
  const [appliedOn, setAppliedOn] = useState<string>('');
  const active = view.application !== null && view.review?.outcome !== 'rejected';
  const fields = useFieldErrors(form, active ? undefined : action.error);

  if (active && view.application) {
    return (
      <div data-testid="deposit-step-apply">
        <Descriptions bordered size="small" column={1} title={t('apply.applied')}>
          <Descriptions.Item label={t('apply.reason')}>{view.application.reason}</Descriptions.Item>
          <Descriptions.Item label={t('apply.amount')}>{formatFen(view.application.amountFen)}</Descriptions.Item>
          <Descriptions.Item label={t('apply.alipay')}>{view.application.alipayMasked}</Descriptions.Item>
          <Descriptions.Item label={t('apply.appliedAt')}>{formatTime(view.application.appliedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('apply.appliedOn')}>
            <Space wrap>
              <span data-testid="deposit-applied-on-shown">{view.application.appliedOn}</span>
              <Input
                type="date"
                max={chinaToday()}
                value={appliedOn || view.application.appliedOn}
                onChange={(e) => setAppliedOn(e.target.value)}
                style={{ width: 170 }}
                data-testid="deposit-applied-on-edit"
              />
              <Button
                size="small"
                disabled={!appliedOn || appliedOn === view.application.appliedOn}
                loading={action.busy}
                onClick={() => void action.run(() => api['deposit.setAppliedOn']({ appliedOn })).then((v) => v && onChange(v))}
                data-testid="deposit-applied-on-save"
              >
                {t('apply.changeAppliedOn')}
              </Button>
            </Space>
          </Descriptions.Item>
        </Descriptions>
        <ApiErrorAlert error={action.error} />
        <Typography.Paragraph copyable={{ text: view.application.text }} style={{ whiteSpace: 'pre-wrap', marginTop: 16 }}>
          {view.application.text}
        </Typography.Paragraph>
        <Alert type="info" showIcon title={pick(view.phoneReminder)} />
      </div>
    );
  }

  const makeDraft = async () => {
    const { reason, amountYuan } = form.getFieldsValue();
    const d = await action.run(() => api['deposit.draft']({ reason: reason ?? '', amountYuan: amountYuan ?? '' }));
    if (d) setDraft(d.text);
  };
  const submit = async (values: ApplyForm) => {
    const v = await action.run(() => api['deposit.apply']({ ...values, appliedOn: values.appliedOn || undefined }));
    if (v) onChange(v);
  };
  const presets = [t('apply.presetNotFit'), t('apply.presetExit'), t('apply.presetPolicy')];
  return (
    <div data-testid="deposit-step-apply">
      {view.blockers.length > 0 && (
        <Alert type="warning" showIcon title={t('checks.blocked')} description={pick(view.blockers[0]!)} style={{ marginBottom: 16 }} />
      )}
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 560 }}
        // The date box's max only guides the picker: a typed later day goes to main, which says at the box which days are allowed.
        noValidate
        initialValues={{ amountYuan: view.refundableFen ? fenToYuan(view.refundableFen) : '', reason: '', alipayAccount: '' }}
        onFinish={(v) => void submit(v)}
        onValuesChange={(changed: Record<string, unknown>) => {
          setDraft(undefined);
          fields.onValuesChange(changed);
        }}
      >
        <Form.Item name="reason" label={t('apply.reason')} rules={[{ required: true, min: 2 }]}>
          <Input.TextArea rows={2} maxLength={300} data-testid="deposit-reason" />
        </Form.Item>
        <Space wrap style={{ marginTop: -12, marginBottom: 16 }}>
          <Typography.Text type="secondary">{t('apply.reasonPresets')}:</Typography.Text>
          {presets.map((p) => (
            <Tag key={p} style={{ cursor: 'pointer' }} onClick={() => form.setFieldValue('reason', p)}>
              {p}
            </Tag>
          ))}
        </Space>
        <Form.Item
          name="amountYuan"
          label={t('apply.amount')}
          extra={t('apply.amountHint', { max: formatFen(view.refundableFen) })}
          rules={[{ required: true }]}
        >
          <Input inputMode="decimal" data-testid="deposit-apply-amount" />
        </Form.Item>
        <Form.Item name="alipayAccount" label={t('apply.alipay')} extra={t('apply.alipayHint')} rules={[{ required: true }]}>
          <Input autoComplete="off" data-testid="deposit-alipay" />
        </Form.Item>
        <Form.Item name="appliedOn" label={t('apply.appliedOn')} extra={t('apply.appliedOnHint')}>
          <Input type="date" max={chinaToday()} style={{ width: 200 }} data-testid="deposit-applied-on" />
        </Form.Item>
        <ApiErrorAlert error={fields.rest} />
        <Space style={{ marginTop: 8 }}>
          <Button onClick={() => void makeDraft()} loading={action.busy} data-testid="deposit-draft">
            {t('apply.draft')}
          </Button>
          <Button type="primary" htmlType="submit" loading={action.busy} disabled={view.blockers.length > 0} data-testid="deposit-apply">
            {t('apply.submit')}
          </Button>
        </Space>
      </Form>
      {draft && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('apply.draftTitle')}
          </Typography.Title>
          <Typography.Paragraph copyable={{ text: draft }} style={{ whiteSpace: 'pre-wrap' }} data-testid="deposit-draft-text">
            {draft}
          </Typography.Paragraph>
        </>
      )}
      <Alert type="info" showIcon title={pick(view.phoneReminder)} style={{ marginTop: 16 }} />
    </div>
  );
}
