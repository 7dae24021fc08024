import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, Select, Space, Spin, Table, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import {
  STOCK_UPLOAD_MAX_BYTES,
  type StockFileField,
  type StockFileMapping,
  type StockFileReport,
} from '../../../../src-shared/types/stockFile';
import { api } from '../../api';
import { fileBase64 } from '../../fileBase64';
import { useAction } from '../../useAction';
import { useChanged, useChannel } from '../../useChannel';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { formatTime } from '../../formatTime';
import { useFieldErrorForm } from '../../useFieldErrors';
import { useLang } from '../../useLang';

/** The columns a seller can be asked to choose; the others are picked up by their headers only. */
const MAP_FIELDS: StockFileField[] = ['sku', 'warehouse', 'available', 'safety'];
const NO_COLUMN = -1;

interface Upload {
  fileName: string;
  content: string;
  mapping?: StockFileMapping;
  sheet?: string;
  defaultWarehouse?: string;
}

/** The age of the last import, and a warning once it is stale; shown on the dashboard and above the upload. */
export function FileImportAge({ onOpen }: { onOpen?: () => void }) {
  const { t } = useTranslation('stockFile');
  const status = useChannel('stock.import.status', {});
  useChanged('stock', status.reload);
  const s = status.data;
  if (!s) return null;
  if (!s.lastImportAt) {
    return (
      <Alert
        type="warning"
        showIcon
        title={t('never')}
        data-testid="stock-file-age"
        action={
          onOpen && (
            <Button size="small" onClick={onOpen}>
              {t('open')}
            </Button>
          )
        }
      />
    );
  }
  const vars = { time: formatTime(s.lastImportAt), hours: s.ageHours ?? 0, file: s.fileName ?? '', rows: s.rowsRead };
  return (
    <Alert
      type={s.stale ? 'warning' : 'info'}
      showIcon
      data-testid="stock-file-age"
      title={`${t('last')}：${s.ageHours ? t('age', vars) : t('ageFresh', vars)}`}
      description={s.stale ? t('stale', { hours: s.ageHours, limit: s.staleAfterHours }) : undefined}
      action={
        onOpen && s.stale ? (
          <Button size="small" onClick={onOpen}>
            {t('open')}
          </Button>
        ) : undefined
      }
    />
  );
}

/**
 * 文件导入 in the window: drop a CSV/XLSX export, read the report main makes of it (bad lines by the
 * line the seller sees, what was not recognised), choose columns or the sheet when asked, and only
 * then confirm the write. The bytes go to main as base64 through stock.import.
 */
