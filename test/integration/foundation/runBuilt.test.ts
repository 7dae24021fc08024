/**
 * `npm run cli` / `npm run start:web` run built JavaScript through scripts/run-built.mjs: a
 * command typed after an edit must run the edit (the build is redone when a source is newer), a
 * fresh build is not redone, the build's talk never reaches stdout (`--json` is one document), and
 * two commands started together on a stale build build it once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../helpers/tempApp';
import { version } from '../../../package.json';

const root = join(__dirname, '../../..');
const BUILDING = '正在构建';

describe('scripts/run-built.mjs', () => {
  // Inside the project, so the build's externals (better-sqlite3…) resolve from its node_modules.
  const cache = join(root, 'node_modules/.cache/choice-seller-desk');
  mkdirSync(cache, { recursive: true });
  const outDir = mkdtempSync(join(cache, 'run-built-test-'));
  const env = { ...process.env, DESK_OUT_DIR: outDir };
  const run = (args: string[]) =>
    spawnSync(process.execPath, [join(root, 'scripts/run-built.mjs'), ...args], { cwd: root, encoding: 'utf8', env, timeout: 240_000 });
  const runAsync = (args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((ok) => {
      const child = spawn(process.execPath, [join(root, 'scripts/run-built.mjs'), ...args], { cwd: root, env });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('close', (code) => ok({ code, stdout, stderr }));
    });
  /** Makes the built CLI older than every source, as after an edit. */
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));
  const age = () => utimesSync(join(outDir, 'main/cli.js'), new Date(2000, 0, 1), new Date(2000, 0, 1));

  it('builds when there is no build, then runs the fresh build without building again', () => {
    const dataDir = tempDir();
    try {
      const first = run(['cli', 'info', '--json', '--data', dataDir]);
      expect(first.status, first.stderr).toBe(0);
      expect(first.stderr).toContain(BUILDING);
      expect(JSON.parse(first.stdout)).toMatchObject({ dataDir, host: 'cli' });

      const again = run(['cli', 'info', '--json', '--data', dataDir]);
      expect(again.status, again.stderr).toBe(0);
      expect(again.stderr).not.toContain(BUILDING);
      expect(JSON.parse(again.stdout)).toMatchObject({ dataDir, host: 'cli' });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);

  it('rebuilds when a source is newer than the build, and two commands at once build it once', async () => {
    age();
    const both = await Promise.all([runAsync(['cli', '--version']), runAsync(['cli', '--version'])]);
    for (const r of both) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(`${version}\n`);
    }
    expect(both.filter((r) => r.stderr.includes(BUILDING))).toHaveLength(1);
    expect(run(['cli', '--version']).stderr).not.toContain(BUILDING);
  }, 240_000);

  it('refuses an entry it does not know with exit 1', () => {
    const r = run(['nope']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('用法 Usage');
  });
});
