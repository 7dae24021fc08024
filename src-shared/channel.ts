import { z } from 'zod';

/** A channel: its input schema and (type-only) output. */
export interface Channel<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  output?: O;
}

/** `channel(schema).returns<Output>()`: the schema is checked in main, the output type is shared. */
export const channel = <I extends z.ZodType>(input: I) => ({
  returns: <O>(): Channel<I, O> => ({ input }),
});

/** Input of channels that take nothing. */
export const empty = z.object({}).strict();
