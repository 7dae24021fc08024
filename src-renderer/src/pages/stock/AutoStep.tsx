/**
 * The wizard's last step, the document's step 5 (开启自动绑定&解绑): before the switch turns on, what
 * it will protect and what it will not (no ERP SKU, no warehouse linked, a warehouse not paired,
 * category sync off, pinned, no goods id), with the first SKUs of each, then the switch itself.
 */
import { useCallback } from 'react';
import { Alert, Button, Card, Col, List, Popconfirm, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { COVERAGE_BUCKETS, type CoverageBucket } from '../../../../src-shared/types/auto';
import { api } from '../../api';
import { useChanged, useChannel } from '../../useChannel';
import { useAction } from '../../useAction';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';

export function AutoStep() {
  const { t } = useTranslation('auto');
  const navigate = useNavigate();
  const cov = useChannel('auto.coverage', {});
  const reload = cov.reload;
  const again = useCallback(() => void reload(), [reload]);
  useChanged('auto', again);
  useChanged('stock', again);
  useChanged('sku', again);
  const action = useAction();
  const c = cov.data;
  const notProtected = c ? c.total - c.counts.protected : 0;
  const turn = (on: boolean) => void action.run(() => api['auto.setSwitch']({ on, note: t('wizard.switchNote') })).then(() => reload());
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="wizard-auto-step">
      <Typography.Paragraph>{t('wizard.intro')}</Typography.Paragraph>
      <ApiErrorAlert error={cov.error ?? action.error} onRetry={again} />
      {c && (
        <>
          <Row gutter={12}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('wizard.protected')}
                  value={c.counts.protected}
                  suffix={`/ ${c.total}`}
                  styles={{ content: { color: '#3f8600' } }}
                  data-testid="wizard-protected"
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('wizard.notProtected')}
                  value={notProtected}
                  styles={{ content: { color: notProtected ? '#d46b08' : undefined } }}
                  data-testid="wizard-not-protected"
                />
              </Card>
            </Col>
          </Row>
          <List
            size="small"
            bordered
            data-testid="wizard-buckets"
            dataSource={COVERAGE_BUCKETS.filter((b) => b !== 'protected' && c.counts[b] > 0)}
            locale={{ emptyText: t('wizard.allProtected') }}
            renderItem={(b: CoverageBucket) => (
              <List.Item data-testid={`wizard-bucket-${b}`}>
                <Space direction="vertical" size={0}>
                  <Space>
                    <Tag color="orange">{c.counts[b]}</Tag>
                    <Typography.Text strong>{t(`wizard.buckets.${b}`)}</Typography.Text>
                  </Space>
                  <Typography.Text type="secondary">
                    {t(`wizard.fix.${b}`)}
                    {c.examples[b].length > 0 &&
                      ` ${t('wizard.examples')}${c.examples[b].join('、')}${c.counts[b] > c.examples[b].length ? ' …' : ''}`}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
          {c.switchOn ? (
            <Alert
              type="success"
              showIcon
              data-testid="wizard-switch-on"
              title={t('wizard.isOn', { n: c.counts.protected })}
              action={
                <Space>
                  <Button type="primary" onClick={() => void navigate('/auto')}>
                    {t('wizard.toDashboard')}
                  </Button>
                  <Button onClick={() => turn(false)} loading={action.busy}>
                    {t('wizard.turnOff')}
                  </Button>
                </Space>
              }
            />
          ) : (
            <Popconfirm
              title={t('switch.confirmOn')}
              description={<div style={{ maxWidth: 360 }}>{t('wizard.confirm', { n: c.counts.protected, m: notProtected })}</div>}
              okText={t('switch.ok')}
              cancelText={t('switch.cancel')}
              onConfirm={() => turn(true)}
            >
              <Button type="primary" size="large" disabled={c.counts.protected === 0} loading={action.busy} data-testid="wizard-turn-on">
                {t('wizard.turnOn')}
              </Button>
            </Popconfirm>
          )}
        </>
      )}
    </Space>
  );
}
