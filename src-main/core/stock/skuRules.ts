/**
 * SKU混淆规则: sellers publish the ERP SKU disguised (a prefix, a suffix, separators, random
 * characters) so competitors cannot read their catalogue. A rule turns the published listing SKU
 * back into the ERP SKU. Rules run on the folded listing SKU (see folding.ts) so full-width input and
 * stray spaces behave the same as what the seller typed.
 */
import type { CaseRule, RuleOutcome, SkuRuleSpec } from '../../../src-shared/types/stock';
import { foldSku } from './folding';
import { backtrackingProblem, badRule as bad, hasNestedQuantifier } from './regexVerdicts';
import { lookup, type ErpIndex } from './erpIndex';

/** Longest regular expression accepted: long patterns are where catastrophic backtracking hides. */
export const MAX_PATTERN_LENGTH = 200;
/** Regex rules only look at this many characters: bounds the work of any pattern that slips through. */
export const MAX_REGEX_INPUT = 128;

export interface CompiledRule {
  id: number;
  label: string;
  spec: SkuRuleSpec;
  /** Folded listing SKU in, candidate ERP SKU (not yet folded) out, or null when it does not apply. */
  apply(folded: string): string | null;
  /**
   * For the rules whose output is a piece of their input (all but replace and regex): where that piece
   * is, written to at[0] (start) and at[1] (end), without building it; false when the rule does not
   * apply. apply(s) is exactly s.slice(at[0], at[1]) then, so resolve can test the piece before paying
   * for a string (see resolveOne).
   */
  span?(folded: string, at: Int32Array): boolean;
}

/** Scratch for apply() on the span rules (one thread, no re-entrance). */
const APPLY_AT = new Int32Array(2);

/** A span rule's apply(): the piece span() finds, as a string. */
function spanRule(base: Omit<CompiledRule, 'apply' | 'span'>, span: (s: string, at: Int32Array) => boolean): CompiledRule {
  return {
    ...base,
    span,
    apply: (s) => (span(s, APPLY_AT) ? s.slice(APPLY_AT[0], APPLY_AT[1]) : null),
  };
}

/** A high surrogate followed by a low one is one character (one code point), as `[...s]` counts. */
function isHigh(c: number): boolean {
  return (c & 0xfc00) === 0xd800;
}
function isLow(c: number): boolean {
  return (c & 0xfc00) === 0xdc00;
}

/** Number of capturing groups, named ones included: an empty alternative makes any pattern match ''. */
function captureGroups(re: RegExp): number {
  return (new RegExp(`${re.source}|`, re.flags).exec('') as RegExpExecArray).length - 1;
}

/** Checks a rule a seller (or an import) wrote; throws an AppError that says what to change. */
/** `saved`: the stored rule passed these checks when it was saved (compileRule). */
/** V8's reasons for a pattern it cannot read, as a seller reads them. */
const REGEX_REASON_ZH: Record<string, string> = {
  'Unterminated group': '有“(”没有对应的“)”',
  "Unmatched ')'": '有“)”没有对应的“(”',
  'Nothing to repeat': '“*”“+”“?”或“{…}”前面没有可以重复的内容',
  'Unterminated character class': '有“[”没有对应的“]”',
  'Lone quantifier brackets': '“{”或“}”单独出现，要当作普通字符请写成“\\{”“\\}”',
  'Invalid escape': '有无效的转义（“\\”后面的字符不能这样用）',
  'Invalid Unicode escape': '有无效的 Unicode 转义',
  'Incomplete quantifier': '“{…}”里的次数不完整',
  'numbers out of order in {} quantifier': '“{…}”里的次数前大后小',
  'Range out of order in character class': '“[…]”里的范围前大后小（例如 z-a）',
  'Invalid group': '括号的写法无效（“(?”后面只能是 “:”“=”“!”“<” 等）',
  'Invalid capture group name': '捕获组的名字无效',
  '\\ at end of pattern': '表达式以“\\”结尾',
};

