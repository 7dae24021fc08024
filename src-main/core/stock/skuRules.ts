/**
 * SKU混淆规则: sellers publish the ERP SKU disguised (a prefix, a suffix, separators, random
 * characters) so competitors cannot read their catalogue. A rule turns the published listing SKU
 * back into the ERP SKU. Rules run on the folded listing SKU (see folding.ts) so full-width input and
 * stray spaces behave the same as what the seller typed.
 */
import { AppError } from '../../../src-shared/errors';
import type { CaseRule, RuleOutcome, SkuRuleSpec } from '../../../src-shared/types/stock';
import { checkSync } from 'recheck';
import { createRequire } from 'node:module';
import { foldSku } from './folding';
import { recheckOffThread, type RecheckVerdict } from './regexCheck';

// recheck's in-process engine (Scala.js), not its default of a worker thread driving a native
// binary in a child process: the same answer on a seller's Windows PC and inside the packaged app,
// where neither the binary nor the worker file can be started from the archive. recheck reads
// this when it checks, not when it loads.
process.env.RECHECK_SYNC_BACKEND ??= 'pure';

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

function bad(zh: string, en: string): AppError {
  return new AppError('BAD_INPUT', zh, en, [{ path: 'rule', message: zh, messageEn: en }]);
}

/** How long recheck may think about one pattern; a pattern it cannot clear in time is refused. */
export const RECHECK_TIMEOUT_MS = 3_000;
/** Polynomial backtracking of this degree or more is refused (on 128 characters: 2 million steps). */
const MAX_DEGREE = 3;

/** The worker checking a pattern is terminated this long after it started, whatever recheck is doing. */
export const RECHECK_HARD_LIMIT_MS = RECHECK_TIMEOUT_MS + 1_500;

/** recheck's verdict per pattern: rules are compiled on every resolve run, checked once. */
const verdicts = new Map<string, AppError | null>();

/**
 * What a remembered verdict was reached under: recheck's version, the refusal threshold and the
 * flags. A clearance stored by another version (or when the version cannot be read) is not used.
 */
export const VERDICT_BASIS: string | null = (() => {
  try {
    const v = (createRequire(__filename)('recheck/package.json') as { version?: unknown }).version;
    return typeof v === 'string' ? `recheck ${v}; iu; degree < ${MAX_DEGREE}` : null;
  } catch {
    return null;
  }
})();

/** Of `patterns`, those recheck cleared in this process (a completed check that found no problem). */
export function clearedPatterns(patterns: Iterable<string>): string[] {
  const out: string[] = [];
  for (const p of patterns) if (verdicts.get(p) === null) out.push(p);
  return out;
}

/**
 * Patterns recheck cleared in an earlier run under VERDICT_BASIS (resolve keeps them with the rules,
 * see resolve.ts): taken as this run's verdict, so a stored rule is not checked again on the main
 * thread after every start. A pattern with a verdict of this run keeps it.
 */
export function trustClearedPatterns(patterns: Iterable<string>): void {
  for (const p of patterns) if (!verdicts.has(p)) verdicts.set(p, null);
}

/**
 * Vets a pattern in a worker thread (see regexCheck.ts) so the main thread keeps serving while
 * recheck thinks; the verdict is kept, so the synchronous checks below find it. Channels that take
 * a regex rule call this first.
 */
export async function precheckPattern(pattern: string): Promise<void> {
  if (verdicts.has(pattern)) return;
  const v = await recheckOffThread(pattern, RECHECK_TIMEOUT_MS, RECHECK_HARD_LIMIT_MS);
  // null: no worker could run it (or recheck threw on a malformed pattern); validateRule then says
  // what is wrong, checking in process as before.
  // A check that ran out of time is not a verdict to keep (see backtrackingProblem).
  if (v !== null && v.status !== 'unknown') verdicts.set(pattern, problemOf(v));
  else if (v !== null) verdicts.delete(pattern);
}

