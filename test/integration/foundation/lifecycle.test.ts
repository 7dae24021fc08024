/**
 * The app's lifecycle: opening builds and wires every service but starts nothing, whoever builds the
 * handlers; only startBackground (the web host's and Electron's call) starts the timers.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rmSync } from 'node:fs';
import { createApp, startBackground, type App } from '../../../src-main/core/app';
import { createHandlers } from '../../../src-main/core/api';
import { tempDir } from '../../helpers/tempApp';

let app: App | undefined;
let dir: string | undefined;

afterEach(async () => {
  await app?.close();
  vi.useRealTimers();
  if (dir) rmSync(dir, { recursive: true, force: true });
  app = dir = undefined;
});

function open(host: 'web' | 'cli'): App {
  dir = tempDir('desk-lifecycle-');
  app = createApp({ dataDir: dir, host });
  return app;
}

describe('the app lifecycle', () => {
  it('opening a web host app and building its handlers starts no timer', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate'] });
    const a = open('web');
    createHandlers(a);
    expect(vi.getTimerCount()).toBe(0);
    expect(Object.keys(a.services).sort()).toEqual(['auto', 'connectors', 'deposit', 'exit', 'stockPorts', 'stockScheduler', 'stockSync']);
  });

  it('startBackground starts the backup, the stock schedule, the sender loop and the reminders, and close stops them', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] });
    const a = open('cli');
    startBackground(a);
    // Each hourly job is a first run soon plus an hourly interval (backup, risk summary, exit, deposit);
    // the stock schedule and the sender loop are one interval each.
    expect(vi.getTimerCount()).toBe(4 * 2 + 2);
    await a.close();
    app = undefined;
    expect(vi.getTimerCount()).toBe(0);
  });
});
