/**
 * 自动绑定/解绑看板: the counts a seller trusts, the oversell-risk list, binds/unbinds over time and
 * the stock-out → unbind time, held runs to confirm or reject, the dry run with reasons, the outbox
 * and the audit log (filtered, exported to Excel).
 */
import { useEffect, useRef, useState } from 'react';
import type { Dayjs } from 'dayjs';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { ActionState, AuditRow, AutoSettings, DashboardView, HeldRunView, PinMode, SkuDecisionView } from '../../../../src-shared/types/auto';
import { api } from '../../api';
import { useChanged, useChannel } from '../../useChannel';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { downloadBase64 } from '../../download';
import { useAction } from '../../useAction';
import { NowCard } from './NowCard';
import { RiskTab } from './RiskTab';
import { RobotsCard } from './RobotsCard';
import { DemoTools } from './DemoTools';
import { AUDIT_KINDS, auditDetail, auditKindLabel } from './auditText';
import { formatTime } from '../../formatTime';
import { STATE_COLOR, stateLabel } from './stateColor';

const STATUS_COLOR: Record<number, string> = { 1: 'default', 2: 'green', 3: 'gold', 4: 'red' };

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
      <div>
        <Typography.Title level={3}>{t('title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
      </div>
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
      {d && <Counts key="counts" d={d} />}
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

function Counts({ d }: { d: DashboardView }) {
  const { t } = useTranslation('auto');
  const c = d.status.counts;
  const items: [string, number, string?][] = [
    ['bound', c.bound, '#3f8600'],
    ['unbound', c.unbound],
    ['review', c.review, '#d48806'],
    ['refused', c.refused, c.refused ? '#cf1322' : undefined],
    ['held', c.held, c.held ? '#d46b08' : undefined],
    ['risk', d.status.oversellRisk, d.status.oversellRisk ? '#cf1322' : undefined],
  ];
  return (
    <>
      <Row gutter={16}>
        {items.map(([k, v, color]) => (
          <Col key={k} xs={12} md={4}>
            <Card size="small">
              <Statistic title={t(`counts.${k}`)} value={v} styles={{ content: { color } }} data-testid={`auto-count-${k}`} />
            </Card>
          </Col>
        ))}
      </Row>
      <Descriptions size="small" column={3} bordered>
        <Descriptions.Item label={t('sync.last')}>
          {d.status.lastSync ? (
            <Space>
              {formatTime(d.status.lastSync.startedAt)}
              <Tag color={d.status.lastSync.status === 'ok' ? 'green' : d.status.lastSync.status === 'running' ? 'blue' : 'red'}>
                {t(`sync.${d.status.lastSync.status}`, { defaultValue: d.status.lastSync.status })}
              </Tag>
            </Space>
          ) : (
            t('sync.none')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('sync.next')}>{formatTime(d.status.nextSyncAt)}</Descriptions.Item>
        <Descriptions.Item label={t('sync.lastRun')}>{d.status.lastRun ? `#${d.status.lastRun.id} ${formatTime(d.status.lastRun.at)}` : t('sync.none')}</Descriptions.Item>
      </Descriptions>
    </>
  );
}

function HeldRun({ run, onDone }: { run: HeldRunView; onDone: () => Promise<void> }) {
  const { t } = useTranslation('auto');
  const action = useAction();
  const g = run.gate;
  const answer = (kind: 'confirm' | 'reject') =>
    void action.run(() => (kind === 'confirm' ? api['auto.held.confirm']({ runId: run.id }) : api['auto.held.reject']({ runId: run.id }))).then(onDone);
  return (
    <Alert
      type="warning"
      showIcon
      data-testid={`held-run-${run.id}`}
      title={t('held.title', { id: run.id })}
      description={
        <Space direction="vertical" style={{ width: '100%' }}>
          <span>
            {t('held.body', {
              n: g?.unbinds ?? run.skus.length,
              share: ((g?.share ?? 0) * 100).toFixed(0),
              limit: ((g?.limitShare ?? 0) * 100).toFixed(0),
              count: g?.limitCount ?? 0,
            })}
          </span>
          <Typography.Text type="secondary">{run.skus.slice(0, 30).map((s) => s.sellerSku).join('、')}{run.skus.length > 30 ? ' …' : ''}</Typography.Text>
          <ApiErrorAlert error={action.error} />
        </Space>
      }
      action={
        <Space direction="vertical">
          <Popconfirm title={t('held.confirmAsk')} okText={t('switch.ok')} cancelText={t('switch.cancel')} onConfirm={() => answer('confirm')}>
            <Button type="primary" danger loading={action.busy} data-testid={`held-confirm-${run.id}`}>
              {t('held.confirm')}
            </Button>
          </Popconfirm>
          <Button loading={action.busy} onClick={() => answer('reject')} data-testid={`held-reject-${run.id}`}>
            {t('held.reject')}
          </Button>
        </Space>
      }
    />
  );
}

function ChartTab({ d }: { d: DashboardView }) {
  const { t } = useTranslation('auto');
  const max = Math.max(1, ...d.series.map((s) => Math.max(s.binds, s.unbinds)));
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card size="small" title={`${t('chart.binds')} / ${t('chart.unbinds')}`}>
        <div style={{ display: 'flex', alignItems: 'flex-end', gap: 2, height: 160 }} data-testid="auto-chart">
          {d.series.map((s) => (
            <Tooltip key={s.hour} title={`${formatTime(s.hour)} — ${t('chart.binds')} ${s.binds}, ${t('chart.unbinds')} ${s.unbinds}`}>
              <div style={{ flex: 1, display: 'flex', alignItems: 'flex-end', gap: 1, height: '100%' }}>
                <div style={{ flex: 1, height: `${(s.binds / max) * 100}%`, background: '#52c41a', minHeight: s.binds ? 2 : 0 }} />
                <div style={{ flex: 1, height: `${(s.unbinds / max) * 100}%`, background: '#fa541c', minHeight: s.unbinds ? 2 : 0 }} />
              </div>
            </Tooltip>
          ))}
        </div>
        <div style={{ display: 'flex', justifyContent: 'space-between', marginBlock: 4 }}>
          <Typography.Text type="secondary">{t('chart.from')}</Typography.Text>
          <Typography.Text type="secondary">{t('chart.to')}</Typography.Text>
        </div>
        <Space>
          <Tag color="green">{t('chart.binds')}</Tag>
          <Tag color="volcano">{t('chart.unbinds')}</Tag>
          <Typography.Text type="secondary">{t('chart.hour')}</Typography.Text>
        </Space>
      </Card>
      <Card size="small" title={t('chart.reaction')}>
        {d.reaction.length ? (
          <>
            <Row gutter={16}>
              <Col span={6}>
                <Statistic title={t('chart.median')} value={d.reactionMedianMin ?? 0} precision={1} />
              </Col>
              <Col span={6}>
                <Statistic title={t('chart.p90')} value={d.reactionP90Min ?? 0} precision={1} />
              </Col>
            </Row>
            <Table
              rowKey={(r) => `${r.listingSkuId}-${r.unboundAt}`}
              size="small"
              dataSource={d.reaction}
              pagination={{ pageSize: 10 }}
              columns={[
                { title: t('sellerSku'), dataIndex: 'sellerSku' },
                { title: t('risk.since'), dataIndex: 'firstSeenAt', render: formatTime },
                { title: t('dry.unbind'), dataIndex: 'unboundAt', render: formatTime },
                { title: t('chart.minutes'), dataIndex: 'minutes', render: (m: number) => m.toFixed(1) },
              ]}
            />
          </>
        ) : (
          <Typography.Text type="secondary">{t('chart.none')}</Typography.Text>
        )}
      </Card>
    </Space>
  );
}

function DryRunTab({
  on,
  onRan,
  only,
  setOnly,
}: {
  on: boolean;
  onRan: () => Promise<void>;
  only: 'changes' | 'blocked' | 'all';
  setOnly: (v: 'changes' | 'blocked' | 'all') => void;
}) {
  const { t, i18n } = useTranslation('auto');
  const en = i18n.language === 'en-US';
  const [search, setSearch] = useState<string>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(50);
  const dry = useChannel('auto.dryRun', { only, search, page, pageSize });
  useChanged('auto', dry.reload);
  const action = useAction();
  const pin = (id: number, mode: PinMode) => void action.run(() => api['auto.pin.set']({ listingSkuIds: [id], mode })).then(() => dry.reload());
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <span>{t('dry.only')}</span>
        <Select
          value={only}
          onChange={(v) => {
            setOnly(v);
            setPage(1);
          }}
          style={{ width: 200 }}
          options={(['changes', 'blocked', 'all'] as const).map((k) => ({ value: k, label: t(`dry.${k}`) }))}
          data-testid="dry-only"
        />
        <Input.Search allowClear placeholder={t('dry.search')} onSearch={(v) => (setSearch(v || undefined), setPage(1))} style={{ width: 260 }} />
        <Button type="primary" loading={action.busy} onClick={() => void action.run(() => api['auto.run']({ sync: true, send: true })).then(onRan)} data-testid="auto-run-now">
          {on ? t('dry.run') : t('dry.runOff')}
        </Button>
      </Space>
      {!on && <Alert type="warning" showIcon title={t('offBanner')} data-testid="auto-off-banner" />}
      <ApiErrorAlert error={dry.error ?? action.error} />
      <Table<SkuDecisionView>
        rowKey="listingSkuId"
        size="small"
        loading={dry.loading}
        dataSource={dry.data?.rows}
        data-testid="dry-table"
        pagination={{
          current: page,
          pageSize,
          total: dry.data?.total ?? 0,
          showSizeChanger: true,
          onChange: (p, s) => {
            setPage(p);
            setPageSize(s);
          },
        }}
        columns={[
          { title: t('sellerSku'), dataIndex: 'sellerSku' },
          { title: t('erpSku'), dataIndex: 'erpSku', render: (v: string | null) => v ?? '—' },
          { title: t('risk.status'), dataIndex: 'bindStatus', render: (s: number) => <Tag color={STATUS_COLOR[s]}>{t(`status.${s}`)}</Tag> },
          { title: t('dry.sellable'), dataIndex: 'sellable', render: (v: number | null) => v ?? t('dry.unknown') },
          {
            title: t('dry.stock'),
            render: (_, r) =>
              r.figures.map((f) => (
                <div key={f.storeWarehouse}>
                  {f.storeWarehouse}:{' '}
                  {f.available !== null && f.available < 0 ? <Tag color="red">{t('dry.oversold', { n: f.available })}</Tag> : (f.available ?? t('dry.unknown'))}/{f.safety ?? '—'}{' '}
                  {f.stale && <Tag color="orange">{t('dry.stale')}</Tag>}
                </div>
              )),
          },
          {
            title: t('dry.want'),
            dataIndex: 'want',
            render: (w: SkuDecisionView['want']) =>
              w === 'none' ? (
                t('dry.none')
              ) : (
                <Tag color={w === 'bind' ? 'green' : 'volcano'}>
                  {t(`dry.${w}`)}
                  {!on && ` · ${t('dry.would')}`}
                </Tag>
              ),
          },
          {
            title: t('dry.reason'),
            render: (_, r) => (
              <>
                {en ? r.reasonEn : r.reasonZh}
                {r.prediction && (
                  <div>
                    <Tag color={r.prediction.active ? 'volcano' : 'default'}>{r.prediction.active ? t('dry.early') : t('dry.earlyOff')}</Tag>
                    {en ? r.prediction.en : r.prediction.zh}
                  </div>
                )}
              </>
            ),
          },
          {
            title: t('settings.pin'),
            render: (_, r) => (
              <Select<PinMode>
                size="small"
                value={r.pin}
                style={{ width: 120 }}
                onChange={(m) => pin(r.listingSkuId, m)}
                options={[
                  { value: 'auto', label: t('settings.pinAuto') },
                  { value: 'always_bound', label: t('settings.pinBound') },
                  { value: 'always_unbound', label: t('settings.pinUnbound') },
                ]}
              />
            ),
          },
        ]}
      />
    </Space>
  );
}

function ActionsTab() {
  const { t, i18n } = useTranslation('auto');
  const en = i18n.language === 'en-US';
  const [state, setState] = useState<ActionState>();
  const [page, setPage] = useState(1);
  const list = useChannel('auto.actions.list', { state, page, pageSize: 50 });
  useChanged('auto', list.reload);
  const action = useAction();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Select
        allowClear
        placeholder={t('actions.all')}
        value={state}
        onChange={(v) => (setState(v), setPage(1))}
        style={{ width: 200 }}
        options={(['held', 'queued', 'sent', 'review', 'done', 'refused', 'failed', 'cancelled'] as const).map((s) => ({ value: s, label: t(`states.${s}`) }))}
      />
      <ApiErrorAlert error={list.error ?? action.error} />
      <Table
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.rows}
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: '#', dataIndex: 'id', width: 70 },
          { title: t('sellerSku'), dataIndex: 'sellerSku' },
          { title: t('actions.kind'), dataIndex: 'kind', render: (k: 'bind' | 'unbind') => t(`dry.${k}`) },
          { title: t('actions.state'), dataIndex: 'state', render: (s: ActionState, r) => <Tag color={STATE_COLOR[s]}>{stateLabel(r.kind, s, en)}</Tag> },
          { title: t('actions.attempts'), dataIndex: 'attempts', width: 80 },
          { title: t('actions.message'), render: (_, r) => r.marketMessage ?? r.lastError ?? '' },
          { title: t('actions.created'), dataIndex: 'createdAt', render: formatTime },
          {
            title: '',
            render: (_, r) =>
              r.state === 'failed' || r.state === 'refused' ? (
                <Button size="small" onClick={() => void action.run(() => api['auto.action.retry']({ actionId: r.id })).then(() => list.reload())}>
                  {t('actions.retry')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}

function AuditTab() {
  const { t, i18n } = useTranslation('auto');
  const en = i18n.language === 'en-US';
  const [kind, setKind] = useState<string>();
  const [actor, setActor] = useState<'auto' | 'seller' | 'system'>();
  const [subject, setSubject] = useState<string>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const filter = {
    kind,
    actor,
    subject,
    from: range?.[0]?.startOf('day').toISOString(),
    to: range?.[1]?.endOf('day').toISOString(),
    autoOnly: true,
  };
  const list = useChannel('auto.audit.list', { ...filter, page, pageSize: 50 });
  useChanged('auto', list.reload);
  const action = useAction();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          allowClear
          placeholder={t('audit.kindPh')}
          style={{ width: 200 }}
          value={kind}
          onChange={(v) => (setKind(v), setPage(1))}
          options={AUDIT_KINDS.map((k) => ({ value: k, label: auditKindLabel(t, k) }))}
          data-testid="audit-kind"
        />
        <Select
          allowClear
          placeholder={t('audit.actor')}
          style={{ width: 120 }}
          value={actor}
          onChange={(v) => (setActor(v), setPage(1))}
          options={(['auto', 'seller', 'system'] as const).map((a) => ({ value: a, label: t(`audit.${a}`) }))}
        />
        <Input.Search allowClear placeholder={t('audit.subject')} style={{ width: 200 }} onSearch={(v) => (setSubject(v || undefined), setPage(1))} />
        <DatePicker.RangePicker onChange={(v) => (setRange(v), setPage(1))} />
        <Button
          loading={action.busy}
          onClick={() => void action.run(() => api['auto.audit.export'](filter)).then((r) => r && downloadBase64(r.fileName, r.contentBase64))}
          data-testid="audit-export"
        >
          {t('audit.export')}
        </Button>
      </Space>
      <ApiErrorAlert error={list.error ?? action.error} />
      <Table<AuditRow>
        rowKey="id"
        size="small"
        loading={list.loading}
        dataSource={list.data?.rows}
        data-testid="audit-table"
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('audit.at'), dataIndex: 'at', render: formatTime, width: 180 },
          { title: t('audit.actor'), dataIndex: 'actor', render: (a: string) => t(`audit.${a}`), width: 80 },
          { title: t('audit.kind'), dataIndex: 'kind', width: 160, render: (k: string, r) => auditKindLabel(t, k, r.detail) },
          { title: t('audit.subject'), dataIndex: 'subject', width: 180, render: (v: string | null, r) => (r.kind.startsWith('auto.run.') && v ? `#${v}` : v) },
          {
            title: t('audit.detail'),
            render: (_, r) => <Typography.Text style={{ fontSize: 12 }}>{auditDetail(t, en, r.kind, r.detail)}</Typography.Text>,
          },
        ]}
      />
    </Space>
  );
}

