import { useCallback, useMemo, useRef, useState } from 'react';
import { Alert, Button, Divider, List, Select, Space, Tag, Typography, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ListingSkuRow, MappingImportReport, ResolveStatus } from '../../../../src-shared/types/stock';
import { api } from '../../api';
import { downloadBase64 } from '../../download';
import { useChanged, useChannel, type ChannelState } from '../../useChannel';
import type { Output } from '../../../../src-shared/contract';
import { ruleSentence } from './ruleWords';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { XlsxPicker } from '../../components/XlsxPicker';
import { PagedTable } from '../../components/PagedTable';
import { EllipsisText } from '../../components/EllipsisText';
import { CellText } from '../../components/CellText';
import { useListingPage } from './useListingPage';
import { ListingSearch } from './ListingSearch';
import { RuleEditor } from './RuleEditor';
import { useAction } from '../../useAction';
import { useLang, type Lang } from '../../useLang';

const STATUSES: ResolveStatus[] = ['manual', 'exact', 'rule', 'unresolved', 'conflict'];
const COLOR: Record<ResolveStatus, string> = { manual: 'purple', exact: 'green', rule: 'cyan', unresolved: 'default', conflict: 'red' };

/** The closed search box's look (antd's small Select, in its theme variables), as wide as its column. */
const closedLinker = {
  width: '100%',
  height: 'var(--ant-control-height-sm)',
  padding: '0 7px',
  textAlign: 'left',
  font: 'inherit',
  fontSize: 'var(--ant-font-size)',
  color: 'var(--ant-color-text-placeholder)',
  background: 'var(--ant-color-bg-container)',
  border: 'var(--ant-line-width) var(--ant-line-type) var(--ant-color-border)',
  borderRadius: 'var(--ant-border-radius-sm)',
  cursor: 'pointer',
  // One line, cut as antd cuts a Select's placeholder, its whole text in the button's title.
  whiteSpace: 'nowrap',
  overflow: 'hidden',
  textOverflow: 'ellipsis',
} as const;

type ErpHit = { sku: string; name: string | null; category: string; status: string | null };

/**
 * Search-as-you-type over ERP SKUs, to link one listing SKU by hand. Both sides are shown by what
 * they are (the listing's title and SKU above the list, each ERP SKU's product name, category and
 * status in it), so a T-shirt is not linked to a data cable by a look-alike code. The listing's
 * variation is shown as AliExpress words it; its picture is a link (opened in the browser), not a
 * thumbnail: the window's CSP allows images from the app only (img-src 'self' data:), so no remote
 * address is fetched from inside the app.
 */
function ManualLinker({ row, onDone }: { row: ListingSkuRow; onDone: () => void }) {
  const { t } = useTranslation('stock');
  // Each row shows a look-alike of the closed search box until it is clicked or focused: fifty
  // antd Selects (hooks, a resize observer and a virtual list each) were a large part of the table's
  // first render after a page reload, and a seller links a few rows at a time, not fifty.
  const [active, setActive] = useState(false);
  if (!active)
    return (
      <button
        type="button"
        style={closedLinker}
        onClick={() => setActive(true)}
        onFocus={() => setActive(true)}
        title={t('map.searchErp')}
        data-testid={`manual-link-${row.id}`}
      >
        {t('map.searchErp')}
      </button>
    );
  return <ManualLinkerOpen row={row} onDone={onDone} />;
}

