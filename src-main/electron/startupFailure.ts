/**
 * A start-up that cannot finish says so and quits. Without this, an error inside `whenReady()`
 * leaves a process with no window, no tray and no message: the seller sees nothing happen and the
 * next launch only focuses that invisible instance.
 */
import { app, dialog } from 'electron';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../src-shared/errors';
import { redact } from '../core/platform/redact';
import { ensurePrivateDir, makePrivate, PRIVATE_FILE } from '../core/platform/files';
import type { Bilingual } from '../../src-shared/bilingual';

export const STARTUP_TITLE = '全托管卖家助手无法启动 / Choice Seller Desk could not start';

/** What went wrong, in words a seller can act on, Chinese first. */
export function describeStartupError(err: unknown, dataDir: string): Bilingual {
  if (err instanceof AppError) return { zh: err.messageZh, en: err.messageEn };
  const e = err as NodeJS.ErrnoException & { code?: string };
  const detail = e instanceof Error ? e.message : String(err);
  if (['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'ENOSPC', 'EEXIST'].includes(String(e?.code))) {
    return {
      zh: `数据文件夹无法写入：${dataDir}。请确认该文件夹存在、磁盘未满、当前用户有写入权限，或用 --data 指定另一个文件夹。（${detail}）`,
      en: `The data folder cannot be written: ${dataDir}. Check that it exists, the disk is not full and this user may write to it, or give another folder with --data. (${detail})`,
    };
  }
  if (/^SQLITE_(NOTADB|CORRUPT|CANTOPEN|READONLY|IOERR)/.test(String(e?.code))) {
    return {
      zh: `数据库无法打开（${e.code}）：${join(dataDir, 'desk.sqlite')}。文件可能已损坏或被其他程序占用；每日备份在 backups 文件夹中。请联系技术支持并附上日志。`,
      en: `The database cannot be opened (${e.code}): ${join(dataDir, 'desk.sqlite')}. The file may be damaged or held by another program; daily backups are in the backups folder. Contact support with the log.`,
    };
  }
  if (e?.code === 'ERR_DLOPEN_FAILED' || /\.node\b|NODE_MODULE_VERSION|invalid ELF|not a valid Win32/i.test(detail)) {
    return {
      zh: `程序的数据库组件无法加载，安装可能不完整或与本机系统不匹配。请重新安装全托管卖家助手。（${detail}）`,
      en: `The app's database component cannot be loaded: the installation may be incomplete or not for this system. Reinstall Choice Seller Desk. (${detail})`,
    };
  }
  if (e?.code === 'ERR_WINDOW_NOT_SHOWN') {
    return {
      zh: `程序窗口没能显示出来（${detail}）。请关闭后重新打开；如果仍然这样，请重启电脑或重新安装全托管卖家助手，并把日志发给技术支持。`,
      en: `The app's window did not appear (${detail}). Close and reopen it; if it happens again, restart the PC or reinstall Choice Seller Desk, and send the log to support.`,
    };
  }
  if (/^ERR_(FILE_NOT_FOUND|FAILED|ABORTED|UNKNOWN_URL_SCHEME)/.test(String(e?.code))) {
    return {
      zh: `程序界面无法加载，安装可能不完整。请重新安装全托管卖家助手。（${detail}）`,
      en: `The app's window could not load its page: the installation may be incomplete. Reinstall Choice Seller Desk. (${detail})`,
    };
  }
  return {
    zh: `启动时出错：${detail}。请把日志发给技术支持。`,
    en: `An error stopped the app while starting: ${detail}. Send the log to support.`,
  };
}

/**
 * Appends the error to <data>/logs/main.log (the file the seller sends to support) or, when the
 * data folder itself cannot be written, to the system temp folder; returns the file written.
 */
export function writeStartupLog(err: unknown, dataDir: string, tempDir: string): string {
  const e = redact(
    err instanceof Error ? { message: err.message, code: (err as { code?: unknown }).code, stack: err.stack } : { message: String(err) },
  );
  const line = `[${new Date().toISOString()}] [error] start-up failed ${JSON.stringify(e)}\n`;
  const places: [string, string][] = [
    [join(dataDir, 'logs'), 'main.log'],
    [join(tempDir, 'choice-seller-desk'), 'startup-error.log'],
  ];
  for (const [dir, name] of places) {
    try {
      // The seller's only, like the rest of the data folder (the log may name the folder and the store).
      ensurePrivateDir(dir);
      const file = join(dir, name);
      appendFileSync(file, line, { mode: PRIVATE_FILE });
      makePrivate(file);
      return file;
    } catch {
      // the next place
    }
  }
  return join(dataDir, 'logs', 'main.log');
}

/** Logs, shows one bilingual dialog with the log's path, and ends the process with exit code 1. */
export function failStartup(err: unknown, dataDir: string): void {
  const logFile = writeStartupLog(err, dataDir, app.getPath('temp'));
  const { zh, en } = describeStartupError(err, dataDir);
  dialog.showErrorBox(STARTUP_TITLE, `${zh}\n\n${en}\n\n日志文件 / Log file: ${logFile}`);
  // exit, not quit: nothing is open that needs closing, and quit waits for windows that never came.
  app.exit(1);
}
