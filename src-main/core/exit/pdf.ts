/**
 * HTML → PDF through a local Chromium driven by playwright-core, for the CLI and for the PDFs in
 * the export ZIP. Where there is none (a seller's Windows PC, the packaged app) the seller prints
 * each document page from the screen instead; the reason is said, never thrown. No browser is ever
 * downloaded: Debian's /usr/bin/chromium or the one named by CHROMIUM_PATH, or none.
 */
import { CHROMIUM_ARGS, findChromium } from '../platform/chromium';
import type { Bilingual } from '../../../src-shared/bilingual';

/**
 * The paperwork is our own HTML, but it carries text the seller and imports typed (store name,
 * SKUs, notes): the page runs with JavaScript off and a policy that loads nothing from anywhere.
 */
export const PDF_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

export function withPdfCsp(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${PDF_CSP}">`;
  return /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, (m) => `${m}${meta}`) : `${meta}${html}`;
}

export interface PdfRenderer {
  pdf(html: string): Promise<Buffer>;
  close(): Promise<void>;
}

/** A renderer, or the reason there is none (said to the seller, never thrown). */
export async function openPdfRenderer(): Promise<{ renderer: PdfRenderer } | { reason: Bilingual }> {
  const executablePath = findChromium();
  if (!executablePath) {
    return {
      reason: {
        zh: '没有找到可用的 Chromium/Chrome 浏览器，只生成了 HTML。用浏览器打开 HTML 文件并“打印 → 另存为 PDF”即可得到 PDF。',
        en: 'No Chromium/Chrome browser was found, so only HTML was written. Open the HTML files in a browser and print to PDF.',
      },
    };
  }
  let chromium: typeof import('playwright-core').chromium;
  try {
    // Resolved at run time, never bundled: the app's main build must not pull a browser driver in.
    const driver = 'playwright-core';
    ({ chromium } = (await import(/* @vite-ignore */ driver)) as typeof import('playwright-core'));
  } catch {
    return {
      reason: {
        zh: '缺少 playwright-core 组件，只生成了 HTML。用浏览器打开 HTML 文件并“打印 → 另存为 PDF”即可。',
        en: 'playwright-core is not installed, so only HTML was written. Open the HTML files in a browser and print to PDF.',
      },
    };
  }
  try {
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
    const context = await browser.newContext({ offline: true, javaScriptEnabled: false });
    return {
      renderer: {
        async pdf(html: string) {
          const page = await context.newPage();
          try {
            await page.setContent(withPdfCsp(html), { waitUntil: 'load' });
            return await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
          } finally {
            await page.close();
          }
        },
        close: () => browser.close(),
      },
    };
  } catch (err) {
    return {
      reason: {
        zh: `浏览器 ${executablePath} 无法启动（${String(err).slice(0, 200)}），只生成了 HTML。`,
        en: `The browser ${executablePath} could not start (${String(err).slice(0, 200)}), so only HTML was written.`,
      },
    };
  }
}