/** The search box itself, opened and focused as it mounts (the seller clicked the look-alike). */
function ManualLinkerOpen({ row, onDone }: { row: ListingSkuRow; onDone: () => void }) {
  const { t } = useTranslation('stock');
  const [hits, setHits] = useState<ErpHit[]>([]);
  const seq = useRef(0);
  const action = useAction();
  const search = async (q: string) => {
    const mine = ++seq.current;
    const found = q.trim() ? await api['sku.erpSkus.search']({ q, limit: 20 }) : [];
    if (mine === seq.current) setHits(found);
  };
  const options = hits.map((h) => ({
    value: h.sku,
    // The text the option is found and announced by; the rendering below adds the product's facts.
    label: `${h.sku} · ${h.name ?? ''}`,
    hit: h,
  }));
  return (
    <Select
      showSearch
      autoFocus
      defaultOpen
      filterOption={false}
      onSearch={(q) => void search(q)}
      options={options}
      placeholder={t('map.searchErp')}
      style={{ width: '100%' }}
      popupMatchSelectWidth={420}
      size="small"
      loading={action.busy}
      popupRender={(menu) => (
        <>
          <div style={{ padding: '4px 12px 8px' }} data-testid={`manual-link-listing-${row.id}`}>
            <Typography.Text type="secondary">{t('map.linkFor')}</Typography.Text>{' '}
            <Typography.Text strong>{row.title || row.productId}</Typography.Text> <Typography.Text code>{row.sellerSku}</Typography.Text>
            <div>
              <Typography.Text type="secondary">{t('map.variation')}</Typography.Text>
              <span data-testid="manual-link-variation">{row.variation ?? t('map.noVariation')}</span>
              {row.imageUrl && (
                <>
                  {' · '}
                  <a href={row.imageUrl} target="_blank" rel="noopener noreferrer" data-testid="manual-link-image">
                    {t('map.image')}
                  </a>
                </>
              )}
            </div>
          </div>
          {menu}
        </>
      )}
      optionRender={(o) => {
        const h = (o.data as { hit: ErpHit }).hit;
        return (
          <div style={{ whiteSpace: 'normal' }}>
            <Typography.Text strong>{h.sku}</Typography.Text> <span>{h.name ?? t('map.noName')}</span>
            <div>
              {h.category && <Tag>{h.category}</Tag>}
              {h.status && <Typography.Text type="secondary">{h.status}</Typography.Text>}
            </div>
          </div>
        );
      }}
      onChange={(erpSku: string) => void action.run(() => api['sku.link']({ listingSkuId: row.id, erpSku })).then(onDone)}
      data-testid={`manual-link-${row.id}`}
    />
  );
}

/**
 * The mapping table's columns, built once per language and handlers: built on every render, the
 * table took each new array for new columns and rendered every row's cells again (the counts,
 * rules and status arriving after the rows each render the step). Cells are plain text in antd's
 * classes (CellText) where Typography.Text would mount holders that render each text twice.
 *
 * The widths add up to 925 px, what the table gets in a 1280 px window on Windows (the menu, the
 * page's padding and a 17 px scroll bar taken away): at the common office widths every column is
 * in view beside the fixed manual-link column, none hidden under it until the seller finds the
 * sideways scroll bar below 480 px of rows. Wider windows stretch the columns (scroll.x is their
 * sum); one-line texts are cut with a tooltip, codes and the result's explanation wrap.
 */
