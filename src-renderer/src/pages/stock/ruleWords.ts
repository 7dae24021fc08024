/**
 * A SKU rule said in words, as the seller would say it: "去掉前缀“ABC-”，再按不区分大小写匹配"
 * instead of the stored spec's JSON.
 */
import type { CaseRule, SkuRuleSpec } from '../../../../src-shared/types/stock';

type Lang = 'zh-CN' | 'en-US';

const q = (s: string, lang: Lang) => (lang === 'zh-CN' ? `“${s}”` : `"${s}"`);
const nth = (o: 'first' | 'last' | undefined, lang: Lang) =>
  lang === 'zh-CN' ? (o === 'last' ? '最后一个' : '第一个') : o === 'last' ? 'the last' : 'the first';

/** What the rule does to the listing's SKU. */
export function ruleWords(spec: SkuRuleSpec, lang: Lang): string {
  const zh = lang === 'zh-CN';
  switch (spec.kind) {
    case 'strip_prefix':
      return zh ? `去掉前缀${q(spec.text, lang)}` : `Strip the prefix ${q(spec.text, lang)}`;
    case 'strip_suffix':
      return zh ? `去掉后缀${q(spec.text, lang)}` : `Strip the suffix ${q(spec.text, lang)}`;
    case 'strip_start':
      return zh ? `去掉开头 ${spec.count} 个字符` : `Strip the first ${spec.count} character${spec.count === 1 ? '' : 's'}`;
    case 'strip_end':
      return zh ? `去掉末尾 ${spec.count} 个字符` : `Strip the last ${spec.count} character${spec.count === 1 ? '' : 's'}`;
    case 'before':
      return zh
        ? `保留${nth(spec.occurrence, lang)}${q(spec.separator, lang)}之前的部分`
        : `Keep what comes before ${nth(spec.occurrence, lang)} ${q(spec.separator, lang)}`;
    case 'after':
      return zh
        ? `保留${nth(spec.occurrence, lang)}${q(spec.separator, lang)}之后的部分`
        : `Keep what comes after ${nth(spec.occurrence, lang)} ${q(spec.separator, lang)}`;
    case 'between':
      return zh
        ? `保留${q(spec.start, lang)}和${q(spec.end, lang)}之间的部分`
        : `Keep what is between ${q(spec.start, lang)} and ${q(spec.end, lang)}`;
    case 'replace':
      return zh
        ? spec.to
          ? `把${q(spec.from, lang)}换成${q(spec.to, lang)}`
          : `删掉${q(spec.from, lang)}`
        : spec.to
          ? `Replace ${q(spec.from, lang)} with ${q(spec.to, lang)}`
          : `Remove ${q(spec.from, lang)}`;
    case 'regex':
      return zh ? `按正则表达式 ${spec.pattern} 取出SKU` : `Take the SKU matched by the regular expression ${spec.pattern}`;
  }
}

/** The rule, then how the result is compared with the ERP's SKUs. */
export function ruleSentence(spec: SkuRuleSpec, caseRule: CaseRule | undefined, lang: Lang): string {
  const words = ruleWords(spec, lang);
  if (!caseRule) return words;
  if (lang === 'zh-CN') return `${words}，再按${caseRule === 'sensitive' ? '区分' : '不区分'}大小写匹配`;
  return `${words}, then match ${caseRule === 'sensitive' ? 'with' : 'ignoring'} letter case`;
}
