import { useState } from 'react';
import { Alert, Button, Input, List, Modal, Switch, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CategoryToggleResult } from '../../../../src-shared/types/stock';
import { api } from '../../api';
import { useChanged, useChannel } from '../../useChannel';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { PagedTable } from '../../components/PagedTable';
import { useAction } from '../../useAction';

/** Step 2 ERP产品分类同步: one switch per ERP category; turning one off asks first and names the listings. */
export function CategoriesStep() {
  const { t } = useTranslation('stock');
  const cats = useChannel('stock.categories.list', {});
  useChanged('stock', cats.reload);
  const [ask, setAsk] = useState<CategoryToggleResult | null>(null);
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const skus = useChannel('stock.erpSkus.page', { page, pageSize: 50, text: q || undefined });
  // The goods come with a stock read, as the categories do: without this the list stayed empty
  // under categories that had just arrived, until the seller left the step and came back.
  useChanged('stock', skus.reload);
  const action = useAction();

  const toggle = async (name: string, enabled: boolean, confirm = false) => {
    const r = await action.run(() => api['stock.categories.toggle']({ name, enabled, confirm }));
    if (r?.needsConfirm) setAsk(r);
    else {
      setAsk(null);
      await cats.reload();
    }
  };
  const label = (n: string) => n || t('cat.uncategorised');
  // The categories come with the first stock read: offered here, so this step is not a dead end
  // that only step 3 can finish. A file source brings its stock through the upload instead.
  const fileSource = useChannel('connect.status', {}).data?.stockSource.kind === 'file';
  const sync = useAction();
  const noCategories = cats.data?.length === 0;

  return (
    <>
      <ApiErrorAlert error={cats.error ?? action.error ?? sync.error} />
      {noCategories && !fileSource && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('cat.none')}
          action={
            <Button
              type="primary"
              loading={sync.busy}
              data-testid="cat-sync-now"
              onClick={() => void sync.run(() => api['stock.sync.now']({ wait: true })).then(() => cats.reload())}
            >
              {t('cat.syncNow')}
            </Button>
          }
        />
      )}
      <Table
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={cats.data ?? []}
        columns={[
          { title: t('cat.name'), dataIndex: 'name', render: label },
          { title: t('cat.skus'), dataIndex: 'skuCount' },
          { title: t('cat.listings'), dataIndex: 'listingSkuCount' },
          {
            title: t('cat.sync'),
            dataIndex: 'syncEnabled',
            render: (on: boolean, c) => (
              <Switch checked={on} loading={action.busy} onChange={(v) => void toggle(c.name, v)} data-testid={`cat-switch-${c.name}`} />
            ),
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('cat.products')}
      </Typography.Title>
      <Input.Search
        allowClear
        placeholder={t('cat.search')}
        onSearch={(v) => {
          setQ(v);
          setPage(1);
        }}
        style={{ maxWidth: 360, marginBottom: 8 }}
      />
      <PagedTable
        rowKey="sku"
        result={skus}
        height={400}
        paging={{ page, pageSize: 50, onChange: setPage }}
        columns={[
          { title: 'SKU', dataIndex: 'sku', width: 180 },
          { title: t('cat.erpName'), dataIndex: 'name' },
          { title: t('cat.erpStatus'), dataIndex: 'status', width: 100 },
          { title: t('cat.erpCategory'), dataIndex: 'category', render: label },
          { title: t('cat.available'), dataIndex: 'available', width: 90 },
          { title: t('cat.safety'), dataIndex: 'safety', width: 90 },
        ]}
      />
      <Modal
        open={!!ask}
        title={ask ? t('cat.confirmTitle', { name: label(ask.category) }) : ''}
        okText={t('cat.confirmOk')}
        okButtonProps={{ danger: true, 'data-testid': 'cat-confirm-off' } as never}
        cancelText={t('cancel')}
        onCancel={() => setAsk(null)}
        onOk={() => ask && void toggle(ask.category, false, true)}
      >
        {ask && (
          <>
            <Typography.Paragraph>{t('cat.confirmBody', { n: ask.affectedListingSkus })}</Typography.Paragraph>
            <List
              size="small"
              dataSource={ask.affectedSample}
              renderItem={(s) => (
                <List.Item>
                  {s.sellerSku} → {s.erpSku} · {s.title}
                </List.Item>
              )}
            />
          </>
        )}
      </Modal>
    </>
  );
}
