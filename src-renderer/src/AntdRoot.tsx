import { useEffect, useState } from 'react';
import { Alert, App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { useSettings } from './state/settings';
import { ErrorBoundary } from './components/ErrorBoundary';
import { useReducedMotion } from './useReducedMotion';
import { loadArea, loadShell, namesArea, type ShellModule } from './shellLoader';
import { THEME_COMPONENTS, THEME_TOKEN } from '../../src-shared/themeToken';

/**
 * Everything past the first run's Welcome: antd's ConfigProvider (locale, theme), its App and the
 * shell. Its own chunk with antd's core (App.tsx), so Welcome paints without them.
 */
export default function AntdRoot({ failed }: { failed?: string }) {
  const settings = useSettings((s) => s.settings);
  const reducedMotion = useReducedMotion();
  const [shell, setShell] = useState<ShellModule>();
  const [areaReady, setAreaReady] = useState(false);
  const firstRun = settings ? !settings.firstRunDone : undefined;
  useEffect(() => {
    // A first run shows Welcome (App.tsx, without this chunk), which needs no shell.
    // Otherwise the shell and the open area's code come while the settings load (a failure shows
    // later, in the area itself).
    if (firstRun === true || (firstRun === undefined && !namesArea(location.hash))) return;
    let live = true;
    loadShell()
      .then(async (m) => {
        if (live) setShell(m);
        await loadArea();
      })
      .catch(() => undefined)
      .finally(() => live && setAreaReady(true));
    return () => {
      live = false;
    };
  }, [firstRun]);
  useEffect(() => {
    if (!settings || !shell) return;
    // The other areas' code once the window is idle: moving between areas then never waits.
    const idle = window.setTimeout(shell.preloadAll, 1500);
    return () => window.clearTimeout(idle);
  }, [settings, shell]);
  const Routed = shell?.RoutedShell;
  return (
    <ConfigProvider
      locale={settings?.language === 'en-US' ? enUS : zhCN}
      theme={{ zeroRuntime: true, token: { ...THEME_TOKEN, motion: !reducedMotion }, components: THEME_COMPONENTS }}
    >
      <AntApp>
        <ErrorBoundary>
          {failed ? (
            // Alert, not Typography: Typography brings Tooltip and Input.
            <Alert type="error" showIcon title={failed} style={{ margin: 48 }} />
          ) : settings && areaReady && Routed ? (
            <Routed />
          ) : (
            <Spin style={{ margin: 48 }} />
          )}
        </ErrorBoundary>
      </AntApp>
    </ConfigProvider>
  );
}
