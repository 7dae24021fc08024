/** Starts the real web host on a data folder as a child process and waits for its link. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir } from './seed';

const root = join(__dirname, '..');
let rendererDir: string | null = null;

/**
 * The app (renderer, and main with the web host and CLI entries), built once per bench run into a
 * private folder: out/ is shared with everyone building and testing in this tree, and a half-written
 * out/ would measure nothing. Returns the renderer's folder.
 */
export function benchRenderer(): string {
  if (rendererDir) return rendererDir;
  const out = benchDir('out');
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', out, '--logLevel', 'error'],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 300_000,
    },
  );
  if (r.status !== 0 || !existsSync(join(out, 'renderer/index.html'))) throw new Error(`renderer build failed: ${r.stderr || r.stdout}`);
  rendererDir = join(out, 'renderer');
  return rendererDir;
}

/** The private build's folder (renderer, and main with the web host and the CLI). */
export function benchOut(): string {
  return join(benchRenderer(), '..');
}

/**
 * The private build's entries run from a folder outside the project: its externals
 * (better-sqlite3…) resolve from the project's node_modules.
 */
export const builtEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_PATH: join(root, 'node_modules'),
  ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
});

/**
 * How the web host is started: `built` as `npm run start:web` runs it (scripts/run-built.mjs and
 * out/main/host.js, here the private build, already fresh); `tsx` as it ran before, compiling
 * src-main/host/main.ts at start (kept as the reference figure).
 */
export type HostStart = 'built' | 'tsx';

export async function startHostProcess(
  dataDir: string,
  how: HostStart = 'built',
): Promise<{ openUrl: string; proc: ChildProcess; stop: () => Promise<void>; rebuilt: boolean }> {
  const renderer = benchRenderer();
  const entry =
    how === 'built'
      ? [join(root, 'scripts/run-built.mjs'), 'host']
      : [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'src-main/host/main.ts'), '--renderer', renderer];
  const proc = spawn(process.execPath, [...entry, '--data', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...builtEnv(), DESK_OUT_DIR: benchOut() },
  });
  let out = '';
  const openUrl = await new Promise<string>((ok, fail) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\w+)/.exec(out);
      if (m) ok(m[1]!);
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => fail(new Error(`web host exited ${code}: ${out}`)));
  });
  const stop = () =>
    new Promise<void>((ok) => {
      if (proc.exitCode !== null) return ok();
      proc.once('exit', () => ok());
      proc.kill('SIGTERM');
    });
  // The launcher rebuilt first (a source changed after the bench's build): that start timed a build.
  return { openUrl, proc, stop, rebuilt: out.includes('正在构建') };
}
