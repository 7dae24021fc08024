/**
 * 自动绑定/解绑看板: the counts a seller trusts, the oversell-risk list, binds/unbinds over time and
 * the stock-out → unbind time, held runs to confirm or reject, the dry run with reasons, the outbox
 * and the audit log (filtered, exported to Excel).
 */
import { useEffect, useRef, useState } from 'react';
import { Space, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useChanged, useChannel } from '../../useChannel';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { PageHead } from '../../components/PageHead';
import { NowCard } from './NowCard';
import { RiskTab } from './RiskTab';
import { DemoTools } from './DemoTools';
import { HeldRun } from './HeldRun';
import { CountsCard } from './CountsCard';
import { ChartTab } from './ChartTab';
import { DryRunTab } from './DryRunTab';
import { ActionsTab } from './ActionsTab';
import { AuditTab } from './AuditTab';
import { SettingsTab } from './SettingsTab';

export function AutoDashboard() {
  const { t } = useTranslation('auto');
  const dash = useChannel('auto.dashboard', {});
  const held = useChannel('auto.held.list', {});
  const reload = async () => {
    await Promise.all([dash.reload(), held.reload()]);
  };
  useChanged('auto', reload);
  useChanged('stock', reload);
  const d = dash.data;
  const on = d?.status.settings.enabled ?? false;
  const [tab, setTab] = useState('risk');
  const [dryOnly, setDryOnly] = useState<'changes' | 'blocked' | 'all'>('changes');
  // "查看原因" opens the blocked list further down: bring it into view once it is shown.
  const [showAsked, setShowAsked] = useState(0);
  const tabsRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (showAsked) tabsRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [showAsked]);
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="auto-dashboard">
      <PageHead title={t('title')} intro={t('intro')} />
      <ApiErrorAlert error={dash.error} onRetry={() => void dash.reload()} />
      {d && (
        <NowCard
          key="now"
          d={d}
          onShowBlocked={() => {
            setDryOnly('blocked');
            setTab('dry');
            setShowAsked((n) => n + 1);
          }}
        />
      )}
      {(held.data ?? []).map((r) => (
        <HeldRun key={`held-${r.id}`} run={r} onDone={reload} />
      ))}
      {/* Explicit keys: a held run appearing above must not remount the demo card (and lose its message). */}
      <DemoTools key="demo" />
      {d && <CountsCard key="counts" d={d} />}
      <div ref={tabsRef} key="tabs" data-testid="auto-tabs">
        <Tabs
          key="tabs"
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'risk', label: t('tabs.risk'), children: d && <RiskTab d={d} onChanged={reload} /> },
            { key: 'chart', label: t('tabs.chart'), children: d && <ChartTab d={d} /> },
            { key: 'dry', label: t('tabs.dry'), children: <DryRunTab on={on} onRan={reload} only={dryOnly} setOnly={setDryOnly} /> },
            { key: 'actions', label: t('tabs.actions'), children: <ActionsTab /> },
            { key: 'audit', label: t('tabs.audit'), children: <AuditTab /> },
            { key: 'settings', label: t('tabs.settings'), children: d && <SettingsTab settings={d.status.settings} onSaved={reload} /> },
          ]}
        />
      </div>
    </Space>
  );
}
