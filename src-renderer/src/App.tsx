import { useEffect, useState } from 'react';
import { useSettings } from './state/settings';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Welcome } from './pages/welcome/Welcome';
import { loadShell, namesArea } from './shellLoader';
import { firstRunLanguage } from './firstRunHint';

/**
 * antd (ConfigProvider, its App, Spin, Alert) and the shell come in their own chunk. With them in the
 * entry chunk (586 KB minified), the browser ran antd's core before painting even the first run's
 * Welcome, which is plain elements styled by the first screen's stylesheet (main.tsx): the web
 * host's start to Welcome painted was 918–948 ms against 191–194 ms for a bare server and page.
 * AntdRoot is rendered from state once its chunk is in, not through lazy() and Suspense: a fallback
 * shown even briefly makes React hold the reveal that follows for its 300 ms throttle (lazyPage.tsx).
 */
let LoadedRoot: typeof import('./AntdRoot').default | undefined;
const loadAntdRoot = () => import('./AntdRoot').then((m) => (LoadedRoot = m.default));

// An address naming an area is no first run: antd's chunk is asked for as this module runs.
if (namesArea(location.hash)) void loadAntdRoot().catch(() => undefined);

export function App() {
  const { settings, load } = useSettings();
  const [failed, setFailed] = useState<string>();
  const [AntdRoot, setAntdRoot] = useState(() => LoadedRoot);
  // Until the settings come, a page the web host marked as a first run is one (firstRunHint.ts).
  const firstRun = settings ? !settings.firstRunDone : firstRunLanguage ? true : undefined;
  const welcome = firstRun === true && !failed;
  // While the settings load (a local call of a few milliseconds) nothing is drawn, unless the address
  // names an area: a first run must not wait for antd's chunk, which the spinner would bring.
  const blank = firstRun === undefined && !failed && !namesArea(location.hash);
  const needsRoot = !welcome && !blank;
  useEffect(() => {
    if (!needsRoot || AntdRoot) return;
    let live = true;
    loadAntdRoot()
      .then((Root) => live && setAntdRoot(() => Root))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [needsRoot, AntdRoot]);
  useEffect(() => {
    load().catch((e: unknown) => setFailed(String(e)));
  }, [load]);
  useEffect(() => {
    if (firstRun === false) {
      // The shell beside antd's chunk, not after it (AntdRoot asks again: it is memoised).
      void loadShell().catch(() => undefined);
      return;
    }
    if (firstRun !== true) return;
    // Welcome is painted: antd and the shell's code while the seller reads it, so choosing goes straight on.
    const idle = window.setTimeout(() => {
      void loadAntdRoot().catch(() => undefined);
      void loadShell().catch(() => undefined);
    }, 300);
    return () => window.clearTimeout(idle);
  }, [firstRun]);
  if (welcome) {
    // antd App's element and class (font, colour, line height), as AntdRoot's wraps every other screen.
    return (
      <div className="ant-app">
        <ErrorBoundary>
          <Welcome />
        </ErrorBoundary>
      </div>
    );
  }
  return AntdRoot && !blank ? <AntdRoot failed={failed} /> : null;
}
