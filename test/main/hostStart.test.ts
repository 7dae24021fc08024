/**
 * The web host prints its link before it loads the core: the database driver, the schema library
 * and the services come in once the browser has the page, so their loading overlaps the page's own
 * start (host/main.ts). A module the link's path imports pulls them in front of it: the upload
 * limits' table once did (it built its schema fields with zod), and the link came 40–50 ms later.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { removeDir, ROOT, tempDir } from './harness';

/** Loaded before this line: the modules in require's cache the moment the link is printed. */
const RECORD_AT_LINK = `
const { writeFileSync } = require('node:fs');
const write = process.stdout.write.bind(process.stdout);
let recorded = false;
process.stdout.write = (chunk, ...rest) => {
  if (!recorded && String(chunk).includes('token=')) {
    recorded = true;
    writeFileSync(process.env.DESK_LOADED_AT_LINK, JSON.stringify(Object.keys(require.cache)));
  }
  return write(chunk, ...rest);
};`;

describe('web host start', () => {
  it('prints its link with only the server loaded: no database driver, no schema library, no core', async () => {
    const dir = tempDir('desk-host-start-');
    const hook = join(dir, 'record.cjs');
    const loaded = join(dir, 'loaded.json');
    writeFileSync(hook, RECORD_AT_LINK);
    const host = spawn(process.execPath, ['--require', hook, join(ROOT, 'out/main/host.js'), '--data', join(dir, 'data')], {
      cwd: ROOT,
      env: { ...process.env, DESK_LOADED_AT_LINK: loaded },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      await new Promise<void>((ok, fail) => {
        const look = (d: Buffer) => {
          output += d.toString();
          if (output.includes('token=')) ok();
        };
        host.stdout.on('data', look);
        host.stderr.on('data', look);
        host.on('exit', (code) => fail(new Error(`web host exited ${code}: ${output}`)));
      });
      const modules = JSON.parse(readFileSync(loaded, 'utf8')) as string[];
      expect(modules.some((m) => m.endsWith(join('out', 'main', 'host.js')))).toBe(true);
      const early = modules.filter(
        (m) => /node_modules[\\/](zod|better-sqlite3|exceljs|electron-log)[\\/]/.test(m) || /[\\/]chunks[\\/](app|api|dispatch)-/.test(m),
      );
      expect(early).toEqual([]);
    } finally {
      host.kill();
      removeDir(dir);
    }
  });
});
