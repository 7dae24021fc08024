/** 连接设置: the AliExpress store, the stock source, the demo, and a test that says what failed. */
import { useState, type ReactNode } from 'react';
import { Alert, App as AntApp, Button, Card, Descriptions, Form, Input, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { toPayload, useChanged, useChannel } from '../../useChannel';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { PageHead } from '../../components/PageHead';
import type { ConnectTestReport, ProbeCall, ProbeReport } from '../../../../src-shared/channels/connect';
import type { ErrorPayload } from '../../../../src-shared/errors';
import { formatTime } from '../../formatTime';
import { useFieldErrorForm } from '../../useFieldErrors';
import { useLang } from '../../useLang';
import { forgetAuth, pendingAuth, rememberAuth } from './pendingAuth';

/** What a platform's form saves: the App Key, the App Secret, and its address (none when left empty). */
type AppKeys = { appKey: string; appSecret: string; gatewayUrl?: string; baseUrl?: string };

/** The page's runner: `fn` under `name` (busy, error), then `said` as a success message. */
type Run = (name: string, fn: () => Promise<unknown>, said?: string) => Promise<void>;

/**
 * An open platform's card: its App Key, App Secret (a password field the browser does not fill in)
 * and optional address, saved through the page's `run` under the platform's name, with the refusal
 * of its last save shown at its fields and `saved` said once it is kept. `children` are the form's
 * buttons, `below` what follows the form.
 */
function AppKeyCard({
  platform,
  failure,
  run,
  saved,
  children,
  below,
}: {
  platform: 'ae' | 'tt';
  failure: ErrorPayload | undefined;
  run: Run;
  saved: string;
  children: ReactNode;
  below?: ReactNode;
}) {
  const { t } = useTranslation('connect');
  const [form, fields] = useFieldErrorForm<AppKeys>(failure);
  const ae = platform === 'ae';
  const urlName = ae ? 'gatewayUrl' : 'baseUrl';
  const save = (keys: AppKeys) => (ae ? api['connect.saveAliExpress'](keys) : api['connect.saveTongtool'](keys));
  return (
    <Card title={ae ? t('ae.title') : t('stock.title')}>
      <ApiErrorAlert error={fields.rest} />
      <Form
        form={form}
        onValuesChange={fields.onValuesChange}
        layout="vertical"
        data-testid={`connect-${platform}-form`}
        onFinish={(v: AppKeys) => run(platform, () => save({ ...v, [urlName]: v[urlName] || undefined }), saved)}
      >
        <Form.Item name="appKey" label={ae ? t('ae.appKey') : t('stock.ttKey')} rules={[{ required: true }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="appSecret" label={ae ? t('ae.appSecret') : t('stock.ttSecret')} rules={[{ required: true }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name={urlName} label={ae ? t('ae.gateway') : t('stock.ttBase')}>
          <Input placeholder={ae ? 'https://api-sg.aliexpress.com' : 'https://open.tongtool.com'} />
        </Form.Item>
        {children}
      </Form>
      {below}
    </Card>
  );
}

export function ConnectPage() {
  const { t } = useTranslation('connect');
  const { en, pick } = useLang();
  const { message } = AntApp.useApp();
  const status = useChannel('connect.status', {});
  useChanged('connect', status.reload);
  const [error, setError] = useState<ErrorPayload>();
  /** Which action the error came from: a form's own refusal is shown at its fields. */
  const [errorOf, setErrorOf] = useState<string>();
  const [busy, setBusy] = useState<string>();
  const [report, setReport] = useState<ConnectTestReport>();
  /** The probe shown: run by hand, or by the first successful live test (auto). */
  const [probe, setProbe] = useState<{ report: ProbeReport; auto?: boolean }>();
  // A request started before a reload keeps its code box (pendingAuth.ts).
  const [authState, setAuthState] = useState<string | undefined>(pendingAuth);
  const [code, setCode] = useState('');
  const [size, setSize] = useState<1000 | 10000 | 100000>(1000);

  const run: Run = async (name, fn, said) => {
    setBusy(name);
    setError(undefined);
    setErrorOf(name);
    try {
      await fn();
      await status.reload();
      if (said) void message.success(said);
    } catch (err) {
      setError(toPayload(err));
    } finally {
      setBusy(undefined);
    }
  };
  const s = status.data;
  const demo = s?.mode === 'demo';
  // A save in demo mode changes nothing the status card shows: say that it was kept, and when it counts.
  const saved = demo ? t('savedDemo') : t('saved');

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }} data-testid="connect-page">
      <PageHead title={t('title')} intro={t('intro')} />
      <ApiErrorAlert error={status.error ?? (errorOf === 'ae' || errorOf === 'tt' ? undefined : error)} />

      {s && (
        <Card title={t('status')} extra={<Tag color={s.mode === 'demo' ? 'blue' : 'green'}>{t(`mode.${s.mode}`)}</Tag>}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('ae.title')}>
              <Space wrap>
                <span>{s.aliexpress.appKeyMasked ?? '—'}</span>
                <Tag color={s.aliexpress.authorized ? 'green' : 'red'}>
                  {s.aliexpress.authorized ? t('ae.authorized') : t('ae.notAuthorized')}
                </Tag>
                {s.aliexpress.account && <span>{t('ae.account', { account: s.aliexpress.account })}</span>}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('ae.channel')}>
              <span data-testid="connect-channel">
                {s.aliexpress.channel ? `${s.aliexpress.channel.channel} · ${s.aliexpress.channel.businessType}` : t('ae.noChannel')}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('ae.expires')}>{formatTime(s.aliexpress.tokenExpiresAt)}</Descriptions.Item>
            <Descriptions.Item label={t('stock.title')}>
              <Space wrap>
                <span data-testid="connect-stock-kind">{s.stockSource.kind ? t(`stock.kind.${s.stockSource.kind}`) : t('stock.none')}</span>
                {s.stockSource.tongtool.appKeyMasked && <span>{s.stockSource.tongtool.appKeyMasked}</span>}
                {s.stockSource.tongtool.merchantIdMasked && (
                  <span>
                    {t('stock.merchant')}: {s.stockSource.tongtool.merchantIdMasked}
                  </span>
                )}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('secretStore')}>
              <Space direction="vertical" size={2}>
                <span>
                  {s.secretStore.location}{' '}
                  <Tag color={s.secretStore.encrypted ? 'green' : 'orange'} data-testid="secret-protection">
                    {t(s.secretStore.encrypted ? 'secretEncrypted' : 'secretNotEncrypted')}
                  </Tag>
                </span>
                <Typography.Text type="secondary">{pick(s.secretStore.protection)}</Typography.Text>
              </Space>
            </Descriptions.Item>
          </Descriptions>
          <Space style={{ marginTop: 16 }}>
            <Button
              type="primary"
              loading={busy === 'test'}
              data-testid="connect-test"
              onClick={() =>
                run('test', async () => {
                  const r = await api['connect.test']({});
                  setReport(r);
                  if (r.probe) setProbe({ report: r.probe, auto: true });
                })
              }
            >
              {t('test.run')}
            </Button>
            <Button
              loading={busy === 'probe'}
              data-testid="connect-probe"
              title={t('probe.hint')}
              onClick={() => run('probe', async () => setProbe({ report: await api['connect.probe']({}) }))}
            >
              {t('probe.run')}
            </Button>
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('probe.hint')}
          </Typography.Paragraph>
          {probe ? (
            <ProbeResult report={probe.report} note={probe.auto ? t('probe.autoRan') : undefined} />
          ) : (
            s.lastProbe && <ProbeResult report={s.lastProbe} note={t('probe.last', { at: formatTime(s.lastProbe.at) })} />
          )}
          {report && (
            <div style={{ marginTop: 16 }} data-testid="connect-report">
              <Alert type={report.ok ? 'success' : 'error'} showIcon title={report.ok ? t('test.ok') : t('test.failed')} />
              <List
                size="small"
                dataSource={[
                  ...report.aliexpress.checks.map((c) => ({ ...c, sys: t('ae.title') })),
                  ...report.stockSource.checks.map((c) => ({ ...c, sys: t('stock.title') })),
                ]}
                renderItem={(c) => (
                  <List.Item data-testid={`connect-check-${c.ok ? 'ok' : 'failed'}`}>
                    <Tag color={c.ok ? 'green' : 'red'}>{c.ok ? '✔' : '✘'}</Tag> {c.sys} · {en ? c.messageEn : c.message}
                  </List.Item>
                )}
              />
              {report.stockSource.warehouses.length > 0 && (
                <Descriptions
                  size="small"
                  column={1}
                  bordered
                  style={{ marginTop: 8 }}
                  title={t('test.warehouses')}
                  data-testid="connect-warehouses"
                >
                  {report.stockSource.warehouses.map((w) => (
                    <Descriptions.Item key={w.id} label={w.name}>
                      <Space>
                        <span>{t('test.warehouseId')}</span>
                        <Typography.Text code copyable data-testid="connect-warehouse-id">
                          {w.id}
                        </Typography.Text>
                        {!w.active && <Tag>{t('test.inactive')}</Tag>}
                      </Space>
                    </Descriptions.Item>
                  ))}
                </Descriptions>
              )}
            </div>
          )}
        </Card>
      )}

      <Card title={t('demo.title')}>
        <Typography.Paragraph type="secondary">{t('demo.hint')}</Typography.Paragraph>
        <Space>
          <span>{t('demo.size')}</span>
          <Select
            value={size}
            onChange={setSize}
            options={[1000, 10000, 100000].map((n) => ({ value: n, label: `${n.toLocaleString()} SKU` }))}
            style={{ width: 160 }}
          />
          <Button
            data-testid="connect-use-demo"
            loading={busy === 'demo'}
            // Said every time, also when the demo store was already in use: the click did something.
            onClick={() =>
              run('demo', async () => {
                await api['connect.useDemo']({ size });
                void message.success(t('demo.done', { n: size.toLocaleString() }));
              })
            }
          >
            {t('demo.use')}
          </Button>
        </Space>
      </Card>

      <AppKeyCard
        platform="ae"
        failure={errorOf === 'ae' ? error : undefined}
        run={run}
        saved={saved}
        below={
          <Space direction="vertical" style={{ marginTop: 16, width: '100%' }}>
            {/* From demo mode too: authorising the seller's own keys is how the app leaves the demo. */}
            <Button
              disabled={!s?.aliexpress.keysSaved}
              data-testid="connect-authorize"
              onClick={() =>
                run('auth', async () => {
                  const r = await api['connect.authorizeUrl']({ redirectUri: `${window.location.origin}/oauth/callback` });
                  setAuthState(r.state);
                  rememberAuth(r.state);
                  window.open(r.url, '_blank', 'noopener');
                })
              }
            >
              {t('ae.authorize')}
            </Button>
            {authState && (
              <Space.Compact style={{ width: '100%' }}>
                <Input placeholder={t('ae.code')} value={code} onChange={(e) => setCode(e.target.value)} />
                <Button
                  type="primary"
                  loading={busy === 'code'}
                  onClick={() =>
                    run('code', async () => {
                      await api['connect.exchangeCode']({ code, state: authState });
                      // Used up: the box goes, and a reload does not bring it back.
                      forgetAuth();
                      setAuthState(undefined);
                      setCode('');
                    })
                  }
                >
                  {t('ae.exchange')}
                </Button>
              </Space.Compact>
            )}
            {authState && <Typography.Text type="secondary">{t('ae.authorizeHint')}</Typography.Text>}
            {demo && !authState && (
              <Typography.Text type="secondary" data-testid="connect-from-demo">
                {t('ae.fromDemo')}
              </Typography.Text>
            )}
          </Space>
        }
      >
        <Button htmlType="submit" loading={busy === 'ae'}>
          {t('ae.save')}
        </Button>
      </AppKeyCard>

      <AppKeyCard platform="tt" failure={errorOf === 'tt' ? error : undefined} run={run} saved={saved}>
        <Space>
          <Button htmlType="submit" loading={busy === 'tt'}>
            {t('stock.saveTt')}
          </Button>
          <Button data-testid="connect-use-file" onClick={() => run('file', () => api['connect.setStockSource']({ kind: 'file' }), saved)}>
            {t('stock.useFile')}
          </Button>
        </Space>
      </AppKeyCard>
    </Space>
  );
}

