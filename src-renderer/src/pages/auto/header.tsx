/** The one switch, in the header of every screen: big, clear, and it asks before changing. */
import { useEffect, useState } from 'react';
import { Popconfirm, Space, Switch, Typography, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useChanged, useChannel, useErrorText } from '../../useChannel';

export function HeaderControl() {
  const { t } = useTranslation('auto');
  // auto.status is a screen's slowest first call (it counts the whole catalogue: most of a second at
  // 100k listing SKUs) and the host answers calls one at a time, in the order they come. Asked right
  // after the screen's own first calls (the header's effects run before the area's), it no longer
  // holds back the screen's data.
  const [ask, setAsk] = useState(false);
  useEffect(() => {
    const t = window.setTimeout(() => setAsk(true));
    return () => window.clearTimeout(t);
  }, []);
  const status = useChannel('auto.status', {}, { skip: !ask });
  useChanged('auto', status.reload);
  const [busy, setBusy] = useState(false);
  const errorText = useErrorText();
  const on = status.data?.settings.enabled ?? false;
  const flip = async () => {
    setBusy(true);
    try {
      await api['auto.setSwitch']({ on: !on });
      await status.reload();
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Popconfirm
      title={on ? t('switch.confirmOff') : t('switch.confirmOn')}
      description={<div style={{ maxWidth: 320 }}>{on ? t('switch.confirmOffBody') : t('switch.confirmOnBody')}</div>}
      okText={t('switch.ok')}
      cancelText={t('switch.cancel')}
      onConfirm={() => void flip()}
    >
      <Space style={{ cursor: 'pointer' }} data-testid="auto-switch-area">
        <Typography.Text strong>{t('switch.label')}</Typography.Text>
        <Switch
          checked={on}
          loading={busy || !ask || status.loading}
          checkedChildren={t('switch.on')}
          unCheckedChildren={t('switch.off')}
          style={{ transform: 'scale(1.25)', marginInline: 8, background: on ? '#52c41a' : undefined }}
          data-testid="auto-switch"
          aria-label={t('switch.label')}
        />
      </Space>
    </Popconfirm>
  );
}
