/** A real app on a fresh temporary data folder, as the tests of every domain need it. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type App, type AppPorts } from '../../src-main/core/app';

export function tempDir(prefix = 'desk-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export async function withApp<T>(fn: (app: App) => Promise<T> | T, ports: Partial<AppPorts> = {}): Promise<T> {
  const dataDir = ports.dataDir ?? tempDir();
  const app = createApp({ host: 'cli', ...ports, dataDir });
  try {
    return await fn(app);
  } finally {
    await app.close();
    if (!ports.dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}
