/**
 * A recording stand-in for the `electron` module, so the built main process (out/main/index.js,
 * or the one inside a packed app.asar) can boot under plain Node where no Electron binary can run.
 * Load it with `node --require scripts/stand-in-electron.cjs out/main/index.js --data DIR`.
 *
 * It records what main asks of Electron (IPC handlers, windows and their webPreferences, the
 * session's handlers, protocols, dialogs, the tray, quit/exit, every native .node file loaded) and,
 * when forked with an IPC channel, answers a test's requests: call an IPC handler as a given frame,
 * try a navigation or a window.open, ask for a permission, fetch an app:// URL, launch a second
 * instance. It does not cover Chromium, contextBridge or the OS (DPAPI, Keychain).
 *
 * Knobs (environment): STANDIN_PACKAGED=1 (app.isPackaged), STANDIN_LOCK_TAKEN=1 (another instance
 * holds the single-instance lock), STANDIN_SAFE_STORAGE=unavailable, STANDIN_BACKEND=basic_text,
 * STANDIN_SECOND_INSTANCE_EARLY=1 (a second launch arrives before ready), STANDIN_NO_READY_TO_SHOW=1 (the
 * page never paints), STANDIN_RENDERER_GONE=1 (the page's process crashes while loading).
 */
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS require hook, loaded with node --require before main */
const Module = require('node:module');
const { EventEmitter } = require('node:events');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const env = process.env;
const record = {
  argv: process.argv.slice(2),
  nativeModules: [],
  ipc: {},
  ipcOn: {},
  windows: [],
  privilegedSchemes: [],
  schemesRegisteredBeforeReady: null,
  protocols: [],
  sandboxEnabled: false,
  permissionRequestHandler: false,
  permissionCheckHandler: false,
  devicePermissionHandler: false,
  headersHandler: false,
  applicationMenu: 'default',
  tray: null,
  notifications: [],
  dialogs: [],
  externalOpened: [],
  safeStorageCalls: [],
  quit: null,
  exitCode: null,
  events: [],
};

// Which SQLite binary main really loads: every native addon goes through process.dlopen.
const realDlopen = process.dlopen;
process.dlopen = function dlopen(module, filename, ...rest) {
  record.nativeModules.push(filename);
  return realDlopen.call(this, module, filename, ...rest);
};

let ready = false;
let finished = false;
function finish(code) {
  if (finished) return;
  finished = true;
  record.exitCode = code;
  if (env.STANDIN_RECORD) fs.writeFileSync(env.STANDIN_RECORD, JSON.stringify(snapshot(), null, 2));
  const done = () => process.exit(code);
  if (process.send && process.connected) process.send({ type: 'exit', record: snapshot() }, done);
  else setImmediate(done);
}

function preventable() {
  const e = {
    defaultPrevented: false,
    preventDefault() {
      e.defaultPrevented = true;
    },
  };
  return e;
}

const paths = {
  userData: path.join(env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'Electron'),
  temp: os.tmpdir(),
  home: os.homedir(),
  appData: env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'),
  logs: path.join(os.tmpdir(), 'standin-logs'),
};

class App extends EventEmitter {
  constructor() {
    super();
    this.isPackaged = env.STANDIN_PACKAGED === '1';
    this.commandLine = { appendSwitch() {}, hasSwitch: () => false, getSwitchValue: () => '' };
    this.name = 'Electron';
    this._ready = new Promise((resolve) => {
      // Electron is ready once the main script has run its first turn.
      setImmediate(() => {
        // A second launch that arrives while the first is still starting (a double-click).
        if (env.STANDIN_SECOND_INSTANCE_EARLY === '1') this.emit('second-instance', preventable(), [], process.cwd());
        ready = true;
        this.emit('ready', preventable(), {});
        resolve();
      });
    });
  }
  whenReady() {
    return this._ready;
  }
  isReady() {
    return ready;
  }
  setName(n) {
    this.name = n;
  }
  getName() {
    return this.name;
  }
  getVersion() {
    return '0.0.0-standin';
  }
  getLocale() {
    return 'zh-CN';
  }
  getAppPath() {
    return path.join(path.dirname(require.main?.filename ?? process.cwd()), '..', '..');
  }
  getPath(name) {
    if (!(name in paths)) throw new Error(`stand-in: getPath(${name}) is not known`);
    return paths[name];
  }
  setPath(name, p) {
    paths[name] = p;
  }
  setAppUserModelId(id) {
    record.appUserModelId = id;
  }
  enableSandbox() {
    if (ready) throw new Error('app.enableSandbox() must be called before the app is ready');
    record.sandboxEnabled = true;
  }
  requestSingleInstanceLock() {
    record.singleInstanceLockAsked = true;
    return env.STANDIN_LOCK_TAKEN !== '1';
  }
  quit() {
    record.quit = record.quit ?? (ready ? 'after ready' : 'before ready');
    const e = preventable();
    this.emit('before-quit', e);
    if (e.defaultPrevented) return;
    this.emit('will-quit', preventable());
    this.emit('quit', preventable(), 0);
    // Electron ends the process once the quit has run; async closers get this turn only.
    setImmediate(() => finish(0));
  }
  exit(code = 0) {
    finish(code);
  }
  focus() {}
  relaunch() {
    record.relaunch = true;
  }
}
const app = new App();