export function validateRule(spec: SkuRuleSpec, opts: { saved?: boolean } = {}): void {
  switch (spec.kind) {
    case 'strip_prefix':
    case 'strip_suffix':
      if (!spec.text.length) throw bad({ zh: '要去掉的文字不能为空。', en: 'The text to strip cannot be empty.' });
      return;
    case 'strip_start':
    case 'strip_end':
      if (!Number.isInteger(spec.count) || spec.count < 1 || spec.count > 50)
        throw bad({
          zh: '要去掉的字符数必须是 1 到 50 之间的整数。',
          en: 'The number of characters to strip must be a whole number from 1 to 50.',
        });
      return;
    case 'before':
    case 'after':
      if (!spec.separator.length) throw bad({ zh: '分隔符不能为空。', en: 'The separator cannot be empty.' });
      return;
    case 'between':
      if (!spec.start.length || !spec.end.length)
        throw bad({ zh: '前后两个分隔符都要填写。', en: 'Both the opening and the closing separator are needed.' });
      return;
    case 'replace':
      if (!spec.from.length) throw bad({ zh: '要替换的文字不能为空。', en: 'The text to replace cannot be empty.' });
      return;
    case 'regex': {
      if (spec.pattern.length > MAX_PATTERN_LENGTH)
        throw bad({
          zh: `正则表达式太长（${spec.pattern.length} 个字符，最多 ${MAX_PATTERN_LENGTH}）。请改用简单规则，或缩短表达式。`,
          en: `The regular expression is too long (${spec.pattern.length} characters, at most ${MAX_PATTERN_LENGTH}). Use a simple rule or shorten it.`,
        });
      let re: RegExp;
      try {
        re = new RegExp(spec.pattern, 'u');
      } catch (err) {
        // V8 says "Invalid regular expression: /(/u: Unterminated group": the reason, in the seller's words where known.
        const reason = /: ([^:]+)$/.exec((err as Error).message)?.[1] ?? (err as Error).message;
        throw bad({
          zh: `正则表达式写法有误：${REGEX_REASON_ZH[reason] ?? reason}。请检查括号和转义字符。`,
          en: `The regular expression is not valid: ${reason}. Check brackets and escapes.`,
        });
      }
      const groups = captureGroups(re);
      if (groups !== 1)
        throw bad({
          zh: `正则表达式必须正好有一个捕获组“(…)”来圈出ERP SKU，现在有 ${groups} 个。不需要捕获的括号请写成“(?:…)”。`,
          en: `The regular expression must have exactly one capture group "(…)" around the ERP SKU; it has ${groups}. Write other brackets as "(?:…)".`,
        });
      if (/\\[1-9]|\\k</.test(spec.pattern))
        throw bad({
          zh: '正则表达式不能使用反向引用（\\1、\\k<…>）。',
          en: 'The regular expression cannot use back-references (\\1, \\k<…>).',
        });
      if (hasNestedQuantifier(spec.pattern))
        throw bad({
          zh: '正则表达式里有“重复的重复”（例如 (a+)+），匹配时可能卡死。请去掉括号外或括号内的一个 + 或 *。',
          en: 'The regular expression repeats a repetition (such as (a+)+), which can hang while matching. Remove one of the + or * inside or after the brackets.',
        });
      {
        const problem = backtrackingProblem(spec.pattern, opts);
        if (problem) throw problem;
      }
      return;
    }
  }
}

/** Folds a rule's literal text the same way listing SKUs are folded, minus the trim. */
function foldParam(text: string, caseRule: CaseRule): string {
  const s = text.normalize('NFKC').replace(/[\u200B-\u200D\u2060\uFEFF]/g, '');
  return caseRule === 'insensitive' ? s.toUpperCase() : s;
}

