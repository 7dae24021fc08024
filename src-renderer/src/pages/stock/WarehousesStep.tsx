import { useState } from 'react';
import { Alert, Button, Card, Form, Input, List, Popconfirm, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { NumberInput } from '../../components/NumberInput';
import { useTranslation } from 'react-i18next';
import type { StoreWarehouseInfo, WarehousesView } from '../../../../src-shared/types/stock';
import { api } from '../../api';
import { useChanged, useChannel } from '../../useChannel';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useAction } from '../../useAction';
import { useFieldErrors } from '../../useFieldErrors';
import { useLang } from '../../useLang';

/** Step 1 仓库设置: ERP and store warehouses, paired, with every name near-miss explained. */
export function WarehousesStep() {
  const { t } = useTranslation('stock');
  const { pick } = useLang();
  const got = useChannel('stock.warehouses.list', {});
  useChanged('stock', got.reload);
  const [view, setView] = useState<WarehousesView>();
  const [addForm] = Form.useForm<{ name: string }>();
  const name = Form.useWatch('name', addForm) ?? '';
  const action = useAction();
  /** Adding is the one form here: its refusal goes under the name box. */
  const add = useAction();
  const addFields = useFieldErrors(addForm, add.error);
  const data = view ?? got.data;
  const apply = (v: WarehousesView | undefined) => v && setView(v);
  /** Deleting answers with a count, not the list: the list is read again, or the card stays until a reload. */
  const deleteWarehouse = async (storeWarehouseId: number) => {
    await api['stock.warehouses.delete']({ storeWarehouseId });
    return api['stock.warehouses.list']({});
  };

  const storeCard = (w: StoreWarehouseInfo) => (
    <Card key={w.id} size="small" style={{ marginBottom: 12 }} data-testid={`store-warehouse-${w.id}`}>
      <Space wrap>
        <Typography.Text strong>“{w.name}”</Typography.Text>
        <Select
          style={{ minWidth: 200 }}
          value={w.erpWarehouseId ?? ''}
          options={[{ value: '', label: t('wh.none') }, ...(data?.erp ?? []).map((e) => ({ value: e.id, label: `${e.name} (${e.id})` }))]}
          onChange={(v) =>
            void action.run(() => api['stock.warehouses.pair']({ storeWarehouseId: w.id, erpWarehouseId: v || null })).then(apply)
          }
          data-testid={`pair-${w.id}`}
        />
        {w.check && (w.check.match ? <Tag color="green">{t('wh.match')}</Tag> : <Tag color="red">{t('wh.mismatch')}</Tag>)}
        <Typography.Text type="secondary">{t('wh.linked', { n: w.linkedListingSkus })}</Typography.Text>
        <Tooltip title={t('wh.countingHelp')}>
          <Typography.Text>{t('wh.counting')}</Typography.Text>
        </Tooltip>
        <Select
          style={{ minWidth: 160 }}
          value={w.countInTransit ? 'transit' : 'available'}
          aria-label={t('wh.counting')}
          options={[
            { value: 'available', label: t('wh.availableOnly') },
            { value: 'transit', label: t('wh.withTransit') },
          ]}
          onChange={(v) =>
            void action.run(() => api['stock.warehouses.counting']({ storeWarehouseId: w.id, countInTransit: v === 'transit' })).then(apply)
          }
          data-testid={`counting-${w.id}`}
        />
        <Typography.Text>{t('wh.syncPercent')}</Typography.Text>
        <NumberInput
          min={1}
          max={100}
          precision={0}
          value={w.syncPercent}
          suffix="%"
          aria-label={t('wh.syncPercent')}
          style={{ width: 100 }}
          onChange={(v) => {
            if (typeof v === 'number' && v >= 1 && v <= 100 && v !== w.syncPercent)
              void action.run(() => api['stock.warehouses.counting']({ storeWarehouseId: w.id, syncPercent: Math.floor(v) })).then(apply);
          }}
          data-testid={`sync-percent-${w.id}`}
        />
        <Popconfirm
          title={t('wh.deleteAsk', { name: w.name })}
          description={
            <div style={{ maxWidth: 360 }}>
              {w.linkedListingSkus ? t('wh.deleteLinked', { n: w.linkedListingSkus }) : t('wh.deleteNone')}
            </div>
          }
          okText={t('wh.deleteOk')}
          okButtonProps={{ danger: true }}
          cancelText={t('cancel')}
          onConfirm={() => void action.run(() => deleteWarehouse(w.id)).then(apply)}
        >
          <Button danger size="small" data-testid={`delete-warehouse-${w.id}`}>
            {t('wh.delete')}
          </Button>
        </Popconfirm>
      </Space>
      {w.check && !w.check.match && (
        <Alert
          type="error"
          style={{ marginTop: 8 }}
          title={
            <ul style={{ margin: 0 }}>
              {w.check.issues.map((i) => (
                <li key={`${i.kind}-${i.position}`}>{pick(i)}</li>
              ))}
            </ul>
          }
          action={
            <Button
              type="primary"
              size="small"
              data-testid={`use-exact-${w.id}`}
              onClick={() =>
                void action.run(() => api['stock.warehouses.rename']({ storeWarehouseId: w.id, name: w.check!.exactName })).then(apply)
              }
            >
              {t('wh.useExact', { name: w.check.exactName })}
            </Button>
          }
        />
      )}
    </Card>
  );

  return (
    <>
      <Alert type="info" showIcon title={t('wh.rule')} style={{ marginBottom: 16 }} />
      <ApiErrorAlert error={got.error ?? action.error ?? addFields.rest} />
      <Typography.Title level={5}>{t('wh.erpTitle')}</Typography.Title>
      <Button
        onClick={() => void action.run(() => api['stock.warehouses.refresh']({})).then(apply)}
        loading={action.busy}
        style={{ marginBottom: 8 }}
      >
        {t('wh.refresh')}
      </Button>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={data?.erp ?? []}
        columns={[
          { title: t('wh.id'), dataIndex: 'id' },
          { title: t('wh.name'), dataIndex: 'name', render: (n: string) => <Typography.Text code>{JSON.stringify(n)}</Typography.Text> },
          { title: t('wh.skus'), dataIndex: 'skuCount', align: 'right' },
          {
            // "过期" alone reads like expired goods: the header says what it counts.
            title: (
              <Tooltip title={t('wh.staleHelp')}>
                <span data-testid="erp-stale-head">{t('wh.stale')}</span>
              </Tooltip>
            ),
            dataIndex: 'staleCount',
            align: 'right',
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('wh.storeTitle')}
      </Typography.Title>
      <Form
        form={addForm}
        onValuesChange={addFields.onValuesChange}
        layout="inline"
        style={{ width: '100%', maxWidth: 520, marginBottom: 12, flexWrap: 'nowrap' }}
        onFinish={(v) =>
          void add
            .run(() => api['stock.warehouses.save']({ name: v.name ?? '' }))
            .then((r) => {
              if (r) {
                setView(r.view);
                addForm.resetFields();
              }
            })
        }
      >
        <Form.Item name="name" style={{ flex: 1, marginInlineEnd: 8 }}>
          <Input placeholder={t('wh.addPlaceholder')} aria-label={t('wh.addPlaceholder')} data-testid="store-warehouse-name" />
        </Form.Item>
        <Form.Item style={{ marginInlineEnd: 0 }}>
          <Button type="primary" htmlType="submit" disabled={!name} loading={add.busy} data-testid="store-warehouse-add">
            {t('wh.add')}
          </Button>
        </Form.Item>
      </Form>
      <List dataSource={data?.store ?? []} renderItem={storeCard} />
    </>
  );
}
