/**
 * recheck, run in a worker thread with a hard time limit: vetting one pattern can take recheck its
 * whole time budget (seconds of CPU), and on the main thread that would stall every channel, the
 * scheduler and the web host meanwhile. The worker is code passed as a string (no worker file to
 * find inside the packaged archive) and loads recheck from where the main process resolves it; if a
 * worker cannot be started there, the caller checks in process as before.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';

export interface RecheckVerdict {
  status: 'safe' | 'vulnerable' | 'unknown';
  complexity: { type: string; degree?: number } | null;
  attack: { pattern: string } | null;
}

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
process.env.RECHECK_SYNC_BACKEND = 'pure';
let checkSync;
parentPort.on('message', ({ id, pattern, timeoutMs }) => {
  let out;
  try {
    checkSync ??= require(workerData.recheck).checkSync;
    const r = checkSync(pattern, 'iu', { timeout: timeoutMs });
    out = { id, ok: true, verdict: { status: r.status, complexity: r.complexity || null, attack: r.attack ? { pattern: String(r.attack.pattern) } : null } };
  } catch (err) {
    out = { id, ok: false, error: String(err) };
  }
  parentPort.postMessage(out);
});
`;

let recheckPath: string | null | undefined;
function resolveRecheck(): string | null {
  if (recheckPath === undefined) {
    try {
      recheckPath = createRequire(__filename).resolve('recheck');
    } catch {
      recheckPath = null;
    }
  }
  return recheckPath;
}

/** One worker, kept between checks (starting one and loading recheck costs a few hundred ms); replaced after a hard stop. */
let worker: Worker | null = null;
let nextId = 1;
/** Checks run one at a time, in order. */
let queue: Promise<unknown> = Promise.resolve();

function startWorker(recheck: string): Worker | null {
  try {
    const w = new Worker(WORKER, { eval: true, workerData: { recheck } });
    w.unref();
    w.on('error', () => {
      if (worker === w) worker = null;
    });
    w.on('exit', () => {
      if (worker === w) worker = null;
    });
    return w;
  } catch {
    return null;
  }
}

function checkOnce(pattern: string, timeoutMs: number, hardLimitMs: number): Promise<RecheckVerdict | null> {
  const recheck = resolveRecheck();
  if (!recheck) return Promise.resolve(null);
  worker ??= startWorker(recheck);
  const w = worker;
  if (!w) return Promise.resolve(null);
  const id = nextId++;
  return new Promise((resolve) => {
    const done = (v: RecheckVerdict | null) => {
      clearTimeout(timer);
      w.off('message', onMessage);
      w.off('exit', onExit);
      resolve(v);
    };
    const onMessage = (m: { id: number; ok: boolean; verdict?: RecheckVerdict }) => {
      if (m.id === id) done(m.ok && m.verdict ? m.verdict : null);
    };
    const onExit = () => done(null);
    // The hard limit: whatever recheck is doing, the worker goes and the pattern counts as unproven.
    const timer = setTimeout(() => {
      if (worker === w) worker = null;
      void w.terminate();
      done({ status: 'unknown', complexity: null, attack: null });
    }, hardLimitMs);
    timer.unref?.();
    w.on('message', onMessage);
    w.on('exit', onExit);
    w.postMessage({ id, pattern, timeoutMs });
  });
}

/**
 * The verdict, or 'unknown' when the worker was still thinking at `hardLimitMs` (it is terminated);
 * null when no worker could run recheck (the caller falls back to checking in process).
 */
export function recheckOffThread(pattern: string, timeoutMs: number, hardLimitMs: number): Promise<RecheckVerdict | null> {
  const run = queue.then(() => checkOnce(pattern, timeoutMs, hardLimitMs));
  queue = run.catch(() => undefined);
  return run;
}
