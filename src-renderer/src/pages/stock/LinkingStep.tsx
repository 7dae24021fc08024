import { useState } from 'react';
import { Alert, Button, List, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ListingSkuRow } from '../../../../src-shared/types/stock';
import { api } from '../../api';
import { useChanged, useChannel } from '../../useChannel';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { PagedTable } from '../../components/PagedTable';
import { useListingPage } from './useListingPage';
import { ListingSearch } from './ListingSearch';
import { useAction } from '../../useAction';
import { formatTime } from '../../formatTime';

type Filter = { text?: string; storeWarehouseId?: number };

/** Step 5 关联仓库: select listing SKUs (or all matching the filter), pick the warehouse, confirm; batches undoable. */
export function LinkingStep() {
  const { t } = useTranslation('stock');
  // A new filter drops "all matching": it meant the old filter's rows.
  const [allMatching, setAllMatching] = useState(false);
  const { filter, refilter, search, rows, paging } = useListingPage<Filter>(() => setAllMatching(false));
  const warehouses = useChannel('stock.warehouses.list', {});
  const batches = useChannel('stock.linkBatches.list', { limit: 20 });
  const reload = () => Promise.all([rows.reload(), batches.reload()]);
  useChanged('sku', reload);
  const [selected, setSelected] = useState<number[]>([]);
  const [target, setTarget] = useState<number>();
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string>();
  const action = useAction();
  const total = rows.data?.total ?? 0;
  const count = allMatching ? total : selected.length;
  const targetName = warehouses.data?.store.find((w) => w.id === target)?.name ?? '';

  const apply = async () => {
    setConfirming(false);
    const r = await action.run(() =>
      api['stock.listingWarehouses.link'](
        allMatching ? { storeWarehouseId: target!, filter } : { storeWarehouseId: target!, listingSkuIds: selected },
      ),
    );
    if (r) {
      setDone(t('link.done', { linked: r.linked, already: r.alreadyLinked, batch: r.batchId }));
      setSelected([]);
      setAllMatching(false);
      await reload();
    }
  };

  return (
    <>
      <ApiErrorAlert error={rows.error ?? action.error} />
      {done && (
        <Alert
          type="success"
          showIcon
          closable
          title={done}
          onClose={() => setDone(undefined)}
          style={{ marginBottom: 12 }}
          data-testid="link-done"
        />
      )}
      <Space wrap style={{ marginBottom: 8 }}>
        <ListingSearch width={300} onSearch={search} testId="link-filter" />
        <Select
          allowClear
          style={{ width: 220 }}
          placeholder={t('link.warehouses')}
          value={filter.storeWarehouseId}
          options={[
            { value: 0, label: t('link.filterNone') },
            ...(warehouses.data?.store ?? []).map((w) => ({ value: w.id, label: w.name })),
          ]}
          onChange={(v?: number) => refilter({ ...filter, storeWarehouseId: v })}
        />
      </Space>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text>{allMatching ? t('link.selectAll', { n: total }) : t('link.selected', { n: selected.length })}</Typography.Text>
        {!allMatching && total > 0 && (
          <Button size="small" onClick={() => setAllMatching(true)} data-testid="link-select-all">
            {t('link.selectAll', { n: total })}
          </Button>
        )}
        <Select
          style={{ width: 220 }}
          placeholder={t('link.chooseWarehouse')}
          value={target}
          onChange={setTarget}
          options={(warehouses.data?.store ?? []).map((w) => ({ value: w.id, label: w.name }))}
          data-testid="link-warehouse"
        />
        <Button type="primary" disabled={!target || count === 0} onClick={() => setConfirming(true)} data-testid="link-apply">
          {t('link.apply')}
        </Button>
      </Space>
      <PagedTable
        result={rows}
        height={420}
        rowSelection={{
          selectedRowKeys: allMatching ? (rows.data?.rows ?? []).map((r) => r.id) : selected,
          onChange: (keys) => {
            setAllMatching(false);
            setSelected(keys as number[]);
          },
          preserveSelectedRowKeys: true,
        }}
        paging={paging}
        columns={[
          { title: t('link.product'), dataIndex: 'title', ellipsis: true },
          { title: t('map.input'), dataIndex: 'sellerSku', width: 200 },
          { title: t('map.erpSku'), dataIndex: 'erpSku', width: 160 },
          {
            title: t('link.warehouses'),
            dataIndex: 'warehouses',
            width: 200,
            render: (ws: ListingSkuRow['warehouses']) => ws.map((w) => <Tag key={w.id}>{w.name}</Tag>),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('link.batches')}
      </Typography.Title>
      <List
        size="small"
        bordered
        dataSource={batches.data ?? []}
        locale={{ emptyText: '—' }}
        renderItem={(b) => (
          <List.Item
            actions={[
              b.undoneAt ? (
                <Tag key="u">{t('link.undone')}</Tag>
              ) : (
                // One click would unlink the whole batch (hundreds of SKUs, whose stock then no longer counts): asked first.
                <Popconfirm
                  key="undo"
                  title={t('link.undoConfirm', { n: b.linked, name: b.storeWarehouseName })}
                  okText={t('confirm')}
                  cancelText={t('cancel')}
                  onConfirm={() => void action.run(() => api['stock.linkBatches.undo']({ batchId: b.id })).then(reload)}
                  okButtonProps={{ 'data-testid': `undo-batch-confirm-${b.id}` } as never}
                >
                  <a data-testid={`undo-batch-${b.id}`}>{t('link.undo')}</a>
                </Popconfirm>
              ),
            ]}
          >
            {t('link.batchLine', { id: b.id, at: formatTime(b.at), name: b.storeWarehouseName, n: b.linked })}
          </List.Item>
        )}
      />
      <Modal
        open={confirming}
        onOk={() => void apply()}
        onCancel={() => setConfirming(false)}
        okText={t('confirm')}
        cancelText={t('cancel')}
        okButtonProps={{ 'data-testid': 'link-confirm' } as never}
      >
        {t('link.confirm', { n: count, name: targetName })}
      </Modal>
    </>
  );
}
