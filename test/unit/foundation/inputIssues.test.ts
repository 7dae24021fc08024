/**
 * Every channel's input refused in the seller's words: each field of each schema is given what it
 * can refuse (too short or long, wrong type, a pattern, a choice, decimals, min and max, unknown
 * keys), and every message that comes back must name the field as the screen does, in Chinese
 * without English, and show no pattern, type name or key.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, CHANNELS } from '../../../src-shared/contract';
import { dispatch, type Handlers } from '../../../src-main/core/dispatch';
import { describeIssue, NO_OWN_MESSAGE } from '../../../src-main/core/inputIssues';

type Def = { type: string; [k: string]: unknown };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
type Check = { _zod: { def: { check: string; [k: string]: unknown } } };

function inner(s: z.ZodType): z.ZodType {
  const d = defOf(s);
  if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(d.type))
    return inner(d.innerType as z.ZodType);
  if (d.type === 'pipe') return inner(d.in as z.ZodType);
  return s;
}

/** Values each leaf refuses: one per kind of issue it can raise. */
function badValues(s: z.ZodType): unknown[] {
  const d = defOf(inner(s));
  const checks = ((d.checks as Check[] | undefined) ?? []).map((c) => c._zod.def);
  const out: unknown[] = [];
  switch (d.type) {
    case 'string': {
      out.push(12345, true);
      for (const c of checks) {
        if (c.check === 'min_length') out.push('x'.repeat(Math.max(0, (c.minimum as number) - 1)));
        if (c.check === 'max_length') out.push('x'.repeat((c.maximum as number) + 1));
        if (c.check === 'string_format') out.push('全角　空格 /^x$/', 'ftp://example.com', '2026/12/02');
      }
      if (d.format) out.push('全角　空格', 'ftp://example.com', 'now');
      break;
    }
    case 'number':
      out.push('12', 1.5, true);
      for (const c of checks) {
        if (c.check === 'greater_than') out.push((c.value as number) - 1, c.value);
        if (c.check === 'less_than') out.push((c.value as number) + 1);
      }
      if (d.format) out.push(-1e20, 1e20);
      break;
    case 'boolean':
      out.push('yes', 1);
      break;
    case 'enum':
    case 'literal':
      out.push('__nope__', 999);
      break;
    case 'array': {
      out.push('text', [12345]);
      for (const c of checks) {
        if (c.check === 'min_length') out.push([]);
        if (c.check === 'max_length') out.push(Array.from({ length: (c.maximum as number) + 1 }, () => 1));
      }
      break;
    }
    case 'union':
      out.push(null, { x: 1 }, '全角　空格', -1);
      for (const o of d.options as z.ZodType[]) out.push(...badValues(o).slice(0, 6));
      break;
    case 'object':
      out.push('text', 42, { zzUnknownKey: 1 });
      break;
  }
  return out;
}

/** Every place in a schema a value can go, with the input that reaches it. */
function leaves(
  s: z.ZodType,
  path: (string | number)[] = [],
  base: Record<string, unknown> = {},
): { path: (string | number)[]; schema: z.ZodType; base: Record<string, unknown> }[] {
  const u = inner(s);
  const d = defOf(u);
  const here = [{ path, schema: s, base }];
  if (d.type === 'object') {
    return [...here, ...Object.entries(d.shape as Record<string, z.ZodType>).flatMap(([k, v]) => leaves(v, [...path, k], base))];
  }
  if (d.type === 'array') return [...here, ...leaves(d.element as z.ZodType, [...path, 0], base)];
  if (d.type === 'union' && d.discriminator) {
    const disc = d.discriminator as string;
    return [
      ...here,
      ...(d.options as z.ZodType[]).flatMap((o) => {
        const lit = (defOf(inner(o)).shape as Record<string, z.ZodType>)[disc]!;
        const value = (defOf(lit).values as unknown[])[0];
        return leaves(o, path, { ...base, [[...path, disc].join('.')]: value });
      }),
    ];
  }
  return here;
}

function build(path: (string | number)[], value: unknown, base: Record<string, unknown>): unknown {
  const root: Record<string, unknown> = {};
  const put = (p: (string | number)[], v: unknown) => {
    let at: Record<string | number, unknown> = root;
    for (let i = 0; i < p.length - 1; i++) {
      at[p[i]!] ??= typeof p[i + 1] === 'number' ? [] : {};
      at = at[p[i]!] as Record<string | number, unknown>;
    }
    at[p[p.length - 1]!] = v;
  };
  for (const [k, v] of Object.entries(base))
    put(
      k.split('.').map((x) => (/^\d+$/.test(x) ? Number(x) : x)),
      v,
    );
  if (path.length === 0) return value;
  put(path, value);
  return root;
}

const keysOf = (s: z.ZodType, acc = new Set<string>()): Set<string> => {
  const d = defOf(inner(s));
  if (d.type === 'object') for (const [k, v] of Object.entries(d.shape as Record<string, z.ZodType>)) keysOf(v, acc.add(k));
  if (d.type === 'array') keysOf(d.element as z.ZodType, acc);
  if (d.type === 'union') for (const o of d.options as z.ZodType[]) keysOf(o, acc);
  return acc;
};

