import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './src-main/core/platform/chromium';

/** Debian's Chromium: Playwright cannot download its own browser here (no internet). */
const chromium = findChromium() ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  // The journeys click through whole wizards; a busy CI machine needs the room, and an action that
  // cannot happen fails at its own line instead of at the end of the test.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  projects: [
    // `npm start` rebuilds out/: it runs first and alone, never under a page that loads out/'s chunks.
    { name: 'start', testMatch: 'start.spec.ts' },
    { name: 'journeys', testIgnore: 'start.spec.ts', dependencies: ['start'] },
  ],
  use: {
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1360, height: 860 },
    actionTimeout: 15_000,
    // The app honours the system's reduced-motion setting: no dialog is clicked mid-animation.
    reducedMotion: 'reduce',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: CHROMIUM_ARGS,
    },
  },
});
