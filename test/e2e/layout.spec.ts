/// <reference lib="dom" />
/**
 * Every screen at 1366×768 (a common laptop), in Chinese and in English, on the demo store with a
 * 60-character company name: every area, every wizard step, every tab, the fit result and the exit's
 * printable documents. A screen fails when the page scrolls sideways, when a visible element sticks
 * out past the window's right edge, or when text is cut off by a box that hides its overflow without
 * the ellipsis-and-tooltip antd gives on purpose. A screenshot of each screen goes to test-results/.
 */
import type { Page } from '@playwright/test';
import { test, expect, pageCall, startDemo } from './fixtures';

test.use({ viewport: { width: 1366, height: 768 } });

/** 60 characters: the longest name the header accepts. */
const LONG_NAME =
  '义乌市小张日用百货有限公司全托管旗舰店（浙江金华义乌国际商贸城五区东门对面二楼）跨境电商事业部华东大区运营中心第三分部二';

const call = pageCall;

/** What is wrong with the layout of the screen shown, as readable lines (empty when it fits). */
function layoutProblems(): string[] {
  const vw = document.documentElement.clientWidth;
  const problems: string[] = [];
  const describe = (el: Element) => {
    const id = el.getAttribute('data-testid');
    const cls = typeof el.className === 'string' ? el.className.split(/\s+/).slice(0, 2).join('.') : '';
    return `<${el.tagName.toLowerCase()}${id ? ` data-testid=${id}` : ''}${cls ? ` .${cls}` : ''}> “${(el.textContent ?? '').trim().slice(0, 40)}”`;
  };
  if (document.documentElement.scrollWidth > vw)
    problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${vw}`);
  const clips = (cs: CSSStyleDeclaration) => cs.overflowX !== 'visible';
  /** Shown to the seller: laid out, not hidden, not one of antd's off-screen measuring copies. */
  const shown = (el: Element, r: DOMRect) => {
    if (r.width === 0 || r.height === 0) return false;
    if (el.closest('[aria-hidden="true"], .ant-select-dropdown-hidden, .ant-tooltip-hidden, .ant-popover-hidden')) return false;
    const cs = getComputedStyle(el);
    return cs.visibility !== 'hidden' && cs.opacity !== '0';
  };
  /** The ellipsis antd draws on purpose, with the full text in a title or a tooltip. */
  const intended = (el: Element) =>
    !!el.closest(
      '[title], .ant-typography-ellipsis, .ant-table-cell-ellipsis, .ant-select-selection-item, .ant-select-content, .ant-select-selection-search, .ant-menu-inline-collapsed, .ant-tabs-nav-list',
    );
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    const r = el.getBoundingClientRect();
    if (!shown(el, r)) continue;
    // Sticking out on the right, unless a scrolling or clipping box (a wide table) holds it.
    if (r.right > vw + 1) {
      let held = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (clips(getComputedStyle(p))) held = true;
      if (!held && getComputedStyle(el).position !== 'fixed')
        problems.push(`sticks out by ${Math.round(r.right - vw)} px: ${describe(el)}`);
    }
    // Text cut off: a box of its own text that hides what does not fit, or text that runs past the
    // edge of a box around it that hides its overflow (a scrolling box shows it on scrolling).
    const cs = getComputedStyle(el);
    const ownText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
    if (!ownText || intended(el)) continue;
    if ((cs.overflowX === 'hidden' || cs.overflowX === 'clip') && el.scrollWidth > el.clientWidth + 1)
      problems.push(`text cut off (${el.scrollWidth} > ${el.clientWidth}): ${describe(el)}`);
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const ps = getComputedStyle(p);
      // A table's header and virtual body scroll sideways with its scroll bar, though they say hidden.
      if (
        ps.overflowX === 'auto' ||
        ps.overflowX === 'scroll' ||
        p.matches('.ant-table-header, .ant-table-tbody-virtual, .ant-table-tbody-virtual *')
      )
        break;
      if ((ps.overflowX === 'hidden' || ps.overflowX === 'clip') && r.right > p.getBoundingClientRect().right + 1) {
        problems.push(`text runs past a box that hides it: ${describe(el)} in ${describe(p)}`);
        break;
      }
    }
  }
  // The header is one line: nothing in it wraps below or above its bar.
  const header = document.querySelector('.ant-layout-header');
  if (header) {
    const h = header.getBoundingClientRect();
    for (const el of Array.from(header.querySelectorAll('*'))) {
      const r = el.getBoundingClientRect();
      if (shown(el, r) && (r.top < h.top - 1 || r.bottom > h.bottom + 1)) problems.push(`spills out of the header: ${describe(el)}`);
    }
  }
  return problems;
}

async function check(app: Page, lang: string, name: string) {
  // Fonts and lazily loaded areas settle before measuring. Not 'networkidle': the page's event
  // stream (a fetch that stays open) keeps the network busy for as long as the page is open.
  await expect(app.locator('.ant-spin-spinning, .ant-skeleton-active')).toHaveCount(0);
  await app.evaluate(() => document.fonts.ready);
  // Two frames, so what the last answer changed is laid out before it is measured.
  await app.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  await app.screenshot({ path: test.info().outputPath(`${lang}-${name}.png`), fullPage: true });
  const problems = await app.evaluate(layoutProblems);
  expect.soft(problems, `${lang} ${name}`).toEqual([]);
}

async function visit(app: Page, hash: string) {
  await app.evaluate((h) => (location.hash = h), hash);
  await expect(app.locator('.ant-layout-content')).not.toBeEmpty();
  await expect(app.locator('.ant-spin-spinning')).toHaveCount(0);
}

/** Clicks step `i` of the antd Steps inside `within` (they are all reachable in the seeded cases). */
async function step(app: Page, steps: string, i: number) {
  await app.getByTestId(steps).locator('.ant-steps-item').nth(i).locator('.ant-steps-item-title').first().click();
}

test('every screen fits 1366×768 in Chinese and in English, with a 60-character store name', async ({ app }) => {
  test.setTimeout(300_000);
  await startDemo(app);
  expect(LONG_NAME).toHaveLength(60);
  await call(app, 'settings.set', { storeName: LONG_NAME });
  // Something on every screen: a fit result, an exit that reached its last step with its paperwork,
  // stock read and listings, and a deposit case waiting for the refund.
  await call(app, 'fit.save', {
    makesGoods: true,
    crossBorderExperience: false,
    supplyEdge: 'strong',
    capital: 'ample',
    productKind: 'standard',
    invited: true,
    numbers: { unitCostFen: 2000, supplyPriceFen: 3500, ownPriceFen: 5900, ownFeesFen: 1800 },
  });
  await call(app, 'exit.open');
  await call(app, 'exit.setReason', { reason: 'competition' });
  for (const key of ['agreement', 'process', 'notes']) await call(app, 'exit.confirmAgreement', { key, confirmed: true });
  for (const key of ['orders', 'disputes', 'debts']) await call(app, 'exit.answerReadiness', { key, answer: 'clear' });
  await call(app, 'exit.submit', { submittedOn: '2026-09-30', applicationNo: 'TD-LAYOUT-20260930-0001' });
  await call(app, 'exit.review', { outcome: 'approved', decidedOn: '2026-10-12' });
  await call(app, 'exit.linkDeposit');
  await call(app, 'exit.savePartner', {
    kind: 'logistics',
    name: '菜鸟国际物流有限公司华东区跨境电商服务中心',
    status: 'terminated',
    statusOn: '2026-10-12',
  });
  // Done and after: confirmed before the listings are read (nothing is bound yet), so all six steps open.
  await call(app, 'exit.confirmDone', { confirmedOn: '2026-10-20', storeStatus: '已退店' });
  await call(app, 'connect.useDemo', { reviewMode: 'instant' });
  await call(app, 'auto.run', { sync: true, send: false });
  await call(app, 'sku.listings.refresh');
  await call(app, 'deposit.setStatus', { status: 'refundable', depositYuan: '10000' });
  for (const key of ['disputes', 'orders', 'debts']) await call(app, 'deposit.setCheck', { key, answer: 'clear' });
  await call(app, 'deposit.apply', {
    reason: '刚开通全托管，不想做了',
    amountYuan: '10000',
    alipayAccount: 'zhang.xiaoming.yiwu@example.com',
  });
  await call(app, 'deposit.review', { outcome: 'approved' });

  for (const lang of ['zh-CN', 'en-US'] as const) {
    await call(app, 'settings.set', { language: lang });
    await app.reload();
    await expect(app.getByTestId('store-name')).toBeVisible();

    await visit(app, '#/home');
    await check(app, lang, 'home');

    await visit(app, '#/stock');
    await expect(app.getByTestId('stock-steps').locator('.ant-steps-item')).toHaveCount(6);
    for (let i = 0; i < 6; i++) {
      await step(app, 'stock-steps', i);
      await check(app, lang, `stock-${i}`);
    }
    // The manual-link column, where the seller works, is in view (fixed on the right, for windows narrower than the table).
    await step(app, 'stock-steps', 3);
    const linkHead = app
      .getByTestId('mapping-table')
      .locator('thead th')
      .filter({ hasText: /^(手动关联|Link by hand)$/ });
    const box = (await linkHead.boundingBox())!;
    expect.soft(box.x + box.width, `${lang}: the manual-link column is in view`).toBeLessThanOrEqual(1366);
    await expect(app.getByTestId('mapping-table').locator('.ant-table-tbody-virtual .ant-table-cell-fix-end').first()).toBeVisible();

    await visit(app, '#/auto');
    const tabs = app.locator('[data-testid=auto-dashboard] .ant-tabs-tab');
    await expect(tabs).toHaveCount(6);
    const n = 6;
    for (let i = 0; i < n; i++) {
      await tabs.nth(i).click();
      await check(app, lang, `auto-tab-${i}`);
    }

    await visit(app, '#/exit');
    const exitSteps = app.getByTestId('exit-steps').locator('.ant-steps-item');
    await expect(exitSteps).toHaveCount(6);
    const stepsCount = 6;
    for (let i = 0; i < stepsCount; i++) {
      await step(app, 'exit-steps', i);
      await check(app, lang, `exit-${i}`);
    }
    await expect(app.locator('[data-testid^=exit-doc-]').first()).toBeVisible();
    const docs = await app.locator('[data-testid^=exit-doc-]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!));
    for (const doc of docs) {
      await app.getByTestId(doc).click();
      await expect(app.getByTestId('exit-print-doc')).toBeVisible();
      await check(app, lang, doc);
      await app.goBack();
    }

    await visit(app, '#/deposit');
    const depSteps = app.getByTestId('deposit-steps').locator('.ant-steps-item');
    await expect(depSteps).toHaveCount(5);
    for (let i = 0; i < 5; i++) {
      await step(app, 'deposit-steps', i);
      await check(app, lang, `deposit-${i}`);
    }

    for (const area of ['fit', 'settings', 'help']) {
      await visit(app, `#/${area}`);
      await check(app, lang, area);
    }
  }
});