const OUTCOME_COLOR: Record<ProbeCall['outcome'], string> = { answered: 'green', differs: 'red', failed: 'red', skipped: 'default' };

/** The probe's answer per call: what came back against the documentation, fields named. */
function ProbeResult({ report, note }: { report: ProbeReport; note?: string }) {
  const { t } = useTranslation('connect');
  const { en } = useLang();
  return (
    <div style={{ marginTop: 16 }} data-testid="connect-probe-report">
      {note && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {note}
        </Typography.Paragraph>
      )}
      <Alert type={report.ok ? 'success' : 'error'} showIcon title={report.ok ? t('probe.ok') : t('probe.failed')} />
      <Table<ProbeCall>
        size="small"
        pagination={false}
        rowKey={(c) => `${c.system}:${c.call}`}
        dataSource={report.calls}
        style={{ marginTop: 8 }}
        onRow={(c) => ({ 'data-testid': `connect-probe-row-${c.outcome}` }) as React.HTMLAttributes<HTMLElement>}
        expandable={{
          rowExpandable: (c) => c.fields.length > 0,
          expandedRowRender: (c) => (
            <div data-testid="connect-probe-fields">
              <Typography.Text type="secondary">{t('probe.fields')}</Typography.Text>
              <div style={{ marginTop: 4 }}>
                <Space size={[4, 4]} wrap>
                  {c.fields.map((f) => (
                    <Tag key={f}>{f}</Tag>
                  ))}
                </Space>
              </div>
            </div>
          ),
        }}
        columns={[
          { title: t('probe.call'), render: (_, c) => <Typography.Text code>{c.call}</Typography.Text> },
          { title: t('probe.outcome'), render: (_, c) => <Tag color={OUTCOME_COLOR[c.outcome]}>{t(`probe.outcomes.${c.outcome}`)}</Tag> },
          { title: t('probe.detail'), render: (_, c) => (en ? c.messageEn : c.message) },
          { title: t('probe.fields'), render: (_, c) => (c.fields.length ? t('probe.fieldsCount', { count: c.fields.length }) : '—') },
          {
            title: t('probe.missing'),
            render: (_, c) => (
              <Space size={[4, 4]} wrap>
                {c.missing.map((m) => (
                  <Tag key={m} color={c.missingRequired.includes(m) ? 'red' : undefined}>
                    {m}
                    {c.missingRequired.includes(m) ? ` (${t('probe.required')})` : ''}
                  </Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t('probe.unknown'),
            render: (_, c) => (
              <Space size={[4, 4]} wrap>
                {c.unknown.map((m) => (
                  <Tag key={m}>{m}</Tag>
                ))}
              </Space>
            ),
          },
        ]}
      />
      {report.samplePath && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} copyable={{ text: report.samplePath }}>
          {t('probe.sample')} {report.samplePath}
        </Typography.Paragraph>
      )}
    </div>
  );
}
