/** The one switch, in the header of every screen: big, clear, and it asks before changing. */
import { useEffect, useState } from 'react';
import { Popconfirm, Space, Switch, Tag, Tooltip, Typography, message } from 'antd';
import { useNavigate } from 'react-router';
import type { AutoStatus } from '../../../../src-shared/types/auto';
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
  // Linking, mapping and stock reads move the risk count too, not only the engine's passes.
  useChanged(['auto', 'stock', 'sku'], status.reload);
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
    <Space>
      <RiskTags status={status.data} />
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
    </Space>
  );
}

/**
 * What needs the seller on every screen, not only on the dashboard: listing SKUs that can oversell
 * and mass unbinds held for an answer (the tray says the same in the desktop app; the browser has
 * no tray). Each goes to the dashboard.
 */
function RiskTags({ status }: { status: AutoStatus | undefined }) {
  const { t } = useTranslation('auto');
  const navigate = useNavigate();
  if (!status) return null;
  const risk = status.oversellRisk;
  const held = status.counts.held;
  const open = () => navigate('/auto');
  return (
    <>
      {held > 0 && (
        <Tooltip title={t('header.heldTip')}>
          <Tag color="orange" style={{ cursor: 'pointer', marginInlineEnd: 0 }} onClick={open} data-testid="header-held">
            {t('header.held', { n: held })}
          </Tag>
        </Tooltip>
      )}
      {risk > 0 && (
        <Tooltip title={t('header.riskTip', { n: risk })}>
          <Tag color="red" style={{ cursor: 'pointer', marginInlineEnd: 0 }} onClick={open} data-testid="header-risk">
            {t('header.risk', { n: risk })}
          </Tag>
        </Tooltip>
      )}
    </>
  );
}
