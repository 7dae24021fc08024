/** Starts the real web host on a data folder as a child process and waits for its link. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir } from './seed';

const root = join(__dirname, '..');
let rendererDir: string | null = null;

/**
 * The renderer, built once per bench run into a private folder: out/ is shared with everyone
 * building and testing in this tree, and a half-written out/renderer would measure nothing.
 */
export function benchRenderer(): string {
  if (rendererDir) return rendererDir;
  const out = benchDir('out');
  const r = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build', '--outDir', out, '--logLevel', 'error'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (r.status !== 0 || !existsSync(join(out, 'renderer/index.html'))) throw new Error(`renderer build failed: ${r.stderr || r.stdout}`);
  rendererDir = join(out, 'renderer');
  return rendererDir;
}

export async function startHostProcess(dataDir: string): Promise<{ openUrl: string; proc: ChildProcess; stop: () => Promise<void> }> {
  const renderer = benchRenderer();
  const proc = spawn(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'src-main/host/main.ts'), '--data', dataDir, '--renderer', renderer], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
  });
  let out = '';
  const openUrl = await new Promise<string>((ok, fail) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\w+)/.exec(out);
      if (m) ok(m[1]);
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
  return { openUrl, proc, stop };
}
