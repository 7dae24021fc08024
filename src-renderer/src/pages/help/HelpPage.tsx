import { useState } from 'react';
import { App as AntApp, Button, Card, Descriptions, Table, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useChannel, useErrorText } from '../../useChannel';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { downloadBase64 } from '../../download';
import { useLang } from '../../useLang';
import { formatCount } from '../../../../src-shared/count';
import type { StoredData } from '../../../../src-shared/types/app';
import { backupDay } from '../../../../src-shared/backupName';

/** Help: where the data lives, what is stored, and the log to send to support. */
export function HelpPage() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const { message } = AntApp.useApp();
  const errorText = useErrorText();
  const info = useChannel('app.info', {});
  const [busy, setBusy] = useState(false);
  const exportLog = async () => {
    setBusy(true);
    try {
      const out = await api['app.exportLog']({});
      downloadBase64(out.fileName, out.base64, 'application/zip');
      void message.success(t('help.exported', { name: out.fileName }));
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('nav.help')} data-testid="area-help">
      <Typography.Paragraph>{t('help.intro')}</Typography.Paragraph>
      <Button type="primary" icon={<DownloadOutlined />} loading={busy} onClick={() => void exportLog()} data-testid="export-log">
        {t('help.exportLog')}
      </Button>
      <ApiErrorAlert error={info.error} />
      {info.data && (
        <>
          <Descriptions style={{ marginTop: 24 }} bordered size="small" column={1}>
            <Descriptions.Item label={t('home.version')}>{info.data.version}</Descriptions.Item>
            <Descriptions.Item label={t('home.dataDir')}>{info.data.dataDir}</Descriptions.Item>
            <Descriptions.Item label={t('help.dbFile')}>{info.data.dbFile}</Descriptions.Item>
            <Descriptions.Item label={t('home.schema')}>v{info.data.schemaVersion}</Descriptions.Item>
            <Descriptions.Item label={t('home.lastBackup')}>
              {info.data.lastBackup ? backupDay(info.data.lastBackup) : t('home.noBackup')}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('help.rows')}
          </Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey={(r) => r.what.en}
            dataSource={info.data.stored}
            data-testid="help-stored"
            columns={[
              { title: t('help.what'), key: 'what', render: (_: unknown, r: StoredData) => pick(r.what) },
              { title: t('help.rowCount'), dataIndex: 'rows', align: 'right', render: (n: number) => formatCount(n) },
            ]}
          />
        </>
      )}
    </Card>
  );
}
