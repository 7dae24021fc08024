import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '../..');

interface Out {
  machine: { quick: boolean };
  figures: { section: string; figure: string; value: number | null; unit: string; baseline: number | null; ratio: number | null }[];
}

describe('npm run bench', () => {
  it('runs the sections that need no browser at --quick sizes and prints every figure beside a baseline as JSON', () => {
    const r = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules/tsx/dist/cli.mjs'),
        'bench/run.ts',
        '--quick',
        '--json',
        '--only',
        'reaction,wave,campaign,stockRun,stockRunBusy,rules',
      ],
      {
        cwd: root,
        encoding: 'utf8',
        timeout: 170_000,
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Out;
    expect(out.machine.quick).toBe(true);
    expect(new Set(out.figures.map((f) => f.section))).toEqual(
      new Set(['1 reaction', '1b wave', '1c campaign', '2 stock run', '2 stock run, busy', '3 rules', '4 memory']),
    );
    for (const f of out.figures) {
      // NaN and Infinity print as null in JSON: a figure that was not measured fails here.
      expect(Number.isFinite(f.value), f.figure).toBe(true);
      expect(f.value, f.figure).toBeGreaterThan(0);
      expect(f.baseline, f.figure).toBeGreaterThan(0);
      // Each figure carries its ratio to the baseline of the same run.
      expect(f.ratio, f.figure).toBeCloseTo(f.value! / f.baseline!, 9);
    }
    // The simulated store: every stock-out was unbound before the run ended.
    const reaction = out.figures.filter((f) => f.section === '1 reaction' || f.section === '1b wave');
    expect(reaction.some((f) => f.figure.includes('NOT UNBOUND'))).toBe(false);
    // The campaign: (a), (b), (c) oversold units against (a), and what (c) costs in sales.
    const campaign = out.figures.filter((f) => f.section === '1c campaign').map((f) => f.figure.slice(0, 3));
    expect(campaign).toEqual(expect.arrayContaining(['(a)', '(b)', '(c)']));
  }, 180_000);
});
