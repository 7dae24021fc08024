/**
 * Paired warehouse names must be equal character for character: the real system silently stops
 * syncing stock otherwise. So the check is exact, and every near-miss is explained in the seller's
 * words (which character, where, and why it differs), with the exact name to use.
 */
import type { WarehouseNameCheck, WarehouseNameIssue } from '../../../src-shared/types/stock';
import type { Bilingual } from '../../../src-shared/bilingual';

const SPACE = /[\s\u3000\u00A0]/;
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/;

/** Characters that look alike but are different code points, grouped by how they look. */
const LOOKALIKE_GROUPS = [
  'O0ОΟ〇',
  'oоο',
  'l1I|ӏІ',
  'aа',
  'AАΑ',
  'BВΒ',
  'cс',
  'CСϹ',
  'eе',
  'EЕΕ',
  'HНΗ',
  'KКΚ',
  'MМΜ',
  'pр',
  'PРΡ',
  'TТΤ',
  'xх',
  'XХΧ',
  'yу',
  'YΥ',
  'ZΖ',
  'NΝ',
  'S5Ѕ',
  'sѕ',
  'iіı',
  'jј',
  'B8',
  '-‐‑‒–—―一－ー',
];
const LOOKALIKE = new Map<string, number>();
LOOKALIKE_GROUPS.forEach((g, i) => {
  for (const ch of g) LOOKALIKE.set(ch, i);
});

function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** "О" (U+041E, 西里尔字母 Cyrillic) — enough for a seller to see two look-alikes are different. */
export function describeChar(ch: string): Bilingual {
  const cp = ch.codePointAt(0) ?? 0;
  let kind: Bilingual = { zh: '', en: '' };
  if (ch === ' ') kind = { zh: '半角空格', en: 'space' };
  else if (ch === '\u3000') kind = { zh: '全角空格', en: 'full-width space' };
  else if (ch === '\u00A0') kind = { zh: '不换行空格', en: 'non-breaking space' };
  else if (ch === '\t') kind = { zh: '制表符', en: 'tab' };
  else if (INVISIBLE.test(ch)) kind = { zh: '看不见的零宽字符', en: 'invisible zero-width character' };
  else if (cp >= 0xff01 && cp <= 0xff5e) kind = { zh: '全角', en: 'full-width' };
  else if (cp >= 0x0400 && cp <= 0x04ff) kind = { zh: '西里尔字母', en: 'Cyrillic' };
  else if (cp >= 0x0370 && cp <= 0x03ff) kind = { zh: '希腊字母', en: 'Greek' };
  else if (/[0-9]/.test(ch)) kind = { zh: '数字', en: 'digit' };
  else if (/[A-Z]/.test(ch)) kind = { zh: '大写拉丁字母', en: 'upper-case Latin letter' };
  else if (/[a-z]/.test(ch)) kind = { zh: '小写拉丁字母', en: 'lower-case Latin letter' };
  else if (/[\u4e00-\u9fff]/.test(ch)) kind = { zh: '汉字', en: 'Chinese character' };
  const shown = SPACE.test(ch) || INVISIBLE.test(ch) ? '' : `“${ch}” `;
  const shownEn = SPACE.test(ch) || INVISIBLE.test(ch) ? '' : `"${ch}" `;
  return {
    zh: `${shown}(${codePoint(ch)}${kind.zh ? `，${kind.zh}` : ''})`,
    en: `${shownEn}(${codePoint(ch)}${kind.en ? `, ${kind.en}` : ''})`,
  };
}

/** How two characters at the same place differ, as classify tells it. */
type CharDifference = Extract<WarehouseNameIssue['kind'], 'width' | 'case' | 'lookalike' | 'different'>;

const CHAR_DIFFERENCE: Record<CharDifference, Bilingual> = {
  width: { zh: '全角/半角不同', en: 'full-width vs half-width' },
  case: { zh: '大小写不同', en: 'different letter case' },
  lookalike: { zh: '长得像但不是同一个字符', en: 'look-alike characters, not the same one' },
  different: { zh: '字符不同', en: 'different characters' },
};

function classify(a: string, b: string): CharDifference {
  const na = a.normalize('NFKC');
  const nb = b.normalize('NFKC');
  if (na === nb) return 'width';
  if (na.toLowerCase() === nb.toLowerCase()) return na === a && nb === b ? 'case' : 'width';
  const ga = LOOKALIKE.get(a) ?? LOOKALIKE.get(na);
  if (ga !== undefined && ga === (LOOKALIKE.get(b) ?? LOOKALIKE.get(nb))) return 'lookalike';
  if (SPACE.test(a) && SPACE.test(b)) return 'width';
  return 'different';
}

/** Near-misses cost less than unrelated characters, so the alignment pairs Ａ with A, not with a space. */
function subCost(a: string, b: string): number {
  if (a === b) return 0;
  return classify(a, b) === 'different' ? 1 : 0.5;
}

type Op = { op: 'same' | 'sub' | 'del' | 'ins'; a?: string; b?: string; posA: number; posB: number };

