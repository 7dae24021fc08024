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

function entries(d: Dict, prefix = ''): [string, string][] {
  return Object.entries(d).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : entries(v, `${prefix}${k}.`),
  );
}

/**
 * Latin words a Chinese seller reads as they are: product and format names, platform terms.
 * Longest first, so "App Key" goes before "App".
 */
export const LATIN_IN_CHINESE = [
  'AliExpress',
  'App Secret',
  'App Key',
  'Tongtool',
  'Excel',
  'XLSX',
  'XLS',
  'CSV',
  'PDF',
  'ZIP',
  'SKU',
  'ERP',
  'JIT',
  'Choice',
  'URL',
  'ID',
  'API',
  'GBK',
  'UTF-8',
  'UTF-16',
  'Big5',
  'POP',
  'JSON',
  'Webhook',
  'Token',
  'App',
  'Chrome',
  'Chromium',
  'Windows',
  'macOS',
  'Alipay',
  'HTML',
  'SQLite',
  'IP',
].sort((a, b) => b.length - a.length);

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
/** Interpolations ({{count}}), tags (<1>), and the allowed words removed: what is left must not be a Latin word. */
function englishLeft(zh: string): string[] {
  let rest = zh
    .replace(/\{\{[^}]*\}\}/g, ' ')
    // File extensions (.xlsx) and an address's parameter names (code=) are typed as they are.
    .replace(/\.[a-z]{2,4}\b|\b[a-z_]+=/g, ' ')
    .replace(/<\/?\d+>/g, ' ')
    .replace(/\$t\([^)]*\)/g, ' ');
  for (const w of LATIN_IN_CHINESE) rest = rest.split(w).join(' ');
  // Codes the seller copies (PT100003-BL, WH-YW, TD-2, e.g.) and units are not words.
  return (rest.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !/^(e\.g|kg|px|ms|min|GB|MB|KB|Kbps)$/i.test(w));
}

/** The language switch names the other language in that language, for a seller who cannot read this one. */
const OTHER_LANGUAGE = new Set(['header.language']);

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

  it('has no English words in the Chinese UI beyond the names a seller reads as they are', () => {
    const found: string[] = [];
    for (const [file, m] of Object.entries(modules))
      for (const [k, v] of entries(m.zh)) {
        if (OTHER_LANGUAGE.has(k)) continue;
        const left = englishLeft(v);
        if (left.length) found.push(`${file} ${k}: ${left.join(', ')} in “${v}”`);
      }
    expect(found).toEqual([]);
  });

  // A Chinese platform term the seller must find on a Chinese page may stay, in quotes.
  it('has no Chinese in the English UI', () => {
    const found: string[] = [];
    for (const [file, m] of Object.entries(modules))
      for (const [k, v] of entries(m.en))
        if (!OTHER_LANGUAGE.has(k) && CJK.test(v.replace(/“[^”]*”|"[^"]*"/g, ''))) found.push(`${file} ${k}: “${v}”`);
    expect(found).toEqual([]);
  });

  it('says 您, never 你, and uses Chinese punctuation between Chinese words', () => {
    const found: string[] = [];
    for (const [file, m] of Object.entries(modules))
      for (const [k, v] of entries(m.zh)) {
        if (v.includes('你')) found.push(`${file} ${k}: 你 in “${v}”`);
        // A half-width colon, comma, semicolon, question or exclamation mark after Chinese (or before it).
        if (new RegExp(`${CJK.source}\\s*[:,;?!]|[:,;?!]\\s*${CJK.source}`).test(v))
          found.push(`${file} ${k}: half-width punctuation in “${v}”`);
      }
    expect(found).toEqual([]);
  });
});
