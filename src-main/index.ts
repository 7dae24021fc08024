/**
 * Electron entry: wires the thin electron/ adapters to the core. Everything the app does lives in
 * core/; this file only decides where data lives and which window shows it, and that a start-up
 * which cannot finish says so instead of leaving an invisible process.
 */
import { app as electronApp, BrowserWindow, Menu, Notification } from 'electron';
import { join } from 'node:path';
import { createApp, startBackground, type App } from './core/app';
import { createHandlers } from './core/api';
import { dataDirFromArgv } from './core/platform/dataDir';
import { createMainWindow } from './electron/window';
import { registerIpc, forwardEvents } from './electron/ipc';
import {
  APP_ID,
  clearBrowserStorage,
  hardenSession,
  lockNavigation,
  registerAppScheme,
  rendererUrl,
  serveRenderer,
} from './electron/security';
import { createElectronSettings, createSafeStorageSecrets, secretProtection } from './electron/stores';
import { failStartup } from './electron/startupFailure';
import { createTray } from './electron/tray';
import { autoTrayItems } from './core/auto/tray';
import { noticeIn } from '../src-shared/notices';

registerAppScheme();
electronApp.setName('choice-seller-desk');
if (process.platform === 'win32') electronApp.setAppUserModelId(APP_ID);
const argvDataDir = dataDirFromArgv(process.argv);
const dataDir = argvDataDir ?? electronApp.getPath('userData');
if (argvDataDir) electronApp.setPath('userData', dataDir);
const packaged = electronApp.isPackaged;
const pageUrl = rendererUrl(packaged);
// A slow office PC paints the first screen in a few seconds; a minute means it never will. The
// main-process tests shorten it (never honoured by a packaged app).
const showTimeoutMs = (!packaged && Number(process.env.DESK_SHOW_TIMEOUT_MS)) || 60_000;

if (!electronApp.requestSingleInstanceLock()) {
  electronApp.quit();
} else {
  let core: App | undefined;
  let win: BrowserWindow | undefined;
  let started = false;
  // Until the window is on screen, any error ends in the start-up dialog; after, it is an ordinary
  // error in a running app (Electron's own handling, the log).
  const early = (err: unknown) => {
    if (started) return;
    started = true;
    core?.log.error('start-up failed', { error: String(err) });
    failStartup(err, dataDir);
  };
  process.on('uncaughtException', early);
  process.on('unhandledRejection', early);
  const shown = () => {
    if (started) return;
    started = true;
    process.off('uncaughtException', early);
    process.off('unhandledRejection', early);
    core?.log.info('window shown');
  };
  const open = () => {
    // A second launch during start-up has nothing to show yet: the first one will show the window.
    if (!core) return;
    if (!win || win.isDestroyed())
      win = createMainWindow(core.settings, { url: pageUrl, devTools: !packaged, onLoadFailed: early, onShown: shown, showTimeoutMs });
    if (win.isMinimized()) win.restore();
    if (started) win.show();
    win.focus();
  };
  electronApp.on('second-instance', open);
  electronApp.on('web-contents-created', (_e, contents) => lockNavigation(contents, pageUrl));
  const start = () => {
    // A packaged app has no menu: its defaults (reload, DevTools) are for developers.
    if (packaged) Menu.setApplicationMenu(null);
    hardenSession();
    serveRenderer(join(__dirname, '../renderer'));
    const protection = secretProtection();
    core = createApp({
      dataDir,
      host: 'electron',
      settings: createElectronSettings(dataDir),
      secrets: createSafeStorageSecrets(dataDir, protection),
      // The exit wipe also empties Chromium's profile in the data folder (it may hold copies of pages).
      clearBrowserStorage,
    });
    const app = core;
    app.log.info('secret store', { encrypted: protection.encrypted, backend: protection.backend, packaged });
    registerIpc(app, createHandlers(app), pageUrl);
    // Runs in the tray while the window is closed: the schedule, the sender and the hourly jobs.
    startBackground(app);
    forwardEvents(app, () => BrowserWindow.getAllWindows());
    app.events.on('notice', (n) => {
      if (Notification.isSupported() && (n.level === 'warning' || n.level === 'error')) {
        new Notification(noticeIn(n, app.settings.get('language'))).show();
      }
    });
    createTray(
      open,
      () => electronApp.quit(),
      () => autoTrayItems(app),
    );
    open();
  };
  electronApp.whenReady().then(start).catch(early);
  electronApp.on('window-all-closed', () => {
    // Keep running in the tray: the schedule must go on while the window is closed.
  });
  electronApp.on('before-quit', () => void core?.close());
}
