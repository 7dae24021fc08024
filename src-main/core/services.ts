/**
 * The domain services of one app, typed and built once by createApp in the order they depend on
 * each other. Building wires them (the engine listens to stock reads, notices go to the group
 * robots) but starts nothing: timers and loops start in `startBackground` (app.ts), which only the
 * long-running hosts call. Each domain keeps a short accessor (`stockSync(app)`, `connectors(app)`).
 */
import type { App } from './app';
import { ConnectService } from './connectors/service';
import type { StockPorts } from './stock/ports';
import { StockSync } from './stock/sync';
import { StockScheduler } from './stock/scheduler';
import { closeAbandonedRuns } from './stock/runs';
import { AutoService } from './auto/service';
import { ExitCases } from './exit/exitCase';
import { DepositCases } from './deposit/depositCase';

export interface Services {
  connectors: ConnectService;
  /** The stock source and marketplace set for this app (tests, benchmarks); null: the saved connections. */
  stockPorts: { ports: StockPorts | null };
  stockSync: StockSync;
  stockScheduler: StockScheduler;
  auto: AutoService;
  exit: ExitCases;
  deposit: DepositCases;
}

/**
 * Fills `s` in dependency order: a constructor may read the services built before it through
 * `app.services` (the engine subscribes to the stock sync's finished runs).
 */
export function buildServices(app: App, s: Services): void {
  s.connectors = new ConnectService(app);
  s.stockPorts = { ports: null };
  // One process per data folder (folderLock.ts): a read still marked running was cut off by a crash.
  closeAbandonedRuns(app.db, new Date(app.clock.now()).toISOString());
  const sync = new StockSync(app);
  s.stockSync = sync;
  app.onClose(async () => {
    sync.cancel();
    // A cancelled drift read closes its history row before the database closes.
    await sync.driftDone().catch(() => undefined);
  });
  const scheduler = new StockScheduler(app);
  s.stockScheduler = scheduler;
  app.onClose(() => {
    scheduler.stop();
    scheduler.off();
  });
  s.auto = new AutoService(app);
  s.exit = new ExitCases(app);
  s.deposit = new DepositCases(app);
}
