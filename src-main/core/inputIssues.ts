/**
 * A zod issue said the way a seller understands it: about the field as the screen names it (the
 * `label` in the schema's meta), in Chinese and English, without patterns, type names or keys.
 * Zod's own locale texts ("必须满足正则表达式 /^[\x21-\x7e]+$/", "期望 string") are for developers.
 */
import { z } from 'zod';
import type { Bilingual } from '../../src-shared/bilingual';
import type { FieldLabel } from '../../src-shared/channel';
import { formatCount } from '../../src-shared/count';

export interface InputIssue {
  /** Dotted path of the field (`spec.text`, `items.3.quantity`): forms put the message there. */
  path: string;
  message: string;
  messageEn: string;
  /** The field's label, when the schema has one (the contract test requires it everywhere). */
  label?: FieldLabel;
}

/** What `safeParse` is given as its error map: an issue with this message has no message of its own. */
export const NO_OWN_MESSAGE = '\u0000';

type Def = { type: string; [k: string]: unknown };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional', 'success']);

/** The schema under its wrappers, and the outermost label met on the way. */
function unwrap(schema: z.ZodType): { schema: z.ZodType; label?: FieldLabel } {
  let s = schema;
  let label: FieldLabel | undefined;
  for (let i = 0; i < 20; i++) {
    label ??= z.globalRegistry.get(s)?.label;
    const def = defOf(s);
    if (WRAPPERS.has(def.type)) s = def.innerType as z.ZodType;
    else if (def.type === 'pipe') s = def.in as z.ZodType;
    else if (def.type === 'lazy') s = (def.getter as () => z.ZodType)();
    else break;
  }
  return { schema: s, label };
}

interface Step {
  schema: z.ZodType;
  label?: FieldLabel;
  /** Labels of the arrays passed through, with the index, for "处置计划第 4 行". */
  rows: { label?: FieldLabel; index: number; ofObjects: boolean }[];
}

function objectOptions(schema: z.ZodType, input: unknown): z.ZodType[] {
  const def = defOf(schema);
  if (def.type !== 'union') return [schema];
  const options = def.options as z.ZodType[];
  const disc = def.discriminator as string | undefined;
  if (disc && input && typeof input === 'object') {
    const want = (input as Record<string, unknown>)[disc];
    const hit = options.find((o) => {
      const d = defOf(unwrap(o).schema);
      const lit = d.type === 'object' ? (d.shape as Record<string, z.ZodType>)[disc] : undefined;
      return lit && (defOf(lit).values as unknown[] | undefined)?.includes(want);
    });
    if (hit) return [hit];
  }
  return options;
}

/** Follows the issue's path through the schema (and the input, to pick a union's branch). */
export function fieldAt(root: z.ZodType, path: readonly PropertyKey[], input: unknown): Step {
  let { schema, label } = unwrap(root);
  const rows: Step['rows'] = [];
  let value = input;
  for (const seg of path) {
    const def = defOf(schema);
    let next: z.ZodType | undefined;
    let nextLabel: FieldLabel | undefined;
    if (def.type === 'array' && typeof seg === 'number') {
      next = def.element as z.ZodType;
      const t = defOf(unwrap(next).schema).type;
      // A row of a table is named by its number; an item of a plain list by the list's name.
      if (t === 'object' || (t === 'union' && !isChoice(unwrap(next).schema))) rows.push({ label, index: seg, ofObjects: true });
      else nextLabel = unwrap(next).label ?? label;
    } else if (def.type === 'record') {
      next = def.valueType as z.ZodType;
    } else {
      for (const option of objectOptions(schema, value)) {
        const o = unwrap(option);
        const d = defOf(o.schema);
        const field = d.type === 'object' ? (d.shape as Record<string, z.ZodType>)[String(seg)] : undefined;
        if (!field) continue;
        // A union's discriminator is named by the union itself ("规则类型").
        if (def.type === 'union' && def.discriminator === seg) nextLabel = label;
        next = field;
        break;
      }
    }
    if (!next) return { schema, label: undefined, rows };
    const u = unwrap(next);
    schema = u.schema;
    label = nextLabel ?? u.label;
    value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[seg] : undefined;
  }
  // An issue about a whole row ("处置计划第 4 行") is named by the row itself.
  const last = rows[rows.length - 1];
  if (last && path[path.length - 1] === last.index && !label && last.label) {
    rows.pop();
    label = { zh: `${last.label.zh}第 ${last.index + 1} 行`, en: `${last.label.en}, row ${last.index + 1}` };
  }
  return { schema, label, rows };
}

