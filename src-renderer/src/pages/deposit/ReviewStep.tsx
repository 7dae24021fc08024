import { Alert, Button, Form, Input, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DepositCaseView, ReviewOutcome } from '../../../../src-shared/types/deposit';
import { api } from '../../api';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useAction } from '../../useAction';
import { useFieldErrors } from '../../useFieldErrors';
import { useLang } from '../../useLang';
import { rangeText } from '../../../../src-shared/estimatedDate';

interface ReviewForm {
  outcome: ReviewOutcome;
  decidedOn?: string;
  note?: string;
}

/** Step 4: the platform's decision; on approval main computes the 3–5 working-day window. */
export function ReviewStep({ view, onChange }: { view: DepositCaseView; onChange: (v: DepositCaseView) => void }) {
  const { t } = useTranslation('deposit');
  const { pick } = useLang();
  const action = useAction();
  const [form] = Form.useForm<ReviewForm>();
  const outcome = Form.useWatch('outcome', form);
  const fields = useFieldErrors(form, action.error);
  const save = async (values: ReviewForm) => {
    const v = await action.run(() =>
      api['deposit.review']({ outcome: values.outcome, decidedOn: values.decidedOn || undefined, note: values.note?.trim() || undefined }),
    );
    if (v) onChange(v);
  };
  return (
    <div data-testid="deposit-step-review">
      <Alert type="info" showIcon title={pick(view.phoneReminder)} style={{ marginBottom: 16 }} />
      <Form
        form={form}
        layout="vertical"
        style={{ maxWidth: 420 }}
        initialValues={{
          outcome: view.review?.outcome ?? 'pending',
          decidedOn: view.review?.decidedOn ?? '',
          note: view.review?.note ?? '',
        }}
        onFinish={(v) => void save(v)}
        onValuesChange={fields.onValuesChange}
      >
        <Form.Item name="outcome" label={t('review.outcome')}>
          <Radio.Group
            optionType="button"
            data-testid="deposit-review-outcome"
            options={(['pending', 'approved', 'rejected'] as const).map((o) => ({ value: o, label: t(`review.${o}`) }))}
          />
        </Form.Item>
        {outcome !== 'pending' && (
          <Form.Item name="decidedOn" label={t('review.decidedOn')}>
            <Input type="date" data-testid="deposit-review-date" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('review.note')}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <ApiErrorAlert error={fields.rest} />
        <Button
          type="primary"
          htmlType="submit"
          loading={action.busy}
          disabled={!view.application}
          data-testid="deposit-review-save"
          style={{ marginTop: 8 }}
        >
          {t('review.save')}
        </Button>
      </Form>
      {view.window && (
        <Alert
          // An estimated window (a year the holiday calendar does not know yet) is a warning that says why.
          type={view.window.estimated ? 'warning' : 'success'}
          showIcon
          style={{ marginTop: 16 }}
          title={t('review.window')}
          description={
            view.window.estimated ? pick(rangeText(view.window)) : t('review.windowText', { from: view.window.from, to: view.window.to })
          }
          data-testid="deposit-window"
        />
      )}
    </div>
  );
}
