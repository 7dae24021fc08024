import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { Alert, Button, Descriptions, Input, Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExitReviewOutcome } from '../../../../src-shared/types/exit';
import { approxDate, estimateNote } from '../../../../src-shared/estimatedDate';
import { api } from '../../api';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { beijingToday, type StepProps } from './shared';
import { DateField, useCaseSave } from './stepParts';
import { useLang } from '../../useLang';
import { DepositAdvice } from './PrepareStep';

export function SubmitStep({ view, onChange }: StepProps) {
  const { t } = useTranslation('exit');
  const action = useCaseSave(onChange);
  const [text, setText] = useState(view.submit.applicationText);
  // After a rejection the seller records a new submission: its date is a new one, not the last.
  const rejected = view.review.outcome === 'rejected';
  const [on, setOn] = useState((!rejected && view.submit.submittedOn) || beijingToday());
  const [no, setNo] = useState(view.submit.applicationNo ?? '');
  // The seller's edits to the text are kept as they type (a moment after the last key), so a reload
  // or another day finds their words; once the submission is recorded the text is the one sent.
  const kept = useRef(view.submit.applicationText.trim());
  const submitted = !!view.submit.submittedOn;
  // Once approved the submission is history: recording it again would start a new review.
  const approved = view.review.outcome === 'approved';
  // An effect event: a render for another reason does not restart the timer below.
  const keep = useEffectEvent((edited: string) => {
    kept.current = edited;
    action.save(() => api['exit.saveApplicationText']({ applicationText: edited }));
  });
  useEffect(() => {
    const edited = text.trim();
    if (submitted || !edited || edited === kept.current) return;
    const timer = setTimeout(() => keep(edited), 800);
    return () => clearTimeout(timer);
  }, [text, submitted]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ApiErrorAlert error={action.error} />
      <Typography.Title level={5}>{t('applicationText')}</Typography.Title>
      <Input.TextArea rows={7} value={text} onChange={(e) => setText(e.target.value)} data-testid="exit-application-text" />
      {!submitted && <Typography.Text type="secondary">{t('applicationTextKept')}</Typography.Text>}
      {approved && <Alert type="success" showIcon title={t('submitApproved')} data-testid="exit-submit-approved" />}
      {rejected && <Alert type="warning" showIcon title={t('submitRejected')} data-testid="exit-submit-rejected" />}
      {/* Said again where the submission is recorded; it is recorded all the same. */}
      {!submitted && <DepositAdvice view={view} />}
      <Button onClick={() => void navigator.clipboard?.writeText(text)}>{t('copy')}</Button>
      <Space wrap>
        <DateField label={t('submittedOn')} value={on} onChange={setOn} testId="exit-submitted-on" />
        <label>
          {t('applicationNo')}{' '}
          <Input
            value={no}
            maxLength={80}
            placeholder={t('applicationNoOptional')}
            onChange={(e) => setNo(e.target.value)}
            style={{ width: 360 }}
            data-testid="exit-application-no"
          />
        </label>
        <Button
          type="primary"
          // The number is the platform's, when it shows one: the review's 3 working days count from the date.
          disabled={!on || approved}
          loading={action.busy}
          data-testid="exit-submit"
          onClick={() =>
            action.save(() =>
              api['exit.submit']({ submittedOn: on, ...(no.trim() ? { applicationNo: no.trim() } : {}), applicationText: text.trim() }),
            )
          }
        >
          {t('recordSubmit')}
        </Button>
      </Space>
    </Space>
  );
}

/** `goTo` shows another step (0 is ① 准备): after a rejection the seller applies again at step 2. */
export function ReviewStep({ view, onChange, goTo }: StepProps & { goTo: (step: number) => void }) {
  const { t } = useTranslation('exit');
  const { pick: tx } = useLang();
  const action = useCaseSave(onChange);
  const [outcome, setOutcome] = useState<ExitReviewOutcome>(view.review.outcome ?? 'pending');
  const [on, setOn] = useState(view.review.decidedOn ?? beijingToday());
  const [note, setNote] = useState(view.review.note ?? '');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ApiErrorAlert error={action.error} />
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t('submittedOn')}>{view.submit.submittedOn}</Descriptions.Item>
        <Descriptions.Item label={t('applicationNo')}>{view.submit.applicationNo ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('due')}>
          <span data-testid="exit-review-due">{view.review.dueOn ? tx(approxDate(view.review.dueOn, view.review.dueEstimated)) : '—'}</span>
        </Descriptions.Item>
      </Descriptions>
      {/* An estimated due date (a year the holiday calendar does not know yet) says why, next to it. */}
      {view.review.dueOn && view.review.dueEstimated && (
        <Alert type="warning" showIcon title={tx(estimateNote(view.review.dueOn))} data-testid="exit-due-estimate" />
      )}
      {view.review.dueError && <Alert type="warning" showIcon title={tx(view.review.dueError)} data-testid="exit-due-error" />}
      {view.review.overdue && <Alert type="warning" showIcon title={t('overdue')} />}
      {view.review.rejectedNext && (
        <Alert
          type="error"
          showIcon
          title={t('rejectedTitle')}
          description={tx(view.review.rejectedNext)}
          action={
            <Button onClick={() => goTo(1)} data-testid="exit-resubmit">
              {t('resubmit')}
            </Button>
          }
          data-testid="exit-rejected"
        />
      )}
      <Radio.Group value={outcome} onChange={(e) => setOutcome(e.target.value as ExitReviewOutcome)} data-testid="exit-outcome">
        {(['pending', 'approved', 'rejected'] as const).map((o) => (
          <Radio.Button key={o} value={o}>
            {t(`outcomes.${o}`)}
          </Radio.Button>
        ))}
      </Radio.Group>
      <Space wrap>
        {outcome !== 'pending' && <DateField label={t('decidedOn')} value={on} onChange={setOn} testId="exit-decided-on" />}
        <Input placeholder={t('note')} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} style={{ width: 280 }} />
        <Button
          type="primary"
          loading={action.busy}
          data-testid="exit-save-review"
          onClick={() =>
            action.save(() =>
              api['exit.review']({
                outcome,
                ...(outcome !== 'pending' ? { decidedOn: on } : {}),
                ...(note.trim() ? { note: note.trim() } : {}),
              }),
            )
          }
        >
          {t('saveReview')}
        </Button>
      </Space>
    </Space>
  );
}
