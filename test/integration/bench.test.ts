import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../..');

describe('npm run bench', () => {
  it('runs its sections at --quick sizes and prints every figure beside a baseline as JSON', () => {
    const r = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), 'bench/run.ts', '--quick', '--json', '--only', 'rules'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { figures: { figure: string; value: number; baseline: number | null }[] };
    expect(out.figures.length).toBeGreaterThan(0);
    for (const f of out.figures) {
      expect(f.value).toBeGreaterThan(0);
      expect(f.baseline).toBeGreaterThan(0);
    }
  });
});
