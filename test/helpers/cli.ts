/**
 * Runs the real CLI (`npm run cli -- …`: scripts/run-built.mjs and the built out/main/cli.js) as a
 * child process. The tests build into their own folder under node_modules/.cache, not out/: out/
 * is rewritten by every `npm run build`, and a test should not change what a developer runs.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const launcher = join(root, 'scripts/run-built.mjs');
// A command run without --data opens the default data folder: in tests that is a fresh folder of
// this file's own, never the developer's real one (~/.config/choice-seller-desk), whose database a
// test would otherwise migrate or fail on.
const home = mkdtempSync(join(tmpdir(), 'desk-cli-home-'));
const env = (extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
  ...process.env,
  XDG_CONFIG_HOME: home,
  APPDATA: home,
  ...extra,
  DESK_OUT_DIR: join(root, 'node_modules/.cache/choice-seller-desk/test-build'),
});

/**
 * Built once when a test file loads (a main-only build, about 1.5 s, only when a source is newer),
 * so no test's own time includes it; each run still checks, so an edit made meanwhile is run.
 */
const build = spawnSync(process.execPath, [launcher, '--build', 'cli'], { cwd: root, encoding: 'utf8', env: env(), timeout: 300_000 });
if (build.status !== 0) throw new Error(`building the CLI failed (exit ${build.status}):\n${build.stderr}${build.stdout}`);

export function runCli(args: string[], opts: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [launcher, 'cli', ...args], {
    cwd: root,
    encoding: 'utf8',
    input: opts.input,
    env: env(opts.env),
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The same, without blocking this process: needed when the CLI talks to a simulator running in the
 * test itself (spawnSync would stop the simulator from answering).
 */
export function runCliAsync(
  args: string[],
  opts: { input?: string } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [launcher, 'cli', ...args], { cwd: root, env: env() });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(opts.input ?? '');
  });
}