export function FileImportCard() {
  const { t } = useTranslation('stockFile');
  const { pick } = useLang();
  const action = useAction();
  const [upload, setUpload] = useState<Upload | null>(null);
  const [report, setReport] = useState<StockFileReport | null>(null);
  const [tooBig, setTooBig] = useState<string | null>(null);
  const [form] = Form.useForm<Record<StockFileField, number> & { defaultWarehouse?: string; sheet?: string }>();

  const check = async (u: Upload) => {
    setUpload(u);
    setReport(null);
    const r = await action.run(() =>
      api['stock.import']({
        fileName: u.fileName,
        contentBase64: u.content,
        mapping: u.mapping,
        sheet: u.sheet,
        defaultWarehouse: u.defaultWarehouse,
      }),
    );
    if (!r) return;
    setReport(r);
    form.setFieldsValue({
      ...Object.fromEntries(MAP_FIELDS.map((f) => [f, r.mapping[f] ?? NO_COLUMN])),
      sheet: r.sheet ?? undefined,
      defaultWarehouse: u.defaultWarehouse,
    });
  };

  const recheck = (v: Record<StockFileField, number> & { defaultWarehouse?: string; sheet?: string }) => {
    if (!upload) return;
    const mapping: StockFileMapping = {};
    for (const f of MAP_FIELDS) if (typeof v[f] === 'number' && v[f] !== NO_COLUMN) mapping[f] = v[f];
    const sheetChanged = v.sheet !== undefined && v.sheet !== report?.sheet;
    void check({
      ...upload,
      // Another sheet has other columns: let them be found again rather than carry these over.
      mapping: sheetChanged ? undefined : mapping,
      sheet: v.sheet,
      defaultWarehouse: v.defaultWarehouse?.trim() || undefined,
    });
  };

  const confirm = async () => {
    if (!upload || !report) return;
    const r = await action.run(() =>
      api['stock.import']({
        fileName: upload.fileName,
        contentBase64: upload.content,
        mapping: upload.mapping,
        sheet: upload.sheet,
        defaultWarehouse: upload.defaultWarehouse,
        confirm: true,
      }),
    );
    if (r) setReport(r);
  };

  // One column for two items (available and safety stock alike) would make every SKU's sellable stock 0.
  const columnTakenBy = (f: StockFileField, v: number | undefined) => {
    const other = v === undefined || v === NO_COLUMN ? undefined : MAP_FIELDS.find((g) => g !== f && form.getFieldValue(g) === v);
    return other ? Promise.reject(new Error(t('sameColumn', { field: t(`fieldName.${other}`) }))) : Promise.resolve();
  };

  const columnOptions = (r: StockFileReport) => [
    { value: NO_COLUMN, label: t('none') },
    ...r.headers.map((h, i) => {
      const example = r.sample.map((row) => row[i]).find((v) => v && v.trim());
      return { value: i, label: `${t('column', { n: i + 1, name: h || '—' })}${example ? `（${t('example', { value: example })}）` : ''}` };
    }),
  ];

  return (
    <Card title={t('title')} data-testid="stock-file-import" style={{ marginBottom: 16 }}>
      <Typography.Paragraph>{t('intro')}</Typography.Paragraph>
      <div style={{ marginBottom: 16 }}>
        <FileImportAge />
      </div>
      <Upload.Dragger
        accept=".csv,.txt,.tsv,.xlsx,.xls"
        multiple={false}
        showUploadList={false}
        disabled={action.busy}
        data-testid="stock-file-drop"
        beforeUpload={(file) => {
          setTooBig(null);
          if (file.size > STOCK_UPLOAD_MAX_BYTES) {
            setTooBig(t('tooBig', { name: file.name, mb: (file.size / 1024 / 1024).toFixed(1) }));
            return false;
          }
          void fileBase64(file).then((content) => check({ fileName: file.name, content }));
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('drop')}</p>
        <p className="ant-upload-hint">{t('dropHint')}</p>
      </Upload.Dragger>
      {tooBig && <Alert type="error" showIcon style={{ marginTop: 16 }} title={tooBig} />}
      <div style={{ marginTop: 16 }}>
        <ApiErrorAlert error={action.error} />
      </div>
      {action.busy && <Spin style={{ marginTop: 16 }} description={t('checking')} />}
      {report && (
        <div style={{ marginTop: 16 }} data-testid="stock-file-report">
          <Descriptions size="small" bordered column={1} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('file')}>
              {report.fileName} · {t('format', { format: report.format.toUpperCase(), encoding: report.encoding })} ·{' '}
              {t('headerLine', { line: report.headerLine })}
            </Descriptions.Item>
            {report.warehouses.length > 0 && (
              <Descriptions.Item label={t('warehouses')}>
                {report.warehouses.map((w) => t('warehouseSkus', { name: w.name, n: w.skus })).join('；')}
              </Descriptions.Item>
            )}
          </Descriptions>
          {report.problem && (
            <Alert type="error" showIcon style={{ marginBottom: 16 }} title={pick(report.problem)} data-testid="stock-file-problem" />
          )}
          {(report.needsMapping || report.sheets.length > 1 || report.missing.length > 0) && !report.applied && (
            <Card size="small" title={t('mapTitle')} style={{ marginBottom: 16 }} data-testid="stock-file-mapping">
              {report.needsMapping && <Typography.Paragraph>{t('mapIntro')}</Typography.Paragraph>}
              <Form form={form} layout="vertical" onFinish={recheck}>
                {report.sheets.length > 1 && (
                  <Form.Item name="sheet" label={t('sheet')}>
                    <Select options={report.sheets.map((s) => ({ value: s, label: s }))} data-testid="stock-file-sheet" />
                  </Form.Item>
                )}
                {MAP_FIELDS.map((f) => (
                  <Form.Item
                    key={f}
                    name={f}
                    label={t(`field.${f}`)}
                    dependencies={MAP_FIELDS.filter((g) => g !== f)}
                    rules={[{ validator: (_, v: number | undefined) => columnTakenBy(f, v) }]}
                  >
                    <Select options={columnOptions(report)} data-testid={`stock-file-map-${f}`} />
                  </Form.Item>
                ))}
                <Form.Item name="defaultWarehouse" label={t('defaultWarehouse')}>
                  <Input maxLength={60} placeholder={t('defaultWarehousePh')} data-testid="stock-file-default-warehouse" />
                </Form.Item>
                <Button htmlType="submit" loading={action.busy} data-testid="stock-file-recheck">
                  {t('recheck')}
                </Button>
              </Form>
            </Card>
          )}
          {!report.needsMapping && (
            <Alert
              type={report.applied ? 'success' : report.rejectedTotal ? 'warning' : 'info'}
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="stock-file-summary"
              title={
                report.applied
                  ? t('done', { n: report.accepted, changed: report.rowsChanged, run: report.runId })
                  : t('summary', { accepted: report.accepted, rejected: report.rejectedTotal })
              }
              description={report.normalised ? t('normalised', { n: report.normalised }) : undefined}
            />
          )}
          {report.rejected.length > 0 && (
            <>
              <Typography.Title level={5}>{t('badLines')}</Typography.Title>
              <Table
                size="small"
                rowKey={(r) => `${r.line}`}
                dataSource={report.rejected}
                pagination={{ pageSize: 10, showSizeChanger: false }}
                data-testid="stock-file-rejected"
                columns={[
                  { title: t('line'), dataIndex: 'line', width: 80 },
                  { title: t('sku'), dataIndex: 'sku', width: 200, ellipsis: true, render: (v?: string) => v ?? '—' },
                  { title: t('reason'), render: (_: unknown, r: StockFileReport['rejected'][number]) => pick(r.reason) },
                ]}
              />
              {report.rejectedTotal > report.rejected.length && (
                <Typography.Text type="secondary">
                  {t('more', { shown: report.rejected.length, total: report.rejectedTotal })}
                </Typography.Text>
              )}
            </>
          )}
          {!report.applied && !report.problem && report.accepted > 0 && (
            <Space style={{ marginTop: 16 }}>
              <Button type="primary" loading={action.busy} onClick={() => void confirm()} data-testid="stock-file-confirm">
                {t('confirm', { n: report.accepted })}
              </Button>
              <Button
                onClick={() => {
                  setReport(null);
                  setUpload(null);
                }}
              >
                {t('cancel')}
              </Button>
            </Space>
          )}
        </div>
      )}
    </Card>
  );
}