/** Edit script from a (store name) to b (ERP name), by code point; names are short. */
function diff(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const d: number[][] = Array.from({ length: n + 1 }, (_, i) => [i, ...new Array<number>(m).fill(0)]);
  for (let j = 0; j <= m; j++) d[0]![j] = j;
  for (let i = 1; i <= n; i++)
    for (let j = 1; j <= m; j++)
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + subCost(a[i - 1]!, b[j - 1]!));
  const ops: Op[] = [];
  let i = n;
  let j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && d[i]![j]! === d[i - 1]![j - 1]! + subCost(a[i - 1]!, b[j - 1]!)) {
      ops.push({ op: a[i - 1] === b[j - 1] ? 'same' : 'sub', a: a[i - 1], b: b[j - 1], posA: i, posB: j });
      i--;
      j--;
    } else if (i > 0 && d[i]![j]! === d[i - 1]![j]! + 1) {
      ops.push({ op: 'del', a: a[i - 1], posA: i, posB: j });
      i--;
    } else {
      ops.push({ op: 'ins', b: b[j - 1], posA: i, posB: j });
      j--;
    }
  }
  return ops.reverse();
}

/**
 * Compares the store warehouse name with the ERP warehouse name it is paired with. Positions are
 * 1-based character positions in the store name, as a seller would count them.
 */
export function checkWarehouseName(storeName: string, erpName: string): WarehouseNameCheck {
  if (storeName === erpName) return { match: true, storeName, erpName, exactName: erpName, issues: [] };
  const a = [...storeName];
  const b = [...erpName];
  const issues: WarehouseNameIssue[] = [];
  // Leading and trailing spaces are aligned on their own, so a stray space is never paired with a letter.
  const lead = (x: string[]) => x.findIndex((c) => !SPACE.test(c));
  const la = lead(a) < 0 ? a.length : lead(a);
  const lb = lead(b) < 0 ? b.length : lead(b);
  const ta = la === a.length ? 0 : a.length - 1 - a.findLastIndex((c) => !SPACE.test(c));
  const tb = lb === b.length ? 0 : b.length - 1 - b.findLastIndex((c) => !SPACE.test(c));
  const shift = (ops: Op[], da: number, db: number) => ops.map((o) => ({ ...o, posA: o.posA + da, posB: o.posB + db }));
  const ops = [
    ...diff(a.slice(0, la), b.slice(0, lb)),
    ...shift(diff(a.slice(la, a.length - ta), b.slice(lb, b.length - tb)), la, lb),
    ...shift(diff(a.slice(a.length - ta), b.slice(b.length - tb)), a.length - ta, b.length - tb),
  ];
  for (const o of ops) {
    if (o.op === 'same') continue;
    if (o.op === 'del' || o.op === 'ins') {
      const ch = (o.op === 'del' ? o.a : o.b) as string;
      const where = o.op === 'del' ? o.posA : o.posA + 1;
      const isSpace = SPACE.test(ch);
      const atStart =
        o.op === 'del'
          ? a.slice(0, o.posA - 1).every((c) => SPACE.test(c))
          : o.posA === 0 || a.slice(0, o.posA).every((c) => SPACE.test(c));
      const atEnd = o.op === 'del' ? a.slice(o.posA).every((c) => SPACE.test(c)) : a.slice(o.posA).every((c) => SPACE.test(c));
      const kind: WarehouseNameIssue['kind'] = INVISIBLE.test(ch)
        ? 'invisible'
        : isSpace && atStart
          ? 'leading_space'
          : isSpace && atEnd
            ? 'trailing_space'
            : isSpace
              ? 'inner_space'
              : o.op === 'del'
                ? 'extra'
                : 'missing';
      const c = describeChar(ch);
      const place =
        kind === 'leading_space'
          ? ['开头', 'at the start']
          : kind === 'trailing_space'
            ? ['末尾', 'at the end']
            : [`第 ${where} 个字符处`, `at character ${where}`];
      issues.push(
        o.op === 'del'
          ? {
              kind,
              position: where,
              storeChar: ch,
              zh: `店铺仓库名${place[0]}多了 ${c.zh}，ERP仓库名里没有。`,
              en: `The store warehouse name has an extra ${c.en} ${place[1]} that the ERP name lacks.`,
            }
          : {
              kind,
              position: where,
              erpChar: ch,
              zh: `店铺仓库名${place[0]}少了 ${c.zh}，ERP仓库名里有。`,
              en: `The store warehouse name lacks ${c.en} ${place[1]} that the ERP name has.`,
            },
      );
      continue;
    }
    const sa = o.a as string;
    const sb = o.b as string;
    const kind = classify(sa, sb);
    const ca = describeChar(sa);
    const cb = describeChar(sb);
    issues.push({
      kind,
      position: o.posA,
      storeChar: sa,
      erpChar: sb,
      zh: `第 ${o.posA} 个字符：店铺仓库名是 ${ca.zh}，ERP仓库名是 ${cb.zh}（${CHAR_DIFFERENCE[kind].zh}）。`,
      en: `Character ${o.posA}: the store name has ${ca.en}, the ERP name has ${cb.en} (${CHAR_DIFFERENCE[kind].en}).`,
    });
  }
  return { match: false, storeName, erpName, exactName: erpName, issues };
}
