/**
 * ④② 处理库存 for a store of 1,000 SKUs and more: a paged table read from main a page at a time,
 * each row saved when the seller leaves a cell (kept as typed, its error shown at the row), bulk
 * choices for everything left or one category or warehouse, and the plan as an Excel workbook.
 */
import { useState } from 'react';
import { Alert, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DISPOSAL_METHODS, type DisposalMethod, type DisposalRowView, type DisposalSaveResult } from '../../../../src-shared/types/exit';
import { api } from '../../api';
import { downloadBase64 } from '../../download';
import { useChanged, useChannel } from '../../useChannel';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { XlsxPicker } from '../../components/XlsxPicker';
import { useAction } from '../../useAction';
import type { StepProps } from './shared';
import { useLang } from '../../useLang';

const PAGE = 50;
const STATE_COLOR = { unplanned: 'default', draft: 'error', ok: 'success', changed: 'warning' } as const;

type Scope = 'remaining' | `c:${string}` | `w:${string}`;

export function DisposalPlan({ onChange }: StepProps) {
  const { t } = useTranslation('exit');
  const { pick: tx } = useLang();
  const action = useAction();
  const [page, setPage] = useState(1);
  const [filter, setFilter] = useState<'all' | 'open'>('all');
  const [search, setSearch] = useState('');
  const q = { page, pageSize: PAGE, filter, ...(search.trim() ? { search: search.trim() } : {}) };
  const rows = useChannel('exit.disposalRows', q);
  useChanged('exit', rows.reload);
  // What the seller is typing, per SKU, until main has it.
  const [typed, setTyped] = useState<Record<string, Partial<Record<DisposalMethod | 'onHand', string>>>>({});
  const [method, setMethod] = useState<DisposalMethod>('sell_through');
  const [scope, setScope] = useState<Scope>('remaining');
  const [report, setReport] = useState<DisposalSaveResult | null>(null);
  const [newSku, setNewSku] = useState('');
  const data = rows.data;

  const refresh = async () => {
    await rows.reload();
    const v = (await api['exit.get']({})).case;
    if (v) onChange(v);
  };
  const cell = (r: DisposalRowView, k: DisposalMethod | 'onHand') =>
    typed[r.sku]?.[k] ?? (k === 'onHand' ? (r.onHand === null ? '' : String(r.onHand)) : r.cells[k]);
  const saveRow = (r: DisposalRowView) => {
    const edit = typed[r.sku];
    if (!edit) return;
    const cells = Object.fromEntries(DISPOSAL_METHODS.map((m) => [m, cell(r, m)]));
    void action
      .run(() =>
        api['exit.saveDisposalRows']({
          rows: [{ sku: r.sku, cells, ...(r.onHandSource === 'seller' ? { onHand: cell(r, 'onHand') } : {}) }],
        }),
      )
      .then(async (res) => {
        if (!res) return;
        await refresh();
        // Forget only what was sent: a cell typed while this row was saving stays as typed.
        setTyped((x) => {
          const cur = { ...x[r.sku] };
          for (const [k, val] of Object.entries(edit)) if (cur[k as DisposalMethod] === val) delete cur[k as DisposalMethod];
          const { [r.sku]: _old, ...rest } = x;
          return Object.keys(cur).length ? { ...rest, [r.sku]: cur } : rest;
        });
      });
  };
  const bulk = () =>
    void action
      .run(() =>
        api['exit.bulkDisposal']({
          method,
          scope:
            scope === 'remaining'
              ? { kind: 'remaining' }
              : scope.startsWith('c:')
                ? { kind: 'category', value: scope.slice(2) }
                : { kind: 'warehouse', value: scope.slice(2) },
        }),
      )
      .then(async (res) => {
        if (!res) return;
        setReport(res);
        await refresh();
      });

  const counts = data?.counts;
  return (
    <Card type="inner" title={t('disposal')} data-testid="exit-disposal-card">
      <ApiErrorAlert error={rows.error ?? action.error} onRetry={() => void rows.reload()} />
      {counts && (
        <Typography.Paragraph data-testid="exit-disposal-counts">
          {t('plan.counts', { ok: counts.ok, draft: counts.draft, unplanned: counts.unplanned, changed: counts.changed })}
        </Typography.Paragraph>
      )}
      {data?.fromApp && (
        <Space wrap style={{ marginBottom: 8 }}>
          <span>{t('plan.bulk')}</span>
          <Select
            value={scope}
            style={{ width: 220 }}
            data-testid="exit-bulk-scope"
            onChange={(s: Scope) => setScope(s)}
            options={[
              { value: 'remaining', label: t('plan.remaining') },
              ...data.warehouses.map((w) => ({ value: `w:${w}`, label: t('plan.warehouse', { name: w }) })),
              ...data.categories.map((c) => ({ value: `c:${c}`, label: t('plan.category', { name: c || t('plan.noCategory') }) })),
            ]}
          />
          <span>→</span>
          <Select
            value={method}
            style={{ width: 150 }}
            data-testid="exit-bulk-method"
            onChange={(m: DisposalMethod) => setMethod(m)}
            options={DISPOSAL_METHODS.map((m) => ({ value: m, label: t(`methods.${m}`) }))}
          />
          <Button type="primary" loading={action.busy} onClick={bulk} data-testid="exit-bulk-apply">
            {t('plan.apply')}
          </Button>
        </Space>
      )}
      <Space wrap style={{ marginBottom: 8 }}>
        <Select
          value={filter}
          style={{ width: 160 }}
          data-testid="exit-plan-filter"
          onChange={(f: 'all' | 'open') => {
            setFilter(f);
            setPage(1);
          }}
          options={[
            { value: 'all', label: t('plan.all') },
            { value: 'open', label: t('plan.open') },
          ]}
        />
        <Input.Search
          allowClear
          placeholder={t('plan.search')}
          style={{ width: 200 }}
          onSearch={(s) => {
            setSearch(s);
            setPage(1);
          }}
          data-testid="exit-plan-search"
        />
        <Button
          data-testid="exit-plan-export"
          onClick={() => void action.run(() => api['exit.exportPlan']({})).then((r) => r && downloadBase64(r.fileName, r.contentBase64))}
        >
          {t('plan.export')}
        </Button>
        <XlsxPicker
          onContent={(contentBase64) =>
            void action
              .run(() => api['exit.importPlan']({ contentBase64 }))
              .then(async (r) => {
                if (!r) return;
                setReport(r);
                await refresh();
              })
          }
        >
          <Button data-testid="exit-plan-import">{t('plan.import')}</Button>
        </XlsxPicker>
      </Space>
      {report && (
        <Alert
          closable
          onClose={() => setReport(null)}
          type={report.problems.length || report.skipped.length ? 'warning' : 'success'}
          style={{ marginBottom: 8 }}
          data-testid="exit-plan-report"
          title={t('plan.report', { saved: report.saved, ok: report.ok, drafts: report.problems.length })}
          description={
            report.problems.length + report.skipped.length > 0 && (
              <ul style={{ margin: 0, maxHeight: 160, overflow: 'auto' }}>
                {report.skipped.map((s) => (
                  <li key={`s${s.line}`}>{tx(s.error)}</li>
                ))}
                {report.problems.slice(0, 50).map((p) => (
                  <li key={p.sku}>
                    {p.line ? t('plan.line', { line: p.line }) : ''}
                    {p.sku}：{p.errors.map(tx).join(' ')}
                  </li>
                ))}
              </ul>
            )
          }
        />
      )}
      <Table
        size="small"
        rowKey="sku"
        loading={rows.loading}
        dataSource={data?.rows ?? []}
        data-testid="exit-disposal"
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize: PAGE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          onChange: setPage,
          showTotal: (n) => t('plan.total', { n }),
        }}
        columns={[
          { title: 'SKU', dataIndex: 'sku', width: 170, fixed: 'left' },
          {
            title: t('onHand'),
            width: 100,
            render: (_: unknown, r: DisposalRowView) =>
              r.onHandSource === 'app' ? (
                r.onHand
              ) : (
                <Input
                  value={cell(r, 'onHand')}
                  onChange={(e) => setTyped((x) => ({ ...x, [r.sku]: { ...x[r.sku], onHand: e.target.value } }))}
                  onBlur={() => saveRow(r)}
                  data-testid={`exit-onhand-${r.sku}`}
                />
              ),
          },
          ...DISPOSAL_METHODS.map((m) => ({
            title: t(`methods.${m}`),
            width: 110,
            render: (_: unknown, r: DisposalRowView) => (
              <Input
                value={cell(r, m)}
                inputMode="numeric"
                onChange={(e) => setTyped((x) => ({ ...x, [r.sku]: { ...x[r.sku], [m]: e.target.value } }))}
                onBlur={() => saveRow(r)}
                onPressEnter={() => saveRow(r)}
                data-testid={`exit-q-${r.sku}-${m}`}
              />
            ),
          })),
          {
            title: t('status'),
            render: (_: unknown, r: DisposalRowView) => (
              <Space orientation="vertical" size={0} data-testid={`exit-row-${r.sku}`}>
                <Tag color={STATE_COLOR[r.state]}>{t(`plan.states.${r.state}`)}</Tag>
                {r.errors.map((e, i) => (
                  <Typography.Text key={i} type={r.state === 'changed' ? 'warning' : 'danger'} style={{ fontSize: 12 }}>
                    {tx(e)}
                  </Typography.Text>
                ))}
              </Space>
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 8 }}>
        <Input
          placeholder="SKU"
          value={newSku}
          maxLength={100}
          onChange={(e) => setNewSku(e.target.value)}
          style={{ width: 180 }}
          data-testid="exit-new-sku"
        />
        <Button
          disabled={!newSku.trim()}
          data-testid="exit-add-sku"
          onClick={() =>
            void action
              .run(() => api['exit.saveDisposalRows']({ rows: [{ sku: newSku.trim(), onHand: '', cells: {} }] }))
              .then(async (r) => {
                if (!r) return;
                setNewSku('');
                await refresh();
              })
          }
        >
          {t('addSku')}
        </Button>
      </Space>
    </Card>
  );
}
