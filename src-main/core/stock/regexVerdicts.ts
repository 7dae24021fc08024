/**
 * Whether a seller's regular expression is safe to run on every listing SKU: recheck's verdict per
 * pattern (kept for the process, and trusted across starts when resolve stored it under the same
 * basis), checked off the main thread when a channel asks first, and the shapes refused outright.
 */
import { AppError } from '../../../src-shared/errors';
import type { Bilingual } from '../../../src-shared/bilingual';
import { checkSync } from 'recheck';
import { createRequire } from 'node:module';
import { recheckOffThread, type RecheckVerdict } from './regexCheck';

// recheck's in-process engine (Scala.js), not its default of a worker thread driving a native
// binary in a child process: the same answer on a seller's Windows PC and inside the packaged app,
// where neither the binary nor the worker file can be started from the archive. recheck reads
// this when it checks, not when it loads.
process.env.RECHECK_SYNC_BACKEND ??= 'pure';

export function badRule({ zh, en }: Bilingual): AppError {
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
    return badRule({
      zh: '这个正则表达式太复杂，无法确认它在匹配时不会卡住，所以没有保存。请改用简单规则（去前缀、去后缀、分隔符），或把表达式写短。',
      en: 'This regular expression is too complex to prove it cannot hang while matching, so it was not saved. Use a simple rule (prefix, suffix, separator) or shorten it.',
    });
  }
  if (r.status === 'vulnerable' && r.complexity && (r.complexity.type === 'exponential' || (r.complexity.degree ?? 0) >= MAX_DEGREE)) {
    const attack = r.attack?.pattern ? `（例如：${r.attack.pattern.slice(0, 60)}）` : '';
    return badRule({
      zh: `这个正则表达式在某些SKU上匹配会极慢${attack}，可能让程序卡住，所以没有保存。常见原因是可以用多种方式匹配同一段文字，例如 (A|A)*、(a|aa)+、.*-.*-.*。请把“.*”改成不含分隔符的“[^-]*”，或去掉重复的选择。`,
      en: `This regular expression can take extremely long on some SKUs${r.attack?.pattern ? ` (for example ${r.attack.pattern.slice(0, 60)})` : ''} and could hang the app, so it was not saved. The usual cause is several ways to match the same text, such as (A|A)*, (a|aa)+ or .*-.*-.*. Replace ".*" with "[^-]*" (no separator) or remove the repeated alternatives.`,
    });
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
