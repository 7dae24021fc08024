/**
 * The stock setup wizard as a seller clicks through it in the demo store: fix a warehouse-name
 * near-miss, sync and see the history row, add a prefix rule and watch unresolved SKUs fall, link
 * one SKU by hand, link listings to a warehouse in a batch and undo it. Then what a hurried seller
 * does: double clicks that must act once, and a deletion that asks first.
 */
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { test, expect, startDemo, pageCall } from './fixtures';

const option = (app: Page, text: string | RegExp) =>
  app.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
const unresolvedOf = async (app: Page) => Number(/未关联 (\d+)/.exec((await app.getByTestId('mapping-counts').textContent()) ?? '')?.[1]);

test('stock setup: all five steps on the demo store', async ({ app }) => {
  await startDemo(app);
  await app.getByRole('menuitem', { name: '库存自动绑定/解绑' }).click();
  await expect(app.getByTestId('stock-wizard')).toBeVisible();

  // ① warehouses: read the ERP's, add the store's "义乌仓", pair it, see the near-miss, fix it
  await app.getByRole('button', { name: '从库存来源读取仓库' }).click();
  await expect(app.getByText('WH-YW')).toBeVisible();
  // "过期" says what it counts: figures kept, never taken as 0.
  await app.getByTestId('erp-stale-head').hover();
  await expect(app.getByRole('tooltip')).toContainText('不会当作0');
  // The step's checklist follows what was just done, without a reload.
  await expect(app.getByTestId('stock-step-todo')).not.toContainText('读取ERP仓库');
  await expect(app.getByTestId('stock-step-todo')).toContainText('添加或复用一个店铺仓库');
  await app.getByTestId('store-warehouse-name').fill('义乌仓');
  await app.getByTestId('store-warehouse-add').click();
  const card = app.locator('[data-testid^=store-warehouse-]').filter({ hasText: '义乌仓' }).first();
  await card.locator('.ant-select').first().click(); // the pairing select (the counting one follows)
  await option(app, 'WH-YW').click();
  await expect(card).toContainText('名称不一致');
  await expect(card).toContainText('末尾少了');
  await card.getByRole('button', { name: /改为/ }).click();
  await expect(card).toContainText('名称完全一致');
  await app.getByTestId('store-warehouse-name').fill('深圳仓');
  await app.getByTestId('store-warehouse-add').click();
  const sz = app.locator('[data-testid^=store-warehouse-]').filter({ hasText: '“深圳仓”' }).first();
  await sz.locator('.ant-select').first().click();
  await option(app, 'WH-SZ').click();
  await expect(sz).toContainText('名称完全一致');
  await expect(app.getByTestId('stock-step-todo')).toHaveCount(0);
  await expect(app.getByTestId('stock-steps').locator('.ant-steps-item').first()).toContainText('已完成');

  // ② categories come with the first read: the step offers that read itself, then shows the switches
  await app.getByTestId('stock-steps').getByText('ERP产品分类同步').click();
  await expect(app.getByText('还没有ERP分类')).toBeVisible();
  await app.getByTestId('cat-sync-now').click();
  await expect(app.getByTestId('cat-switch-服装/T恤')).toBeVisible();
  await expect(app.getByText('还没有ERP分类')).toHaveCount(0);
  // …and the ERP goods under them, with their stock, from the same read
  await expect(app.getByText('DC100005-BK', { exact: true })).toBeVisible();

  // ③ that read is in the history; sync again from here
  await app.getByTestId('stock-steps').getByText('同步设置').click();
  await expect(app.getByTestId('sync-interval')).toHaveValue('30');
  await expect(app.getByTestId('sync-history').locator('.ant-tag').filter({ hasText: '成功' }).first()).toBeVisible();
  await expect(app.getByTestId('sync-history')).toContainText('全量读取');
  // Each figure of a run in its own column, so runs compare down the column.
  const history = app.getByTestId('sync-history');
  await expect(history.locator('thead th')).toContainText(['读取', '写入', '变化', '跳过', '过期']);
  const readAt = await history.locator('thead th').evaluateAll((ths) => ths.findIndex((th) => th.textContent === '读取'));
  await expect(history.locator('tbody tr').first().locator('td').nth(readAt)).toHaveText(/^[\d,]+$/);
  await app.getByTestId('sync-now').click();
  await expect(app.getByTestId('sync-history').locator('tbody tr')).toHaveCount(2);

  // ④ mapping: read listings, add a previewed prefix rule, unresolved falls; link one by hand
  await app.getByTestId('stock-steps').getByText('SKU关联').click();
  await app.getByRole('button', { name: '从速卖通读取线上商品' }).click();
  await expect.poll(() => unresolvedOf(app)).toBeGreaterThan(0);
  const before = await unresolvedOf(app);
  await app.getByTestId('rule-text').fill('ZX-');
  await app.getByTestId('rule-preview').click();
  await expect(app.getByTestId('rule-preview-summary')).toContainText('新关联');
  await app.getByTestId('rule-save').click();
  // The rule in words, with how SKUs are then compared; never the stored JSON.
  await expect(app.getByTestId('rule-words-0')).toContainText('1. 去掉前缀“ZX-”，再按不区分大小写匹配');
  await expect(app.getByTestId('rule-words-0')).not.toContainText('{');
  await expect.poll(() => unresolvedOf(app)).toBeLessThan(before);
  const afterRule = await unresolvedOf(app);

  await app.getByTestId('mapping-status-filter').click();
  await option(app, '未关联').click();
  await app.keyboard.press('Escape');
  const linker = app.locator('[data-testid^=manual-link-]').first();
  await linker.click();
  await app.keyboard.type('TS1');
  // Both sides by what they are: the listing's variation and a link to its picture above the list,
  // each ERP SKU's product name in it.
  await expect(app.getByTestId('manual-link-variation')).toContainText('颜色:');
  await expect(app.getByTestId('manual-link-image')).toHaveAttribute('href', /^https:\/\/ae01\.alicdn\.com\/kf\/demo\d+\.jpg$/);
  await expect(option(app, /^TS1/).first()).toContainText('T恤');
  await option(app, /^TS1/).click();
  await expect.poll(() => unresolvedOf(app)).toBe(afterRule - 1);
  await expect(app.getByTestId('mapping-counts')).toContainText('手动 1');
  // A manual link is undone from the keyboard: the control is a button, reachable with Tab.
  await app.getByTestId('mapping-status-filter').click();
  await option(app, '手动').click();
  await app.keyboard.press('Escape');
  const unlink = app.getByRole('button', { name: '解除手动关联' });
  await unlink.focus();
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('mapping-counts')).toContainText('手动 0');
  await expect.poll(() => unresolvedOf(app)).toBe(afterRule);

  // ⑤ link every listing SKU matching a filter to 深圳仓 in one batch, then undo it
  await app.getByTestId('stock-steps').getByText('关联仓库').click();
  await app.getByTestId('link-filter').locator('input').fill('TS');
  await app.getByTestId('link-filter').locator('input').press('Enter');
  await app.getByTestId('link-select-all').click();
  await app.getByTestId('link-warehouse').click();
  await option(app, '深圳仓').click();
  await app.getByTestId('link-apply').click();
  await app.getByTestId('link-confirm').click();
  await expect(app.getByTestId('link-done')).toContainText('已关联');
  // A batch says what it holds, and undoing it (hundreds of SKUs at once) is asked first.
  const undo = app.locator('[data-testid^=undo-batch-]').first();
  await expect(app.locator('.ant-list-item').filter({ has: undo })).toContainText(/深圳仓 · \d+ 个线上SKU/);
  await undo.click();
  await expect(app.locator('.ant-popconfirm')).toContainText('将取消关联“深圳仓”');
  await app
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /确\s*定/ })
    .click();
  await expect(app.getByText('已撤销').first()).toBeVisible();
});

