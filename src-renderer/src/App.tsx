import { useEffect, useState } from 'react';
import { Alert, App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { useSettings } from './state/settings';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Welcome } from './pages/welcome/Welcome';
import { useReducedMotion } from './useReducedMotion';
import { prefetchArea } from './areaPrefetch';

type ShellModule = typeof import('./Shell');

/**
 * The shell (navigation, header, the areas and react-router) is its own chunk: a first run paints
 * Welcome without it, and it comes once that screen is up. Asked for at most once (again after a failure).
 */
let shellPending: Promise<ShellModule> | undefined;
function loadShell(): Promise<ShellModule> {
  return (shellPending ??= import('./Shell').catch((err: unknown) => {
    shellPending = undefined;
    throw err;
  }));
}

/** An address naming an area (`#/stock/...`), not the launch link's `#desk-session=` nor an empty one. */
const namesArea = (hash: string) => /^#\/[\w-]/.test(hash);

/** The shell's code and the open area's, fetched once (each is memoised; a failure shows in the area). */
const loadArea = () => loadShell().then((m) => m.areaOf(location.hash)?.preload?.());

// An address naming an area is no first run: its code and first data are asked for as this module
// runs, while the settings load and React renders the first time, not from the effect after that render.
if (namesArea(location.hash)) {
  prefetchArea(location.hash);
  void loadArea().catch(() => undefined);
}

export function App() {
  const { settings, load } = useSettings();
  const [failed, setFailed] = useState<string>();
  const reducedMotion = useReducedMotion();
  const [shell, setShell] = useState<ShellModule>();
  const [areaReady, setAreaReady] = useState(false);
  const firstRun = settings ? !settings.firstRunDone : undefined;
  useEffect(() => {
    load().catch((e: unknown) => setFailed(String(e)));
  }, [load]);
  useEffect(() => {
    // A first run shows Welcome, which needs no shell: it comes once that screen is up (below).
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
    if (firstRun !== true) return;
    // Welcome is painted: the shell's code while the seller reads it, so choosing goes straight on.
    const idle = window.setTimeout(() => void loadShell().then(setShell, () => undefined), 300);
    return () => window.clearTimeout(idle);
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
      theme={{ zeroRuntime: true, token: { colorPrimary: '#e62e04', motion: !reducedMotion } }}
    >
      <AntApp>
        <ErrorBoundary>
          {failed ? (
            // Alert, not Typography: this chunk is the first screen's, and Typography brings Tooltip and Input.
            <Alert type="error" showIcon title={failed} style={{ margin: 48 }} />
          ) : firstRun === true ? (
            <Welcome />
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
