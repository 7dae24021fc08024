import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
// antd's styles built ahead (zero-runtime mode, AntdRoot.tsx): no style generated while the first screen renders.
// Only the first screen's part here, with the theme's variables at :root (build/antdFirstScreenCss.ts);
// Shell.tsx brings the whole sheet.
import 'virtual:antd-first-screen.css';
import './i18n';
// Before the app and antd: its settings call starts as it runs (state/settings.ts).
import './state/settings';
import { App } from './App';
import { runsInElectron, webSession } from './api';
import { markEntryRunning } from './firstRunHint';

// In a browser, a tab without the web host's session (opened without the launch link) only says how to open the app.
const noSession = !runsInElectron && !webSession;

const page = noSession ? (
  <main style={{ maxWidth: 640, margin: '64px auto', fontSize: 16, lineHeight: 1.7 }}>
    <h1>请使用程序启动时显示的完整链接打开助手</h1>
    <p>链接中带有一次性的访问令牌。如果链接已经用过，请在运行 npm run start:web 的窗口里按回车获取新链接，或重新启动它。</p>
    <p>
      Open the app with the full link printed at start-up: it carries a one-time access token. If it was already used, press Enter in the
      window running npm run start:web for a new link, or start it again.
    </p>
  </main>
) : (
  <App />
);

const container = document.getElementById('root')!;
// The web host's first-run page comes with Welcome drawn (build/firstRunWelcome.ts), painted as the
// page parsed: the first render, which draws the same for a first run (App.tsx), takes it over.
// Without a session the page shows something else, so what came drawn goes.
if (container.firstElementChild && !noSession) {
  markEntryRunning(container);
  hydrateRoot(container, <StrictMode>{page}</StrictMode>);
} else {
  container.replaceChildren();
  const root = createRoot(container);
  // The first render as the entry runs, not in a task after it: a screen known at once (a first run's
  // Welcome, firstRunHint.ts, or the page without a session) is in the document before the page's load
  // event. Any other first render is empty until the settings come, so doing it now costs nothing.
  flushSync(() => root.render(<StrictMode>{page}</StrictMode>));
}
