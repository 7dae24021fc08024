import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Input, Space, Table, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Bilingual, ExitExportResult, ExitWipeResult } from '../../../../src-shared/types/exit';
import { api } from '../../api';
import { downloadBase64 } from '../../download';
import { useChanged, useChannel } from '../../useChannel';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { beijingToday, type StepProps } from './shared';
import { DateField, useCaseSave } from './stepParts';
import { formatTime } from '../../formatTime';
import { useLang } from '../../useLang';

export function DoneStep({ view, onChange }: StepProps) {
  const { t } = useTranslation('exit');
  const { pick: tx } = useLang();
  const action = useCaseSave(onChange);
  const [on, setOn] = useState(view.done.confirmedOn ?? beijingToday());
  const [status, setStatus] = useState(view.done.storeStatus ?? '已退店');
  // The count the seller confirmed, kept with the tick: a list that changes under it needs a new tick.
  const [confirmedBound, setConfirmedBound] = useState<number | null>(null);
  const bound = view.done.stillBound;
  const override = bound.length > 0 && confirmedBound === bound.length;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ApiErrorAlert error={action.error} />
      {/*
        Still bound here: normally too early to confirm. An unbind the platform refused, or a store
        closed before the listings were refreshed, keeps them bound for good, so the seller may
        confirm what Seller Center shows, with the SKUs listed and counted.
      */}
      {bound.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('stillBound.title', { n: bound.length })}
          data-testid="exit-still-bound"
          description={
            <Space orientation="vertical" style={{ width: '100%' }}>
              <span>{t('stillBound.why')}</span>
              <Table
                size="small"
                pagination={bound.length > 10 ? { pageSize: 10 } : false}
                rowKey={(x) => `${x.sku}|${x.note?.zh ?? ''}`}
                dataSource={bound}
                columns={[
                  { title: t('readinessRows.listingSku'), dataIndex: 'sku' },
                  { title: t('readinessRows.productState'), dataIndex: 'note', render: (n?: Bilingual) => (n ? tx(n) : '') },
                ]}
              />
              <Checkbox
                checked={override}
                onChange={(e) => setConfirmedBound(e.target.checked ? bound.length : null)}
                data-testid="exit-still-bound-confirm"
              >
                {t('stillBound.confirm', { n: bound.length })}
              </Checkbox>
            </Space>
          }
        />
      )}
      <Space wrap>
        <DateField label={t('confirmedOn')} value={on} onChange={setOn} testId="exit-confirmed-on" />
        <label>
          {t('storeStatus')} <Input value={status} maxLength={60} onChange={(e) => setStatus(e.target.value)} style={{ width: 200 }} />
        </label>
        <Button
          type="primary"
          loading={action.busy}
          disabled={!on || !status.trim()}
          data-testid="exit-confirm-done"
          onClick={() =>
            action.save(() =>
              api['exit.confirmDone']({ confirmedOn: on, storeStatus: status.trim(), ...(override ? { stillBound: bound.length } : {}) }),
            )
          }
        >
          {t('confirmDone')}
        </Button>
      </Space>
    </Space>
  );
}

/** The documents, each opened as its own printable page (打印 / 另存为 PDF from there). */
export function Paperwork() {
  const { t } = useTranslation('exit');
  const { en, pick } = useLang();
  const navigate = useNavigate();
  const docs = useChannel('exit.paperwork', {});
  useChanged('exit', docs.reload);
  return (
    <Card type="inner" title={t('paperwork')} data-testid="exit-paperwork">
      <ApiErrorAlert error={docs.error} onRetry={() => void docs.reload()} />
      <Typography.Paragraph type="secondary">{t('paperworkHint')}</Typography.Paragraph>
      {/* The buttons speak the seller's language; the documents stay Chinese, so say so before one opens. */}
      {en && (
        <Typography.Paragraph type="secondary" data-testid="exit-paperwork-chinese">
          {t('paperworkChinese')}
        </Typography.Paragraph>
      )}
      <Space wrap>
        {(docs.data?.documents ?? []).map((d) => (
          <Button
            key={d.name}
            icon={<PrinterOutlined />}
            onClick={() => navigate(`/exit/print/${encodeURIComponent(d.name)}`)}
            data-testid={`exit-doc-${d.name}`}
          >
            {pick(d.title)}
          </Button>
        ))}
      </Space>
    </Card>
  );
}

export function AfterStep({ view, onChange }: StepProps) {
  const action = useCaseSave(onChange);
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <ApiErrorAlert error={action.error} />
      <RemindersCard view={view} onChange={onChange} action={action} />
      <ExportCard view={view} onChange={onChange} action={action} />
      <WipeCard view={view} onChange={onChange} action={action} />
    </Space>
  );
}

