/** Binds and unbinds per hour, and the time from stock-out to unbind (median, p90, each case). */
import { Card, Col, Row, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DashboardView } from '../../../../src-shared/types/auto';
import { formatTime } from '../../formatTime';

export function ChartTab({ d }: { d: DashboardView }) {
  const { t } = useTranslation('auto');
  const max = Math.max(1, ...d.series.map((s) => Math.max(s.binds, s.unbinds)));
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card size="small" title={`${t('chart.binds')} / ${t('chart.unbinds')}`}>
        <div style={{ display: 'flex', alignItems: 'flex-end', gap: 2, height: 160 }} data-testid="auto-chart">
          {d.series.map((s) => (
            <Tooltip key={s.hour} title={`${formatTime(s.hour)} — ${t('chart.binds')} ${s.binds}, ${t('chart.unbinds')} ${s.unbinds}`}>
              <div style={{ flex: 1, display: 'flex', alignItems: 'flex-end', gap: 1, height: '100%' }}>
                <div style={{ flex: 1, height: `${(s.binds / max) * 100}%`, background: '#52c41a', minHeight: s.binds ? 2 : 0 }} />
                <div style={{ flex: 1, height: `${(s.unbinds / max) * 100}%`, background: '#fa541c', minHeight: s.unbinds ? 2 : 0 }} />
              </div>
            </Tooltip>
          ))}
        </div>
        <div style={{ display: 'flex', justifyContent: 'space-between', marginBlock: 4 }}>
          <Typography.Text type="secondary">{t('chart.from')}</Typography.Text>
          <Typography.Text type="secondary">{t('chart.to')}</Typography.Text>
        </div>
        <Space>
          <Tag color="green">{t('chart.binds')}</Tag>
          <Tag color="volcano">{t('chart.unbinds')}</Tag>
          <Typography.Text type="secondary">{t('chart.hour')}</Typography.Text>
        </Space>
      </Card>
      <Card size="small" title={t('chart.reaction')}>
        {d.reaction.length ? (
          <>
            <Row gutter={16}>
              <Col span={6}>
                <Statistic title={t('chart.median')} value={d.reactionMedianMin ?? 0} precision={1} />
              </Col>
              <Col span={6}>
                <Statistic title={t('chart.p90')} value={d.reactionP90Min ?? 0} precision={1} />
              </Col>
            </Row>
            <Table
              rowKey={(r) => `${r.listingSkuId}-${r.unboundAt}`}
              size="small"
              dataSource={d.reaction}
              pagination={{ pageSize: 10 }}
              columns={[
                { title: t('sellerSku'), dataIndex: 'sellerSku' },
                { title: t('risk.since'), dataIndex: 'firstSeenAt', render: formatTime },
                { title: t('dry.unbind'), dataIndex: 'unboundAt', render: formatTime },
                { title: t('chart.minutes'), dataIndex: 'minutes', render: (m: number) => m.toFixed(1) },
              ]}
            />
          </>
        ) : (
          <Typography.Text type="secondary">{t('chart.none')}</Typography.Text>
        )}
      </Card>
    </Space>
  );
}
