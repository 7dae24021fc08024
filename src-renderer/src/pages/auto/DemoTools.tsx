/**
 * 演示工具, shown only on the demo store: sell out one SKU, drain a warehouse, restock, choose how
 * the simulated AliExpress reviews unbinds, then sync — so a seller trying the app sees the engine
 * act exactly as it would on a real store, through a real stock read.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Card, Col, Row, Segmented, Select, Space, Tag, Typography } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { DemoSkuOption, DemoToolResult } from '../../../../src-shared/types/auto';
import { api } from '../../api';
import { useChanged, useChannel } from '../../useChannel';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useAction } from '../../useAction';
import { useLang } from '../../useLang';

type Mode = 'instant' | 'review' | 'refuse';

/** A tool's button: its label, its test id, and the demo call it makes. */
type ToolButton = [label: string, testId: string, call: () => Promise<DemoToolResult>];

/** One half of the tools: pick what to act on, then empty it (a sale, a drained warehouse) or restock it. */
function DemoTool({
  title,
  picker,
  disabled,
  busy,
  act,
  empty,
  restock,
}: {
  title: string;
  picker: ReactNode;
  disabled: boolean;
  busy: boolean;
  act: (call: () => Promise<DemoToolResult>) => void;
  empty: ToolButton;
  restock: ToolButton;
}) {
  return (
    <Col xs={24} lg={12}>
      <Typography.Text strong>{title}</Typography.Text>
      <Space.Compact style={{ width: '100%', marginTop: 4 }}>
        {picker}
        <Button danger disabled={disabled} loading={busy} onClick={() => act(empty[2])} data-testid={empty[1]}>
          {empty[0]}
        </Button>
        <Button disabled={disabled} loading={busy} onClick={() => act(restock[2])} data-testid={restock[1]}>
          {restock[0]}
        </Button>
      </Space.Compact>
    </Col>
  );
}