function mappingColumns(
  t: TFunction<'stock'>,
  lang: Lang,
  onUnlink: (r: ListingSkuRow) => void,
  onLinked: () => void,
): TableColumnsType<ListingSkuRow> {
  return [
    {
      title: t('link.product'),
      dataIndex: 'productId',
      width: 152,
      render: (v: string, r: ListingSkuRow) => (
        <>
          <EllipsisText tooltip={r.title} style={{ maxWidth: '100%', display: 'block' }} data-testid="mapping-title">
            {r.title || '—'}
          </EllipsisText>
          {r.variation && (
            <EllipsisText
              tooltip={r.variation}
              style={{ maxWidth: '100%', display: 'block', fontSize: 12 }}
              data-testid="mapping-variation"
            >
              {r.variation}
            </EllipsisText>
          )}
          <CellText type="secondary" style={{ fontSize: 12 }}>
            {v}
          </CellText>
        </>
      ),
    },
    {
      title: t('map.productType'),
      dataIndex: 'productType',
      // “Warehouse” and “(“海外备仓”)” each on a line of their own, not broken inside the word.
      width: 98,
      render: (v: ListingSkuRow['productType']) => t(`map.type.${v}`),
    },
    {
      title: t('map.input'),
      dataIndex: 'sellerSku',
      width: 130,
      render: (v: string, r: ListingSkuRow) => (
        <>
          {v}
          {r.refuseReason && (
            <div>
              <CellText type="danger" data-testid="mapping-refuse-reason">
                {t('map.refused', { reason: r.refuseReason })}
              </CellText>
            </div>
          )}
        </>
      ),
    },
    {
      title: t('map.skuStatus'),
      dataIndex: 'skuStatus',
      width: 80,
      render: (v: string) => (
        <Tag color={v === 'active' ? 'green' : v === 'inactive' ? 'default' : undefined}>
          {t(`map.sku.${v === 'active' || v === 'inactive' ? v : 'unknown'}`)}
        </Tag>
      ),
    },
    {
      title: t('map.erpSku'),
      dataIndex: 'erpSku',
      width: 130,
      render: (v: string | null, r: ListingSkuRow) =>
        v ? (
          <>
            {v}
            {r.erpName && (
              <EllipsisText
                type="secondary"
                tooltip={r.erpName}
                style={{ maxWidth: '100%', display: 'block', fontSize: 12 }}
                data-testid="mapping-erp-name"
              >
                {r.erpName}
              </EllipsisText>
            )}
          </>
        ) : (
          '—'
        ),
    },
    {
      title: t('map.result'),
      dataIndex: 'resolveStatus',
      width: 165,
      render: (s: ResolveStatus, r: ListingSkuRow) => (
        <>
          <Tag color={COLOR[s]}>{t(`map.status.${s}`)}</Tag>
          {r.resolveDetail && <CellText type="secondary">{r.resolveDetail[lang]}</CellText>}
        </>
      ),
    },
    {
      title: t('map.link'),
      width: 170,
      // Where the seller works: kept in view in a window narrower than the columns (below about 1280 px).
      fixed: 'right',
      render: (_: unknown, r: ListingSkuRow) =>
        r.method === 'manual' ? (
          <Button type="link" size="small" onClick={() => onUnlink(r)}>
            {t('map.unlink')}
          </Button>
        ) : (
          <ManualLinker row={r} onDone={onLinked} />
        ),
    },
  ];
}

/**
 * Step 4 SKU关联: counts by method, the ordered rules with a previewing editor, the table with the manual linker, Excel.
 * `overview`: the wizard's own read of the steps and counts, not a second call of the same channel.
 */
