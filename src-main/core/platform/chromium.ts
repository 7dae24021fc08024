/**
 * A local Chromium for PDFs, tests and benchmarks. None is ever downloaded: Debian's
 * /usr/bin/chromium, another common install path, or the one named by CHROMIUM_PATH.
 */
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/**
 * Chromium will not start its sandbox as root ("Running as root without --no-sandbox is not
 * supported"): only then is the sandbox turned off. A seller's Windows PC and an ordinary Linux
 * user keep it.
 */
export const RUNNING_AS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

/** Without the background-networking flags Chromium floods a closed network with requests. */
export const CHROMIUM_ARGS = [
  '--headless',
  ...(RUNNING_AS_ROOT ? ['--no-sandbox'] : []),
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}