function problemOf(r: RecheckVerdict): AppError | null {
  if (r.status === 'unknown') {
    return bad(
      '这个正则表达式太复杂，无法确认它在匹配时不会卡住，所以没有保存。请改用简单规则（去前缀、去后缀、分隔符），或把表达式写短。',
      'This regular expression is too complex to prove it cannot hang while matching, so it was not saved. Use a simple rule (prefix, suffix, separator) or shorten it.',
    );
  }
  if (r.status === 'vulnerable' && r.complexity && (r.complexity.type === 'exponential' || (r.complexity.degree ?? 0) >= MAX_DEGREE)) {
    const attack = r.attack?.pattern ? `（例如：${r.attack.pattern.slice(0, 60)}）` : '';
    return bad(
      `这个正则表达式在某些SKU上匹配会极慢${attack}，可能让程序卡住，所以没有保存。常见原因是可以用多种方式匹配同一段文字，例如 (A|A)*、(a|aa)+、.*-.*-.*。请把“.*”改成不含分隔符的“[^-]*”，或去掉重复的选择。`,
      `This regular expression can take extremely long on some SKUs${r.attack?.pattern ? ` (for example ${r.attack.pattern.slice(0, 60)})` : ''} and could hang the app, so it was not saved. The usual cause is several ways to match the same text, such as (A|A)*, (a|aa)+ or .*-.*-.*. Replace ".*" with "[^-]*" (no separator) or remove the repeated alternatives.`,
    );
  }
  return null;
}

/**
 * Catastrophic backtracking found by recheck, a ReDoS checker that analyses the pattern's automaton
 * (not only its shape): `^((?:A|A)*)$` has no nested quantifier yet takes seconds on 27 characters.
 * Checked case-insensitively, the stricter of the two (folding case can only add ambiguity).
 */
export function backtrackingProblem(pattern: string, opts: { saved?: boolean } = {}): AppError | null {
  const known = verdicts.get(pattern);
  if (known !== undefined) return known;
  // Off the main thread when a channel called precheckPattern first; here only for a rule never vetted this run.
  const r = checkSync(pattern, 'iu', { timeout: RECHECK_TIMEOUT_MS });
  // Out of time is no verdict: on a busy PC the check of a rule that passed when it was saved can
  // time out, and refusing it then would stop every resolve. Not remembered: the next try may finish.
  if (r.status === 'unknown') return opts.saved ? null : problemOf({ status: 'unknown', complexity: null, attack: null });
  const problem = problemOf({
    status: r.status,
    complexity:
      r.status === 'vulnerable'
        ? { type: r.complexity.type, degree: r.complexity.type === 'polynomial' ? r.complexity.degree : undefined }
        : null,
    attack: r.status === 'vulnerable' && r.attack ? { pattern: r.attack.pattern } : null,
  });
  verdicts.set(pattern, problem);
  return problem;
}

/** Number of capturing groups, named ones included: an empty alternative makes any pattern match ''. */
function captureGroups(re: RegExp): number {
  return (new RegExp(`${re.source}|`, re.flags).exec('') as RegExpExecArray).length - 1;
}

/**
 * Rejects the shapes that backtrack catastrophically: a quantified group that itself contains a
 * quantifier, e.g. (a+)+ or (\w*-?)*. Character classes and escapes are skipped while scanning.
 */
export function hasNestedQuantifier(pattern: string): boolean {
  const stack: boolean[] = [];
  let lastGroupHadQuantifier = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      i++;
      lastGroupHadQuantifier = false;
      continue;
    }
    if (ch === '[') {
      while (i < pattern.length && pattern[i] !== ']') i += pattern[i] === '\\' ? 2 : 1;
      lastGroupHadQuantifier = false;
      continue;
    }
    if (ch === '(') {
      stack.push(false);
      continue;
    }
    if (ch === ')') {
      lastGroupHadQuantifier = stack.pop() ?? false;
      const next = pattern[i + 1];
      if (lastGroupHadQuantifier && (next === '*' || next === '+' || next === '{')) return true;
      if (lastGroupHadQuantifier && stack.length) stack[stack.length - 1] = true;
      continue;
    }
    const isQuant = ch === '*' || ch === '+' || (ch === '{' && /^\{\d*,?\d*\}/.test(pattern.slice(i)));
    if (isQuant && stack.length) stack[stack.length - 1] = true;
    lastGroupHadQuantifier = false;
  }
  return false;
}

