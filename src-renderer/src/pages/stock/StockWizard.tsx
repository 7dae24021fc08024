import { useEffect, useState } from 'react';
import { Alert, Button, Card, Space, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WizardStepState } from '../../../../src-shared/types/stock';
import { useChanged, useChannel } from '../../useChannel';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { WarehousesStep } from './WarehousesStep';
import { CategoriesStep } from './CategoriesStep';
import { ScheduleStep } from './ScheduleStep';
import { MappingStep } from './MappingStep';
import { LinkingStep } from './LinkingStep';
import { AutoStep } from './AutoStep';
import { FileImportCard, WatchFolderCard } from './FileImportCard';
import { useLang } from '../../useLang';
import { STEP_KEY, savedStep } from './wizardStep';

const KEYS: WizardStepState['key'][] = ['warehouses', 'categories', 'schedule', 'mapping', 'linking'];
// The wizard can be left and resumed: the data lives in main, the open step here.

/** 自动绑定&解绑 setup: the five steps of the source document (2 to 4.1), each showing what is done. */
export function StockWizard() {
  const { t } = useTranslation('stock');
  // The last step (开启自动绑定&解绑) belongs to the auto area and speaks its words.
  const { t: ta } = useTranslation('auto');
  const { pick } = useLang();
  const overview = useChannel('stock.overview', {});
  useChanged('stock', overview.reload);
  useChanged('sku', overview.reload);
  const [current, setCurrent] = useState(savedStep);
  useEffect(() => localStorage.setItem(STEP_KEY, String(current)), [current]);
  const steps = overview.data?.steps ?? [];
  const state = steps[current];
  // A file-source seller's warehouses, categories and first run all come from the uploaded file.
  const fileSource = useChannel('connect.status', {}).data?.stockSource.kind === 'file';

  return (
    <Card title={t('title')} data-testid="stock-wizard">
      <Typography.Paragraph>{t('intro')}</Typography.Paragraph>
      <ApiErrorAlert error={overview.error} onRetry={() => void overview.reload()} />
      <Steps
        current={current}
        onChange={setCurrent}
        style={{ marginBottom: 24 }}
        items={[
          ...KEYS.map((k, i) => ({
            title: t(`steps.${k}`),
            status: (steps[i]?.done ? 'finish' : i === current ? 'process' : 'wait') as 'finish' | 'process' | 'wait',
            content: steps[i] ? (steps[i].done ? t('done') : `${t('todo')} ${steps[i].todo.length}`) : undefined,
          })),
          { title: ta('wizard.step'), status: current === KEYS.length ? 'process' : 'wait', content: undefined },
        ]}
        data-testid="stock-steps"
      />
      {state && !state.done && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('todo')}
          description={
            <ul style={{ margin: 0 }}>
              {state.todo.map((x) => (
                <li key={x.zh}>{pick(x)}</li>
              ))}
            </ul>
          }
          data-testid="stock-step-todo"
        />
      )}
      {fileSource && (current === 0 || current === 2) && <FileImportCard />}
      {fileSource && current === 2 && <WatchFolderCard />}
      {current === 0 && <WarehousesStep />}
      {current === 1 && <CategoriesStep />}
      {current === 2 && <ScheduleStep />}
      {current === 3 && <MappingStep overview={overview} />}
      {current === 4 && <LinkingStep />}
      {current === KEYS.length && <AutoStep />}
      <Space style={{ marginTop: 24 }}>
        {current > 0 && <Button onClick={() => setCurrent(current - 1)}>{t('prev')}</Button>}
        {current < KEYS.length && (
          <Button type="primary" onClick={() => setCurrent(current + 1)} data-testid="stock-next">
            {t('nextTo', { step: current + 1 < KEYS.length ? t(`steps.${KEYS[current + 1]}`) : ta('wizard.step') })}
          </Button>
        )}
      </Space>
    </Card>
  );
}
