import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Descriptions, Form, Progress, Select, Space, Switch, Table, Tag, Tooltip } from 'antd';
import { NumberInput } from '../../components/NumberInput';
import { useTranslation } from 'react-i18next';
import type { StockSyncSettings, SyncRunInfo } from '../../../../src-shared/types/stock';
import type { TaskProgress } from '../../../../src-shared/types/app';
import { api } from '../../api';
import { useChanged, useChannel } from '../../useChannel';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useAction } from '../../useAction';
import { formatTime } from '../../formatTime';
import { useFieldErrors } from '../../useFieldErrors';
import { useLang } from '../../useLang';
import { optionsOf } from '../../components/optionsOf';
import { formatCount } from '../../../../src-shared/count';

const STATUS_COLOR: Record<SyncRunInfo['status'], string> = { ok: 'green', failed: 'red', cancelled: 'orange', running: 'blue' };

/** The sync history's figure columns: locale key, and the run's field. */
const COUNT_COLUMNS = [
  ['read', 'rowsRead'],
  ['written', 'rowsWritten'],
  ['changed', 'rowsChanged'],
  ['skipped', 'rowsSkippedCategory'],
  ['stale', 'rowsStale'],
] as const satisfies readonly (readonly [string, keyof SyncRunInfo])[];

/** Step 3 同步设置: interval, sync now with progress and cancel, the next strategy and the run history. */
export function ScheduleStep() {
  const { t } = useTranslation('stock');
  const { en, pick } = useLang();
  const status = useChannel('stock.sync.status', {});
  const [page, setPage] = useState(1);
  const runs = useChannel('stock.runs.list', { page, pageSize: 20 });
  const reload = () => Promise.all([status.reload(), runs.reload()]);
  useChanged('stock', reload);
  const [progress, setProgress] = useState<TaskProgress | null>(null);
  const action = useAction();
  const [form] = Form.useForm<StockSyncSettings>();
  // Only the save's refusal belongs at the fields; sync now / cancel keep the alert.
  const [saveError, setSaveError] = useState(false);
  const fields = useFieldErrors(form, saveError ? action.error : undefined);
  // The saved settings go into the form when they first come and whenever they change; a reload that
  // brings the same ones (every stock run reloads the status) leaves what the seller is typing alone.
  const applied = useRef<string>(undefined);
  useEffect(() => {
    const saved = status.data?.settings;
    if (!saved || applied.current === JSON.stringify(saved)) return;
    applied.current = JSON.stringify(saved);
    form.setFieldsValue(saved);
  }, [status.data, form]);
  useEffect(
    () =>
      api.on('progress', (p) => {
        if (p.task !== 'stock.sync') return;
        setProgress(p.finished ? null : p);
        if (p.finished) void reload();
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const s = status.data;
  // A file source has nothing to read on a timer: its stock comes in through the upload above.
  const fileSource = useChannel('connect.status', {}).data?.stockSource.kind === 'file';

  return (
    <>
      <ApiErrorAlert error={status.error ?? (saveError ? fields.rest : action.error)} />
      {s && !s.sourceConfigured && !fileSource && (
        <Alert type="warning" showIcon title={t('sched.noSource')} style={{ marginBottom: 16 }} />
      )}
      <Form
        form={form}
        layout="inline"
        // Until the saved settings are in, so nothing typed is overwritten as they arrive.
        disabled={!s}
        onFinish={(v) => {
          setSaveError(true);
          void action.run(() => api['stock.settings.set'](v)).then((r) => r && status.reload());
        }}
        onValuesChange={fields.onValuesChange}
        style={{ marginBottom: 16 }}
      >
        <Form.Item name="intervalMinutes" label={t('sched.interval')} rules={[{ required: true }]}>
          <NumberInput data-testid="sync-interval" />
        </Form.Item>
        <Form.Item name="fullEveryHours" label={t('sched.fullEvery')} rules={[{ required: true }]}>
          <NumberInput data-testid="sync-full-every" />
        </Form.Item>
        <Form.Item name="scheduleEnabled" label={t('sched.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="caseRule" label={t('sched.caseRule')}>
          <Select style={{ width: 140 }} options={optionsOf(['insensitive', 'sensitive'], (k) => t(`sched.${k}`))} />
        </Form.Item>
        <Button htmlType="submit" data-testid="sync-save">
          {t('sched.save')}
        </Button>
      </Form>
      <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('sched.next')}>{formatTime(s?.nextAt)}</Descriptions.Item>
        <Descriptions.Item label={t('sched.strategy')}>
          {s?.next ? (
            <>
              <Tag>{t(`sched.${s.next.strategy}`)}</Tag> {pick(s.next.reason)}
            </>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('sched.last')}>
          {s?.lastRun ? `${formatTime(s.lastRun.finishedAt)} · ${t(`sched.${s.lastRun.status}`)}` : '—'}
        </Descriptions.Item>
      </Descriptions>
      <Space style={{ marginBottom: 16, display: fileSource ? 'none' : undefined }}>
        <Button
          type="primary"
          disabled={!!s?.running || !!progress}
          onClick={() => {
            setSaveError(false);
            void action.run(() => api['stock.sync.now']({})).then(() => status.reload());
          }}
          data-testid="sync-now"
        >
          {t('sched.now')}
        </Button>
        {(s?.running || progress) && (
          <Button
            danger
            onClick={() => {
              setSaveError(false);
              void action.run(() => api['stock.sync.cancel']({}));
            }}
            data-testid="sync-cancel"
          >
            {t('sched.cancelRun')}
          </Button>
        )}
      </Space>
      {progress && (
        <div data-testid="sync-progress">
          <Progress
            percent={progress.total ? Math.round((progress.done / progress.total) * 100) : 99}
            status="active"
            showInfo={!!progress.total}
          />
          <div>{progress.message}</div>
        </div>
      )}
      <Table
        size="small"
        rowKey="id"
        loading={runs.loading}
        dataSource={runs.data?.rows ?? []}
        pagination={{ current: page, pageSize: 20, total: runs.data?.total ?? 0, onChange: setPage }}
        data-testid="sync-history"
        columns={[
          { title: '#', dataIndex: 'id', width: 60 },
          { title: t('sched.started'), dataIndex: 'startedAt', render: formatTime },
          { title: t('sched.runStrategy'), dataIndex: 'strategy', render: (x: string) => t(`sched.${x}`) },
          {
            title: t('sched.status'),
            dataIndex: 'status',
            render: (x: SyncRunInfo['status']) => <Tag color={STATUS_COLOR[x]}>{t(`sched.${x}`)}</Tag>,
          },
          // One column a figure, so runs can be compared down the column; each header says what it counts.
          ...COUNT_COLUMNS.map(([key, field]) => ({
            title: (
              <Tooltip title={t(`sched.countHelp.${key}`)}>
                <span>{t(`sched.countCols.${key}`)}</span>
              </Tooltip>
            ),
            key,
            align: 'right' as const,
            render: (_: unknown, r: SyncRunInfo) => formatCount(r[field]),
          })),
          {
            title: t('sched.errors'),
            render: (_: unknown, r: SyncRunInfo) => r.errors.map((e) => (en ? e.messageEn : e.message)).join('；'),
          },
        ]}
      />
    </>
  );
}
