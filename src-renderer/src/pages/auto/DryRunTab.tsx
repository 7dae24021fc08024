/** The dry run: what the engine would do for each SKU and why, with the pin per SKU and "run now". */
import { useState } from 'react';
import { Alert, Button, Input, Select, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PinMode, SkuDecisionView } from '../../../../src-shared/types/auto';
import { api } from '../../api';
import { useChanged, useChannel } from '../../useChannel';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { PagedTable, usePaging } from '../../components/PagedTable';
import { useAction } from '../../useAction';
import { BIND_STATUS_COLOR, STATE_COLOR } from './stateColor';
import { StockFigures } from './StockFigures';
import { useLang } from '../../useLang';

export function DryRunTab({
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
  const { t } = useTranslation('auto');
  const { pick } = useLang();
  const [search, setSearch] = useState<string>();
  const paging = usePaging(50, [10, 20, 50, 100], true);
  const dry = useChannel('auto.dryRun', { only, search, page: paging.page, pageSize: paging.pageSize });
  useChanged('auto', dry.reload);
  const action = useAction();
  const pin = (id: number, mode: PinMode) =>
    void action.run(() => api['auto.pin.set']({ listingSkuIds: [id], mode })).then(() => dry.reload());
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <span>{t('dry.only')}</span>
        <Select
          value={only}
          onChange={(v) => {
            setOnly(v);
            paging.setPage(1);
          }}
          style={{ width: 200 }}
          options={(['changes', 'blocked', 'all'] as const).map((k) => ({ value: k, label: t(`dry.${k}`) }))}
          data-testid="dry-only"
        />
        <Input.Search
          allowClear
          placeholder={t('dry.search')}
          onSearch={(v) => (setSearch(v || undefined), paging.setPage(1))}
          style={{ width: 260 }}
        />
        <Button
          type="primary"
          loading={action.busy}
          onClick={() => void action.run(() => api['auto.run']({ sync: true, send: true })).then(onRan)}
          data-testid="auto-run-now"
        >
          {on ? t('dry.run') : t('dry.runOff')}
        </Button>
      </Space>
      {!on && <Alert type="warning" showIcon title={t('offBanner')} data-testid="auto-off-banner" />}
      <ApiErrorAlert error={dry.error ?? action.error} />
      <PagedTable<SkuDecisionView>
        rowKey="listingSkuId"
        result={dry}
        paging={paging}
        data-testid="dry-table"
        columns={[
          { title: t('sellerSku'), dataIndex: 'sellerSku' },
          { title: t('erpSku'), dataIndex: 'erpSku', render: (v: string | null) => v ?? '—' },
          {
            title: t('risk.status'),
            dataIndex: 'bindStatus',
            render: (s: number) => <Tag color={BIND_STATUS_COLOR[s]}>{t(`status.${s}`)}</Tag>,
          },
          { title: t('dry.sellable'), dataIndex: 'sellable', render: (v: number | null) => v ?? t('dry.unknown') },
          {
            title: t('dry.stock'),
            render: (_, r) => <StockFigures figures={r.figures} />,
          },
          {
            title: t('dry.want'),
            render: (_, { want: w, openAction: held }) =>
              // Held by the mass-unbind guard: it will happen once the seller confirms, so it is not "nothing".
              w === 'none' && held?.state === 'held' ? (
                <Tag color={STATE_COLOR.held} data-testid="dry-held">
                  {t(`dry.${held.kind}`)} · {t('counts.held')}
                </Tag>
              ) : w === 'none' ? (
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
                {pick(r.reasonText)}
                {r.prediction && (
                  <div>
                    <Tag color={r.prediction.active ? 'volcano' : 'default'}>
                      {r.prediction.active ? t('dry.early') : t('dry.earlyOff')}
                    </Tag>
                    {pick(r.prediction)}
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