let nextContentsId = 1;
class WebContents extends EventEmitter {
  constructor(win) {
    super();
    this.id = nextContentsId++;
    this.win = win;
    this.windowOpenHandler = null;
    this.sent = [];
    this.devToolsOpened = false;
    this.session = session.defaultSession;
  }
  setWindowOpenHandler(fn) {
    this.windowOpenHandler = fn;
  }
  send(channel, payload) {
    this.sent.push({ channel, payload });
  }
  openDevTools() {
    this.devToolsOpened = true;
  }
  isDestroyed() {
    return false;
  }
  getURL() {
    return this.win?.url ?? '';
  }
}

const allWindows = [];
class BrowserWindow extends EventEmitter {
  constructor(options = {}) {
    super();
    this.options = options;
    this.url = null;
    this.visible = options.show !== false;
    this.destroyed = false;
    this.maximized = false;
    this.minimized = false;
    this.webContents = new WebContents(this);
    allWindows.push(this);
    record.windows.push({ options, url: null, shown: this.visible });
    this.index = record.windows.length - 1;
    app.emit('web-contents-created', preventable(), this.webContents);
  }
  static getAllWindows() {
    return allWindows.filter((w) => !w.destroyed);
  }
  static fromWebContents(wc) {
    return allWindows.find((w) => w.webContents === wc) ?? null;
  }
  /** Loads like Electron would: app:// through the registered protocol handler, and must get a page. */
  async loadURL(url) {
    this.url = url;
    record.windows[this.index].url = url;
    const scheme = url.split(':')[0];
    const handler = protocolHandlers.get(scheme);
    if (handler) {
      const res = await handler(new Request(url));
      if (!res.ok) throw Object.assign(new Error(`ERR_FILE_NOT_FOUND (-6) loading '${url}'`), { code: 'ERR_FILE_NOT_FOUND', errno: -6 });
      record.windows[this.index].loadedBytes = (await res.arrayBuffer()).byteLength;
    } else if (scheme !== 'http' && scheme !== 'https') {
      throw Object.assign(new Error(`ERR_UNKNOWN_URL_SCHEME (-302) loading '${url}'`), { code: 'ERR_UNKNOWN_URL_SCHEME' });
    }
    setImmediate(() => {
      this.webContents.emit('did-finish-load');
      if (env.STANDIN_RENDERER_GONE === '1')
        this.webContents.emit('render-process-gone', preventable(), { reason: 'crashed', exitCode: 139 });
      else if (env.STANDIN_NO_READY_TO_SHOW !== '1') this.emit('ready-to-show');
    });
  }
  show() {
    this.visible = true;
    record.windows[this.index].shown = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  isVisible() {
    return this.visible;
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return this.minimized;
  }
  restore() {
    this.minimized = false;
  }
  maximize() {
    this.maximized = true;
  }
  isMaximized() {
    return this.maximized;
  }
  getNormalBounds() {
    return { x: 10, y: 10, width: this.options.width ?? 800, height: this.options.height ?? 600 };
  }
  setMenuBarVisibility() {}
  close() {
    this.emit('close', preventable());
    this.destroyed = true;
    this.emit('closed');
  }
  destroy() {
    this.destroyed = true;
  }
}

const ipcHandlers = new Map();
const ipcMain = Object.assign(new EventEmitter(), {
  handle(channel, fn) {
    // Electron throws on a second handler for the same channel; count too, for the report.
    record.ipc[channel] = (record.ipc[channel] ?? 0) + 1;
    if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcHandlers.set(channel, fn);
  },
  handleOnce(channel, fn) {
    this.handle(channel, fn);
  },
  removeHandler(channel) {
    ipcHandlers.delete(channel);
  },
});

const protocolHandlers = new Map();
const protocol = {
  registerSchemesAsPrivileged(schemes) {
    record.schemesRegisteredBeforeReady = !ready;
    if (ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    record.privilegedSchemes.push(...schemes);
  },
  handle(scheme, fn) {
    record.protocols.push(scheme);
    protocolHandlers.set(scheme, fn);
  },
  unhandle(scheme) {
    protocolHandlers.delete(scheme);
  },
  isProtocolHandled(scheme) {
    return protocolHandlers.has(scheme);
  },
};

const sessionHandlers = { request: null, check: null, device: null, headers: null };
const session = {
  defaultSession: {
    setPermissionRequestHandler(fn) {
      record.permissionRequestHandler = true;
      sessionHandlers.request = fn;
    },
    setPermissionCheckHandler(fn) {
      record.permissionCheckHandler = true;
      sessionHandlers.check = fn;
    },
    setDevicePermissionHandler(fn) {
      record.devicePermissionHandler = true;
      sessionHandlers.device = fn;
    },
    setSpellCheckerEnabled() {},
    webRequest: {
      onHeadersReceived(fn) {
        record.headersHandler = true;
        sessionHandlers.headers = fn;
      },
    },
    protocol,
  },
};

const safeStorage = {
  isEncryptionAvailable() {
    record.safeStorageCalls.push({ call: 'isEncryptionAvailable', ready });
    return env.STANDIN_SAFE_STORAGE !== 'unavailable';
  },
  getSelectedStorageBackend() {
    record.safeStorageCalls.push({ call: 'getSelectedStorageBackend', ready });
    return env.STANDIN_BACKEND ?? 'gnome_libsecret';
  },
  encryptString(s) {
    if (env.STANDIN_SAFE_STORAGE === 'unavailable')
      throw new Error('Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.');
    return Buffer.from(`standin-enc:${Buffer.from(s, 'utf8').toString('hex')}`);
  },
  decryptString(b) {
    const text = b.toString();
    if (!text.startsWith('standin-enc:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(text.slice('standin-enc:'.length), 'hex').toString('utf8');
  },
};

function nativeImageFrom(file) {
  const exists = file ? fs.existsSync(file) : false;
  const img = {
    path: file,
    exists,
    isEmpty: () => !exists,
    resize: () => img,
    getSize: () => (exists ? { width: 256, height: 256 } : { width: 0, height: 0 }),
  };
  return img;
}
const nativeImage = { createFromPath: nativeImageFrom, createEmpty: () => nativeImageFrom(null) };

class Tray extends EventEmitter {
  constructor(image) {
    super();
    record.tray = { image: typeof image === 'string' ? nativeImageFrom(image) : image, tooltip: null, menu: null };
  }
  setToolTip(t) {
    record.tray.tooltip = t;
  }
  setContextMenu(m) {
    record.tray.menu = m?.items?.map((i) => i.label ?? i.type) ?? null;
  }
  setImage() {}
  destroy() {}
}

const Menu = {
  buildFromTemplate: (items) => ({ items }),
  setApplicationMenu(m) {
    record.applicationMenu = m === null ? null : 'custom';
  },
  getApplicationMenu: () => null,
};

class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(opts) {
    super();
    this.opts = opts;
  }
  show() {
    record.notifications.push(this.opts);
  }
}

const dialog = {
  showErrorBox(title, content) {
    record.dialogs.push({ kind: 'error', title, content, ready });
  },
  async showMessageBox(_w, opts) {
    record.dialogs.push({ kind: 'message', ...(opts ?? _w) });
    return { response: 0, checkboxChecked: false };
  },
  showMessageBoxSync(_w, opts) {
    record.dialogs.push({ kind: 'message', ...(opts ?? _w) });
    return 0;
  },
  async showOpenDialog() {
    return { canceled: true, filePaths: [] };
  },
  async showSaveDialog() {
    return { canceled: true };
  },
};

const shell = {
  async openExternal(url) {
    record.externalOpened.push(url);
  },
  async openPath() {
    return '';
  },
  showItemInFolder() {},
};

const screen = {
  getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 }, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }],
  getPrimaryDisplay: () => screen.getAllDisplays()[0],
};

