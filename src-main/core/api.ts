/**
 * One handler per contract channel. Hosts never call services directly: they go through
 * `dispatch(createHandlers(app), channel, input)`.
 */
import type { App } from './app';
import type { DomainHandlers, Handlers } from './dispatch';
import type { appChannels } from '../../src-shared/channels/app';
import { schemaVersion } from './db/open';
import { writeAudit } from './audit';
import { exportLogs } from './logExport';
import { storedData } from './storedData';
import type { AppSettings } from '../../src-shared/types/app';
import { connectHandlers } from './connectors/handlers';
import { autoHandlers } from './auto/handlers';
import { depositHandlers } from './deposit/handlers';
import { exitHandlers } from './exit/handlers';
import { fitHandlers } from './fit/handlers';
import { stockHandlers } from './stock/handlers';

const COUNTED_TABLES = ['audit_log', 'notices'];

export function rowCounts(app: App): Record<string, number> {
  const tables = (
    app.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
    }[]
  ).map((t) => t.name);
  const counts: Record<string, number> = {};
  for (const t of tables.length ? tables : COUNTED_TABLES) {
    counts[t] = (app.db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n;
  }
  return counts;
}

function publicSettings(app: App): AppSettings {
  const s = app.settings.all();
  return { language: s.language, firstRunDone: s.firstRunDone, mode: s.mode, storeName: s.storeName };
}

function appHandlers(app: App): DomainHandlers<typeof appChannels> {
  return {
    'app.info': () => {
      const counts = rowCounts(app);
      return {
        name: '全托管卖家助手 Choice Seller Desk',
        version: app.version,
        dataDir: app.dataDir,
        dbFile: app.dbFile,
        schemaVersion: schemaVersion(app.db),
        host: app.host,
        rowCounts: counts,
        stored: storedData(counts),
        lastBackup: app.lastBackup(),
      };
    },
    'settings.get': () => publicSettings(app),
    'settings.set': (patch) => {
      for (const [k, v] of Object.entries(patch)) {
        if (v !== undefined) app.settings.set(k as keyof AppSettings, v as never);
      }
      writeAudit(app.db, app.clock, { actor: 'seller', kind: 'settings', detail: patch });
      app.events.emit('changed', { topic: 'settings' });
      return publicSettings(app);
    },
    'app.exportLog': () => exportLogs(app),
    'notices.list': ({ limit }) => app.notices.list(limit),
    'notices.markRead': ({ ids }) => ({ updated: app.notices.markRead(ids) }),
  };
}

/** Every domain's handlers; a domain adds one line here. */
export function createHandlers(app: App): Handlers {
  return {
    ...appHandlers(app),
    ...autoHandlers(app),
    ...connectHandlers(app),
    ...depositHandlers(app),
    ...exitHandlers(app),
    ...fitHandlers(app),
    ...stockHandlers(app),
  };
}
