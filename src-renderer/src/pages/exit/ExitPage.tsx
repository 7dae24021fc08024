import { useState } from 'react';
import { Alert, Button, Card, Space, Spin, Steps, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate } from 'react-router';
import { EXIT_STAGES, type ExitCaseView } from '../../../../src-shared/types/exit';
import { api } from '../../api';
import { useCaseWizard } from '../../useCaseWizard';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useAction } from '../../useAction';
import { PrepareStep } from './PrepareStep';
import { ReviewStep, SubmitStep } from './SubmitReviewSteps';
import { ProceduresStep } from './ProceduresStep';
import { AfterStep, DoneStep, Paperwork } from './DoneAfterSteps';
import { PrintDocument } from './PrintDocument';
import { formatTime } from '../../formatTime';
import { useLang } from '../../useLang';

const stageIndex = (v: ExitCaseView) => EXIT_STAGES.indexOf(v.stage);

/** #/exit is the wizard; #/exit/print/<document> one document as its own printable page. */
export function ExitPage() {
  return (
    <Routes>
      <Route path="print/:name" element={<PrintDocument />} />
      <Route path="*" element={<ExitWizard />} />
    </Routes>
  );
}

/** The store exit wizard (退店): one case per store, kept in main; this screen only shows it. */
function ExitWizard() {
  const { t } = useTranslation('exit');
  const { pick: tx } = useLang();
  const navigate = useNavigate();
  // Step ④① shows the deposit case: follow it when the deposit wizard changes it.
  const { got, view, update } = useCaseWizard<ExitCaseView>('exit.get', ['exit', 'deposit', 'auto'], stageIndex);
  // The step shown moves only when the seller moves it: it opens where the case stands and stays
  // there after the last tick of a step (the "next" button appears instead). It only steps back
  // when what is shown is no longer reachable (a stock change reopening the plan, say).
  const [chosen, setCurrent] = useState<number | null>(null);
  const [opened, setOpened] = useState<number | null>(null);
  // Set once while rendering, when the case first arrives (React's "adjusting state" pattern).
  if (view && opened === null) setOpened(stageIndex(view));
  const current = view ? Math.min(chosen ?? opened ?? stageIndex(view), stageIndex(view)) : 0;
  const action = useAction();

  if (got.loading && !view) return <Spin />;
  const props = view ? { view, onChange: update } : null;
  return (
    <Card title={t('title')} data-testid="exit-page">
      <Typography.Paragraph>{t('intro')}</Typography.Paragraph>
      <ApiErrorAlert error={got.error ?? action.error} onRetry={() => void got.reload()} />
      {!view || !props ? (
        <Space>
          <Button
            type="primary"
            data-testid="exit-start"
            loading={action.busy}
            onClick={() => void action.run(() => api['exit.open']({})).then((v) => v && update(v))}
          >
            {t('start')}
          </Button>
          <Button onClick={() => navigate('/fit')}>{t('fitLink')}</Button>
        </Space>
      ) : (
        <>
          {view.fit && <Alert type="info" style={{ marginBottom: 16 }} title={`${t('fromFit')}：${tx(view.fit.typeLabel)}`} />}
          <Steps
            current={current}
            onChange={setCurrent}
            items={EXIT_STAGES.map((s, i) => ({ title: t(`steps.${s}`), disabled: i > stageIndex(view) }))}
            style={{ marginBottom: 24 }}
            data-testid="exit-steps"
          />
          {current === 0 && <PrepareStep {...props} />}
          {current === 1 && <SubmitStep {...props} />}
          {current === 2 && <ReviewStep {...props} />}
          {current === 3 && <ProceduresStep {...props} />}
          {current === 4 && <DoneStep {...props} />}
          {current === 5 && <AfterStep {...props} />}
          {current < stageIndex(view) && (
            <Button style={{ marginTop: 16 }} onClick={() => setCurrent(current + 1)} data-testid="exit-next">
              {t(`steps.${EXIT_STAGES[current + 1]}`)} →
            </Button>
          )}
          <div style={{ marginTop: 24 }}>
            <Paperwork />
          </div>
          {view.openItems.length > 0 && (
            <Alert
              style={{ marginTop: 16 }}
              type="warning"
              title={t('openItems')}
              description={
                <ul style={{ margin: 0 }}>
                  {view.openItems.map((o, i) => (
                    <li key={i}>{tx(o)}</li>
                  ))}
                </ul>
              }
            />
          )}
          <Typography.Title level={5} style={{ marginTop: 32 }}>
            {t('timeline')}
          </Typography.Title>
          <Timeline items={view.timeline.map((e) => ({ key: e.id, title: formatTime(e.at), content: tx(e.text) }))} />
        </>
      )}
    </Card>
  );
}
