/** SKU rules are shown in words, never as the stored JSON. */
import { describe, expect, it } from 'vitest';
import type { SkuRuleSpec } from '../../src-shared/types/stock';
import { ruleSentence, ruleWords } from '../../src-renderer/src/pages/stock/ruleWords';

const EVERY: SkuRuleSpec[] = [
  { kind: 'strip_prefix', text: 'ABC-' },
  { kind: 'strip_suffix', text: '-CN' },
  { kind: 'strip_start', count: 3 },
  { kind: 'strip_end', count: 1 },
  { kind: 'before', separator: '#' },
  { kind: 'after', separator: '/', occurrence: 'last' },
  { kind: 'between', start: '[', end: ']' },
  { kind: 'replace', from: '_', to: '-' },
  { kind: 'replace', from: ' ', to: '' },
  { kind: 'regex', pattern: '^X-(.*)$' },
];

describe('rules in words', () => {
  it('says the example in the issue as a seller would', () => {
    expect(ruleSentence({ kind: 'strip_prefix', text: 'ABC-' }, 'insensitive', 'zh-CN')).toBe('去掉前缀“ABC-”，再按不区分大小写匹配');
    expect(ruleSentence({ kind: 'strip_prefix', text: 'ABC-' }, 'sensitive', 'en-US')).toBe(
      'Strip the prefix "ABC-", then match with letter case',
    );
  });

  it('words each kind in both languages, with no JSON, no field names and no English in the Chinese', () => {
    expect(ruleWords(EVERY[2]!, 'zh-CN')).toBe('去掉开头 3 个字符');
    expect(ruleWords(EVERY[5]!, 'zh-CN')).toBe('保留最后一个“/”之后的部分');
    expect(ruleWords(EVERY[7]!, 'zh-CN')).toBe('把“_”换成“-”');
    expect(ruleWords(EVERY[8]!, 'en-US')).toBe('Remove " "');
    for (const spec of EVERY)
      for (const lang of ['zh-CN', 'en-US'] as const) {
        const w = ruleWords(spec, lang);
        expect(w).not.toMatch(/[{}]|"kind"|separator|occurrence|strip_|undefined/);
        if (lang === 'zh-CN')
          expect(
            w
              .replace(/“[^”]*”/g, '')
              .replace(spec.kind === 'regex' ? spec.pattern : '\u0000', '')
              .replace('SKU', ''),
          ).not.toMatch(/[A-Za-z]{2,}/);
      }
  });
});
