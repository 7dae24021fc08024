/**
 * 群机器人: 企业微信, 钉钉 and 飞书 get the notices a seller must act on (refused unbinds, a held mass
 * unbind, the stock source failing, authorisation expiring). The address and signing secret are
 * kept in the secret store; the screen only shows a hint of the address.
 */
import { useState } from 'react';
import { Alert, Button, Card, Input, Space, Switch, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RobotKind, RobotView } from '../../../../src-shared/types/auto';
import { api } from '../../api';
import { useChannel } from '../../useChannel';
import { useAction } from '../../useAction';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { formatTime } from '../../formatTime';

export function RobotsCard() {
  const { t } = useTranslation('auto');
  const robots = useChannel('auto.robots.list', {});
  const action = useAction();
  const [edit, setEdit] = useState<Partial<Record<RobotKind, { url: string; secret: string }>>>({});
  const [tested, setTested] = useState<{ kind: RobotKind; error: string | null }[] | null>(null);
  const save = (r: RobotView, enabled: boolean) => {
    const e = edit[r.kind];
    void action
      .run(() =>
        api['auto.robots.set']({ kind: r.kind, enabled, ...(e?.url ? { url: e.url } : {}), ...(e?.secret ? { secret: e.secret } : {}) }),
      )
      .then(() => robots.reload());
  };
  return (
    <Card size="small" title={t('robots.title')} data-testid="robots-card" style={{ marginTop: 24, maxWidth: 900 }}>
      <Typography.Paragraph type="secondary">{t('robots.intro')}</Typography.Paragraph>
      <ApiErrorAlert error={robots.error ?? action.error} />
      <Table<RobotView>
        rowKey="kind"
        size="small"
        pagination={false}
        dataSource={robots.data ?? []}
        columns={[
          { title: t('robots.kind'), dataIndex: 'kind', render: (k: RobotKind) => t(`robots.kinds.${k}`) },
          {
            title: t('robots.url'),
            render: (_, r) => (
              <Space direction="vertical" size={4} style={{ width: '100%' }}>
                <Input
                  size="small"
                  placeholder={r.urlHint ?? t('robots.urlPh')}
                  value={edit[r.kind]?.url ?? ''}
                  onChange={(e) => setEdit({ ...edit, [r.kind]: { url: e.target.value, secret: edit[r.kind]?.secret ?? '' } })}
                />
                {r.kind !== 'wecom' && (
                  <Input.Password
                    size="small"
                    placeholder={r.hasSecret ? t('robots.secretSet') : t('robots.secretPh')}
                    value={edit[r.kind]?.secret ?? ''}
                    onChange={(e) => setEdit({ ...edit, [r.kind]: { url: edit[r.kind]?.url ?? '', secret: e.target.value } })}
                  />
                )}
              </Space>
            ),
          },
          {
            title: t('robots.enabled'),
            render: (_, r) => <Switch checked={r.enabled} loading={action.busy} onChange={(on) => save(r, on)} />,
          },
          {
            title: t('robots.last'),
            render: (_, r) => (r.lastAt ? `${formatTime(r.lastAt)} ${r.lastError ? `✗ ${r.lastError}` : '✓'}` : '—'),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button
          onClick={() => void action.run(() => api['auto.robots.test']({})).then((r) => (setTested(r ?? null), robots.reload()))}
          loading={action.busy}
        >
          {t('robots.test')}
        </Button>
      </Space>
      {tested && (
        <Alert
          style={{ marginTop: 12 }}
          type={tested.length && tested.every((x) => !x.error) ? 'success' : 'warning'}
          showIcon
          title={
            tested.length ? tested.map((x) => `${t(`robots.kinds.${x.kind}`)}：${x.error ?? t('robots.ok')}`).join('；') : t('robots.none')
          }
        />
      )}
    </Card>
  );
}
