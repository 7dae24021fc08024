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

const stageIndex = (v: DepositCaseView) => (v.stage === 'done' ? STAGES.length - 1 : STAGES.indexOf(v.stage));

/** The deposit refund wizard (退保证金): one case per store, kept in main; this screen only shows it. */
export function DepositPage() {
  const { t, i18n } = useTranslation('deposit');
  const en = i18n.language === 'en-US';
  const { got, view, current, setCurrent, update } = useCaseWizard<DepositCaseView>('deposit.get', ['deposit'], stageIndex);
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
          {current === 0 && <StatusStep view={view} onChange={update} />}
          {current === 1 && <ChecksStep view={view} onChange={update} />}
          {current === 2 && <ApplyStep view={view} onChange={update} />}
          {current === 3 && <ReviewStep view={view} onChange={update} />}
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
              content: en ? e.textEn : e.text,
            }))}
          />
        </>
      )}
    </Card>
  );
}
