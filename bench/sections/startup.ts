/** 6. Start-up: web host start to the first screen painted, beside a bare Node server and page. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../browser';
import { startHostProcess } from '../host';
import type { Figure } from '../report';

export async function benchStartup(opts: { quick: boolean }): Promise<Figure[]> {
  const browser = await launchChromium();
  try {
    const tries = opts.quick ? 1 : 3;
    const app: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < tries; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'desk-bench-start-'));
      const page = await browser.newPage();
      const t0 = performance.now();
      const host = await startHostProcess(dataDir);
      await page.goto(host.openUrl);
      await page.getByRole('heading', { name: '欢迎使用全托管卖家助手' }).waitFor();
      app.push(performance.now() - t0);
      await page.close();
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });

      // Baseline: a bare Node server and a one-line page, painted by the same browser.
      const p2 = await browser.newPage();
      const t1 = performance.now();
      const server = createServer((_q, s) => s.end('<!doctype html><h1>hello</h1>'));
      await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
      await p2.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      await p2.getByRole('heading', { name: 'hello' }).waitFor();
      bare.push(performance.now() - t1);
      server.close();
      await p2.close();
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return [
      {
        section: '6 start-up',
        figure: 'web host start → first screen painted (median)',
        value: med(app),
        unit: 'ms',
        baseline: med(bare),
        baselineLabel: 'bare Node server + page',
      },
    ];
  } finally {
    await browser.close();
  }
}