const n = (v: unknown): string => formatCount(typeof v === 'bigint' ? Number(v) : (v as number));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const ZH_ANY: FieldLabel = { zh: '填写的内容', en: 'A value' };
const CHOICE_TYPES = new Set(['enum', 'literal', 'boolean']);

function isChoice(schema: z.ZodType): boolean {
  const def = defOf(schema);
  if (CHOICE_TYPES.has(def.type)) return true;
  return def.type === 'union' && (def.options as z.ZodType[]).every((o) => isChoice(unwrap(o).schema));
}

/** A check's own bilingual message ("zh / en"), or undefined when it has none worth showing. */
function ownMessage(message: string, l: FieldLabel): Bilingual | undefined {
  if (!message || message === NO_OWN_MESSAGE) return undefined;
  const at = message.indexOf(' / ');
  if (at < 0 || !/[\u4e00-\u9fff]/.test(message.slice(0, at))) return undefined;
  const fill = (s: string, name: string) => s.replaceAll('{label}', name).replace(/[。.]\s*$/, '');
  return { zh: fill(message.slice(0, at), l.zh), en: fill(message.slice(at + 3), l.en) };
}

type Issue = z.core.$ZodIssue & { input?: unknown };

/** The sentence for one issue about one field, without the row context. */
function sentence(issue: Issue, field: Step, l: FieldLabel): Bilingual {
  const own = ownMessage(issue.message, l);
  if (own) return own;
  const missing = !('input' in issue) || issue.input === undefined;
  const fill = (): Bilingual =>
    isChoice(field.schema) ? { zh: `请选择${l.zh}`, en: `Choose ${l.en}` } : { zh: `请填写${l.zh}`, en: `Fill in ${l.en}` };
  const sized = (s: unknown) => (typeof s === 'string' ? [...s].length : Array.isArray(s) ? s.length : undefined);
  switch (issue.code) {
    case 'invalid_type': {
      if (missing || issue.input === null) return fill();
      if (issue.expected === 'int') return { zh: `${l.zh}要填整数，不能有小数`, en: `${l.en} must be a whole figure, without decimals` };
      if (issue.expected === 'number') return { zh: `${l.zh}要填数字`, en: `${l.en} must be given in digits` };
      if (issue.expected === 'string') return { zh: `${l.zh}要填文字`, en: `${l.en} must be text` };
      if (issue.expected === 'boolean') return { zh: `${l.zh}请选择“是”或“否”`, en: `Choose yes or no for ${l.en}` };
      if (issue.expected === 'array') return { zh: `${l.zh}应是一组内容`, en: `${l.en} must be a list` };
      return { zh: `${l.zh}的内容不完整或格式不对`, en: `${l.en} is incomplete or malformed` };
    }
    case 'too_small': {
      const min = n(issue.minimum);
      if (issue.origin === 'string') {
        if (Number(issue.minimum) <= 1 || issue.input === '') return fill();
        return {
          zh: `${l.zh}至少要 ${min} 个字符（现在 ${sized(issue.input)} 个）`,
          en: `${l.en} needs at least ${min} characters (now ${sized(issue.input)})`,
        };
      }
      if (issue.origin === 'array' || issue.origin === 'set') {
        if (Number(issue.minimum) <= 1) return { zh: `请至少选择一个${l.zh}`, en: `Choose at least one ${l.en}` };
        return { zh: `${l.zh}至少要 ${min} 项`, en: `${l.en} needs at least ${min} items` };
      }
      return issue.inclusive === false
        ? { zh: `${l.zh}必须大于 ${min}`, en: `${l.en} must be more than ${min}` }
        : { zh: `${l.zh}不能小于 ${min}`, en: `${l.en} cannot be less than ${min}` };
    }
    case 'too_big': {
      const max = n(issue.maximum);
      if (issue.origin === 'string')
        return {
          zh: `${l.zh}最多 ${max} 个字符（现在 ${n(sized(issue.input))} 个）`,
          en: `${l.en} can have at most ${max} characters (now ${n(sized(issue.input))})`,
        };
      if (issue.origin === 'array' || issue.origin === 'set')
        return {
          zh: `${l.zh}一次最多 ${max} 项（现在 ${n(sized(issue.input))} 项）`,
          en: `${l.en} takes at most ${max} items at a time (now ${n(sized(issue.input))})`,
        };
      return issue.inclusive === false
        ? { zh: `${l.zh}必须小于 ${max}`, en: `${l.en} must be less than ${max}` }
        : { zh: `${l.zh}不能大于 ${max}`, en: `${l.en} cannot be more than ${max}` };
    }
    case 'invalid_format':
      if (issue.format === 'url')
        return {
          zh: `${l.zh}要填以 http:// 或 https:// 开头的完整网址`,
          en: `${l.en} must be a full address starting with http:// or https://`,
        };
      if (issue.format === 'datetime') return { zh: `${l.zh}不是有效的时间`, en: `${l.en} is not a valid time` };
      if (issue.format === 'date')
        return { zh: `${l.zh}要按“年-月-日”填写，例如 2026-12-02`, en: `${l.en} must be a date such as 2026-12-02` };
      return { zh: `${l.zh}的格式不对`, en: `${l.en} is not in the expected form` };
    case 'not_multiple_of':
      return { zh: `${l.zh}要是 ${n(issue.divisor)} 的倍数`, en: `${l.en} must be a multiple of ${n(issue.divisor)}` };
    case 'invalid_value':
      return missing ? fill() : { zh: `${l.zh}请从列表中选择`, en: `Choose ${l.en} from the list` };
    case 'invalid_union': {
      if (missing) return fill();
      if (isChoice(field.schema) || (issue as { note?: string }).note === 'No matching discriminator')
        return { zh: `${l.zh}请从列表中选择`, en: `Choose ${l.en} from the list` };
      // The branch whose type fitted says what is wrong ("" or a URL: the URL's problem).
      const branch = issue.errors.find(
        (errs) => errs.length > 0 && !errs.every((e) => e.code === 'invalid_type' || e.code === 'invalid_value'),
      );
      if (branch) return sentence({ ...branch[0], input: issue.input } as Issue, field, l);
      // An amount typed or given as a figure ("1,234.56" or 1234.56): neither fitted.
      if (issue.errors.some((errs) => errs.some((e) => e.code === 'invalid_type' && e.expected === 'number')))
        return { zh: `${l.zh}要填数字`, en: `${l.en} must be given in digits` };
      return { zh: `${l.zh}填写的内容不对`, en: `${l.en} is not valid` };
    }
    default:
      return { zh: `${l.zh}填写的内容不对`, en: `${l.en} is not valid` };
  }
}