/**
 * Where the mapping table's columns sit behind its fixed manual-link column, with the table scrolled
 * to its start as the step opens it: a header that ends past the fixed column's left edge, or a
 * 结果 cell (seen in the window) whose right edge runs under it or whose centre shows another element.
 */
function mappingColumnsCovered(): { problems: string[]; resultCells: number } {
  const table = document.querySelector('[data-testid=mapping-table]')!;
  const heads = Array.from(table.querySelectorAll('thead th:not(.ant-table-cell-scrollbar)'));
  const fixed = heads.find((th) => th.classList.contains('ant-table-cell-fix-end'));
  if (!fixed) return { problems: ['no fixed manual-link column'], resultCells: 0 };
  const edge = fixed.getBoundingClientRect().left;
  const problems: string[] = [];
  for (const th of heads) {
    const r = th.getBoundingClientRect();
    if (th !== fixed && r.right > edge + 1)
      problems.push(`column “${th.textContent}” ends at ${Math.round(r.right)}, under the fixed column from ${Math.round(edge)}`);
  }
  const at = heads.findIndex((th) => /^(结果|Result)$/.test((th.textContent ?? '').trim()));
  if (at < 0) return { problems: [...problems, 'no 结果 column'], resultCells: 0 };
  const body = table.querySelector('.ant-table-tbody-virtual-holder')!.getBoundingClientRect();
  let resultCells = 0;
  for (const row of Array.from(table.querySelectorAll('.ant-table-tbody-virtual .ant-table-row'))) {
    const cell = row.querySelectorAll(':scope > .ant-table-cell')[at];
    if (!cell) continue;
    const r = cell.getBoundingClientRect();
    const y = r.top + r.height / 2;
    // Only rows the seller sees: inside the table's scrolled body and inside the window.
    if (y < Math.max(body.top, 0) || y > Math.min(body.bottom, window.innerHeight)) continue;
    resultCells++;
    const text = (cell.textContent ?? '').slice(0, 30);
    if (r.right > edge + 1)
      problems.push(`结果 cell “${text}” ends at ${Math.round(r.right)}, under the fixed column from ${Math.round(edge)}`);
    const hit = document.elementFromPoint(r.left + r.width / 2, y);
    if (!hit || !cell.contains(hit)) {
      const over = hit?.closest('.ant-table-cell');
      problems.push(
        `结果 cell “${text}”: its centre shows ${over ? `the cell “${(over.textContent ?? '').slice(0, 30)}”` : (hit?.tagName ?? 'nothing')}`,
      );
    }
  }
  return { problems, resultCells };
}

