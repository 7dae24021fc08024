import { useState } from 'react';
import { Alert, Button, Descriptions, Popconfirm, Space, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ApartRow, BillRow, DepositCaseView, DepositMatchReport, MatchCandidate } from '../../../../src-shared/types/deposit';
import { api } from '../../api';
import { fileBase64 } from '../../fileBase64';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { formatFen } from './format';
import { useAction } from '../../useAction';
import { useLang } from '../../useLang';
import { rangeText } from '../../../../src-shared/estimatedDate';

const VERDICT_TYPE = { arrived: 'success', partial: 'warning', amount_differs: 'warning', not_found: 'error' } as const;
const DIRECTION_COLOR: Record<BillRow['direction'], string> = { income: 'green', expense: 'red', neutral: 'default' };
const CONFIDENCE_COLOR = { high: 'green', medium: 'gold', low: 'default' } as const;

/** The message drafted for AliExpress support, ready to copy. */
function SupportText({ title, text }: { title: string; text: string }) {
  return (
    <Alert
      type="warning"
      showIcon
      title={title}
      style={{ marginBottom: 16 }}
      description={
        <Typography.Paragraph copyable={{ text }} style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          {text}
        </Typography.Paragraph>
      }
    />
  );
}

/** Bill rows as an accountant reads them first (in or out, from whom, the remarks), then the columns `extra` adds. */
function BillRowsTable<T extends { row: BillRow }>({ rows, extra, testId }: { rows: T[]; extra: TableColumnsType<T>; testId: string }) {
  const { t } = useTranslation('deposit');
  const columns: TableColumnsType<T> = [
    { title: t('arrival.line'), key: 'line', width: 60, render: (_: unknown, c: T) => c.row.line },
    { title: t('arrival.time'), key: 'time', render: (_: unknown, c: T) => c.row.time },
    {
      title: t('arrival.direction'),
      key: 'direction',
      render: (_: unknown, c: T) => <Tag color={DIRECTION_COLOR[c.row.direction]}>{c.row.directionText}</Tag>,
    },
    { title: t('arrival.amount'), key: 'amount', align: 'right', render: (_: unknown, c: T) => formatFen(c.row.amountFen) },
    { title: t('arrival.counterparty'), key: 'counterparty', render: (_: unknown, c: T) => c.row.counterparty },
    { title: t('arrival.description'), key: 'description', render: (_: unknown, c: T) => c.row.description },
    { title: t('arrival.remarks'), key: 'remarks', render: (_: unknown, c: T) => c.row.remarks || '—' },
    ...extra,
  ];
  return (
    <Table<T>
      size="small"
      rowKey={(c) => c.row.line}
      pagination={false}
      dataSource={rows}
      data-testid={testId}
      scroll={{ x: 'max-content' }}
      columns={columns}
    />
  );
}