/** Words the Chinese screens themselves use in Latin letters. */
const ZH_LATIN_OK = /App Key|App Secret|ERP|SKU|http:\/\/|https:\/\/|ID|Excel|CSV|XLSX|MB/g;
const TYPE_NAMES = /\b(string|integer|int|boolean|bigint|undefined|NaN|null|object|array|expected|received)\b/i;
const REGEX_LIKE = /\/\^|\$\/|\\x|\\d|\[\\|\(\?:|\{\d+,?\d*\}/;

function problems(channel: string, zh: string, en: string, label: { zh: string; en: string } | undefined, keys: Set<string>): string[] {
  const p: string[] = [];
  // The Chinese text allows no stray Latin at all; in English a key that is a plain word (page, from) can be a word.
  const rawKeys = [...keys].filter((k) => /[A-Z_\d]/.test(k));
  if (!/[\u4e00-\u9fff]/.test(zh)) p.push('no Chinese');
  if (/[A-Za-z]/.test(zh.replace(ZH_LATIN_OK, '').replace(label ? label.zh : '\u0000', ''))) p.push('English in the Chinese text');
  for (const text of [zh, en]) {
    if (REGEX_LIKE.test(text)) p.push(`a pattern in “${text}”`);
    if (TYPE_NAMES.test(text)) p.push(`a type name in “${text}”`);
    for (const k of rawKeys) {
      if (new RegExp(`\\b${k}\\b`).test(text) && !(label && (label.en.includes(k) || label.zh.includes(k))))
        p.push(`the key ${k} in “${text}”`);
    }
  }
  if (label && !zh.includes(label.zh)) p.push(`“${zh}” does not name ${label.zh}`);
  if (label && !en.includes(label.en)) p.push(`“${en}” does not name ${label.en}`);
  return p.map((x) => `${channel}: ${x}`);
}

describe('input errors in the seller’s words', () => {
  it('labels every field of every channel, and every refusal names it without patterns, type names, keys or English', async () => {
    const found: string[] = [];
    const unlabelled = new Set<string>();
    let issues = 0;
    for (const channel of CHANNELS) {
      const schema = contract[channel].input as z.ZodType;
      const keys = keysOf(schema);
      for (const leaf of leaves(schema)) {
        for (const bad of badValues(leaf.schema)) {
          const input = build(leaf.path, bad, leaf.base);
          const r = schema.safeParse(input, { reportInput: true, error: () => NO_OWN_MESSAGE });
          if (r.success) continue;
          const seen = new Set<string>();
          for (const issue of r.error.issues) {
            // 100,001 items refused one by one say the same thing: word each kind once.
            const kind = `${issue.code}:${issue.path.map((x) => (typeof x === 'number' ? '#' : x)).join('.')}`;
            if (seen.has(kind)) continue;
            seen.add(kind);
            issues++;
            const d = describeIssue(schema, issue, input);
            const named = issue.path.length > 0 && issue.code !== 'unrecognized_keys';
            if (named && !d.label) unlabelled.add(`${channel} ${issue.path.filter((x) => typeof x === 'string').join('.')}`);
            found.push(...problems(channel, d.message, d.messageEn, d.label, keys));
          }
        }
      }
    }
    expect([...unlabelled], 'fields without a label').toEqual([]);
    expect([...new Set(found)].slice(0, 40)).toEqual([]);
    expect(issues).toBeGreaterThan(2000);
  });

  it('says the issues named in the complaint the way a seller reads them, with the path for the form', async () => {
    const call = async (channel: string, input: unknown) => {
      const r = await dispatch({} as Handlers, channel, input);
      if (r.ok) throw new Error(`${channel} accepted`);
      return r.error;
    };
    const key = await call('connect.saveAliExpress', { appKey: 'ab cd　ef', appSecret: 'secret-1234' });
    expect(key.issues).toEqual([
      {
        path: 'appKey',
        message: 'App Key 只能是英文字母、数字和符号，不能有空格或全角字符',
        messageEn: 'App Key may hold only letters, digits and symbols, with no spaces or full-width characters',
      },
    ]);
    expect(key.message).toBe('App Key 只能是英文字母、数字和符号，不能有空格或全角字符。请改正后再试。');
    const long = await call('connect.saveTongtool', { appKey: 'k'.repeat(129), appSecret: 'secret-1234' });
    expect(long.issues?.[0]).toMatchObject({ path: 'appKey', message: '通途 App Key 最多 128 个字符（现在 129 个）' });
    const store = await call('settings.set', { storeName: '  ' });
    expect(store.issues?.[0]).toMatchObject({ path: 'storeName', message: '请填写店铺名称' });
    const count = await call('sku.rules.preview', { spec: { kind: 'strip_start', count: 1.5 } });
    expect(count.issues?.[0]).toMatchObject({ path: 'spec.count', message: '字符数要填整数，不能有小数' });
    const row = await call('exit.setDisposal', {
      items: [
        { sku: 'A', lines: [{ method: 'sell_through', quantity: 1 }] },
        { sku: 'B', lines: [{ method: 'sell_through', quantity: -1 }] },
      ],
    });
    expect(row.issues?.[0]!.path).toBe('items.1.lines.0.quantity');
    expect(row.issues?.[0]!.message).toMatch(/^处置计划第 2 行，处置方式第 1 行：数量不能小于 0$/);
  });
});