export function DemoTools() {
  const { t } = useTranslation('auto');
  const { pick } = useLang();
  const info = useChannel('auto.demo.info', {});
  const [search, setSearch] = useState<string>();
  const skus = useChannel('auto.demo.skus', { search, limit: 30 }, { skip: !info.data?.demo });
  const reload = async () => {
    await info.reload();
    if (info.data?.demo) await skus.reload();
  };
  useChanged('auto', reload);
  const [sku, setSku] = useState<number>();
  const [wh, setWh] = useState<string>();
  // Kept in both languages (or as a key) so switching the language re-renders it.
  const [result, setResult] = useState<
    { type: 'info' | 'success' | 'error'; zh: string; en: string } | { type: 'success'; key: string; params: Record<string, number> }
  >();
  const action = useAction();

  // The warehouse a seller most likely means: the first one paired with a store warehouse.
  const paired = info.data?.warehouses.find((w) => w.pairedWith);
  useEffect(() => {
    if (wh === undefined && paired) setWh(paired.id);
  }, [wh, paired]);

  if (!info.data?.demo) return null;
  const tool = (fn: () => Promise<DemoToolResult>) =>
    void action.run(fn).then((r) => {
      if (r) setResult({ type: 'info', zh: r.zh, en: r.en });
      void reload();
    });
  const sync = () =>
    void action
      .run(() => api['stock.sync.now']({ wait: true }))
      .then((r) => {
        const run = r?.run;
        if (!run) return;
        if (run.status === 'ok')
          setResult({ type: 'success', key: 'demo.synced', params: { rows: run.rowsRead, changed: run.rowsChanged } });
        else
          setResult({
            type: 'error',
            zh: t('demo.syncFailed', { error: run.errors.map((e) => e.message).join('；') || run.status, lng: 'zh-CN' }),
            en: t('demo.syncFailed', { error: run.errors.map((e) => e.messageEn).join('; ') || run.status, lng: 'en-US' }),
          });
        void reload();
      });
  const skuLabel = (s: DemoSkuOption) => (
    <Space size={4}>
      <span>{s.sellerSku}</span>
      <Typography.Text type="secondary">→ {s.erpSku}</Typography.Text>
      <Tag color={s.available > 0 ? 'green' : 'red'}>{t('demo.available', { n: s.available })}</Tag>
      <Tag>{t(`status.${s.bindStatus}`)}</Tag>
      {s.warehouses.length ? (
        <Typography.Text type="secondary">{s.warehouses.join('、')}</Typography.Text>
      ) : (
        <Tag color="orange">{t('demo.noWarehouse')}</Tag>
      )}
    </Space>
  );
  return (
    <Card
      size="small"
      data-testid="demo-tools"
      title={
        <Space>
          <ExperimentOutlined />
          {t('demo.title')}
          <Tag color="purple">DEMO</Tag>
        </Space>
      }
      extra={
        <Button type="primary" loading={action.busy} onClick={sync} data-testid="demo-sync">
          {t('demo.sync')}
        </Button>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text type="secondary">{t('demo.intro')}</Typography.Text>
        <Row gutter={[24, 12]}>
          <DemoTool
            title={t('demo.sellOut')}
            picker={
              <Select
                showSearch={{ filterOption: false, onSearch: (v) => setSearch(v || undefined) }}
                allowClear
                placeholder={t('demo.skuPh')}
                value={sku}
                onChange={setSku}
                loading={skus.loading}
                style={{ flex: 1, minWidth: 0 }}
                popupMatchSelectWidth={false}
                options={(skus.data ?? []).map((s) => ({ value: s.listingSkuId, label: skuLabel(s), title: s.sellerSku }))}
                data-testid="demo-sku"
              />
            }
            disabled={!sku}
            busy={action.busy}
            act={tool}
            empty={[t('demo.sellOutBtn'), 'demo-sellout', () => api['auto.demo.sellOut']({ listingSkuId: sku! })]}
            restock={[t('demo.restockSku'), 'demo-restock-sku', () => api['auto.demo.restock']({ listingSkuId: sku! })]}
          />
          <DemoTool
            title={t('demo.drain')}
            picker={
              <Select
                placeholder={t('demo.whPh')}
                value={wh}
                onChange={setWh}
                style={{ flex: 1, minWidth: 0 }}
                popupMatchSelectWidth={false}
                data-testid="demo-warehouse"
                options={info.data.warehouses.map((w) => ({
                  value: w.id,
                  label: (
                    <Space size={4}>
                      <span>
                        {w.name.trim()}（{w.id}）
                      </span>
                      <Tag>{t('demo.soldOut', { soldOut: w.soldOut, skus: w.skus })}</Tag>
                      {!w.active && <Tag>{t('demo.inactive')}</Tag>}
                      {w.pairedWith ? (
                        <Tag color="green">{t('demo.paired', { name: w.pairedWith })}</Tag>
                      ) : (
                        <Tag color="orange">{t('demo.unpaired')}</Tag>
                      )}
                    </Space>
                  ),
                }))}
              />
            }
            disabled={!wh}
            busy={action.busy}
            act={tool}
            empty={[t('demo.drainBtn'), 'demo-drain', () => api['auto.demo.drain']({ erpWarehouseId: wh! })]}
            restock={[t('demo.restockWh'), 'demo-restock-warehouse', () => api['auto.demo.restock']({ erpWarehouseId: wh! })]}
          />
          <Col xs={24}>
            <Space wrap>
              <Typography.Text strong>{t('demo.review')}</Typography.Text>
              <Segmented<Mode>
                value={info.data.reviewMode}
                onChange={(mode) => void action.run(() => api['auto.demo.reviewMode']({ mode })).then(() => info.reload())}
                options={[
                  { value: 'instant', label: t('demo.reviewInstant') },
                  { value: 'review', label: t('demo.reviewReview') },
                  { value: 'refuse', label: t('demo.reviewRefuse') },
                ]}
                data-testid="demo-review-mode"
              />
            </Space>
          </Col>
        </Row>
        <ApiErrorAlert error={action.error} />
        {result && (
          <Alert
            type={result.type}
            showIcon
            title={'key' in result ? t(result.key, result.params) : pick(result)}
            closable={{ onClose: () => setResult(undefined) }}
            data-testid="demo-result"
          />
        )}
      </Space>
    </Card>
  );
}
