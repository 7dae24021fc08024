/**
 * The engine as a per-app service: it decides after every successful stock read (the stock domain
 * emits `changed` with topic 'stock'), and, with the switch on, after the seller's own edits (links,
 * mappings, warehouses, categories, pins, settings); drains the outbox while the switch is on, and
 * runs the `auto run --once` cycle (sync → decide → send). One drain at a time per app.
 */
import type { App } from '../app';
import type { AutoRunInfo, DrainReport, RunOnceReport } from '../../../src-shared/channels/auto';
import { AppError } from '../../../src-shared/errors';
import { Repeating } from '../platform/repeating';
import { trySource } from '../stock/ports';
import { stockSync } from '../stock/sync';
import { lastRun } from '../stock/runs';
import { decideRun, stockHealth } from './engine';
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
  /** A seller's edit is among what the pending pass is for (a pass leaves marks from its own writes: those alone wait). */
  private pendingEdit = false;

  constructor(private readonly app: App) {
    // The stock domain's after-run hook, and its 'changed' event for reads that do not go through
    // the sync (file imports); the stock-run guard in afterStockRun decides once per read.
    const offHook = stockSync(app).onRunFinished(() => this.schedule());
    // 'sku': the seller linked or unlinked (a mapping, a warehouse link, a batch undone). Warehouse
    // and category edits come as 'stock', like a read's end, and are decided at the next read.
    const offEvent = app.events.on('changed', ({ topic }) => {
      if (topic === 'stock') this.schedule();
      else if (topic === 'sku') this.schedule(true);
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

  /** Decides after the stock domain has finished its own work for this read or edit (several edits in one tick: one pass). */
  private schedule(edit = false): void {
    if (edit) this.pendingEdit = true;
    if (this.pendingStock) return;
    this.pendingStock = true;
    setImmediate(() => {
      const edited = this.pendingEdit;
      this.pendingStock = this.pendingEdit = false;
      if (!this.app.db.open) return;
      try {
        if (!this.afterStockRun('stock') && edited) this.afterEdit();
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

  /** The seller changed something a decision reads (pins, settings: the auto domain's own edits). */
  edited(): void {
    this.schedule(true);
  }

  /**
   * With the switch on, what the seller just changed is decided now on the stored figures, not at the
   * next stock read (up to the schedule's interval, 30 minutes by default): a listing SKU newly linked
   * to a warehouse at 0, or unpinned at 0, would sell what it does not have all that time. Only what
   * was marked (migration 16's triggers) is decided; nothing after a failed read, whose figures may be
   * old (the next good read decides); with the switch off the dry run already shows the change.
   * Edits made in another process (the CLI) reach no event here: the next read decides them, and the
   * sender decides each action again before sending it anyway.
   */
  afterEdit(): AutoRunInfo | null {
    const db = this.app.db;
    if (!readAutoSettings(db).enabled || stockHealth(db).lastSyncFailed) return null;
    if (!db.prepare('SELECT 1 FROM auto_changed LIMIT 1').get()) return null;
    const run = decideRun(this.app, 'edit');
    this.kick();
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
