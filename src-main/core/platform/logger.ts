/**
 * The log file a seller can send to support: <data>/logs/main.log, rotated by size, with every
 * known secret and every secret-looking field masked before it is written.
 */
import { join } from 'node:path';
import { existsSync, renameSync, rmSync } from 'node:fs';
import log from 'electron-log/node';
import { redact } from './redact';

export interface Logger {
  debug(msg: string, data?: unknown): void;
  info(msg: string, data?: unknown): void;
  warn(msg: string, data?: unknown): void;
  error(msg: string, data?: unknown): void;
}

/** Rotated copies kept beside the live file: main.1.log (newest) … main.5.log. */
const KEEP_ROTATED = 5;

export function createFileLogger(dataDir: string, opts: { maxSizeBytes?: number; console?: boolean } = {}): Logger & {
  file: string;
} {
  const file = join(dataDir, 'logs', 'main.log');
  const logger = log.create({ logId: `desk-${dataDir}` });
  logger.transports.file.resolvePathFn = () => file;
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

/** For code paths that have nowhere to write (pure unit tests). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
