/** The counts a seller trusts (bound, unbound, review, refused, held, at risk) and when the stock was last read. */
import { Card, Col, Descriptions, Row, Space, Statistic, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DashboardView } from '../../../../src-shared/types/auto';
import { formatTime } from '../../formatTime';

export function CountsCard({ d }: { d: DashboardView }) {
  const { t } = useTranslation('auto');
  const c = d.status.counts;
  const items: [string, number, string?][] = [
    ['bound', c.bound, '#3f8600'],
    ['unbound', c.unbound],
    ['review', c.review, '#d48806'],
    ['refused', c.refused, c.refused ? '#cf1322' : undefined],
    ['held', c.held, c.held ? '#d46b08' : undefined],
    ['risk', d.status.oversellRisk, d.status.oversellRisk ? '#cf1322' : undefined],
  ];
  return (
    <>
      <Row gutter={16}>
        {items.map(([k, v, color]) => (
          <Col key={k} xs={12} md={4}>
            <Card size="small">
              <Statistic title={t(`counts.${k}`)} value={v} styles={{ content: { color } }} data-testid={`auto-count-${k}`} />
            </Card>
          </Col>
        ))}
      </Row>
      <Descriptions size="small" column={3} bordered>
        <Descriptions.Item label={t('sync.last')}>
          {d.status.lastSync ? (
            <Space>
              {formatTime(d.status.lastSync.startedAt)}
              <Tag color={d.status.lastSync.status === 'ok' ? 'green' : d.status.lastSync.status === 'running' ? 'blue' : 'red'}>
                {t(`sync.${d.status.lastSync.status}`, { defaultValue: d.status.lastSync.status })}
              </Tag>
            </Space>
          ) : (
            t('sync.none')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('sync.next')}>{formatTime(d.status.nextSyncAt)}</Descriptions.Item>
        <Descriptions.Item label={t('sync.lastRun')}>
          {d.status.lastRun ? `#${d.status.lastRun.id} ${formatTime(d.status.lastRun.at)}` : t('sync.none')}
        </Descriptions.Item>
      </Descriptions>
    </>
  );
}