export function MappingStep({ overview }: { overview: ChannelState<Output<'stock.overview'>> }) {
  const { t } = useTranslation('stock');
  const { lang, en, pick } = useLang();
  const { filter, refilter, search, rows, paging } = useListingPage<{ text?: string; resolveStatus?: ResolveStatus[] }>();
  const rules = useChannel('sku.rules.list', {});
  // How the rule's result is compared (区分大小写 or not), said after each rule.
  const caseRule = useChannel('stock.sync.status', {}).data?.settings.caseRule;
  const { reload: rowsReload } = rows;
  const { reload: rulesReload } = rules;
  const { reload: overviewReload } = overview;
  const reload = useCallback(() => Promise.all([rowsReload(), rulesReload(), overviewReload()]), [rowsReload, rulesReload, overviewReload]);
  useChanged('sku', reload);
  const [report, setReport] = useState<{ r: MappingImportReport; content: string } | null>(null);
  const action = useAction();
  /** The Excel import on its own: its buttons are busy while a file is read or written, whatever else runs. */
  const importing = useAction();
  const { run } = action;
  const c = overview.data?.counts;
  const columns = useMemo(
    () =>
      mappingColumns(
        t,
        lang,
        (r) => void run(() => api['sku.unlink']({ listingSkuId: r.id })).then(reload),
        () => void reload(),
      ),
    [t, lang, run, reload],
  );

  return (
    <>
      <ApiErrorAlert error={rows.error ?? rules.error ?? action.error ?? importing.error} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Button onClick={() => void action.run(() => api['sku.listings.refresh']({})).then(reload)} loading={action.busy}>
          {t('map.refresh')}
        </Button>
        <Button onClick={() => void action.run(() => api['sku.resolve']({})).then(reload)} data-testid="resolve-now">
          {t('map.resolve')}
        </Button>
        <Button
          onClick={() => void action.run(() => api['sku.mapping.export']({})).then((r) => r && downloadBase64(r.fileName, r.contentBase64))}
        >
          {t('map.export')}
        </Button>
        <XlsxPicker
          onContent={(content) =>
            void importing.run(() => api['sku.mapping.import']({ contentBase64: content })).then((r) => r && setReport({ r, content }))
          }
        >
          <Button loading={importing.busy}>{t('map.import')}</Button>
        </XlsxPicker>
      </Space>
      {report && (
        <Alert
          type={report.r.rejected.length ? 'warning' : 'info'}
          style={{ marginBottom: 12 }}
          title={t('map.importReport', {
            rows: report.r.rows,
            linked: report.r.linked,
            unchanged: report.r.unchanged,
            rejected: report.r.rejected.length,
          })}
          description={report.r.rejected.slice(0, 20).map((x) => (
            <div key={x.line}>
              #{x.line}: {pick(x.reason)}
            </div>
          ))}
          action={
            !report.r.applied && report.r.linked > 0 ? (
              <Button
                type="primary"
                size="small"
                // Busy while the links are written: a second click would be refused as another import and
                // leave that refusal on screen after the first one succeeded.
                loading={importing.busy}
                onClick={() =>
                  void importing
                    .run(() => api['sku.mapping.import']({ contentBase64: report.content, confirm: true }))
                    .then((r) => {
                      // A failed import keeps its report open, to try again from it.
                      if (!r) return;
                      setReport(null);
                      void reload();
                    })
                }
              >
                {t('map.importApply')}
              </Button>
            ) : undefined
          }
          closable
          onClose={() => setReport(null)}
        />
      )}
      {c && (
        <Typography.Paragraph data-testid="mapping-counts">
          {t('map.counts', { total: c.listingSkus, ...c.byMethod, unresolved: c.unresolved, conflict: c.conflicting })}
        </Typography.Paragraph>
      )}
      <Typography.Title level={5}>{t('map.rules')}</Typography.Title>
      <List
        size="small"
        bordered
        dataSource={rules.data ?? []}
        locale={{ emptyText: '—' }}
        renderItem={(r, i) => (
          <List.Item
            actions={[
              i > 0 ? (
                <Button
                  key="up"
                  type="link"
                  size="small"
                  onClick={() => {
                    const ids = (rules.data ?? []).map((x) => x.id);
                    const above = ids[i - 1];
                    const here = ids[i];
                    if (above === undefined || here === undefined) return; // the list changed under the click
                    [ids[i - 1], ids[i]] = [here, above];
                    void action.run(() => api['sku.rules.reorder']({ ids })).then(reload);
                  }}
                >
                  {t('map.up')}
                </Button>
              ) : null,
              <Button
                key="del"
                type="link"
                size="small"
                onClick={() => void action.run(() => api['sku.rules.delete']({ id: r.id })).then(reload)}
              >
                {t('map.del')}
              </Button>,
            ].filter(Boolean)}
          >
            <span data-testid={`rule-words-${i}`}>
              {i + 1}. {ruleSentence(r.spec, caseRule, en ? 'en-US' : 'zh-CN')}
              {r.label && <Typography.Text type="secondary">{en ? ` (${r.label})` : `（${r.label}）`}</Typography.Text>}
            </span>
          </List.Item>
        )}
      />
      <Divider>{t('map.addRule')}</Divider>
      <RuleEditor onSaved={() => void reload()} />
      <Divider />
      <Space wrap style={{ marginBottom: 8 }}>
        <ListingSearch width={320} onSearch={search} testId="mapping-filter" />
        <Select
          mode="multiple"
          allowClear
          style={{ minWidth: 260 }}
          placeholder={t('map.result')}
          value={filter.resolveStatus ?? []}
          options={STATUSES.map((s) => ({ value: s, label: t(`map.status.${s}`) }))}
          onChange={(v: ResolveStatus[]) => {
            refilter({ ...filter, resolveStatus: v.length ? v : undefined });
          }}
          data-testid="mapping-status-filter"
        />
      </Space>
      <PagedTable data-testid="mapping-table" result={rows} height={480} paging={paging} columns={columns} />
    </>
  );
}
