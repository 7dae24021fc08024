import { useRef, useState } from 'react';
import { Alert, Button, Card, Checkbox, Input, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ExitDocument } from '../../../../src-shared/channels/exit';
import { api } from '../../api';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useAction } from '../deposit/useAction';
import { beijingToday, useTx, type StepProps } from './shared';

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
          {t('confirmedOn')} <Input type="date" value={on} onChange={(e) => setOn(e.target.value)} style={{ width: 170 }} />
        </label>
        <label>
          {t('storeStatus')} <Input value={status} maxLength={60} onChange={(e) => setStatus(e.target.value)} style={{ width: 200 }} />
        </label>
        <Button
          type="primary"
          loading={action.busy}
          disabled={!on || !status.trim()}
          data-testid="exit-confirm-done"
          onClick={() => void action.run(() => api['exit.confirmDone']({ confirmedOn: on, storeStatus: status.trim() })).then((v) => v && onChange(v))}
        >
          {t('confirmDone')}
        </Button>
      </Space>
    </Space>
  );
}

/** The documents, each printable from a frame: Electron and the browser print the same HTML. */
export function Paperwork() {
  const { t } = useTranslation('exit');
  const action = useAction();
  const [docs, setDocs] = useState<ExitDocument[]>();
  const [shown, setShown] = useState<ExitDocument>();
  const frame = useRef<HTMLIFrameElement>(null);
  return (
    <Card type="inner" title={t('paperwork')}>
      <ApiErrorAlert error={action.error} />
      {!docs ? (
        <Button onClick={() => void action.run(() => api['exit.paperwork']({})).then((r) => r && setDocs(r.documents))} data-testid="exit-paperwork">
          {t('paperwork')}
        </Button>
      ) : (
        <Space wrap>
          {docs.map((d) => (
            <Button key={d.name} onClick={() => setShown(d)}>
              {d.title}
            </Button>
          ))}
        </Space>
      )}
      <Modal
        open={!!shown}
        width={900}
        title={shown?.title}
        onCancel={() => setShown(undefined)}
        okText={t('print')}
        onOk={() => frame.current?.contentWindow?.print()}
      >
        {shown && <iframe ref={frame} title={shown.title} srcDoc={shown.html} style={{ width: '100%', height: '70vh', border: '1px solid #ddd' }} />}
      </Modal>
    </Card>
  );
}

export function AfterStep({ view, onChange }: StepProps) {
  const { t } = useTranslation('exit');
  const tx = useTx();
  const action = useAction();
  const [confirm, setConfirm] = useState('');
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <ApiErrorAlert error={action.error} />
      <Card type="inner" title={t('reminders')}>
        {view.after.reminders.map((r) => (
          <div key={r.key}>
            <Checkbox checked={r.done} onChange={(e) => void action.run(() => api['exit.setAfter']({ key: r.key, done: e.target.checked })).then((v) => v && onChange(v))}>
              {tx(r.text)}
            </Checkbox>
          </div>
        ))}
      </Card>
      <Card type="inner" title={t('export')}>
        {view.after.exportedAt && <Alert type="success" title={`${t('exported')}：${view.after.exportFile}`} style={{ marginBottom: 8 }} />}
        <Button
          data-testid="exit-export"
          loading={action.busy}
          onClick={() => void action.run(() => api['exit.export']({})).then(async (r) => r && onChange((await api['exit.get']({})).case!))}
        >
          {t('export')}
        </Button>
      </Card>
      <Card type="inner" title={t('wipe')}>
        {view.after.wipedAt ? (
          <Alert type="success" title={`${t('wipeDone')}：${new Date(view.after.wipedAt).toLocaleString()}`} />
        ) : (
          <Space orientation="vertical">
            <Typography.Text>{t('wipeHint', { name: view.after.wipeConfirmText })}</Typography.Text>
            <Space>
              <Input value={confirm} onChange={(e) => setConfirm(e.target.value)} style={{ width: 240 }} data-testid="exit-wipe-confirm" />
              <Button
                danger
                disabled={confirm.trim() !== view.after.wipeConfirmText || !view.after.exportedAt}
                data-testid="exit-wipe"
                onClick={() => void action.run(() => api['exit.wipe']({ confirm })).then(async (r) => r && onChange((await api['exit.get']({})).case!))}
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