test('stock wizard: a double-clicked save or import acts once, a deleted warehouse goes after a confirmation', async ({ app, host }) => {
  await startDemo(app);
  await app.getByRole('menuitem', { name: '库存自动绑定/解绑' }).click();

  // ① a store warehouse is deleted only after the seller confirms, and its card goes at once
  await app.getByTestId('store-warehouse-name').fill('临时仓');
  await app.getByTestId('store-warehouse-add').click();
  const card = app.locator('[data-testid^=store-warehouse-]').filter({ hasText: '“临时仓”' });
  await expect(card).toHaveCount(1);
  await card.locator('[data-testid^=delete-warehouse-]').click();
  const ask = app.locator('.ant-popconfirm:visible');
  await expect(ask).toContainText('删除店铺仓库“临时仓”？');
  await expect(ask).toContainText('还没有线上SKU关联到它');
  await ask.getByRole('button', { name: /取\s*消/ }).click();
  await expect(card).toHaveCount(1);
  await card.locator('[data-testid^=delete-warehouse-]').click();
  await app.locator('.ant-popconfirm:visible').getByRole('button', { name: '确认删除' }).click();
  await expect(card).toHaveCount(0);
  await expect(app.locator('.ant-alert-error')).toHaveCount(0);

  // ④ a double-clicked 保存规则 saves the rule once, with no refusal left on screen
  await pageCall(app, 'stock.sync.now', { wait: true }); // the ERP SKUs, for the import below
  await app.getByTestId('stock-steps').getByText('SKU关联').click();
  await app.getByRole('button', { name: '从速卖通读取线上商品' }).click();
  await expect.poll(() => unresolvedOf(app)).toBeGreaterThan(0);
  await app.getByTestId('rule-text').fill('ZX-');
  await app.getByTestId('rule-preview').click();
  await expect(app.getByTestId('rule-preview-summary')).toBeVisible();
  await app.getByTestId('rule-save').dblclick();
  await expect(app.getByTestId('rule-words-0')).toContainText('去掉前缀“ZX-”');
  await expect(app.getByTestId('rule-preview-summary')).toHaveCount(0);
  await expect(app.getByTestId('rule-words-1')).toHaveCount(0);
  await expect(app.locator('.ant-alert-error')).toHaveCount(0);
  expect(await pageCall<unknown[]>(app, 'sku.rules.list')).toHaveLength(1);

  // ④ a double-clicked 确认导入 imports once and leaves no false "another file" error
  const [unresolved] = (
    await pageCall<{ rows: { sellerSku: string }[] }>(app, 'sku.listings.page', { filter: { resolveStatus: ['unresolved'] } })
  ).rows;
  const [erp] = await pageCall<{ sku: string }[]>(app, 'sku.erpSkus.search', { q: 'TS', limit: 1 });
  const exported = await pageCall<{ contentBase64: string }>(app, 'sku.mapping.export');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(exported.contentBase64, 'base64') as unknown as ArrayBuffer);
  wb.worksheets[0]!.eachRow((row, n) => {
    if (n > 1 && row.getCell(3).value === unresolved!.sellerSku) row.getCell(5).value = erp!.sku;
  });
  const file = join(host.dataDir, 'mapping.xlsx');
  await wb.xlsx.writeFile(file);
  await app.locator('input[type=file]').setInputFiles(file);
  await expect(app.getByText('将手动关联 1 个')).toBeVisible();
  // The confirmed import held back a moment, as a large sheet takes its time: the second click of
  // the double click lands while the first import runs.
  let confirms = 0;
  await app.route('**/api/sku.mapping.import', async (route) => {
    if ((route.request().postDataJSON() as { confirm?: boolean }).confirm) {
      confirms++;
      await new Promise((ok) => setTimeout(ok, 500));
    }
    await route.continue();
  });
  await app.getByRole('button', { name: '确认导入' }).dblclick();
  await expect(app.getByTestId('mapping-counts')).toContainText('手动 1');
  await expect(app.getByText('将手动关联 1 个')).toHaveCount(0);
  await expect(app.locator('.ant-alert-error')).toHaveCount(0);
  expect(confirms).toBe(1);
});