test('the mapping table shows every column beside its fixed manual-link column at common office widths', async ({ app }) => {
  test.setTimeout(120_000);
  await startDemo(app);
  await call(app, 'connect.useDemo', { reviewMode: 'instant' });
  await call(app, 'auto.run', { sync: true, send: false });
  await call(app, 'sku.listings.refresh');
  for (const lang of ['zh-CN', 'en-US'] as const) {
    await call(app, 'settings.set', { language: lang });
    for (const width of [1280, 1366, 1385, 1440, 1920]) {
      // A window that wide on Windows loses 17 px to the page's scroll bar; headless Chromium draws none.
      await app.setViewportSize({ width: width - 17, height: 768 });
      await app.reload();
      await visit(app, '#/stock');
      await step(app, 'stock-steps', 3);
      const table = app.getByTestId('mapping-table');
      await expect(table.locator('.ant-table-tbody-virtual .ant-table-row').first()).toBeVisible();
      await table.locator('.ant-table-tbody-virtual-holder').scrollIntoViewIfNeeded();
      await app.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      await app.screenshot({ path: test.info().outputPath(`${lang}-mapping-${width}.png`) });
      const { problems, resultCells } = await app.evaluate(mappingColumnsCovered);
      expect.soft(resultCells, `${lang} ${width}: 结果 cells in view`).toBeGreaterThan(0);
      expect.soft(problems, `${lang} ${width}`).toEqual([]);
    }
  }
});