/** One issue of `schema.safeParse(input, { reportInput: true, error: () => NO_OWN_MESSAGE })`. */
export function describeIssue(schema: z.ZodType, issue: z.core.$ZodIssue, input: unknown): InputIssue {
  const path = issue.path.map(String).join('.') || '(root)';
  if (issue.code === 'unrecognized_keys' || (issue.path.length === 0 && issue.code === 'invalid_type')) {
    // Not something the seller typed: the screen and the app do not agree on what they send.
    return {
      path,
      message: '这个操作收到了本版本不认识的内容，可能是页面和程序的版本不一致。请刷新页面或重新打开程序后再试',
      messageEn:
        'This operation got content this version does not know; the page and the app may differ in version. Reload the page or reopen the app and try again',
    };
  }
  const field = fieldAt(schema, issue.path, input);
  const l = field.label ?? ZH_ANY;
  const worded = sentence(issue as Issue, field, l);
  let zh = worded.zh;
  const en = worded.en;
  // "通途 App Key 最多…": a Latin end of a name keeps a space before the Chinese that follows.
  if (/[A-Za-z0-9]$/.test(l.zh)) zh = zh.replaceAll(new RegExp(`${escape(l.zh)}(?=[\u4e00-\u9fff])`, 'g'), `${l.zh} `);
  const rows = field.rows.filter((r) => r.label);
  const zhCtx = rows.map((r) => `${r.label!.zh}第 ${r.index + 1} ${r.ofObjects ? '行' : '项'}`).join('，');
  const enCtx = rows.map((r) => `${r.label!.en}, ${r.ofObjects ? 'row' : 'item'} ${r.index + 1}`).join('; ');
  return {
    path,
    message: zhCtx ? `${zhCtx}：${zh}` : zh,
    messageEn: enCtx ? `${enCtx}: ${en}` : en,
    label: field.label,
  };
}
