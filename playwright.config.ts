import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './src-main/core/platform/chromium';

/** Debian's Chromium: Playwright cannot download its own browser here (no internet). */
const chromium = findChromium() ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1360, height: 860 },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: CHROMIUM_ARGS,
    },
  },
});