/**
 * 监视文件夹: the folder the seller's ERP exports to, looked in on the stock schedule. A typed path
 * (no host offers a folder picker yet), checked by main to exist; what the last look found, with the
 * refused lines as the upload's report names them.
 */
export function WatchFolderCard() {
  const { t } = useTranslation('stockFile');
  const { pick } = useLang();
  const status = useChannel('stock.watch.status', {});
  useChanged('stock', status.reload);
  const action = useAction();
  const [form, fields] = useFieldErrorForm<{ folder: string }>(action.error);
  const s = status.data;
  const run = (fn: () => Promise<unknown>) => void action.run(fn).then((r) => r && status.reload());
  return (
    <Card size="small" title={t('watch.title')} style={{ marginBottom: 16 }} data-testid="stock-watch">
      <Typography.Paragraph type="secondary">{t('watch.intro', { minutes: s?.everyMinutes ?? 30 })}</Typography.Paragraph>
      <ApiErrorAlert error={status.error ?? fields.rest} />
      <Form
        form={form}
        layout="vertical"
        onValuesChange={fields.onValuesChange}
        onFinish={(v) => run(() => api['stock.watch.set']({ folder: v.folder }))}
      >
        <Form.Item name="folder" label={t('watch.folder')} rules={[{ required: true }]}>
          <Input placeholder={t('watch.placeholder')} autoComplete="off" data-testid="stock-watch-folder" />
        </Form.Item>
        <Space wrap>
          <Button htmlType="submit" loading={action.busy} data-testid="stock-watch-save">
            {t('watch.save')}
          </Button>
          {s?.folder && (
            <>
              <Button onClick={() => run(() => api['stock.watch.check']({}))} loading={action.busy} data-testid="stock-watch-check">
                {t('watch.check')}
              </Button>
              <Button onClick={() => run(() => api['stock.watch.set']({ folder: null }))}>{t('watch.stop')}</Button>
            </>
          )}
        </Space>
      </Form>
      {s?.folder && (
        <div style={{ marginTop: 12 }} data-testid="stock-watch-status">
          <Typography.Text strong>{t('watch.watching', { folder: s.folder })}</Typography.Text>
          {s.reachable === false && <Alert type="error" showIcon title={t('watch.unreachable')} style={{ marginTop: 8 }} />}
          {s.checkedAt && s.outcome && (
            <Alert
              style={{ marginTop: 8 }}
              type={
                s.outcome === 'imported'
                  ? s.rejectedTotal
                    ? 'warning'
                    : 'success'
                  : s.outcome === 'unchanged' || s.outcome === 'no_file' || s.outcome === 'waiting'
                    ? 'info'
                    : 'error'
              }
              showIcon
              title={t(`watch.outcome.${s.outcome}`, {
                file: s.fileName ?? '',
                accepted: s.accepted,
                rejected: s.rejectedTotal,
                changed: s.rowsChanged,
                why: s.problem ? pick(s.problem) : '',
              })}
              description={
                <>
                  <div>{t('watch.last', { time: formatTime(s.checkedAt) })}</div>
                  {s.rejected.map((r) => (
                    <div key={r.line}>{t('watch.line', { line: r.line, reason: pick(r.reason) })}</div>
                  ))}
                </>
              }
              data-testid="stock-watch-outcome"
            />
          )}
        </div>
      )}
    </Card>
  );
}