/** Step 5: import the Alipay bill, see the match and why, confirm it; the support text when needed. */
export function ArrivalStep({ view, onChange }: { view: DepositCaseView; onChange: (v: DepositCaseView) => void }) {
  const { t } = useTranslation('deposit');
  const { pick } = useLang();
  const action = useAction();
  const [report, setReport] = useState<DepositMatchReport | null>(view.lastMatch);
  const importBill = async (file: File) => {
    const r = await action.run(async () => api['deposit.matchAlipay']({ fileName: file.name, contentBase64: await fileBase64(file) }));
    if (r) setReport(r);
  };
  const confirm = async (c: MatchCandidate) => {
    if (!report) return;
    const v = await action.run(() => api['deposit.confirmArrival']({ importId: report.importId, line: c.row.line }));
    if (v) onChange(v);
  };
  const undo = async (arrivalId: number) => {
    const v = await action.run(() => api['deposit.undoArrival']({ arrivalId }));
    if (v) onChange(v);
  };
  const confirmedKeys = new Set(view.arrival.rows.map((r) => `${r.at}|${r.amountFen}`));
  const isConfirmed = (c: MatchCandidate) => confirmedKeys.has(`${c.row.time}|${c.row.amountFen}`);
  const matchConfirmed = !!report?.match && isConfirmed(report.match);
  const arrival = view.arrival;
  return (
    <div data-testid="deposit-step-arrival">
      <Descriptions bordered size="small" column={1} style={{ maxWidth: 520, marginBottom: 16 }}>
        <Descriptions.Item label={t('arrival.expected')}>{formatFen(view.application?.amountFen)}</Descriptions.Item>
        {view.window && (
          <Descriptions.Item label={t('review.window')}>
            <span data-testid="deposit-arrival-window">{pick(rangeText(view.window))}</span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('arrival.verdict')}>
          <Tag
            color={
              arrival.verdict === 'arrived'
                ? 'green'
                : arrival.verdict === 'overdue' || arrival.verdict === 'amount_differs'
                  ? 'red'
                  : arrival.verdict === 'partial'
                    ? 'orange'
                    : 'blue'
            }
            data-testid="deposit-arrival-verdict"
          >
            {t(`arrival.${arrival.verdict}`)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('arrival.arrivedTotal')}>
          <span data-testid="deposit-arrived-total">{formatFen(arrival.arrivedFen)}</span>
        </Descriptions.Item>
      </Descriptions>
      {arrival.rows.length > 0 && (
        <>
          <Typography.Title level={5}>{t('arrival.confirmedRows')}</Typography.Title>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            style={{ marginBottom: 16 }}
            dataSource={arrival.rows}
            data-testid="deposit-confirmed"
            columns={[
              { title: t('arrival.time'), dataIndex: 'at' },
              { title: t('arrival.amount'), align: 'right', render: (_: unknown, r) => formatFen(r.amountFen) },
              { title: t('arrival.counterparty'), dataIndex: 'counterparty' },
              { title: t('arrival.description'), dataIndex: 'description' },
              {
                title: '',
                key: 'undo',
                render: (_: unknown, r) => (
                  <Popconfirm title={t('arrival.undoConfirm')} onConfirm={() => void undo(r.id)}>
                    <Button size="small" danger data-testid={`deposit-undo-${r.id}`}>
                      {t('arrival.undo')}
                    </Button>
                  </Popconfirm>
                ),
              },
            ]}
          />
        </>
      )}
      {arrival.supportText && <SupportText title={t('arrival.support')} text={arrival.supportText} />}
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Upload
          // Alipay's download is a .zip holding the CSV: the core reads the CSV inside.
          accept=".csv,text/csv,.zip,application/zip"
          showUploadList={false}
          beforeUpload={(file) => {
            void importBill(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={action.busy} data-testid="deposit-import-bill">
            {t('arrival.upload')}
          </Button>
        </Upload>
        <Typography.Text type="secondary">{t('arrival.uploadHint')}</Typography.Text>
        <ApiErrorAlert error={action.error} />
      </Space>
      {report && (
        <div style={{ marginTop: 16 }} data-testid="deposit-report">
          <Alert
            type={matchConfirmed ? 'success' : VERDICT_TYPE[report.verdict]}
            showIcon
            // Once the seller confirmed the match, it no longer waits for them.
            title={t(matchConfirmed ? 'arrival.report.confirmed' : `arrival.report.${report.verdict}`)}
            description={pick(report.message)}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            {report.fileName} · {report.encoding} ·{' '}
            {t('arrival.rows', {
              rows: report.rowsRead,
              income: report.counts.income,
              expense: report.counts.expense,
              neutral: report.counts.neutral,
            })}
            {report.appliedOn ? ` · ${t('arrival.comparedWith', { day: report.appliedOn })}` : ''}
          </Typography.Paragraph>
          {report.match && (
            <Descriptions bordered size="small" column={1} title={t('arrival.match')} style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('arrival.line')}>{report.match.row.line}</Descriptions.Item>
              <Descriptions.Item label={t('arrival.time')}>{report.match.row.time}</Descriptions.Item>
              <Descriptions.Item label={t('arrival.amount')}>{formatFen(report.match.row.amountFen)}</Descriptions.Item>
              <Descriptions.Item label={t('arrival.counterparty')}>{report.match.row.counterparty}</Descriptions.Item>
              <Descriptions.Item label={t('arrival.confidence')}>
                <Tag color={CONFIDENCE_COLOR[report.match.confidence]}>
                  {t(`arrival.${report.match.confidence}`)} ({report.match.score})
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('arrival.reasons')}>
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {report.match.reasons.map((r) => (
                    <li key={r.zh}>{pick(r)}</li>
                  ))}
                </ul>
              </Descriptions.Item>
            </Descriptions>
          )}
          {report.supportText && !arrival.supportText && <SupportText title={t('arrival.support')} text={report.supportText} />}
          <Typography.Title level={5}>{t('arrival.considered')}</Typography.Title>
          <BillRowsTable
            rows={report.considered}
            testId="deposit-candidates"
            extra={[
              {
                title: t('arrival.flags'),
                key: 'flags',
                render: (_: unknown, c: MatchCandidate) => (
                  <>
                    {c.beforeApplication && <Tag color="red">{t('arrival.beforeApplication')}</Tag>}
                    {c.partial && !c.beforeApplication && <Tag color="orange">{t('arrival.partialTag')}</Tag>}
                  </>
                ),
              },
              {
                title: t('arrival.score'),
                key: 'score',
                render: (_: unknown, c: MatchCandidate) => <Tag color={CONFIDENCE_COLOR[c.confidence]}>{c.score}</Tag>,
              },
              {
                title: '',
                key: 'confirm',
                render: (_: unknown, c: MatchCandidate) =>
                  isConfirmed(c) ? (
                    <Tag color="green">{t('arrival.confirmed')}</Tag>
                  ) : c.beforeApplication ? (
                    <Typography.Text type="secondary">{t('arrival.notConfirmable')}</Typography.Text>
                  ) : (
                    <Button
                      size="small"
                      type={report.match?.row.line === c.row.line ? 'primary' : 'default'}
                      onClick={() => void confirm(c)}
                      data-testid={`deposit-confirm-${c.row.line}`}
                    >
                      {t('arrival.confirm')}
                    </Button>
                  ),
              },
            ]}
          />
          {(report.apart ?? []).length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 16 }}>
                {t('arrival.apart')}
              </Typography.Title>
              <BillRowsTable
                rows={report.apart ?? []}
                testId="deposit-apart"
                extra={[{ title: t('arrival.apartWhy'), key: 'why', render: (_: unknown, a: ApartRow) => pick(a.why) }]}
              />
            </>
          )}
        </div>
      )}
    </div>
  );
}
