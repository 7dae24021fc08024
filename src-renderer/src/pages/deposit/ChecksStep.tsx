import { Button, Descriptions, Form, Input, List, Radio, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DepositCaseView, DepositCheckAnswer, DepositCheckKey } from '../../../../src-shared/types/deposit';
import { api } from '../../api';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useFieldErrorForm } from '../../useFieldErrors';
import { chinaToday, formatFen } from './format';
import { useAction } from '../../useAction';
import { useLang } from '../../useLang';
import { ListAlert } from '../../components/ListAlert';

interface ViolationForm {
  description: string;
  penaltyYuan: string;
  /** YYYY-MM-DD from the date box; '' when left empty (the date is optional). */
  occurredOn?: string;
}

/** Step 2: the three preconditions, the penalties, and what is left to refund. */
export function ChecksStep({ view, onChange }: { view: DepositCaseView; onChange: (v: DepositCaseView) => void }) {
  const { t } = useTranslation('deposit');
  const { pick } = useLang();
  const action = useAction();
  // The violation form's refusals stand under its boxes; the answers' and removals' stay in the alert.
  const [form, fields] = useFieldErrorForm<ViolationForm>(action.error);
  const locked = view.application !== null && view.review?.outcome !== 'rejected';
  const answer = async (key: DepositCheckKey, a: DepositCheckAnswer) => {
    const v = await action.run(() => api['deposit.setCheck']({ key, answer: a }));
    if (v) onChange(v);
  };
  const add = async (values: ViolationForm) => {
    const v = await action.run(() => api['deposit.addViolation']({ ...values, occurredOn: values.occurredOn || undefined }));
    if (v) {
      onChange(v);
      form.resetFields();
    }
  };
  const remove = async (id: number) => {
    const v = await action.run(() => api['deposit.removeViolation']({ id }));
    if (v) onChange(v);
  };
  return (
    <div data-testid="deposit-step-checks">
      <List
        bordered
        dataSource={view.checks}
        renderItem={(c) => (
          <List.Item data-testid={`deposit-check-${c.key}`}>
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Space wrap>
                <Typography.Text strong>{pick(c.title)}</Typography.Text>
                {c.source === 'app' && <Tag color="blue">{t('checks.fromApp')}</Tag>}
                <Radio.Group
                  disabled={locked || c.source === 'app'}
                  value={c.answer}
                  onChange={(e) => void answer(c.key, e.target.value as DepositCheckAnswer)}
                  optionType="button"
                  options={(['clear', 'open', 'unknown'] as const).map((a) => ({ value: a, label: t(`checks.${a}`) }))}
                />
              </Space>
              {c.answer !== 'clear' && (
                <Typography.Text type={c.answer === 'open' ? 'danger' : 'secondary'}>{pick(c.advice)}</Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('checks.violations')}
      </Typography.Title>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={view.violations}
        locale={{ emptyText: t('checks.none') }}
        columns={[
          { title: t('checks.description'), dataIndex: 'description' },
          { title: t('checks.occurredOn'), dataIndex: 'occurredOn', render: (d: string | null) => d ?? '—' },
          { title: t('checks.penalty'), dataIndex: 'penaltyFen', align: 'right', render: (f: number) => formatFen(f) },
          {
            title: '',
            key: 'x',
            render: (_: unknown, v) => (
              <Button size="small" disabled={locked} onClick={() => void remove(v.id)}>
                {t('checks.remove')}
              </Button>
            ),
          },
        ]}
      />
      {!locked && (
        <Form
          form={form}
          layout="inline"
          style={{ marginTop: 12, rowGap: 8 }}
          // The date box's max only guides the picker; a typed day is checked in main, and said at its box.
          noValidate
          onFinish={(v) => void add(v)}
          onValuesChange={fields.onValuesChange}
        >
          {/* Labelled boxes: a box without a label is named by its key in the required message ("请输入penaltyYuan"). */}
          <Form.Item name="description" label={t('checks.description')} rules={[{ required: true }]}>
            <Input data-testid="deposit-violation-description" />
          </Form.Item>
          <Form.Item name="penaltyYuan" label={t('checks.penalty')} rules={[{ required: true }]}>
            <Input inputMode="decimal" style={{ width: 120 }} data-testid="deposit-violation-penalty" />
          </Form.Item>
          <Form.Item name="occurredOn" label={t('checks.occurredOnBox')}>
            <Input type="date" max={chinaToday()} style={{ width: 160 }} data-testid="deposit-violation-date" />
          </Form.Item>
          <Button htmlType="submit" loading={action.busy} data-testid="deposit-violation-add">
            {t('checks.add')}
          </Button>
        </Form>
      )}
      <Descriptions bordered size="small" column={1} style={{ marginTop: 16, maxWidth: 420 }}>
        <Descriptions.Item label={t('checks.deposit')}>{formatFen(view.depositFen)}</Descriptions.Item>
        <Descriptions.Item label={t('checks.penalties')}>{formatFen(view.penaltiesFen)}</Descriptions.Item>
        <Descriptions.Item label={t('checks.refundable')}>
          <Typography.Text strong data-testid="deposit-refundable">
            {formatFen(view.refundableFen)}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      <div style={{ marginTop: 16 }}>
        <ApiErrorAlert error={fields.rest} />
        <ListAlert lines={view.blockers} title={t('checks.blocked')} />
      </div>
    </div>
  );
}
