/** The audit log of automatic binding: filtered by kind, actor, subject and dates, exported to Excel. */
import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import { Button, DatePicker, Input, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditRow } from '../../../../src-shared/types/auto';
import { api } from '../../api';
import { useChanged, useChannel } from '../../useChannel';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { PagedTable, usePaging } from '../../components/PagedTable';
import { downloadBase64 } from '../../download';
import { useAction } from '../../useAction';
import { AUDIT_KINDS, auditDetail, auditKindLabel } from './auditText';
import { formatTime } from '../../formatTime';
import { useLang } from '../../useLang';

interface Chosen {
  kind?: string;
  actor?: 'auto' | 'seller' | 'system';
  subject?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

/** A filter select's value, cleared back to none. */
const clearable = <V,>(value: V | undefined, onChange: (v: V | undefined) => void) => ({ allowClear: true, value, onChange });

export function AuditTab() {
  const { t } = useTranslation('auto');
  const { en } = useLang();
  const [chosen, setChosen] = useState<Chosen>({});
  const paging = usePaging(50);
  /** A changed filter shows its first page. */
  const choose = (patch: Chosen) => {
    setChosen({ ...chosen, ...patch });
    paging.setPage(1);
  };
  const { kind, actor, subject, range } = chosen;
  const filter = {
    kind,
    actor,
    subject,
    from: range?.[0]?.startOf('day').toISOString(),
    to: range?.[1]?.endOf('day').toISOString(),
    autoOnly: true,
  };
  const list = useChannel('auto.audit.list', { ...filter, page: paging.page, pageSize: paging.pageSize });
  useChanged('auto', list.reload);
  const action = useAction();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select
          placeholder={t('audit.kindPh')}
          style={{ width: 200 }}
          {...clearable(kind, (v) => choose({ kind: v }))}
          options={AUDIT_KINDS.map((k) => ({ value: k, label: auditKindLabel(t, k) }))}
          data-testid="audit-kind"
        />
        <Select
          placeholder={t('audit.actor')}
          style={{ width: 120 }}
          {...clearable(actor, (v) => choose({ actor: v }))}
          options={(['auto', 'seller', 'system'] as const).map((a) => ({ value: a, label: t(`audit.${a}`) }))}
        />
        <Input.Search
          allowClear
          placeholder={t('audit.subject')}
          style={{ width: 200 }}
          onSearch={(v) => choose({ subject: v || undefined })}
        />
        <DatePicker.RangePicker onChange={(v) => choose({ range: v })} />
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
      <PagedTable<AuditRow>
        result={list}
        paging={paging}
        data-testid="audit-table"
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
