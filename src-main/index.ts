/**
 * Electron entry: wires the thin electron/ adapters to the core. Everything the app does lives in
 * core/; this file only decides where data lives and which window shows it.
 */
import { app as electronApp, BrowserWindow, Notification } from 'electron';
import { join } from 'node:path';
import { createApp, type App } from './core/app';
import { createHandlers } from './core/api';
import { dataDirFromArgv } from './core/platform/dataDir';
import { createMainWindow } from './electron/window';
import { registerIpc, forwardEvents } from './electron/ipc';
import { hardenSession, rendererUrl } from './electron/security';
import { createElectronSettings, createSafeStorageSecrets } from './electron/stores';
import { createTray } from './electron/tray';
import { autoTrayItems } from './core/auto/tray';
import { noticeIn } from '../src-shared/notices';

electronApp.setName('choice-seller-desk');
const dataDir = dataDirFromArgv(process.argv) ?? electronApp.getPath('userData');
if (dataDirFromArgv(process.argv)) electronApp.setPath('userData', dataDir);

if (!electronApp.requestSingleInstanceLock()) {
  electronApp.quit();
} else {
  let core: App | undefined;
  let win: BrowserWindow | undefined;
  const open = () => {
    if (!win || win.isDestroyed()) win = createMainWindow(core!.settings);
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };
  electronApp.on('second-instance', open);
  electronApp.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  void electronApp.whenReady().then(() => {
    hardenSession();
    core = createApp({
      dataDir,
      host: 'electron',
      settings: createElectronSettings(dataDir),
      secrets: createSafeStorageSecrets(dataDir),
    });
    registerIpc(core, createHandlers(core), rendererUrl(join(__dirname, '../renderer/index.html')));
    forwardEvents(core, () => BrowserWindow.getAllWindows());
    core.events.on('notice', (n) => {
      if (Notification.isSupported() && (n.level === 'warning' || n.level === 'error')) {
        new Notification(noticeIn(n, core!.settings.get('language'))).show();
      }
    });
    createTray(open, () => electronApp.quit(), () => autoTrayItems(core!));
    open();
  });
  electronApp.on('window-all-closed', () => {
    // Keep running in the tray: the schedule must go on while the window is closed.
  });
  electronApp.on('before-quit', () => void core?.close());
}
