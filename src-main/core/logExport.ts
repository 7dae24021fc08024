/** The log folder as one ZIP a seller can attach to a support message. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import type { App } from './app';
import { schemaVersion } from './db/open';

export function exportLogs(app: App): { fileName: string; base64: string; files: string[] } {
  const dir = join(app.dataDir, 'logs');
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.log'))
        .sort()
    : [];
  const entries: Record<string, Uint8Array> = {};
  for (const f of files) entries[f] = readFileSync(join(dir, f));
  // What support asks first: which version, which host, which schema.
  entries['about.txt'] = strToU8(
    [
      `app ${app.version}`,
      `host ${app.host}`,
      `schema v${schemaVersion(app.db)}`,
      `node ${process.versions.node}`,
      `platform ${process.platform}`,
    ].join('\n'),
  );
  const stamp = new Date(app.clock.now() + 8 * 3600_000).toISOString().slice(0, 16).replace(/[-:T]/g, '');
  return {
    fileName: `全托管卖家助手-日志-${stamp}.zip`,
    base64: Buffer.from(zipSync(entries)).toString('base64'),
    files: Object.keys(entries),
  };
}
