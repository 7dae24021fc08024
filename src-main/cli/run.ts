/**
 * What every CLI command shares: open the app on the data folder, call a contract channel through
 * the same dispatch as the UI, print JSON (--json) or text, and exit 1 for bad input, 2 for faults.
 */
import type { Command } from 'commander';
import { createApp, type App } from '../core/app';
import { createHandlers } from '../core/api';
import { dispatch, toErrorPayload } from '../core/dispatch';
import { defaultDataDir } from '../core/platform/dataDir';
import { createFileLogger } from '../core/platform/logger';
import type { ChannelName, Input, Output } from '../../src-shared/contract';
import { ApiError, type ErrorPayload } from '../../src-shared/errors';

export interface GlobalOptions {
  data?: string;
  json?: boolean;
}

export function exitCodeFor(error: ErrorPayload): number {
  return error.code === 'INTERNAL' || error.code === 'DB_FAILED' ? 2 : 1;
}

export function printError(error: ErrorPayload): void {
  process.stderr.write(`错误 [${error.code}]：${error.message}\nError: ${error.messageEn}\n`);
  // Each issue already names its field in the seller's words; a lone one the message already holds is not repeated.
  const issues = error.issues ?? [];
  const saidAlready = issues.length === 1 && error.message.includes(issues[0]!.message);
  if (issues.length > 0 && !saidAlready) for (const i of issues) process.stderr.write(`  - ${i.message} / ${i.messageEn}\n`);
}

export function openCliApp(opts: GlobalOptions): App {
  const dataDir = opts.data ?? defaultDataDir();
  // One command and out: nothing starts in the background (`auto run --once` drains itself).
  return createApp({ dataDir, host: 'cli', log: createFileLogger(dataDir), syncTrigger: 'cli' });
}

/** Calls a channel; throws ApiError on failure so a command can stop. */
export async function call<K extends ChannelName>(app: App, channel: K, input: Input<K>): Promise<Output<K>> {
  const r = await dispatch(createHandlers(app), channel, input, app.log);
  if (!r.ok) throw new ApiError(r.error);
  return r.data as Output<K>;
}

/** Runs a command body with the app open, printing its result and mapping failures to exit codes. */
export async function runCommand<T>(opts: GlobalOptions, body: (app: App) => Promise<T>, text: (result: T) => string): Promise<void> {
  let app: App | undefined;
  try {
    app = openCliApp(opts);
    const result = await body(app);
    process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : `${text(result)}\n`);
  } catch (err) {
    const payload = err instanceof ApiError ? err.payload : toErrorPayload(err, app?.log);
    if (opts.json) process.stderr.write(`${JSON.stringify({ error: payload })}\n`);
    printError(payload);
    process.exitCode = exitCodeFor(payload);
  } finally {
    await app?.close();
  }
}

/**
 * A command's action: commander passes the arguments, the options and the Command last; `body`
 * gets the open app and the arguments and options, and its result is printed as runCommand does.
 */
export function appAction<A extends unknown[], T>(
  body: (app: App, ...args: A) => Promise<T>,
  text: (result: T) => string,
): (...args: [...A, Command]) => Promise<void> {
  return async (...args) => {
    const cmd = args[args.length - 1] as Command;
    await runCommand(cmd.optsWithGlobals<GlobalOptions>(), (app) => body(app, ...(args.slice(0, -1) as A)), text);
  };
}

/** A check's report whose ok is false ends the command with exit code 1 (unless a fault set another). */
export function failUnlessOk<R extends { ok: boolean }>(report: R): R {
  if (!report.ok && !process.exitCode) process.exitCode = 1;
  return report;
}
