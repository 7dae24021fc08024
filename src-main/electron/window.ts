/** The main window: secure defaults, and its size and place remembered between runs. */
import { BrowserWindow, screen } from 'electron';
import { join } from 'node:path';
import type { SettingsStore } from '../core/platform/settings';
import { lockNavigation, rendererUrl } from './security';

export function createMainWindow(settings: SettingsStore): BrowserWindow {
  const saved = settings.get('windowState') ?? { width: 1280, height: 820, maximized: false };
  const onScreen =
    saved.x !== undefined &&
    saved.y !== undefined &&
    screen.getAllDisplays().some((d) => {
      const b = d.workArea;
      return saved.x! >= b.x && saved.y! >= b.y && saved.x! < b.x + b.width && saved.y! < b.y + b.height;
    });
  const win = new BrowserWindow({
    width: saved.width,
    height: saved.height,
    x: onScreen ? saved.x : undefined,
    y: onScreen ? saved.y : undefined,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: '全托管卖家助手',
    icon: join(__dirname, '../../build/icon.png'),
    webPreferences: {
      preload: join(__dirname, '../preload/index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  if (saved.maximized) win.maximize();
  const url = rendererUrl(join(__dirname, '../renderer/index.html'));
  lockNavigation(win.webContents, url);
  win.once('ready-to-show', () => win.show());
  const keep = () => {
    if (win.isDestroyed()) return;
    const b = win.getNormalBounds();
    settings.set('windowState', { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
  };
  win.on('resized', keep);
  win.on('moved', keep);
  win.on('close', keep);
  void win.loadURL(url);
  return win;
}
