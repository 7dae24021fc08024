/**
 * What a live answer holds against what the wire schema expects, field by field, for the probe:
 * the fields that came back, those the schema expects that did not (and which of them the app
 * cannot work without), and the ones it does not know. Paths read like `result.product_list[].title`.
 * The schema is walked, not parsed, so a renamed field shows as one missing and one unknown instead
 * of a single parse error.
 */
import type { z } from 'zod';

export interface FieldDiff {
  fields: string[];
  missing: string[];
  /** Missing and not optional in the schema: the app cannot work without these. */
  missingRequired: string[];
  unknown: string[];
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  out?: z.ZodType;
  getter?: () => z.ZodType;
}

const def = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Unwraps optional/nullable/default/pipe/lazy; says whether the field may be absent. */
function unwrap(s: z.ZodType): { core: z.ZodType; optional: boolean } {
  let optional = false;
  let cur = s;
  for (let i = 0; i < 20; i++) {
    const d = def(cur);
    if (d.type === 'optional' || d.type === 'default' || d.type === 'prefault' || d.type === 'catch') optional = true;
    if (d.innerType && ['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional'].includes(d.type))
      cur = d.innerType;
    // z.preprocess(fn, schema) is a pipe from a transform into the schema: the schema is the shape.
    else if (d.type === 'pipe' && d.in) cur = def(d.in).type === 'transform' && d.out ? d.out : d.in;
    else if (d.type === 'lazy' && d.getter) cur = d.getter();
    else break;
  }
  return { core: cur, optional };
}

type Expected = Map<string, boolean>; // path → required
/** Marks a path whose contents the schema does not look into. */
const OPAQUE = '\u0000*';

/** The paths a schema expects for this value; a union takes the option that fits the value best. */
function expected(s: z.ZodType, value: unknown, path: string, out: Expected): void {
  const { core, optional } = unwrap(s);
  // Required relative to its container: a field is only ever "missing" where its container came back.
  const req = !optional;
  const d = def(core);
  if (path) out.set(path, req);
  // A field the schema takes as anything (z.unknown): whatever it holds is expected.
  if ((d.type === 'unknown' || d.type === 'any') && path) out.set(`${path}${OPAQUE}`, false);
  if (d.type === 'union' && d.options) {
    let best: Expected | null = null;
    let bestScore = -Infinity;
    for (const option of d.options) {
      const m: Expected = new Map();
      expected(option, value, path, m);
      const got = new Set(present(value, path));
      const score = [...m.keys()].filter((p) => got.has(p)).length - [...m.keys()].filter((p) => !got.has(p)).length / 1000;
      if (score > bestScore) [best, bestScore] = [m, score];
    }
    for (const [p, r] of best ?? []) out.set(p, r);
    return;
  }
  if (d.type === 'object' && d.shape) {
    const obj = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    for (const [k, v] of Object.entries(d.shape)) expected(v, obj[k], path ? `${path}.${k}` : k, out);
    return;
  }
  if (d.type === 'array' && d.element) {
    const items = Array.isArray(value) ? value : [];
    if (items.length === 0) expected(d.element, undefined, `${path}[]`, out);
    for (const item of items.slice(0, 20)) expected(d.element, item, `${path}[]`, out);
  }
}

function isLeafObject(v: object): boolean {
  // lossless-json keeps big numbers as objects of its own; they are values, not records.
  return 'isLosslessNumber' in v;
}

/** Every path present in a value (arrays as `[]`, the first 20 items looked at). */
function present(value: unknown, path = ''): string[] {
  const out: string[] = [];
  const walk = (v: unknown, p: string) => {
    if (p) out.push(p);
    if (Array.isArray(v)) for (const item of v.slice(0, 20)) walk(item, `${p}[]`);
    else if (v && typeof v === 'object' && !isLeafObject(v)) for (const [k, c] of Object.entries(v)) walk(c, p ? `${p}.${k}` : k);
  };
  // Start below `path`: the caller's value is already the thing at `path`.
  if (Array.isArray(value)) for (const item of value.slice(0, 20)) walk(item, `${path}[]`);
  else if (value && typeof value === 'object' && !isLeafObject(value))
    for (const [k, c] of Object.entries(value)) walk(c, path ? `${path}.${k}` : k);
  if (path) out.push(path);
  return [...new Set(out)];
}

export function fieldDiff(schema: z.ZodType, body: unknown): FieldDiff {
  const want: Expected = new Map();
  expected(schema, body, '', want);
  const got = present(body);
  const gotSet = new Set(got);
  // Missing only where its container came back: a field of an absent optional object, or of the
  // items of an empty list, is not missing; nor is the item marker of an empty list itself.
  const missing = [...want.keys()].filter(
    (p) => !p.endsWith('[]') && !p.endsWith(OPAQUE) && !gotSet.has(p) && (parentOf(p) === '' || gotSet.has(parentOf(p))),
  );
  const opaque = [...want.keys()].filter((p) => p.endsWith(OPAQUE)).map((p) => p.slice(0, -OPAQUE.length));
  const inOpaque = (p: string) => opaque.some((o) => p.startsWith(`${o}.`) || p.startsWith(`${o}[]`));
  return {
    fields: got.sort(),
    missing: missing.sort(),
    missingRequired: missing.filter((p) => want.get(p)).sort(),
    unknown: got.filter((p) => !want.has(p) && !inOpaque(p)).sort(),
  };
}

function parentOf(p: string): string {
  if (p.endsWith('[]')) return p.slice(0, -2);
  const i = p.lastIndexOf('.');
  return i < 0 ? '' : p.slice(0, i);
}