export function compileRule(
  rule: { id: number; label?: string; spec: SkuRuleSpec },
  caseRule: CaseRule,
  /** A stored rule (resolve), not one being previewed or tested before it is saved. */
  opts: { saved?: boolean } = {},
): CompiledRule {
  const spec = rule.spec;
  validateRule(spec, opts);
  const base = { id: rule.id, label: rule.label ?? '', spec };
  switch (spec.kind) {
    case 'strip_prefix': {
      const t = foldParam(spec.text, caseRule);
      return spanRule(base, (s, at) => {
        if (!s.startsWith(t)) return false;
        at[0] = t.length;
        at[1] = s.length;
        return true;
      });
    }
    case 'strip_suffix': {
      const t = foldParam(spec.text, caseRule);
      return spanRule(base, (s, at) => {
        if (!s.endsWith(t)) return false;
        at[0] = 0;
        at[1] = s.length - t.length;
        return true;
      });
    }
    case 'strip_start': {
      const n = spec.count;
      // Counted in code points, so a character outside the BMP is one character, as the seller sees it;
      // at least one character must be left (as [...s].length > n).
      return spanRule(base, (s, at) => {
        const len = s.length;
        let i = 0;
        for (let k = 0; k < n; k++) {
          if (i >= len) return false;
          i += isHigh(s.charCodeAt(i)) && i + 1 < len && isLow(s.charCodeAt(i + 1)) ? 2 : 1;
        }
        if (i >= len) return false;
        at[0] = i;
        at[1] = len;
        return true;
      });
    }
    case 'strip_end': {
      const n = spec.count;
      return spanRule(base, (s, at) => {
        let j = s.length;
        for (let k = 0; k < n; k++) {
          if (j <= 0) return false;
          j -= isLow(s.charCodeAt(j - 1)) && j >= 2 && isHigh(s.charCodeAt(j - 2)) ? 2 : 1;
        }
        if (j <= 0) return false;
        at[0] = 0;
        at[1] = j;
        return true;
      });
    }
    case 'before':
    case 'after': {
      const sep = foldParam(spec.separator, caseRule);
      const last = spec.occurrence === 'last';
      const before = spec.kind === 'before';
      return spanRule(base, (s, at) => {
        const i = last ? s.lastIndexOf(sep) : s.indexOf(sep);
        if (i < 0) return false;
        at[0] = before ? 0 : i + sep.length;
        at[1] = before ? i : s.length;
        return true;
      });
    }
    case 'between': {
      const a = foldParam(spec.start, caseRule);
      const b = foldParam(spec.end, caseRule);
      return spanRule(base, (s, at) => {
        const i = s.indexOf(a);
        if (i < 0) return false;
        const j = s.indexOf(b, i + a.length);
        if (j < 0) return false;
        at[0] = i + a.length;
        at[1] = j;
        return true;
      });
    }
    case 'replace': {
      const from = foldParam(spec.from, caseRule);
      const to = foldParam(spec.to, caseRule);
      return { ...base, apply: (s) => (s.includes(from) ? s.split(from).join(to) : null) };
    }
    case 'regex': {
      const insensitive = caseRule === 'insensitive';
      const re = new RegExp(spec.pattern, insensitive ? 'iu' : 'u');
      const [c1, c2] = anchoredFirst(spec.pattern, insensitive);
      return {
        ...base,
        apply: (s) => {
          // A SKU whose first character (ASCII) cannot be the pattern's anchored first one is not run.
          if (c1 >= 0) {
            const c = s.charCodeAt(0);
            if (!(c > 0x7e) && c !== c1 && c !== c2) return null;
          }
          const m = re.exec(s.length > MAX_REGEX_INPUT ? s.slice(0, MAX_REGEX_INPUT) : s);
          return m ? (m[1] ?? '') : null;
        },
      };
    }
  }
}

/**
 * The character codes (up to two: both ASCII cases under 'i') a match must start with, when the
 * pattern starts with ^ and a literal letter, digit, '-' or '_' that is not quantified and there is
 * no alternative (|) anywhere; [-1, -1] when there is no such character to test. Under the 'iu'
 * flags a non-ASCII character can match an ASCII letter (K, KELVIN SIGN), so the caller runs the
 * pattern on any SKU starting with a non-ASCII character.
 */
function anchoredFirst(pattern: string, insensitive: boolean): [number, number] {
  const c = pattern[1];
  const next = pattern[2];
  if (pattern[0] !== '^' || c === undefined || !/^[A-Za-z0-9_-]$/.test(c) || pattern.includes('|')) return [-1, -1];
  if (next === '?' || next === '*' || next === '+' || next === '{') return [-1, -1];
  const lower = c.toLowerCase().charCodeAt(0);
  const upper = c.toUpperCase().charCodeAt(0);
  return insensitive ? [lower, upper] : [c.charCodeAt(0), c.charCodeAt(0)];
}

/** What one rule does to one listing SKU, in words a seller can read. */
export function ruleOutcome(rule: CompiledRule, sellerSku: string, index: ErpIndex | null, caseRule: CaseRule): RuleOutcome {
  const raw = rule.apply(foldSku(sellerSku, caseRule));
  if (raw === null)
    return {
      input: sellerSku,
      output: null,
      status: 'no_match',
      erpSkus: [],
      note: {
        zh: '规则不适用（没有找到要去掉的文字或分隔符，或SKU太短）。',
        en: 'The rule does not apply (text or separator not found, or the SKU is too short).',
      },
    };
  const out = foldSku(raw, caseRule);
  if (!out)
    return {
      input: sellerSku,
      output: '',
      status: 'empty',
      erpSkus: [],
      note: { zh: '规则处理后什么都不剩。', en: 'Nothing is left after the rule.' },
    };
  if (!index) return { input: sellerSku, output: out, status: 'parsed', erpSkus: [] };
  const hits = lookup(index, out);
  if (hits.length === 0)
    return {
      input: sellerSku,
      output: out,
      status: 'missing',
      erpSkus: [],
      note: { zh: `解析为“${out}”，但ERP里没有这个SKU。`, en: `Parsed to "${out}", but the ERP has no such SKU.` },
    };
  if (hits.length > 1)
    return {
      input: sellerSku,
      output: out,
      status: 'ambiguous',
      erpSkus: hits,
      note: {
        zh: `解析为“${out}”，对应多个ERP SKU：${hits.join('、')}。`,
        en: `Parsed to "${out}", which matches several ERP SKUs: ${hits.join(', ')}.`,
      },
    };
  return { input: sellerSku, output: out, status: 'found', erpSkus: hits };
}
