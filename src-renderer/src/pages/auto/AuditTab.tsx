/** The audit log of automatic binding: filtered by kind, actor, subject and dates, exported to Excel. */
import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import { Button, DatePicker, Input, Select, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditRow } from '../../../../src-shared/types/auto';
import { api } from '../../api';
import { useChanged, useChannel } from '../../useChannel';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { downloadBase64 } from '../../download';
import { useAction } from '../../useAction';
import { AUDIT_KINDS, auditDetail, auditKindLabel } from './auditText';
import { formatTime } from '../../formatTime';
import { useLang } from '../../useLang';

export function AuditTab() {
  const { t } = useTranslation('auto');
  const { en } = useLang();
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
        <Input.Search
          allowClear
          placeholder={t('audit.subject')}
          style={{ width: 200 }}
          onSearch={(v) => (setSubject(v || undefined), setPage(1))}
        />
        <DatePicker.RangePicker onChange={(v) => (setRange(v), setPage(1))} />
        <Button
          loading={action.busy}
          onClick={() =>
            void action.run(() => api['auto.audit.export'](filter)).then((r) => r && downloadBase64(r.fileName, r.contentBase64))
          }
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
          {
            title: t('audit.subject'),
            dataIndex: 'subject',
            width: 180,
            render: (v: string | null, r) => (r.kind.startsWith('auto.run.') && v ? `#${v}` : v),
          },
          {
            title: t('audit.detail'),
            render: (_, r) => <Typography.Text style={{ fontSize: 12 }}>{auditDetail(t, en, r.kind, r.detail)}</Typography.Text>,
          },
        ]}
      />
    </Space>
  );
}
