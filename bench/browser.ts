/** Debian's Chromium through Playwright, started the way the e2e tests start it. */
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from '../src-main/core/platform/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: findChromium() ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}
