/**
 * Boots a built main process (out/main/index.js, or one unpacked from app.asar) under Node with
 * the recording stand-in for `electron` (scripts/stand-in-electron.cjs) and talks to it over the
 * fork channel: what main registered, and what it does when a frame calls, navigates or asks.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const STAND_IN = join(ROOT, 'scripts', 'stand-in-electron.cjs');
export const BUILT_MAIN = join(ROOT, 'out', 'main', 'index.js');

export interface Recorded {
  ipc: Record<string, number>;
  ipcOn: Record<string, number>;
  nativeModules: string[];
  windows: {
    url: string | null;
    shown: boolean;
    loadedBytes?: number;
    devToolsOpened: boolean;
    hasWindowOpenHandler: boolean;
    options: { show?: boolean; icon?: string; webPreferences: Record<string, unknown> };
  }[];
  privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[];
  schemesRegisteredBeforeReady: boolean | null;
  protocols: string[];
  sandboxEnabled: boolean;
  permissionRequestHandler: boolean;
  permissionCheckHandler: boolean;
  headersHandler: boolean;
  applicationMenu: 'default' | 'custom' | null;
  tray: { image: { path: string; exists: boolean }; tooltip: string; menu: string[] } | null;
  dialogs: { kind: string; title: string; content: string; ready: boolean }[];
  externalOpened: string[];
  safeStorageCalls: { call: string; ready: boolean }[];
  singleInstanceLockAsked?: boolean;
  quit: string | null;
  exitCode: number | null;
}

export interface Booted {
  dataDir: string;
  child: ChildProcess;
  /** Resolves when the process ends, with what it recorded up to then. */
  exited: Promise<{ code: number | null; record: Recorded | null; output: string }>;
  request<T = unknown>(op: string, ...args: unknown[]): Promise<T>;
  state(): Promise<Recorded>;
  /** Waits until the window is on screen (or the process ended first: then throws with its output). */
  shown(): Promise<Recorded>;
  stop(): Promise<void>;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function bootMain(opts: { main?: string; dataDir?: string; env?: Record<string, string>; cwd?: string } = {}): Booted {
  const dataDir = opts.dataDir ?? join(tempDir('desk-main-'), 'data');
  const env: NodeJS.ProcessEnv = { ...process.env, ...opts.env };
  // The stand-in is never a packaged app unless the test says so, and no dev server is implied.
  if (!opts.env?.ELECTRON_RENDERER_URL) delete env.ELECTRON_RENDERER_URL;
  const child = fork(opts.main ?? BUILT_MAIN, ['--data', dataDir], {
    execArgv: ['--require', STAND_IN],
    env,
    cwd: opts.cwd ?? ROOT,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  let nextId = 0;
  let finalRecord: Recorded | null = null;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  child.on('message', (m: { id?: number; ok?: boolean; result?: unknown; error?: string; type?: string; record?: Recorded }) => {
    if (m.type === 'exit') {
      finalRecord = m.record ?? null;
      return;
    }
    const p = m.id === undefined ? undefined : pending.get(m.id);
    if (!p) return;
    pending.delete(m.id!);
    if (m.ok) p.resolve(m.result);
    else p.reject(new Error(m.error));
  });
  const exited = new Promise<{ code: number | null; record: Recorded | null; output: string }>((resolveExit) => {
    child.on('exit', (code) => {
      for (const p of pending.values()) p.reject(new Error(`main exited (code ${code}) before answering:\n${output}`));
      pending.clear();
      resolveExit({ code, record: finalRecord, output });
    });
  });
  const request = <T>(op: string, ...args: unknown[]) =>
    new Promise<T>((res, rej) => {
      if (child.exitCode !== null || !child.connected) return rej(new Error(`main has exited:\n${output}`));
      const id = ++nextId;
      pending.set(id, { resolve: res as (v: unknown) => void, reject: rej });
      child.send({ id, op, args });
    });
  const state = () => request<Recorded>('state');
  return {
    dataDir,
    child,
    exited,
    request,
    state,
    shown: async () => {
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const s = await state();
        if (s.windows.some((w) => w.shown)) return s;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no window was shown within 30 s:\n${output}`);
    },
    stop: async () => {
      if (child.exitCode === null && child.connected) await request('quit').catch(() => undefined);
      const done = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 5000))]);
      if (!done) child.kill('SIGKILL');
    },
  };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
