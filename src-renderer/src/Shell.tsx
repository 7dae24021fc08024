/**
 * The window once the first run is done: side navigation, header (store name, notices, language) and
 * the areas (routes.tsx). Its own chunk, loaded through shellLoader.ts: the first-run screen paints without the
 * areas' code, the navigation and react-router, which only this screen needs.
 */
import { useEffect, useState } from 'react';
// All of antd's styles (main.tsx has only the first screen's): AntdRoot's import of this chunk waits
// for the sheet, so no screen under the shell paints before it.
import 'antd/dist/antd.css';
import { App as AntApp, Badge, Button, Layout, Menu, Popover, List, Space, Tag, Typography } from 'antd';
import { BellOutlined, TranslationOutlined } from '@ant-design/icons';
import { HashRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { routes } from './routes';
import { useSettings } from './state/settings';
import { ErrorBoundary } from './components/ErrorBoundary';
import { api } from './api';
import type { Notice } from '../../src-shared/types/app';
import { headerSlots } from './headerSlots';
import { useChanged, useErrorText } from './useChannel';
import { formatTime } from './formatTime';
import { currentLang, useLang } from './useLang';

export { areaOf, preloadAll } from './routes';

function Notices() {
  const { t } = useTranslation();
  const { pick } = useLang();
  const [items, setItems] = useState<Notice[]>([]);
  const { message } = AntApp.useApp();
  useEffect(() => {
    void api['notices.list']({ limit: 30 }).then(setItems);
    return api.on('notice', (n) => {
      setItems((prev) => [n, ...prev].slice(0, 30));
      void message.open({
        type: n.level === 'error' ? 'error' : n.level === 'warning' ? 'warning' : 'info',
        content: n.title[currentLang()],
      });
    });
  }, [message]);
  const unread = items.filter((n) => !n.read);
  return (
    <Popover
      trigger="click"
      title={t('header.notices')}
      onOpenChange={(open) => {
        if (!open && unread.length) {
          void api['notices.markRead']({ ids: unread.map((n) => n.id) }).then(() =>
            setItems((prev) => prev.map((n) => ({ ...n, read: true }))),
          );
        }
      }}
      content={
        <List
          style={{ width: 360, maxHeight: 420, overflow: 'auto' }}
          size="small"
          locale={{ emptyText: t('header.noNotices') }}
          dataSource={items}
          renderItem={(n) => (
            <List.Item>
              <List.Item.Meta
                title={<Typography.Text strong={!n.read}>{pick(n.title)}</Typography.Text>}
                description={
                  <>
                    <div>{pick(n.body)}</div>
                    <Typography.Text type="secondary">{formatTime(n.at)}</Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      }
    >
      <Badge count={unread.length} size="small">
        <Button icon={<BellOutlined />} aria-label={t('header.notices')} />
      </Badge>
    </Popover>
  );
}

/** The store name goes on every document the app prints: the seller sets it right here. */
function StoreName() {
  const { t } = useTranslation();
  const { settings, update } = useSettings();
  const { message } = AntApp.useApp();
  const errorText = useErrorText();
  return (
    // A long company name (up to 60 characters) ends in an ellipsis, the whole name in its tooltip,
    // and never pushes the header's controls off the screen or onto a second line.
    <Typography.Text
      strong
      data-testid="store-name"
      style={{ maxWidth: '100%', minWidth: 0 }}
      ellipsis={{ tooltip: settings?.storeName }}
      editable={{
        tooltip: t('header.editStoreName'),
        maxLength: 60,
        onChange: (name) => {
          if (name.trim() === settings?.storeName) return;
          update({ storeName: name }).catch((err: unknown) => void message.error(errorText(err)));
        },
      }}
    >
      {settings?.storeName}
    </Typography.Text>
  );
}

/** The signed-in window: navigation, header and the areas (App.tsx shows Welcome on a first run). */
export function Shell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { settings, update, load } = useSettings();
  // The connection screen changes the mode (authorising a store leaves the demo, 使用演示店铺 enters
  // it; the exit's wipe leaves it too): the header's 演示店铺/正式店铺 must follow without a reload.
  useChanged('connect', load);
  const current = location.pathname.split('/')[1] || 'home';
  if (!settings) return null;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={220} theme="light" breakpoint="lg" collapsedWidth={64}>
        <div style={{ padding: '16px 20px', fontWeight: 600, fontSize: 16 }}>{t('appName')}</div>
        <Menu
          mode="inline"
          selectedKeys={[current]}
          items={routes
            .filter((r) => !r.hidden)
            .map((r) => ({ key: r.path, icon: r.icon, label: t(r.labelKey), onClick: () => navigate(`/${r.path}`) }))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{ background: '#fff', display: 'flex', alignItems: 'center', justifyContent: 'space-between', paddingInline: 24 }}
        >
          <div style={{ display: 'flex', alignItems: 'center', gap: 8, flex: 1, minWidth: 0, marginInlineEnd: 16 }}>
            <StoreName />
            <Tag style={{ flex: 'none' }} color={settings.mode === 'demo' ? 'gold' : 'green'}>
              {t(settings.mode === 'demo' ? 'header.demo' : 'header.live')}
            </Tag>
          </div>
          <Space style={{ flex: 'none', whiteSpace: 'nowrap' }}>
            {headerSlots.map((Slot, i) => (
              <Slot key={i} />
            ))}
            <Notices />
            <Button
              icon={<TranslationOutlined />}
              onClick={() => void update({ language: settings.language === 'zh-CN' ? 'en-US' : 'zh-CN' })}
              data-testid="language-switch"
            >
              {t('header.language')}
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <ErrorBoundary key={current}>
            <Routes>
              {routes.map((r) => (
                <Route key={r.path} path={`/${r.path}/*`} element={r.element} />
              ))}
              <Route path="*" element={<Navigate to="/home" replace />} />
            </Routes>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/** Shell under the hash router, as App.tsx mounts it. */
export function RoutedShell() {
  return (
    <HashRouter>
      <Shell />
    </HashRouter>
  );
}
