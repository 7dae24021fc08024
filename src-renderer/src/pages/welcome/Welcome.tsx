import { Button, Card, Col, Row, Typography } from 'antd';
import { ExperimentOutlined, ShopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { useSettings } from '../../state/settings';
import { api } from '../../api';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { toPayload } from '../../useChannel';
import type { ErrorPayload } from '../../../../src-shared/errors';

/** First run: try the built-in demo store, or go connect a real one. */
export function Welcome() {
  const { t } = useTranslation();
  const update = useSettings((s) => s.update);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorPayload>();
  const choose = async (mode: 'demo' | 'live') => {
    setBusy(true);
    try {
      if (mode === 'demo') await api['connect.useDemo']({});
      await update({ mode, firstRunDone: true });
      location.hash = mode === 'demo' ? '#/home' : '#/settings';
    } catch (err) {
      setError(toPayload(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ maxWidth: 880, margin: '64px auto', padding: 24 }}>
      <Typography.Title level={2}>{t('welcome.title')}</Typography.Title>
      <Typography.Paragraph>{t('welcome.body')}</Typography.Paragraph>
      <ApiErrorAlert error={error} />
      <Row gutter={24} style={{ marginTop: 24 }}>
        <Col span={12}>
          <Card>
            <Typography.Paragraph>{t('welcome.demoHint')}</Typography.Paragraph>
            <Button type="primary" size="large" icon={<ExperimentOutlined />} loading={busy} onClick={() => void choose('demo')}>
              {t('welcome.demo')}
            </Button>
          </Card>
        </Col>
        <Col span={12}>
          <Card>
            <Typography.Paragraph>{t('welcome.liveHint')}</Typography.Paragraph>
            <Button size="large" icon={<ShopOutlined />} disabled={busy} onClick={() => void choose('live')}>
              {t('welcome.live')}
            </Button>
          </Card>
        </Col>
      </Row>
    </div>
  );
}
