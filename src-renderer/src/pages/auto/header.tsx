/** The one switch, in the header of every screen: big, clear, and it asks before changing. */
import { useState } from 'react';
import { Popconfirm, Space, Switch, Typography, message } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useChanged, useChannel, useErrorText } from '../../useChannel';

export function HeaderControl() {
  const { t } = useTranslation('auto');
  const status = useChannel('auto.status', {});
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
          loading={busy || status.loading}
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
