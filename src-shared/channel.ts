import { z } from 'zod';
import type { Bilingual } from './bilingual';

/** A channel: its input schema and (type-only) output. */
export interface Channel<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  output?: O;
}

/** `channel(schema).returns<Output>()`: the schema is checked in main, the output type is shared. */
export const channel = <I extends z.ZodType>(input: I) => ({
  returns: <O>(): Channel<I, O> => ({ input }),
});

/** A field's name as the screen shows it, in both languages. */
export type FieldLabel = Bilingual;

declare module 'zod' {
  interface GlobalMeta {
    /** How the screen names this field: input errors speak of it by this name, never by its key. */
    label?: FieldLabel;
  }
}

/** `.meta(label('App Key'))`, `.meta(label('仓库名称', 'Warehouse name'))`. */
export const label = (zh: string, en: string = zh) => ({ label: { zh, en } });

/**
 * A check's own message, for what only the schema knows (what a pattern allows): Chinese and
 * English joined by " / ", with `{label}` standing for the field's name. The core splits it.
 */
export const says = (zh: string, en: string) => `${zh} / ${en}`;

/** Input of channels that take nothing. */
export const empty = z.object({}).strict();
