/**
 * Just enough of a PDF reader to get the text back out of what Chromium (Skia) prints: objects,
 * Flate streams, each Type0 font's ToUnicode map, and the hex strings shown with Tj/TJ. No PDF tool
 * is installed on CI, and the point is to check what a seller would read on the printed page.
 */
import { inflateSync } from 'node:zlib';

function objects(pdf: Buffer): Map<number, { dict: string; stream: Buffer | null }> {
  const out = new Map<number, { dict: string; stream: Buffer | null }>();
  const text = pdf.toString('latin1');
  const re = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const si = body.indexOf('stream');
    let stream: Buffer | null = null;
    let dict = body;
    if (si >= 0) {
      dict = body.slice(0, si);
      const lenMatch = /\/Length (\d+)/.exec(dict);
      let dataStart = start + si + 'stream'.length;
      if (text[dataStart] === '\r') dataStart++;
      if (text[dataStart] === '\n') dataStart++;
      const len = lenMatch ? Number(lenMatch[1]) : text.indexOf('endstream', dataStart) - dataStart;
      const raw = pdf.subarray(dataStart, dataStart + len);
      stream = dict.includes('/FlateDecode') ? inflateSync(raw) : raw;
    }
    out.set(Number(m[1]), { dict, stream });
    re.lastIndex = end;
  }
  return out;
}

function parseCMap(cmap: string): Map<string, string> {
  const map = new Map<string, string>();
  const hexToStr = (h: string) => {
    let s = '';
    for (let i = 0; i < h.length; i += 4) s += String.fromCharCode(parseInt(h.slice(i, i + 4), 16));
    return s;
  };
  for (const block of cmap.match(/beginbfchar([\s\S]*?)endbfchar/g) ?? []) {
    for (const [, src, dst] of block.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(src!.toUpperCase(), hexToStr(dst!));
  }
  for (const block of cmap.match(/beginbfrange([\s\S]*?)endbfrange/g) ?? []) {
    for (const [, lo = '', hi = '', dst = ''] of block.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      const a = parseInt(lo, 16);
      const b = parseInt(hi, 16);
      const d = parseInt(dst, 16);
      for (let c = a; c <= b; c++) map.set(c.toString(16).toUpperCase().padStart(lo.length, '0'), String.fromCharCode(d + c - a));
    }
  }
  return map;
}

/** The text of every page, in drawing order (no spaces added between runs). */
export function pdfText(pdf: Buffer): string {
  const objs = objects(pdf);
  const fontMaps = new Map<number, { map: Map<string, string>; width: number }>();
  for (const [id, o] of objs) {
    const tu = /\/ToUnicode (\d+) 0 R/.exec(o.dict);
    if (/\/Type \/Font/.test(o.dict) && tu) {
      const cmap = objs.get(Number(tu[1]))?.stream?.toString('latin1') ?? '';
      const width = /begincodespacerange\s*<([0-9A-Fa-f]+)>/.exec(cmap)?.[1]!.length ?? 4;
      fontMaps.set(id, { map: parseCMap(cmap), width });
    }
  }
  let text = '';
  for (const o of objs.values()) {
    if (!/\/Type \/Page\b/.test(o.dict)) continue;
    const fonts = new Map<string, number>();
    const fontBlock = /\/Font <<([\s\S]*?)>>/.exec(o.dict)?.[1] ?? '';
    for (const [, name, ref] of fontBlock.matchAll(/\/(\w+) (\d+) 0 R/g)) fonts.set(name!, Number(ref));
    for (const [, ref] of o.dict.matchAll(/\/Contents (\d+) 0 R/g)) {
      const content = objs.get(Number(ref))?.stream?.toString('latin1') ?? '';
      let font: { map: Map<string, string>; width: number } | undefined;
      for (const tok of content.matchAll(/\/(\w+) [\d.]+ Tf|\[((?:[^\]])*)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj/g)) {
        if (tok[1]) font = fontMaps.get(fonts.get(tok[1]) ?? -1);
        const hexes =
          tok[2] !== undefined ? [...tok[2].matchAll(/<([0-9A-Fa-f]*)>/g)].map((x) => x[1]!) : tok[3] !== undefined ? [tok[3]] : [];
        for (const h of hexes) {
          if (!font) continue;
          for (let i = 0; i < h.length; i += font.width) text += font.map.get(h.slice(i, i + font.width).toUpperCase()) ?? '';
        }
      }
      text += '\n';
    }
  }
  return text;
}