function SettingsTab({ settings, onSaved }: { settings: AutoSettings; onSaved: () => Promise<void> }) {
  const { t } = useTranslation('auto');
  const action = useAction();
  return (
    <Form
      layout="vertical"
      style={{ maxWidth: 480 }}
      initialValues={{
        rebindThreshold: settings.rebindThreshold,
        share: Math.round(settings.massUnbindShare * 100),
        massUnbindCount: settings.massUnbindCount,
        predictive: settings.predictive,
        predictiveFloor: settings.predictiveFloor,
      }}
      onFinish={(v: { rebindThreshold: number; share: number; massUnbindCount: number; predictive: boolean; predictiveFloor: number }) =>
        void action
          .run(() =>
            api['auto.settings.set']({
              rebindThreshold: v.rebindThreshold,
              massUnbindShare: v.share / 100,
              massUnbindCount: v.massUnbindCount,
              predictive: v.predictive,
              predictiveFloor: v.predictiveFloor,
            }),
          )
          .then(onSaved)
      }
    >
      <ApiErrorAlert error={action.error} />
      <Form.Item name="rebindThreshold" label={t('settings.threshold')} rules={[{ required: true, type: 'integer', min: 1 }]}>
        <InputNumber min={1} max={100000} />
      </Form.Item>
      <Form.Item name="share" label={t('settings.share')} rules={[{ required: true, type: 'number', min: 1, max: 100 }]}>
        <InputNumber min={1} max={100} />
      </Form.Item>
      <Form.Item name="massUnbindCount" label={t('settings.count')} rules={[{ required: true, type: 'integer', min: 1 }]}>
        <InputNumber min={1} max={1000000} />
      </Form.Item>
      <Form.Item name="predictive" label={t('settings.predictive')} valuePropName="checked" extra={t('settings.predictiveHelp')}>
        <Switch data-testid="settings-predictive" />
      </Form.Item>
      <Form.Item name="predictiveFloor" label={t('settings.predictiveFloor')} rules={[{ required: true, type: 'integer', min: 0 }]}>
        <InputNumber min={0} max={100000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={action.busy}>
        {t('settings.save')}
      </Button>
      <RobotsCard />
    </Form>
  );
}
