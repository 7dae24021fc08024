/**
 * Builds every service from its ports. Electron, the web host, the CLI and the tests all open the
 * product here; only the ports differ (where settings and secrets live, the clock, the logger).
 * Opening starts nothing: the long-running hosts (Electron, the web host) call `startBackground`;
 * the CLI and the tests run what they ask for.
 */
import { join } from 'node:path';
import { openDatabase, type Db } from './db/open';
import { dailyBackup, lastGoodBackup } from './db/backup';
import { createFileLogger, type Logger } from './platform/logger';
import { createConfSettings, type SettingsStore } from './platform/settings';
import { createDevSecretStore, type SecretStore } from './platform/secrets';
import { systemClock, type Clock } from './platform/clock';
import { EventBus } from './platform/events';
import { Notices } from './notices';
import { lockDataFolder, type FolderLock } from './platform/folderLock';
import { ensurePrivateDir, tightenTree } from './platform/files';
import { buildServices, type Services } from './services';
import { startStock } from './stock/scheduler';
import { startAuto } from './auto/service';
import { startExit } from './exit/exitCase';
import { startDeposit } from './deposit';
import { version } from '../../package.json';

// Hosts catch this when another process has the folder open (see folderLock.ts).
export { DataFolderInUseError, type LockHolder } from './platform/folderLock';

export interface AppPorts {
  dataDir: string;
  /** Who holds the folder, as the lock, `app.info` and the log name it; core never branches on it. */
  host: 'electron' | 'web' | 'cli';
  settings?: SettingsStore;
  secrets?: SecretStore;
  clock?: Clock;
  log?: Logger;
  nativeBinding?: string;
  /**
   * How a seller's own "sync now" is recorded in the stock run history: 'manual' (a screen, the
   * default) or 'cli' (the terminal).
   */
  syncTrigger?: 'manual' | 'cli';
  /**
   * Margin kept after Tongtool's per-minute quota window, against drift between our clock and the
   * server's (default 1000 ms). A test on a manual clock, where no real time passes, gives 0.
   */
  quotaGuardMs?: number;
  /** Clears the embedding browser's storage (Electron's Chromium profile: cache, cookies, local storage); the exit wipe calls it. */
  clearBrowserStorage?: () => Promise<void>;
}

export interface App {
  readonly version: string;
  readonly host: AppPorts['host'];
  readonly syncTrigger: NonNullable<AppPorts['syncTrigger']>;
  readonly quotaGuardMs: number;
  /** See AppPorts.clearBrowserStorage: only the desktop app has one. */
  readonly clearBrowserStorage?: () => Promise<void>;
  readonly dataDir: string;
  readonly dbFile: string;
  readonly backupDir: string;
  readonly db: Db;
  readonly settings: SettingsStore;
  readonly secrets: SecretStore;
  readonly clock: Clock;
  readonly log: Logger;
  readonly events: EventBus;
  readonly notices: Notices;
  /** Takes today's backup if not yet taken; called at start and hourly. */
  backupNow(): Promise<string | null>;
  lastBackup(): string | null;
  /** The domain services, built and wired by createApp (services.ts); none runs until started. */
  readonly services: Readonly<Services>;
  /**
   * Runs `fn` soon and then every hour while the app is open (reminders, backups); a failure is
   * logged under `label` and the next hour tries again. The timer never keeps the process alive.
   */
  hourly(label: string, fn: () => unknown): void;
  /** Runs when the app closes (stop timers, servers). */
  onClose(fn: () => void | Promise<void>): void;
  close(): Promise<void>;
}

/**
 * Opens the app on its data folder. Throws DataFolderInUseError when another process (a second web
 * host, `cli auto run`, the desktop app) has the folder open: one engine per folder, so no outbox
 * action is ever drained by two senders.
 */
export function createApp(ports: AppPorts): App {
  const dataDir = ports.dataDir;
  ensurePrivateDir(dataDir);
  const clock = ports.clock ?? systemClock;
  // Before anything is read or migrated: a second process must not even run the migration.
  const lock = lockDataFolder(dataDir, ports.host, { nativeBinding: ports.nativeBinding, now: () => clock.now() });
  try {
    tightenTree(dataDir);
    return openApp(ports, lock, clock);
  } catch (err) {
    lock.release();
    throw err;
  }
}

function openApp(ports: AppPorts, lock: FolderLock, clock: Clock): App {
  const dataDir = ports.dataDir;
  const log = ports.log ?? createFileLogger(dataDir);
  const settings = ports.settings ?? createConfSettings(dataDir);
  const secrets = ports.secrets ?? createDevSecretStore(dataDir);
  const dbFile = join(dataDir, 'desk.sqlite');
  const backupDir = join(dataDir, 'backups');
  const db = openDatabase(dbFile, { nativeBinding: ports.nativeBinding, log, now: () => clock.now() });
  const events = new EventBus();
  const notices = new Notices(db, clock, events);
  const timers: NodeJS.Timeout[] = [];
  const services = {} as Services;
  const closers: (() => void | Promise<void>)[] = [];

  const app: App = {
    version,
    host: ports.host,
    syncTrigger: ports.syncTrigger ?? 'manual',
    quotaGuardMs: ports.quotaGuardMs ?? 1000,
    clearBrowserStorage: ports.clearBrowserStorage,
    dataDir,
    dbFile,
    backupDir,
    db,
    settings,
    secrets,
    clock,
    log,
    events,
    notices,
    backupNow: async () => {
      try {
        return await dailyBackup(db, backupDir, clock.now());
      } catch (err) {
        log.error('daily backup failed', { error: String(err) });
        return null;
      }
    },
    lastBackup: () => lastGoodBackup(backupDir),
    services,
    hourly: (label, fn) => {
      const run = () => {
        try {
          void Promise.resolve(fn()).catch((err: unknown) => log.error(`${label} failed`, { error: String(err) }));
        } catch (err) {
          log.error(`${label} failed`, { error: String(err) });
        }
      };
      // Soon, not now: the host finishes starting before the first run.
      const first = setTimeout(run, 0);
      first.unref();
      const t = setInterval(run, 3600_000);
      t.unref();
      timers.push(first, t);
    },
    onClose: (fn) => {
      closers.push(fn);
    },
    close: async () => {
      for (const t of timers) clearInterval(t);
      for (const fn of closers.reverse()) {
        try {
          await fn();
        } catch (err) {
          log.error('error while closing', { error: String(err) });
        }
      }
      if (db.open) db.close();
      lock.release();
    },
  };
  buildServices(app, services);
  log.info('app started', { version, host: ports.host, dataDir });
  return app;
}

/** Today's backup, then one check an hour. */
function startBackups(app: App): void {
  app.hourly('daily backup', () => app.backupNow());
}

/**
 * The background work of a long-running host (Electron, the web host), one entry per domain: the
 * daily backup, the stock schedule, the engine's sender loop and daily risk summary, the exit and
 * deposit reminders. The CLI and the tests do not call this; they run what they ask for.
 */
const BACKGROUND: ((app: App) => void)[] = [startBackups, startStock, startAuto, startExit, startDeposit];

export function startBackground(app: App): void {
  for (const start of BACKGROUND) start(app);
  app.log.info('background work started');
}
