/**
 * The engine as a per-app service: it decides after every successful stock read (the stock domain
 * emits `changed` with topic 'stock'), drains the outbox while the switch is on, and runs the
 * `auto run --once` cycle (sync → decide → send). One drain at a time per app.
 */
import type { App } from '../app';
import type { AutoRunInfo, DrainReport, RunOnceReport } from '../../../src-shared/channels/auto';
import { AppError } from '../../../src-shared/errors';
import { Repeating } from '../platform/repeating';
import { trySource } from '../stock/ports';
import { stockSync } from '../stock/sync';
import { lastRun } from '../stock/runs';
import { decideRun } from './engine';
import { emptyDrain, Sender } from './sender';
import { outboxCounts } from './outbox';
import { readAutoSettings } from './settings';
import { checkSourceFailing, checkTokenExpiry, dailyRiskSummary } from './notify';
import { forwardNoticesToRobots } from './robots';
import { marketplaceOf } from './ports';
import { SENDABLE_STATES, statesSql } from '../../../src-shared/actionStates';

const LOOP_MS = 5_000;

export class AutoService {
  private draining: Promise<DrainReport> | null = null;
  private readonly loop = new Repeating(LOOP_MS, () => this.loopOnce());
  private pendingStock = false;

  constructor(private readonly app: App) {
    // The stock domain's after-run hook, and its 'changed' event for reads that do not go through
    // the sync (file imports); the stock-run guard in afterStockRun decides once per read.
    const offHook = stockSync(app).onRunFinished(() => this.schedule());
    const offEvent = app.events.on('changed', ({ topic }) => {
      if (topic === 'stock') this.schedule();
    });
    // Notices a seller must act on also go to their group robots (detached: nothing here waits).
    const offRobots = forwardNoticesToRobots(app);
    const off = () => {
      offHook();
      offEvent();
      offRobots();
    };
    app.onClose(async () => {
      off();
      this.stop();
      await this.draining?.catch(() => undefined);
    });
  }

  /** Decides after the stock domain has finished its own work for this read. */
  private schedule(): void {
    if (this.pendingStock) return;
    this.pendingStock = true;
    setImmediate(() => {
      this.pendingStock = false;
      if (!this.app.db.open) return;
      try {
        this.afterStockRun('stock');
      } catch (err) {
        this.app.log.error('auto decide after stock run failed', { error: err instanceof Error ? err.stack : String(err) });
      }
    });
  }

  /** The stock read this engine last decided on. */
  private lastDecidedStockRun(): number {
    return (this.app.db.prepare('SELECT max(stock_run_id) FROM auto_runs').pluck().get() as number | null) ?? 0;
  }

  /**
   * Decides once per successful stock read. A failed or cancelled read decides nothing: the figures
   * did not change, and a failed read must never unbind.
   */
  afterStockRun(trigger: string): AutoRunInfo | null {
    const r = lastRun(this.app.db);
    if (!r || r.status !== 'ok' || r.id <= this.lastDecidedStockRun()) return null;
    const run = decideRun(this.app, trigger);
    if (readAutoSettings(this.app.db).enabled) this.kick();
    return run;
  }

  async drain(opts: { signal?: AbortSignal } = {}): Promise<DrainReport> {
    if (this.draining) return this.draining;
    this.draining = (async () => {
      if (!readAutoSettings(this.app.db).enabled) return emptyDrain('switch_off');
      const market = await marketplaceOf(this.app);
      if (!market) return emptyDrain('no_marketplace');
      return new Sender(this.app, market).drain(opts);
    })().finally(() => {
      this.draining = null;
    });
    return this.draining;
  }

  /** `auto run --once`: read stock (when a source is connected), decide, send what is due. */
  async runOnce(opts: { sync: boolean; send: boolean }): Promise<RunOnceReport> {
    let stockRun: RunOnceReport['stockRun'] = null;
    if (opts.sync && (await trySource(this.app))) {
      const s = await stockSync(this.app).run({ trigger: 'cli', oneShot: true });
      stockRun = { id: s.id, status: s.status, strategy: s.strategy, errors: s.errors.map((e) => ({ message: e.message })) };
    }
    // A manual pass decides even when the stock read did not change (settings, pins, mapping may have).
    const health = lastRun(this.app.db);
    const run =
      health && health.status !== 'ok' && stockRun
        ? null // this read failed: nothing is decided on it
        : decideRun(this.app, stockRun ? 'cli' : 'manual');
    const send = opts.send ? await this.drain() : emptyDrain(readAutoSettings(this.app.db).enabled ? null : 'switch_off');
    checkTokenExpiry(this.app);
    checkSourceFailing(this.app);
    dailyRiskSummary(this.app);
    return { stockRun, run, send, outbox: outboxCounts(this.app.db) };
  }

  /**
   * Once started, sends now what a change just made due instead of at the next loop. Not started
   * (the CLI, tests), nothing is sent behind the caller's back: `auto run --once` drains itself.
   */
  kick(): void {
    if (this.loop.started) void this.drain().catch(() => undefined);
  }

  /** In Electron and the web host: drain whatever becomes due (retries, review polls). */
  start(): void {
    this.loop.start();
  }

  stop(): void {
    this.loop.stop();
  }

  private loopOnce(): void {
    if (!this.app.db.open || !readAutoSettings(this.app.db).enabled) return;
    const due = this.app.db
      .prepare(`SELECT 1 FROM auto_actions WHERE state IN (${statesSql(SENDABLE_STATES)}) AND next_try_at <= ? LIMIT 1`)
      .get(this.app.clock.now());
    if (due) void this.drain().catch((err: unknown) => this.app.log.error('auto drain failed', { error: String(err) }));
    checkTokenExpiry(this.app);
    checkSourceFailing(this.app);
  }
}

export function autoService(app: App): AutoService {
  return app.services.auto;
}

/** The engine's background work in a long-running host: the sender loop and the daily risk summary. */
export function startAuto(app: App): void {
  autoService(app).start();
  app.hourly('auto daily risk summary', () => dailyRiskSummary(app));
}

export function requireRun<T>(v: T | null, id: number): T {
  if (v === null) throw new AppError('NOT_FOUND', `运行 #${id} 不存在。`, `Run #${id} does not exist.`);
  return v;
}