/** The after step's cards: they share the step's action, so its error shows once above them. */
type AfterCardProps = StepProps & { action: ReturnType<typeof useCaseSave> };

/** After an export or a wipe, which answer with what they did, the case as it now stands. */
async function showCase(onChange: StepProps['onChange']) {
  onChange((await api['exit.get']({})).case!);
}

function RemindersCard({ view, action }: AfterCardProps) {
  const { t } = useTranslation('exit');
  const { pick: tx } = useLang();
  return (
    <Card type="inner" title={t('reminders')}>
      {view.after.reminders.map((r) => (
        <div key={r.key}>
          <Checkbox checked={r.done} onChange={(e) => action.save(() => api['exit.setAfter']({ key: r.key, done: e.target.checked }))}>
            {tx(r.text)}
          </Checkbox>
        </div>
      ))}
    </Card>
  );
}

function ExportCard({ view, onChange, action }: AfterCardProps) {
  const { t } = useTranslation('exit');
  const { pick: tx } = useLang();
  const [exported, setExported] = useState<ExitExportResult>();
  return (
    <Card type="inner" title={t('export')}>
      <Typography.Paragraph type="secondary">{t('exportHint')}</Typography.Paragraph>
      {view.after.exportedAt && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="exit-exported"
          title={`${t('exported')}：${view.after.exportFile ?? ''}`}
        />
      )}
      {exported && (
        <Typography.Paragraph data-testid="exit-export-entries">{t('exportEntries', { n: exported.entries.length })}</Typography.Paragraph>
      )}
      {exported?.pdfNote && (
        <Alert type="info" showIcon style={{ marginBottom: 8 }} data-testid="exit-export-pdf-note" title={tx(exported.pdfNote)} />
      )}
      <Button
        data-testid="exit-export"
        icon={<DownloadOutlined />}
        loading={action.busy}
        onClick={() =>
          void action
            .run(() => api['exit.export']({ download: true, pdf: true }))
            .then(async (r) => {
              if (!r?.contentBase64) return;
              downloadBase64(r.fileName, r.contentBase64, 'application/zip');
              setExported(r);
              await showCase(onChange);
            })
        }
      >
        {t('export')}
      </Button>
    </Card>
  );
}

function WipeCard({ view, onChange, action }: AfterCardProps) {
  const { t } = useTranslation('exit');
  const { pick: tx } = useLang();
  const [confirm, setConfirm] = useState('');
  const [wiped, setWiped] = useState<ExitWipeResult>();
  return (
    <Card type="inner" title={t('wipe')}>
      {view.after.exportsInDataFolder.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="exit-exports-left"
          title={t('exportsLeft')}
          description={
            <ul style={{ margin: 0 }}>
              {view.after.exportsInDataFolder.map((f) => (
                <li key={f}>
                  <Typography.Text code copyable>
                    {f}
                  </Typography.Text>
                </li>
              ))}
            </ul>
          }
        />
      )}
      {view.after.wipedAt ? (
        <Alert
          type="success"
          showIcon
          data-testid="exit-wiped"
          title={`${t('wipeDone')}：${formatTime(view.after.wipedAt)}`}
          description={
            wiped && (
              <div data-testid="exit-wipe-removed">
                {t('wipeRemoved')}
                <ul style={{ margin: 0 }}>
                  {wiped.removed.map((x, i) => (
                    <li key={i}>{tx(x)}</li>
                  ))}
                </ul>
                {t('wipeAfter')}
              </div>
            )
          }
        />
      ) : (
        <Space orientation="vertical">
          {!view.after.exportedAt && <Alert type="info" showIcon title={t('exportFirst')} />}
          <Typography.Text>{t('wipeHint', { name: view.after.wipeConfirmText })}</Typography.Text>
          <Space>
            <Input value={confirm} onChange={(e) => setConfirm(e.target.value)} style={{ width: 240 }} data-testid="exit-wipe-confirm" />
            <Button
              danger
              disabled={confirm.trim() !== view.after.wipeConfirmText || !view.after.exportedAt}
              data-testid="exit-wipe"
              onClick={() =>
                void action
                  .run(() => api['exit.wipe']({ confirm }))
                  .then(async (r) => {
                    if (!r) return;
                    setWiped(r);
                    await showCase(onChange);
                  })
              }
            >
              {t('wipe')}
            </Button>
          </Space>
        </Space>
      )}
    </Card>
  );
}
