/**
 * `npm start` as a seller runs it. It rebuilds out/, so it runs in its own project before the
 * journeys (playwright.config.ts): a rebuild under a running page removes the chunks it loads.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, startHost, stopHost } from './fixtures';

test('npm start falls back to the web host where Electron cannot run, says why in one line, and the app loads', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'desk-start-'));
  const host = await startHost(dataDir, { viaStart: true });
  try {
    expect(host.output()).toMatch(/已改用浏览器模式 .*Electron/);
    await page.goto(host.openUrl);
    await expect(page.getByRole('heading', { name: '欢迎使用全托管卖家助手' })).toBeVisible();
  } finally {
    await stopHost(host);
    rmSync(dataDir, { recursive: true, force: true });
  }
});
