import { useState } from 'react';
import { Alert, Button, Card, Spin, Steps, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DepositCaseView } from '../../../../src-shared/types/deposit';
import { api } from '../../api';
import { useCaseWizard } from '../../useCaseWizard';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { STAGES } from './format';
import { useAction } from '../../useAction';
import { StatusStep } from './StatusStep';
import { ChecksStep } from './ChecksStep';
import { ApplyStep } from './ApplyStep';
import { ReviewStep } from './ReviewStep';
import { ArrivalStep } from './ArrivalStep';
import { formatTime } from '../../formatTime';
import { useLang } from '../../useLang';

const stageIndex = (v: DepositCaseView) => (v.stage === 'done' ? STAGES.length - 1 : STAGES.indexOf(v.stage));

/** The deposit refund wizard (退保证金): one case per store, kept in main; this screen only shows it. */
export function DepositPage() {
  const { t } = useTranslation('deposit');
  const { pick } = useLang();
  const { got, view, update } = useCaseWizard<DepositCaseView>('deposit.get', ['deposit'], stageIndex);
  // As in the exit wizard, the step shown never moves on by itself: it opens where the case stands,
  // and after the last tick of the checks the "next" button appears. Only a step's own submit button
  // (save the status, send the application, record the review) moves on, when it moved the case.
  const [chosen, setCurrent] = useState<number | null>(null);
  const [opened, setOpened] = useState<number | null>(null);
  if (view && opened === null) setOpened(stageIndex(view));
  const current = view ? Math.min(chosen ?? opened ?? stageIndex(view), stageIndex(view)) : 0;
  const submitted = (v: DepositCaseView) => {
    const moved = !!view && view.stage !== v.stage;
    update(v);
    if (moved) setCurrent(stageIndex(v));
  };
  const action = useAction();

  if (got.loading && !view) return <Spin />;
  return (
    <Card title={t('title')} data-testid="deposit-page">
      <Typography.Paragraph>{t('intro')}</Typography.Paragraph>
      <ApiErrorAlert error={got.error ?? action.error} onRetry={() => void got.reload()} />
      {!view ? (
        <Button
          type="primary"
          data-testid="deposit-start"
          loading={action.busy}
          onClick={() => void action.run(() => api['deposit.open']({})).then((v) => v && update(v))}
        >
          {t('start')}
        </Button>
      ) : (
        <>
          <Alert type="info" title={t('fromExit')} style={{ marginBottom: 16 }} />
          <Steps
            current={current}
            onChange={setCurrent}
            status={view.arrival.verdict === 'overdue' || view.arrival.verdict === 'amount_differs' ? 'error' : undefined}
            items={STAGES.map((s, i) => ({
              title: t(`steps.${s}`),
              disabled: i > stageIndex(view),
              content: i === STAGES.length - 1 && view.stage === 'done' ? t('arrival.arrived') : undefined,
            }))}
            style={{ marginBottom: 24 }}
            data-testid="deposit-steps"
          />
          {current === 0 && <StatusStep view={view} onChange={submitted} />}
          {current === 1 && <ChecksStep view={view} onChange={update} />}
          {current === 2 && <ApplyStep view={view} onChange={submitted} />}
          {current === 3 && <ReviewStep view={view} onChange={submitted} />}
          {current === 4 && <ArrivalStep view={view} onChange={update} />}
          {current < stageIndex(view) && (
            <Button style={{ marginTop: 16 }} onClick={() => setCurrent(current + 1)} data-testid="deposit-next">
              {t('steps.' + STAGES[current + 1])} →
            </Button>
          )}
          <Typography.Title level={5} style={{ marginTop: 32 }}>
            {t('timeline')}
          </Typography.Title>
          <Timeline
            items={view.timeline.map((e) => ({
              key: e.id,
              title: formatTime(e.at),
              content: pick(e.text),
            }))}
          />
        </>
      )}
    </Card>
  );
}
