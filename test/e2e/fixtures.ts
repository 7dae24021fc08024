/**
 * Every end-to-end test gets the real web host (`src-main/host/main.ts`, as `npm run start:web`
 * runs it) on a fresh data folder, and a page already past the token exchange.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface Host {
  url: string;
  openUrl: string;
  dataDir: string;
  proc: ChildProcess;
}

const root = resolve(__dirname, '../..');

/** The web host as `npm run start:web` runs it; `viaStart` runs `npm start`'s script instead. */
export async function startHost(dataDir: string, opts: { viaStart?: boolean } = {}): Promise<Host & { output: () => string }> {
  const entry = opts.viaStart ? [join(root, 'scripts/start.mjs')] : [join(root, 'node_modules/tsx/dist/cli.mjs'), 'src-main/host/main.ts'];
  const proc = spawn(process.execPath, [...entry, '--data', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Never let a test try to download Electron.
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    detached: opts.viaStart,
  });
  let out = '';
  const openUrl = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`web host did not start:\n${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\w+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]!);
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.on('exit', (code) => fail(new Error(`web host exited ${code}:\n${out}`)));
  });
  return { url: openUrl.replace(/\?token=.*/, ''), openUrl, dataDir, proc, output: () => out };
}

export async function stopHost(host: Host): Promise<void> {
  if (host.proc.exitCode !== null) return;
  await new Promise<void>((ok) => {
    host.proc.once('exit', () => ok());
    // `npm start` runs the host as its child: end the whole group.
    if (host.proc.spawnargs.some((a) => a.endsWith('start.mjs'))) process.kill(-host.proc.pid!, 'SIGTERM');
    else host.proc.kill('SIGTERM');
  });
}

/** The page's web-host session secret (the launch link put it in sessionStorage), for calls made beside the screens. */
export async function sessionOf(page: Page): Promise<string> {
  const s = await page.evaluate(() => sessionStorage.getItem('desk.session'));
  if (!s) throw new Error('the page has no web host session');
  return s;
}

/** A channel over the web host's HTTP contract, from inside the page (its session header, as the screens' bridge sends it). */
export const pageCall = <T>(app: Page, channel: string, input: unknown = {}): Promise<T> =>
  app.evaluate(
    async ([c, i]) => {
      const res = await fetch(`/api/${c}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Desk-Session': sessionStorage.getItem('desk.session') ?? '' },
        body: JSON.stringify(i),
      });
      const r = (await res.json()) as { ok: boolean; data?: unknown; error?: { message: string } };
      if (!r.ok) throw new Error(`${c}: ${r.error?.message}`);
      return r.data;
    },
    [channel, input] as const,
  ) as Promise<T>;

/** Clicks through the first-run screen with the demo store. */
export async function startDemo(page: Page): Promise<void> {
  await page.getByRole('button', { name: /使用演示店铺|Use the demo store/ }).click();
  await expect(page.getByRole('menu')).toBeVisible();
}

/**
 * The deposit wizard opened and the status saved as refundable with `amount` as typed (¥10,000 by
 * default): the checks step is next, unless the amount is refused.
 */
export async function depositToChecks(app: Page, amount = '10000'): Promise<void> {
  await app.getByRole('menuitem', { name: '退保证金' }).click();
  await app.getByTestId('deposit-start').click();
  await app.getByTestId('deposit-status').click();
  await app.getByTitle('可退还').click();
  await app.getByTestId('deposit-amount').fill(amount);
  await app.getByTestId('deposit-status-save').click();
}

/** The deposit wizard with the status saved and the three checks answered "没有": the application step is next. */
export async function depositToApply(app: Page): Promise<void> {
  await depositToChecks(app);
  for (const key of ['disputes', 'orders', 'debts']) {
    await app.getByTestId(`deposit-check-${key}`).getByText('没有', { exact: true }).click();
  }
  await app.getByTestId('deposit-next').click();
  await expect(app.getByTestId('deposit-step-apply')).toBeVisible();
}

export const test = base.extend<{ host: Host; app: Page }>({
  host: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'desk-e2e-'));
    const host = await startHost(dataDir);
    await use(host);
    await stopHost(host);
    rmSync(dataDir, { recursive: true, force: true });
  },
  app: async ({ page, host }, use) => {
    await page.goto(host.openUrl);
    await use(page);
  },
});

export { expect };