/** Checks a rule a seller (or an import) wrote; throws an AppError that says what to change. */
/** `saved`: the stored rule passed these checks when it was saved (compileRule). */
export function validateRule(spec: SkuRuleSpec, opts: { saved?: boolean } = {}): void {
  switch (spec.kind) {
    case 'strip_prefix':
    case 'strip_suffix':
      if (!spec.text.length) throw bad('要去掉的文字不能为空。', 'The text to strip cannot be empty.');
      return;
    case 'strip_start':
    case 'strip_end':
      if (!Number.isInteger(spec.count) || spec.count < 1 || spec.count > 50)
        throw bad('要去掉的字符数必须是 1 到 50 之间的整数。', 'The number of characters to strip must be a whole number from 1 to 50.');
      return;
    case 'before':
    case 'after':
      if (!spec.separator.length) throw bad('分隔符不能为空。', 'The separator cannot be empty.');
      return;
    case 'between':
      if (!spec.start.length || !spec.end.length)
        throw bad('前后两个分隔符都要填写。', 'Both the opening and the closing separator are needed.');
      return;
    case 'replace':
      if (!spec.from.length) throw bad('要替换的文字不能为空。', 'The text to replace cannot be empty.');
      return;
    case 'regex': {
      if (spec.pattern.length > MAX_PATTERN_LENGTH)
        throw bad(
          `正则表达式太长（${spec.pattern.length} 个字符，最多 ${MAX_PATTERN_LENGTH}）。请改用简单规则，或缩短表达式。`,
          `The regular expression is too long (${spec.pattern.length} characters, at most ${MAX_PATTERN_LENGTH}). Use a simple rule or shorten it.`,
        );
      let re: RegExp;
      try {
        re = new RegExp(spec.pattern, 'u');
      } catch (err) {
        throw bad(
          `正则表达式写法有误：${(err as Error).message}。请检查括号和转义字符。`,
          `The regular expression is not valid: ${(err as Error).message}. Check brackets and escapes.`,
        );
      }
      const groups = captureGroups(re);
      if (groups !== 1)
        throw bad(
          `正则表达式必须正好有一个捕获组“(…)”来圈出ERP SKU，现在有 ${groups} 个。不需要捕获的括号请写成“(?:…)”。`,
          `The regular expression must have exactly one capture group "(…)" around the ERP SKU; it has ${groups}. Write other brackets as "(?:…)".`,
        );
      if (/\\[1-9]|\\k</.test(spec.pattern))
        throw bad('正则表达式不能使用反向引用（\\1、\\k<…>）。', 'The regular expression cannot use back-references (\\1, \\k<…>).');
      if (hasNestedQuantifier(spec.pattern))
        throw bad(
          '正则表达式里有“重复的重复”（例如 (a+)+），匹配时可能卡死。请去掉括号外或括号内的一个 + 或 *。',
          'The regular expression repeats a repetition (such as (a+)+), which can hang while matching. Remove one of the + or * inside or after the brackets.',
        );
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

/** ERP SKUs keyed by their folded form; several ERP SKUs can fold to one key (abc-1 / ABC-1). */
export type ErpIndex = Map<string, string | string[]>;

export function buildErpIndex(erpSkus: Iterable<string>, caseRule: CaseRule): ErpIndex {
  const index: ErpIndex = new Map();
  for (const sku of erpSkus) {
    const k = foldSku(sku, caseRule);
    const cur = index.get(k);
    if (cur === undefined) index.set(k, sku);
    else if (typeof cur === 'string') index.set(k, [cur, sku]);
    else cur.push(sku);
  }
  return index;
}

/**
 * A cheap "could it be a key" test for an index: one bit per (length, first character, last
 * character), each folded to a few bits (length mod 32, code mod 128). A candidate whose bit is
 * clear is in no case a key; one whose bit is set is looked up. Resolve tests a rule's output
 * against it by position, before building and hashing the string.
 */
export type KeyFilter = Uint32Array;

const filterOf = new WeakMap<ErpIndex, KeyFilter>();

function keyBit(len: number, first: number, last: number): number {
  return ((len & 31) << 14) | ((first & 127) << 7) | (last & 127);
}

/** Built once per index (an index is not changed after buildErpIndex; a pass loads a new one). */
export function keyFilter(index: ErpIndex): KeyFilter {
  let bits = filterOf.get(index);
  if (!bits) {
    bits = new Uint32Array(1 << 14);
    for (const k of index.keys()) {
      const b = keyBit(k.length, k.charCodeAt(0), k.charCodeAt(k.length - 1));
      bits[b >>> 5] = (bits[b >>> 5] as number) | (1 << (b & 31));
    }
    filterOf.set(index, bits);
  }
  return bits;
}

/** False when s.slice(start, end) (non-empty) is certainly not a key of the filter's index. */
export function mayBeKey(bits: KeyFilter, s: string, start: number, end: number): boolean {
  const b = keyBit(end - start, s.charCodeAt(start), s.charCodeAt(end - 1));
  return (((bits[b >>> 5] as number) >>> (b & 31)) & 1) === 1;
}

export function lookup(index: ErpIndex, folded: string): string[] {
  const hit = index.get(folded);
  return hit === undefined ? [] : typeof hit === 'string' ? [hit] : hit;
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
