/**
 * The log file a seller can send to support: <data>/logs/main.log, rotated by size, with every
 * known secret and every secret-looking field masked before it is written.
 */
import { join } from 'node:path';
import { existsSync, readdirSync, renameSync, rmSync, truncateSync } from 'node:fs';
import log from 'electron-log/node';
import { redact } from './redact';
import { ensurePrivateDir, PRIVATE_FILE } from './files';

export interface Logger {
  debug(msg: string, data?: unknown): void;
  info(msg: string, data?: unknown): void;
  warn(msg: string, data?: unknown): void;
  error(msg: string, data?: unknown): void;
}

/** Rotated copies kept beside the live file: main.1.log (newest) … main.5.log. */
const KEEP_ROTATED = 5;

export function createFileLogger(
  dataDir: string,
  opts: { maxSizeBytes?: number; console?: boolean } = {},
): Logger & {
  file: string;
} {
  const file = join(dataDir, 'logs', 'main.log');
  // The log names SKUs, stores and errors: for the seller only.
  ensurePrivateDir(join(dataDir, 'logs'));
  const logger = log.create({ logId: `desk-${dataDir}` });
  logger.transports.file.resolvePathFn = () => file;
  logger.transports.file.writeOptions = { flag: 'a', mode: PRIVATE_FILE, encoding: 'utf8' };
  logger.transports.file.maxSize = opts.maxSizeBytes ?? 5 * 1024 * 1024;
  logger.transports.file.archiveLogFn = (old) => {
    const p = old.toString();
    const base = p.replace(/\.log$/, '');
    rmSync(`${base}.${KEEP_ROTATED}.log`, { force: true });
    for (let i = KEEP_ROTATED - 1; i >= 1; i--) {
      if (existsSync(`${base}.${i}.log`)) renameSync(`${base}.${i}.log`, `${base}.${i + 1}.log`);
    }
    renameSync(p, `${base}.1.log`);
  };
  logger.transports.console.level = opts.console ? 'info' : false;
  logger.hooks.push((message) => {
    message.data = message.data.map((d) => redact(d));
    return message;
  });
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (msg: string, data?: unknown): void => {
      if (data === undefined) logger[level](msg);
      else logger[level](msg, data);
    };
  return { file, debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/**
 * Empties the log folder (the exit wipe): rotated copies are removed and the live file, which an
 * open logger may still append to, is cut to nothing. Returns how many files were cleared.
 */
export function clearLogs(dataDir: string): number {
  const dir = join(dataDir, 'logs');
  if (!existsSync(dir)) return 0;
  let n = 0;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (f === 'main.log') truncateSync(p, 0);
    else rmSync(p, { force: true, recursive: true });
    n++;
  }
  return n;
}

/** For code paths that have nowhere to write (pure unit tests). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
