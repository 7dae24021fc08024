import { Card, Col, Descriptions, Row, Typography, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { routes } from '../../routes';
import { useChannel } from '../../useChannel';
import { backupDay } from '../../../../src-shared/backupName';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { FileImportAge } from '../stock/FileImportCard';

/** The home dashboard: each area at a glance, and where the data lives. */
export function HomePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const info = useChannel('app.info', {});
  // A file source is only as true as its last export: its age belongs on the first screen.
  const fileSource = useChannel('connect.status', {}).data?.stockSource.kind === 'file';
  return (
    <div>
      <Typography.Title level={3}>{t('home.title')}</Typography.Title>
      <Typography.Paragraph>{t('home.intro')}</Typography.Paragraph>
      {fileSource && (
        <div style={{ marginBottom: 16 }}>
          <FileImportAge
            onOpen={() => {
              localStorage.setItem('stock.wizard.step', '2');
              void navigate('/stock');
            }}
          />
        </div>
      )}
      <Row gutter={[16, 16]}>
        {routes
          .filter((r) => r.path !== 'home' && !r.hidden)
          .map((r) => (
            <Col key={r.path} xs={24} md={12} xl={8}>
              <Card
                title={
                  <span>
                    {r.icon} {t(r.labelKey)}
                  </span>
                }
                extra={<Button onClick={() => navigate(`/${r.path}`)}>{t('home.open')}</Button>}
              >
                {t(`areas.${r.path}`)}
              </Card>
            </Col>
          ))}
      </Row>
      <ApiErrorAlert error={info.error} onRetry={() => void info.reload()} />
      {info.data && (
        <Descriptions style={{ marginTop: 24 }} bordered size="small" column={1}>
          <Descriptions.Item label={t('home.version')}>{info.data.version}</Descriptions.Item>
          <Descriptions.Item label={t('home.dataDir')}>{info.data.dataDir}</Descriptions.Item>
          <Descriptions.Item label={t('home.schema')}>v{info.data.schemaVersion}</Descriptions.Item>
          <Descriptions.Item label={t('home.lastBackup')}>
            {info.data.lastBackup ? backupDay(info.data.lastBackup) : t('home.noBackup')}
          </Descriptions.Item>
        </Descriptions>
      )}
    </div>
  );
}
