/**
 * 超卖风险: the core's risk model as it is — the headline, one card per kind (their sum is the
 * headline's number), and each SKU with what is under way and, for a refused unbind, the platform's
 * reason, a message to platform support ready to copy, a retry after the campaign, or a pin.
 */
import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import { Alert, Button, Card, Col, DatePicker, Row, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { RISK_KINDS, RISK_TEXT, type DashboardView, type OversellRiskRow, type RiskKind } from '../../../../src-shared/types/auto';
import { api } from '../../api';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useAction } from '../../useAction';
import { formatMinutes, formatTime } from '../../formatTime';
import { BIND_STATUS_COLOR, STATE_COLOR } from './stateColor';
import { useLang } from '../../useLang';

const KIND_COLOR: Record<RiskKind, string> = { refused: 'red', review: 'gold', zero: 'volcano', unmapped: 'purple', stale: 'orange' };

export function RiskTab({ d, onChanged }: { d: DashboardView; onChanged: () => Promise<void> }) {
  const { t } = useTranslation('auto');
  const { pick } = useLang();
  const m = d.riskModel;
  const [kind, setKind] = useState<RiskKind | null>(null);
  const rows = kind ? d.risk.filter((r) => r.kind === kind) : d.risk;
  // Before a stock read, or with no listing SKU mapped and linked, nothing is known to be safe: "no
  // risk, every SKU on sale has stock" would be a claim about stock nobody has read (the headline
  // above says the same: set up first).
  const unknown = m.total === 0 && (!d.status.lastSync || d.ready === 0);
  // Where the start comes from, or why there is none: a bare dash would read as "no risk".
  const sinceNote = (r: OversellRiskRow) =>
    r.sinceFrom ? t(`risk.sinceFrom.${r.sinceFrom}`) : t(`risk.noSince.${r.kind === 'unmapped' || r.kind === 'stale' ? r.kind : 'other'}`);
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="risk-tab">
      <Alert
        type={unknown ? 'info' : m.total === 0 ? 'success' : m.counts.refused > 0 ? 'error' : 'warning'}
        showIcon
        data-testid="risk-headline"
        data-total={m.total}
        title={unknown ? t('risk.unknown') : m.total === 0 ? t('risk.empty') : pick(m.headline)}
        description={m.total > 0 && !m.switchOn && m.counts.zero > 0 ? t('risk.offNote') : undefined}
      />
      {m.total > 0 && (
        <Row gutter={12}>
          {RISK_KINDS.map((k) => (
            <Col key={k} xs={12} md={4}>
              <Card
                size="small"
                hoverable
                onClick={() => setKind(kind === k ? null : k)}
                style={kind === k ? { borderColor: '#1677ff' } : undefined}
              >
                <Statistic title={pick(RISK_TEXT[k])} value={m.counts[k]} data-testid={`risk-card-${k}`} />
              </Card>
            </Col>
          ))}
        </Row>
      )}
      {m.total > 0 && (
        <Table<OversellRiskRow>
          rowKey="listingSkuId"
          size="small"
          dataSource={rows}
          pagination={{ pageSize: 50 }}
          expandable={{ rowExpandable: (r) => r.refusal !== null, expandedRowRender: (r) => <Refusal r={r} onChanged={onChanged} /> }}
          columns={[
            { title: t('sellerSku'), dataIndex: 'sellerSku', render: (v: string) => <span data-testid={`risk-row-${v}`}>{v}</span> },
            {
              title: t('risk.kind'),
              dataIndex: 'kind',
              render: (k: RiskKind) => <Tag color={KIND_COLOR[k]}>{pick(RISK_TEXT[k])}</Tag>,
            },
            { title: t('productSkuId'), render: (_, r) => `${r.productId} / ${r.skuId}` },
            {
              title: t('risk.status'),
              dataIndex: 'bindStatus',
              render: (s: number) => <Tag color={BIND_STATUS_COLOR[s]}>{t(`status.${s}`)}</Tag>,
            },
            { title: t('risk.sellable'), dataIndex: 'sellable', render: (v: number | null) => v ?? t('dry.unknown') },
            {
              title: t('risk.action'),
              render: (_, r) => (
                <Space size={4}>
                  {r.action && <Tag color={STATE_COLOR[r.action.state]}>{`${t(`dry.${r.action.kind}`)} ${pick(r.action)}`}</Tag>}
                  {r.pin !== 'auto' && <Tag>{t('risk.pinned')}</Tag>}
                </Space>
              ),
            },
            { title: t('risk.refusal'), render: (_, r) => (r.refusal ? pick(r.refusal) : '') },
            {
              title: t('risk.since'),
              render: (_, r) => (
                <Tooltip title={sinceNote(r)}>
                  <span data-testid={`risk-since-${r.sellerSku}`}>{formatTime(r.since)}</span>
                </Tooltip>
              ),
            },
            {
              title: t('risk.minutes'),
              // The longest at risk first when asked: those have sold the most at 0.
              sorter: (a, b) => (a.minutes ?? -1) - (b.minutes ?? -1),
              render: (_, r) => (
                <Tooltip title={sinceNote(r)}>
                  <span data-testid={`risk-minutes-${r.sellerSku}`}>{formatMinutes(r.minutes)}</span>
                </Tooltip>
              ),
            },
          ]}
        />
      )}
    </Space>
  );
}

/** What to do about one refused unbind: copy the message to support, retry after the campaign, or pin. */
function Refusal({ r, onChanged }: { r: OversellRiskRow; onChanged: () => Promise<void> }) {
  const { t } = useTranslation('auto');
  const { pick } = useLang();
  const action = useAction();
  const [at, setAt] = useState<Dayjs | null>(null);
  const f = r.refusal!;
  const id = f.actionId;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid={`refusal-${r.sellerSku}`}>
      <Typography.Text strong>{t('risk.draft')}</Typography.Text>
      <Typography.Paragraph
        copyable={{ text: pick(f.draft) }}
        style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}
        data-testid={`refusal-draft-${r.sellerSku}`}
      >
        {pick(f.draft)}
      </Typography.Paragraph>
      <Space wrap>
        {id !== null && (
          <>
            <Button
              size="small"
              loading={action.busy}
              onClick={() => void action.run(() => api['auto.action.retry']({ actionId: id })).then(onChanged)}
            >
              {t('risk.retryNow')}
            </Button>
            <DatePicker showTime size="small" value={at} onChange={setAt} placeholder={t('risk.retryAtPh')} />
            <Button
              size="small"
              disabled={!at}
              loading={action.busy}
              onClick={() =>
                at && void action.run(() => api['auto.action.retryAt']({ actionId: id, at: at.toISOString() })).then(onChanged)
              }
            >
              {t('risk.retryAt')}
            </Button>
          </>
        )}
        <Button
          size="small"
          loading={action.busy}
          onClick={() =>
            void action
              .run(() => api['auto.pin.set']({ listingSkuIds: [r.listingSkuId], mode: 'always_bound', note: 'unbind refused' }))
              .then(onChanged)
          }
        >
          {t('risk.pin')}
        </Button>
      </Space>
      <ApiErrorAlert error={action.error} />
    </Space>
  );
}
