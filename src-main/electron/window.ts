/** The main window: secure defaults, and its size and place remembered between runs. */
import { BrowserWindow, screen } from 'electron';
import { join } from 'node:path';
import type { SettingsStore } from '../core/platform/settings';

export interface WindowOptions {
  url: string;
  /** Off in a packaged app: DevTools would give anyone at the PC a console with the app's IPC. */
  devTools: boolean;
  /** Called when the page cannot be loaded: the window would otherwise stay hidden for ever. */
  onLoadFailed(err: unknown): void;
  /** Called once the page has painted and the window is on screen. */
  onShown(): void;
  /**
   * How long the page may take to paint before start-up is called failed (a renderer that crashed
   * or hangs would otherwise leave an invisible process behind, with no window and no message).
   */
  showTimeoutMs: number;
}

/** A page that never painted: said in the start-up dialog like a page that could not load. */
export class WindowNotShownError extends Error {
  readonly code = 'ERR_WINDOW_NOT_SHOWN';
}

export function createMainWindow(settings: SettingsStore, opts: WindowOptions): BrowserWindow {
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
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: opts.devTools,
      spellcheck: false,
    },
  });
  if (saved.maximized) win.maximize();
  let painted = false;
  const notShown = (why: string) => {
    if (!painted) opts.onLoadFailed(new WindowNotShownError(why));
  };
  const watchdog = setTimeout(
    () => notShown(`the window did not appear within ${Math.round(opts.showTimeoutMs / 1000)} s`),
    opts.showTimeoutMs,
  );
  win.webContents.on('render-process-gone', (_e, details) => notShown(`the page's process ended (${details.reason})`));
  win.once('ready-to-show', () => {
    painted = true;
    clearTimeout(watchdog);
    win.show();
    opts.onShown();
  });
  const keep = () => {
    if (win.isDestroyed()) return;
    const b = win.getNormalBounds();
    settings.set('windowState', { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
  };
  win.on('resized', keep);
  win.on('moved', keep);
  win.on('close', keep);
  win.loadURL(opts.url).catch(opts.onLoadFailed);
  return win;
}