const powerMonitor = Object.assign(new EventEmitter(), { getSystemIdleTime: () => 0 });

const electron = {
  app,
  BrowserWindow,
  ipcMain,
  protocol,
  session,
  safeStorage,
  nativeImage,
  Tray,
  Menu,
  Notification,
  dialog,
  shell,
  screen,
  powerMonitor,
  net: { fetch: (...a) => fetch(...a), isOnline: () => true },
};

const realLoad = Module._load;
Module._load = function load(request, parent, isMain) {
  if (request === 'electron') return electron;
  return realLoad.call(this, request, parent, isMain);
};
const realResolve = Module._resolveFilename;
Module._resolveFilename = function resolve(request, ...rest) {
  if (request === 'electron') return 'electron';
  return realResolve.call(this, request, ...rest);
};

function snapshot() {
  return {
    ...record,
    // ipcMain.on listeners still attached (not answered through the frame check of handle()).
    ipcOn: Object.fromEntries(ipcMain.eventNames().map((n) => [String(n), ipcMain.listenerCount(n)])),
    windows: record.windows.map((w, i) => ({
      ...w,
      devToolsOpened: allWindows[i]?.webContents.devToolsOpened ?? false,
      hasWindowOpenHandler: !!allWindows[i]?.webContents.windowOpenHandler,
    })),
  };
}

