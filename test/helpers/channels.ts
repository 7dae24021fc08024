/**
 * Calling contract channels the way every host does: through the one dispatch, so the input schema,
 * its defaults and the error mapping are the ones the UI, the web host and the CLI get.
 */
import type { App } from '../../src-main/core/app';
import { createHandlers } from '../../src-main/core/api';
import { dispatch } from '../../src-main/core/dispatch';
import type { ChannelName, Input, Output } from '../../src-shared/contract';
import { ApiError, type ErrorPayload } from '../../src-shared/errors';

/**
 * The channel's data; a refusal throws ApiError (its `payload` is the ErrorPayload) with the channel
 * and code in the message, so a failing test says which call failed and why.
 */
export async function call<K extends ChannelName>(app: App, channel: K, input: Input<K>): Promise<Output<K>> {
  const r = await dispatch(createHandlers(app), channel, input, app.log);
  if (r.ok) return r.data as Output<K>;
  const err = new ApiError(r.error);
  err.message = `${channel} ${r.error.code}: ${r.error.message}`;
  throw err;
}

/** The refusal of a call that must fail; throws when the call succeeds. */
export async function refused<K extends ChannelName>(app: App, channel: K, input: Input<K>): Promise<ErrorPayload> {
  const r = await dispatch(createHandlers(app), channel, input, app.log);
  if (r.ok) throw new Error(`${channel} should have been refused, it returned ${JSON.stringify(r.data).slice(0, 300)}`);
  return r.error;
}

/** The same for tests that send what the contract does not allow (unknown channels, bad input). */
export async function callRaw(app: App, channel: string, input: unknown) {
  return dispatch(createHandlers(app), channel, input, app.log);
}
