import { describe, expect, it } from 'vitest';

type Dict = { [k: string]: string | Dict };
const modules = import.meta.glob<{ namespace: string; zh: Dict; en: Dict }>(
  ['../../src-renderer/src/locales/*.ts', '../../src-renderer/src/pages/*/locale.ts'],
  { eager: true },
);

function keys(d: Dict, prefix = ''): string[] {
  return Object.entries(d).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`)));
}

function values(d: Dict): string[] {
  return Object.values(d).flatMap((v) => (typeof v === 'string' ? [v] : values(v)));
}

describe('the words on screen', () => {
  it('has every Chinese text in English too, so the language switch never shows a raw key', () => {
    expect(Object.keys(modules).length).toBeGreaterThan(0);
    for (const [file, m] of Object.entries(modules)) {
      expect(keys(m.en).sort(), file).toEqual(keys(m.zh).sort());
    }
  });

  it('writes the Chinese side in Chinese and gives every namespace once', () => {
    const seen = new Set<string>();
    for (const [file, m] of Object.entries(modules)) {
      expect(seen.has(m.namespace), `${file} reuses namespace ${m.namespace}`).toBe(false);
      seen.add(m.namespace);
      const zh = values(m.zh);
      const chinese = zh.filter((v) => /[\u4e00-\u9fff]/.test(v));
      expect(chinese.length / zh.length, file).toBeGreaterThan(0.6);
    }
  });
});
