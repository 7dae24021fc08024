/** The outbox: every bind/unbind action by state, with a retry for failed or refused ones. */
import { useState } from 'react';
import { Button, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ActionState } from '../../../../src-shared/types/auto';
import { api } from '../../api';
import { useChanged, useChannel } from '../../useChannel';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useAction } from '../../useAction';
import { formatTime } from '../../formatTime';
import { STATE_COLOR, stateLabel } from './stateColor';
import { useLang } from '../../useLang';

export function ActionsTab() {
  const { t } = useTranslation('auto');
  const { en } = useLang();
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
        options={(['held', 'queued', 'sent', 'review', 'done', 'refused', 'failed', 'cancelled'] as const).map((s) => ({
          value: s,
          label: t(`states.${s}`),
        }))}
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
          {
            title: t('actions.state'),
            dataIndex: 'state',
            render: (s: ActionState, r) => <Tag color={STATE_COLOR[s]}>{stateLabel(r.kind, s, en)}</Tag>,
          },
          { title: t('actions.attempts'), dataIndex: 'attempts', width: 80 },
          { title: t('actions.message'), render: (_, r) => r.marketMessage ?? r.lastError ?? '' },
          { title: t('actions.created'), dataIndex: 'createdAt', render: formatTime },
          {
            title: '',
            render: (_, r) =>
              r.state === 'failed' || r.state === 'refused' ? (
                <Button
                  size="small"
                  onClick={() => void action.run(() => api['auto.action.retry']({ actionId: r.id })).then(() => list.reload())}
                >
                  {t('actions.retry')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Space>
  );
}
