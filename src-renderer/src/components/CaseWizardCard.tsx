/** The frame of a case wizard (退店, 退保证金): intro, start, the steps with "next", and the case's timeline. */
import type { ReactNode } from 'react';
import { Button, Card, Space, Spin, Steps, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Bilingual } from '../../../src-shared/bilingual';
import type { CaseWizard } from '../useCaseWizard';
import { useAction } from '../useAction';
import { formatTime } from '../formatTime';
import { useLang } from '../useLang';
import { ApiErrorAlert } from './ApiErrorAlert';

interface CaseView {
  stage: string;
  timeline: { id: number; at: string; text: Bilingual }[];
}

/** What a wizard shows of its open case: the step shown, and around the steps what it adds. */
export interface CaseParts {
  step: ReactNode;
  /** Above the steps. */
  banner?: ReactNode;
  /** Between "next" and the timeline. */
  after?: ReactNode;
  status?: 'error';
  /** A line under a step's title. */
  content?: (i: number) => ReactNode;
}

/**
 * `area` is the wizard's i18n namespace and test id prefix (`<area>-page`, `-start`, `-steps`,
 * `-next`); `open` starts the case, `startExtra` stands beside the start button.
 */
export function CaseWizardCard<V extends CaseView>({
  area,
  wizard: { got, view, current, setCurrent, update },
  stages,
  stageIndex,
  open,
  startExtra,
  children,
}: {
  area: 'exit' | 'deposit';
  wizard: CaseWizard<V>;
  stages: readonly string[];
  stageIndex: (v: V) => number;
  open: () => Promise<V>;
  startExtra?: ReactNode;
  children: (view: V) => CaseParts;
}) {
  const { t } = useTranslation(area);
  const { pick } = useLang();
  const action = useAction();

  if (got.loading && !view) return <Spin />;
  const start = (
    <Button
      type="primary"
      data-testid={`${area}-start`}
      loading={action.busy}
      onClick={() => void action.run(open).then((v) => v && update(v))}
    >
      {t('start')}
    </Button>
  );
  const parts = view && children(view);
  return (
    <Card title={t('title')} data-testid={`${area}-page`}>
      <Typography.Paragraph>{t('intro')}</Typography.Paragraph>
      <ApiErrorAlert error={got.error ?? action.error} onRetry={() => void got.reload()} />
      {!view || !parts ? (
        startExtra ? (
          <Space>
            {start}
            {startExtra}
          </Space>
        ) : (
          start
        )
      ) : (
        <>
          {parts.banner}
          <Steps
            current={current}
            onChange={setCurrent}
            status={parts.status}
            items={stages.map((s, i) => ({ title: t(`steps.${s}`), disabled: i > stageIndex(view), content: parts.content?.(i) }))}
            style={{ marginBottom: 24 }}
            data-testid={`${area}-steps`}
          />
          {parts.step}
          {current < stageIndex(view) && (
            <Button style={{ marginTop: 16 }} onClick={() => setCurrent(current + 1)} data-testid={`${area}-next`}>
              {t(`steps.${stages[current + 1]}`)} →
            </Button>
          )}
          {parts.after}
          <Typography.Title level={5} style={{ marginTop: 32 }}>
            {t('timeline')}
          </Typography.Title>
          <Timeline items={view.timeline.map((e) => ({ key: e.id, title: formatTime(e.at), content: pick(e.text) }))} />
        </>
      )}
    </Card>
  );
}
