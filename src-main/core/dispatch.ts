/**
 * The one door into the core for every host (Electron IPC, the web host, the CLI): look up the
 * channel, validate the input with its schema, run the handler, and turn any failure into an
 * ErrorPayload. It never throws, so a bad payload can never crash main.
 */
import type { z } from 'zod';
import { AppError, type ErrorPayload, type Result } from '../../src-shared/errors';
import { contract, type ChannelName, type Output, type ParsedInput } from '../../src-shared/contract';
import type { Logger } from './platform/logger';
import { diskError } from './platform/files';
import { describeIssue, NO_OWN_MESSAGE } from './inputIssues';

export type Handlers = { [K in ChannelName]: (input: ParsedInput<K>) => Output<K> | Promise<Output<K>> };

/** The handlers of one domain's channels, e.g. `DomainHandlers<typeof stockChannels>`. */
export type DomainHandlers<C> = { [K in keyof C & ChannelName]: Handlers[K] };

/**
 * The contract's refusal in the seller's words: each issue about the field as the screen names it
 * (forms show it there by its path), the first one in the message for screens without that field.
 */
export function badInput(error: z.ZodError, schema: z.ZodType, input: unknown): AppError {
  const issues = error.issues.map((i) => {
    const { path, message, messageEn } = describeIssue(schema, i, input);
    return { path, message, messageEn };
  });
  const first = issues[0];
  // A ZodError always carries at least one issue; without one there is nothing to name.
  if (!first) return new AppError('BAD_INPUT', '输入有误，请改正后再试。', 'The input is not valid. Correct it and try again.');
  const more = issues.length - 1;
  return new AppError(
    'BAD_INPUT',
    `${first.message}。${more > 0 ? `另有 ${more} 处也需要改正。` : ''}请改正后再试。`,
    `${first.messageEn}.${more > 0 ? ` ${more} more ${more === 1 ? 'thing needs' : 'things need'} correcting.` : ''} Correct it and try again.`,
    issues,
  );
}

export function toErrorPayload(err: unknown, log?: Logger, channel?: string): ErrorPayload {
  if (err instanceof AppError) return err.toPayload();
  // A full disk, a read-only folder or a busy database is said as such: the seller can act on it.
  const disk = diskError(err);
  if (disk) {
    log?.error('storage error', { channel, error: err instanceof Error ? err.message : String(err) });
    return disk.toPayload();
  }
  log?.error('internal error', { channel, error: err instanceof Error ? err.stack : String(err) });
  return {
    code: 'INTERNAL',
    message: '程序内部出错，操作没有完成，已保存的数据不受影响。请重试；如果仍然出错，请在“帮助”中导出日志发给客服。',
    messageEn:
      'An internal error stopped the operation; saved data is not affected. Try again; if it keeps failing, export the log from Help and send it to support.',
  };
}

export async function dispatch(handlers: Handlers, channel: string, rawInput: unknown, log?: Logger): Promise<Result<unknown>> {
  if (!Object.prototype.hasOwnProperty.call(contract, channel)) {
    return {
      ok: false,
      error: {
        code: 'UNKNOWN_CHANNEL',
        message: `没有名为 “${String(channel).slice(0, 80)}” 的操作。请更新程序。`,
        messageEn: `There is no operation named "${String(channel).slice(0, 80)}". Update the app.`,
      },
    };
  }
  const name = channel as ChannelName;
  const schema = contract[name].input;
  // Issues without a message of their own get none here, so badInput words them (zod's are for developers).
  const parsed = schema.safeParse(rawInput ?? {}, { reportInput: true, error: () => NO_OWN_MESSAGE });
  if (!parsed.success) return { ok: false, error: badInput(parsed.error, schema, rawInput ?? {}).toPayload() };
  try {
    const handler = handlers[name] as (i: unknown) => unknown;
    return { ok: true, data: await handler(parsed.data) };
  } catch (err) {
    return { ok: false, error: toErrorPayload(err, log, name) };
  }
}
