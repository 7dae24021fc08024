/**
 * Runs stock reads on the seller's interval (default 30 min, 1 min … 24 h). Time comes from
 * app.clock; a coarse real timer only asks "is a run due?", so tests drive it with tick().
 */
import type { App } from '../app';
import type { SyncRunInfo } from '../../../src-shared/types/stock';
import { Repeating } from '../platform/repeating';
import { stockSync } from './sync';
import { trySource } from './ports';
import { lastRun } from './runs';
import { readStockSettings } from './settings';
import { checkWatchFolder, watchFolderDue } from './watchFolder';

const CHECK_EVERY_MS = 15_000;
/** After this many failed scheduled reads in a row the seller gets a notice. */
const FAILURES_BEFORE_NOTICE = 3;

export class StockScheduler {
  private readonly timer = new Repeating(CHECK_EVERY_MS, () => {
    this.tick().catch((err: unknown) => this.app.log.error('scheduled stock sync failed', { error: String(err) }));
  });
  /** Scheduled reads failed in a row, per strategy: the drift read runs beside incremental reads. */
  private readonly failures = new Map<string, number>();
  readonly off: () => void;

  constructor(private readonly app: App) {
    // Every scheduled read ends here, the background drift read included.
    this.off = stockSync(app).onRunFinished((run) => {
      if (run.trigger === 'schedule') this.counted(run);
    });
  }

  private counted(run: SyncRunInfo): void {
    if (run.status === 'ok') this.failures.set(run.strategy, 0);
    if (run.status !== 'failed') return;
    const n = (this.failures.get(run.strategy) ?? 0) + 1;
    this.failures.set(run.strategy, n);
    if (n === FAILURES_BEFORE_NOTICE)
      this.app.notices.add(
        'error',
        {
          title: '库存同步连续失败',
          body: `定时库存同步已连续失败 ${n} 次：${run.errors[0]?.message ?? ''} 在恢复之前，自动解绑不会依据过期的库存做决定。`,
        },
        {
          title: 'Stock sync keeps failing',
          body: `The scheduled stock sync has failed ${n} times in a row: ${run.errors[0]?.messageEn ?? ''} Until it recovers, automatic unbinds make no decisions on out-of-date stock.`,
        },
      );
  }

  /**
   * When the next scheduled read is due (UTC ms), or null when the schedule is off. The schedule
   * starts after the seller's first successful sync (wizard step 3): reading stock in the background
   * before warehouses and categories are set up would only produce confusing history.
   */
  nextAt(): number | null {
    const s = readStockSettings(this.app.db);
    if (!s.scheduleEnabled) return null;
    if (!lastRun(this.app.db, "status = 'ok' AND strategy != 'import'")) return null;
    const last = lastRun(this.app.db, "status != 'running' AND strategy != 'import'") as NonNullable<ReturnType<typeof lastRun>>;
    return Date.parse(last.startedAt) + s.intervalMinutes * 60_000;
  }

  /** Runs a read if one is due and nothing else is running; returns it, or null. */
  async tick(): Promise<SyncRunInfo | null> {
    const sync = stockSync(this.app);
    // A watched folder (file source) is looked in on the same interval; the import is its own run.
    if (!sync.running && watchFolderDue(this.app)) await checkWatchFolder(this.app);
    const next = this.nextAt();
    if (next === null || sync.running || this.app.clock.now() < next) return null;
    if (!(await trySource(this.app))) return null;
    return sync.run({ trigger: 'schedule' });
  }

  start(): void {
    this.timer.start();
  }

  stop(): void {
    this.timer.stop();
  }
}

export function stockScheduler(app: App): StockScheduler {
  return app.services.stockScheduler;
}

/** The stock domain's background work in a long-running host: reads on the seller's schedule. */
export function startStock(app: App): void {
  stockScheduler(app).start();
}