function firstContents() {
  const w = allWindows[0];
  if (!w) throw new Error('no window was created');
  return w.webContents;
}

/** What a test can ask of the booted main process (over the fork IPC channel). */
const requests = {
  state: () => snapshot(),
  async invoke(channel, input, frameUrl) {
    const fn = ipcHandlers.get(channel);
    if (!fn) throw new Error(`no handler for ${channel}`);
    const sender = firstContents();
    return fn({ sender, senderFrame: frameUrl === null ? null : { url: frameUrl }, frameId: 1, processId: 1 }, input);
  },
  navigate(url, contents = firstContents()) {
    const e = preventable();
    contents.emit('will-navigate', e, url);
    return { prevented: e.defaultPrevented };
  },
  windowOpen(url) {
    const c = firstContents();
    if (!c.windowOpenHandler) return { handler: false };
    const before = record.externalOpened.length;
    const result = c.windowOpenHandler({
      url,
      frameName: '',
      features: '',
      disposition: 'new-window',
      referrer: { url: '', policy: 'default' },
    });
    return { handler: true, action: result?.action, openedExternally: record.externalOpened.slice(before) };
  },
  /** A web contents main did not make itself (a devtools or injected one) tries a webview and a navigation. */
  foreignContents(url) {
    const contents = new WebContents(null);
    app.emit('web-contents-created', preventable(), contents);
    const webview = preventable();
    contents.emit('will-attach-webview', webview, {}, {});
    return {
      webviewPrevented: webview.defaultPrevented,
      navigationPrevented: requests.navigate(url, contents).prevented,
      hasWindowOpenHandler: !!contents.windowOpenHandler,
    };
  },
  permission(permission) {
    return new Promise((resolve) => {
      if (!sessionHandlers.request) return resolve({ handler: false });
      sessionHandlers.request(
        firstContents(),
        permission,
        (granted) => {
          resolve({
            handler: true,
            granted,
            check: sessionHandlers.check ? sessionHandlers.check(firstContents(), permission, 'app://desk', {}) : null,
          });
        },
        {},
      );
    });
  },
  headers(url) {
    return new Promise((resolve) => {
      if (!sessionHandlers.headers) return resolve(null);
      sessionHandlers.headers({ url, responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => resolve(r.responseHeaders));
    });
  },
  async fetchApp(url) {
    const handler = protocolHandlers.get(url.split(':')[0]);
    if (!handler) return { handler: false };
    const res = await handler(new Request(url));
    const body = Buffer.from(await res.arrayBuffer());
    return {
      handler: true,
      status: res.status,
      type: res.headers.get('content-type'),
      csp: res.headers.get('content-security-policy'),
      bytes: body.length,
      head: body.subarray(0, 200).toString(),
    };
  },
  secondInstance(argv = []) {
    const before = allWindows.length;
    app.emit('second-instance', preventable(), argv, process.cwd());
    return { windowsBefore: before, windowsAfter: allWindows.length, visible: allWindows.map((w) => w.visible) };
  },
  quit() {
    app.quit();
    return true;
  },
};

if (process.send) {
  process.on('message', async (msg) => {
    if (!msg || typeof msg.id !== 'number') return;
    try {
      const result = await requests[msg.op](...(msg.args ?? []));
      process.send({ id: msg.id, ok: true, result });
    } catch (err) {
      process.send({ id: msg.id, ok: false, error: String(err?.stack ?? err) });
    }
  });
  // The open channel keeps the process alive, as Chromium's loop would: the test ends it with quit.
}

module.exports = { electron, record };
