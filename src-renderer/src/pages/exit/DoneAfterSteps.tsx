import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Input, Space, Typography } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ExitExportResult, ExitWipeResult } from '../../../../src-shared/types/exit';
import { api } from '../../api';
import { downloadBase64 } from '../../download';
import { useChanged, useChannel } from '../../useChannel';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useAction } from '../../useAction';
import { beijingToday, type StepProps } from './shared';
import { formatTime } from '../../formatTime';
import { useLang } from '../../useLang';

export function DoneStep({ view, onChange }: StepProps) {
  const { t } = useTranslation('exit');
  const action = useAction();
  const [on, setOn] = useState(view.done.confirmedOn ?? beijingToday());
  const [status, setStatus] = useState(view.done.storeStatus ?? '已退店');
  return (
    <Space orientation="vertical">
      <ApiErrorAlert error={action.error} />
      <Space wrap>
        <label>
          {t('confirmedOn')}{' '}
          <Input type="date" value={on} onChange={(e) => setOn(e.target.value)} style={{ width: 170 }} data-testid="exit-confirmed-on" />
        </label>
        <label>
          {t('storeStatus')} <Input value={status} maxLength={60} onChange={(e) => setStatus(e.target.value)} style={{ width: 200 }} />
        </label>
        <Button
          type="primary"
          loading={action.busy}
          disabled={!on || !status.trim()}
          data-testid="exit-confirm-done"
          onClick={() =>
            void action.run(() => api['exit.confirmDone']({ confirmedOn: on, storeStatus: status.trim() })).then((v) => v && onChange(v))
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
  const navigate = useNavigate();
  const docs = useChannel('exit.paperwork', {});
  useChanged('exit', docs.reload);
  return (
    <Card type="inner" title={t('paperwork')} data-testid="exit-paperwork">
      <ApiErrorAlert error={docs.error} onRetry={() => void docs.reload()} />
      <Typography.Paragraph type="secondary">{t('paperworkHint')}</Typography.Paragraph>
      <Space wrap>
        {(docs.data?.documents ?? []).map((d) => (
          <Button
            key={d.name}
            icon={<PrinterOutlined />}
            onClick={() => navigate(`/exit/print/${encodeURIComponent(d.name)}`)}
            data-testid={`exit-doc-${d.name}`}
          >
            {d.title}
          </Button>
        ))}
      </Space>
    </Card>
  );
}

export function AfterStep({ view, onChange }: StepProps) {
  const { t } = useTranslation('exit');
  const { pick: tx } = useLang();
  const action = useAction();
  const [confirm, setConfirm] = useState('');
  const [exported, setExported] = useState<ExitExportResult>();
  const [wiped, setWiped] = useState<ExitWipeResult>();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <ApiErrorAlert error={action.error} />
      <Card type="inner" title={t('reminders')}>
        {view.after.reminders.map((r) => (
          <div key={r.key}>
            <Checkbox
              checked={r.done}
              onChange={(e) =>
                void action.run(() => api['exit.setAfter']({ key: r.key, done: e.target.checked })).then((v) => v && onChange(v))
              }
            >
              {tx(r.text)}
            </Checkbox>
          </div>
        ))}
      </Card>
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
          <Typography.Paragraph data-testid="exit-export-entries">
            {t('exportEntries', { n: exported.entries.length })}
          </Typography.Paragraph>
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
                onChange((await api['exit.get']({})).case!);
              })
          }
        >
          {t('export')}
        </Button>
      </Card>
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
                      onChange((await api['exit.get']({})).case!);
                    })
                }
              >
                {t('wipe')}
              </Button>
            </Space>
          </Space>
        )}
      </Card>
    </Space>
  );
}
