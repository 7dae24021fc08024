/**
 * 6. Start-up. The web host from start to the first screen painted, beside a bare Node server and
 * page; the CLI's `info` from start to exit, beside a bare Node start. Both as the npm scripts run
 * them (scripts/run-built.mjs and the built entry, with its check that the build is fresh), and for
 * reference through tsx, compiling the TypeScript at start as they did before.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../browser';
import { benchOut, builtEnv, startHostProcess, type HostStart } from '../host';
import type { Figure } from '../report';

const root = join(__dirname, '../..');
const WELCOME = '欢迎使用全托管卖家助手';
/**
 * Before the page's own scripts: the epoch time of the first frame in which `text` is in the page
 * (requestAnimationFrame runs just before the frame is painted), in `window.__firstScreenAt`.
 * Playwright's own check for the heading runs in the page too, so it waits while the page's code
 * runs after that paint (the first-run page hydrates the Welcome it was served with).
 */
const firstFrameWith = (text: string) => `window.__firstScreenAt = null;
  const look = () => {
    if (document.body && document.body.innerText.includes(${JSON.stringify(text)})) window.__firstScreenAt = performance.timeOrigin + performance.now();
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);`;

/**
 * Milliseconds from `t0` (this process's performance.now()) to the text on screen: the browser's
 * first contentful paint (when that frame was presented), or the first frame with the text when
 * that came later (then something else was painted first).
 */
async function paintedSince(page: import('playwright').Page, t0: number): Promise<number> {
  await page.waitForFunction("window.__firstScreenAt !== null && performance.getEntriesByName('first-contentful-paint').length > 0");
  const at = await page.evaluate<number>(
    "Math.max(window.__firstScreenAt, performance.timeOrigin + performance.getEntriesByName('first-contentful-paint')[0].startTime)",
  );
  return at - (performance.timeOrigin + t0);
}

const med = (xs: number[]): number => {
  const m = [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  if (m === undefined) throw new Error('median of no runs');
  return m;
};

/** Milliseconds from spawning `node args…` to its exit; throws unless it exits 0. */
function timeProcess(args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; stderr: string }> {
  return new Promise((ok, fail) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) =>
      code === 0 ? ok({ ms: performance.now() - t0, stderr }) : fail(new Error(`${args.join(' ')} exited ${code}: ${stderr}`)),
    );
  });
}

async function benchCli(tries: number): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-bench-cli-'));
  const env = { ...builtEnv(), DESK_OUT_DIR: benchOut() };
  const runs: Record<'built' | 'tsx' | 'bare', string[]> = {
    built: [join(root, 'scripts/run-built.mjs'), 'cli', 'info', '--json', '--data', dataDir],
    tsx: [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'src-main/cli.ts'), 'info', '--json', '--data', dataDir],
    bare: ['-e', '0'],
  };
  const times: Record<keyof typeof runs, number[]> = { built: [], tsx: [], bare: [] };
  try {
    // The first `info` creates the database: what is timed is a start on a folder in use.
    await timeProcess(runs.built, env);
    // Interleaved, so a busy moment on the machine weighs on all three alike.
    for (let i = 0; i < tries; i++) {
      for (const k of ['built', 'tsx', 'bare'] as const) {
        const r = await timeProcess(runs[k], env);
        // A source changed after the bench's build and the launcher rebuilt: that run timed a build.
        if (!r.stderr.includes('正在构建')) times[k].push(r.ms);
      }
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const label = 'bare Node start (node -e 0)';
  return [
    {
      section: '6 start-up',
      figure: `CLI \`info --json\` start → exit, built (npm run cli; median of ${times.built.length})`,
      value: med(times.built),
      unit: 'ms',
      baseline: med(times.bare),
      baselineLabel: label,
    },
    {
      section: '6 start-up',
      figure: `  for reference: the same through tsx, compiled at start as before (median of ${times.tsx.length})`,
      value: med(times.tsx),
      unit: 'ms',
      baseline: med(times.bare),
      baselineLabel: label,
    },
  ];
}

export async function benchStartup(opts: { quick: boolean }): Promise<Figure[]> {
  const browser = await launchChromium();
  try {
    // Nine starts: with five, the median's ratio moved by a third between identical runs on this machine.
    const tries = opts.quick ? 1 : 9;
    const app: Record<HostStart, number[]> = { built: [], tsx: [] };
    /** Of the built start: until the host prints its link, the rest being the browser's (and the host's answers). */
    const linked: number[] = [];
    /** Of the built start: until the page's first frame with Welcome's heading, on the page's clock. */
    const painted: number[] = [];
    const bare: number[] = [];
    const barePainted: number[] = [];
    const startToScreen = async (how: HostStart) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'desk-bench-start-'));
      const page = await browser.newPage();
      await page.addInitScript({ content: firstFrameWith(WELCOME) });
      const t0 = performance.now();
      const host = await startHostProcess(dataDir, how);
      const tLink = performance.now();
      await page.goto(host.openUrl);
      await page.getByRole('heading', { name: WELCOME }).waitFor();
      if (!host.rebuilt) {
        app[how].push(performance.now() - t0);
        if (how === 'built') {
          linked.push(tLink - t0);
          painted.push(await paintedSince(page, t0));
        }
      }
      await page.close();
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    };
    // The private build first, so no start below times it.
    benchOut();
    for (let i = 0; i < tries; i++) {
      await startToScreen('built');
      // Through tsx only for reference, in five of the starts (each takes half a second more).
      if (i < 5) await startToScreen('tsx');

      // Baseline: a bare Node server and a one-line page, painted by the same browser.
      const p2 = await browser.newPage();
      await p2.addInitScript({ content: firstFrameWith('hello') });
      const t1 = performance.now();
      const server = createServer((_q, s) => s.end('<!doctype html><h1>hello</h1>'));
      await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
      await p2.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      await p2.getByRole('heading', { name: 'hello' }).waitFor();
      bare.push(performance.now() - t1);
      barePainted.push(await paintedSince(p2, t1));
      server.close();
      await p2.close();
    }
    return [
      {
        section: '6 start-up',
        figure: `web host start → first screen painted, built (npm run start:web; Welcome's heading on screen (first contentful paint); median of ${painted.length})`,
        value: med(painted),
        unit: 'ms',
        baseline: med(barePainted),
        baselineLabel: 'bare Node server + page, its text on screen',
        target: '≤ 3×',
      },
      {
        section: '6 start-up',
        figure: `  the same until Playwright finds the heading (its check waits while the page's code runs after the paint; median of ${app.built.length})`,
        value: med(app.built),
        unit: 'ms',
        baseline: med(bare),
        baselineLabel: 'bare Node server + page, found by Playwright',
      },
      {
        section: '6 start-up',
        figure: `  of which: start → link printed, built (median of ${linked.length})`,
        value: med(linked),
        unit: 'ms',
        baseline: med(bare),
        baselineLabel: 'bare Node server + page, found by Playwright',
      },
      {
        section: '6 start-up',
        figure: `  for reference: the same through tsx, compiled at start as before, until Playwright finds the heading (median of ${app.tsx.length})`,
        value: med(app.tsx),
        unit: 'ms',
        baseline: med(bare),
        baselineLabel: 'bare Node server + page, found by Playwright',
      },
      ...(await benchCli(opts.quick ? 2 : 7)),
    ];
  } finally {
    await browser.close();
  }
}
