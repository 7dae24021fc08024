/**
 * A seller whose stock lives in a spreadsheet ERP (文件导入), at 1366×768: chooses the file source,
 * drops the GBK stock export on the stock wizard, sees the bad lines by the line numbers the file
 * has, confirms, and finds warehouses, categories and the first run done; then a file whose headers
 * are not recognised is mapped column by column; the home screen shows the import's age.
 */
import iconv from 'iconv-lite';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

test.use({ viewport: { width: 1366, height: 768 } });

const option = (app: Page, text: string | RegExp) =>
  app.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();

const erpExport = iconv.encode(
  [
    '商品编码,商品名称,仓库名称,可用数量,安全库存,产品分类',
    'TS100001-BK,纯棉T恤 黑色,深圳仓,12,2,服装/T恤',
    'TS100001-WH,"纯棉T恤 白色',
    '（加厚）",深圳仓,0,0,服装/T恤',
    'TS100002-BK,纯棉T恤 黑色 L,深圳仓,很多,0,服装/T恤',
    'DC100010-BK,数据线 1米,义乌仓,30,3,3C数码',
    'DC100010-WH,数据线 2米,义乌仓,2.5,0,3C数码',
    'DC\u0007100011,数据线 3米,义乌仓,4,0,3C数码',
  ].join('\r\n') + '\r\n',
  'gbk',
);

test('file stock source: upload the GBK export, see the bad lines, confirm, and the stock steps complete', async ({ app }) => {
  await app.getByRole('button', { name: '连接我的店铺' }).click();
  await expect(app.getByTestId('connect-page')).toBeVisible();
  await app.getByRole('button', { name: '改用文件导入' }).click();
  await expect(app.getByTestId('connect-stock-kind')).toHaveText('文件导入');

  await app.getByRole('menuitem', { name: '库存自动绑定/解绑' }).click();
  const card = app.getByTestId('stock-file-import');
  await expect(card).toBeVisible();
  await expect(card.getByTestId('stock-file-age')).toContainText('还没有导入过库存文件');

  await card.locator('input[type=file]').setInputFiles({ name: '通途导出-库存.csv', mimeType: 'text/csv', buffer: erpExport });
  const report = app.getByTestId('stock-file-report');
  await expect(report).toContainText('gb18030');
  await expect(app.getByTestId('stock-file-summary')).toContainText('可导入 3 行，有问题 3 行');
  await expect(report).toContainText('深圳仓：2 个SKU');
  // Line numbers as the file shows them: the quoted line break in line 3's name makes its row lines 3-4.
  const bad = app.getByTestId('stock-file-rejected');
  await expect(bad.locator('tbody tr.ant-table-row')).toHaveCount(3);
  await expect(bad.locator('tbody tr.ant-table-row').nth(0)).toContainText('5');
  await expect(bad.locator('tbody tr.ant-table-row').nth(0)).toContainText('不是数字');
  await expect(bad.locator('tbody tr.ant-table-row').nth(1)).toContainText('不是整数');
  await expect(bad.locator('tbody tr.ant-table-row').nth(2)).toContainText('U+0007');
  // Nothing is written before the confirmation.
  await expect(card.getByTestId('stock-file-age')).toContainText('还没有导入过库存文件');

  await app.getByTestId('stock-file-confirm').click();
  await expect(app.getByTestId('stock-file-summary')).toContainText('已导入 3 行');
  await expect(card.getByTestId('stock-file-age')).toContainText('通途导出-库存.csv');

  // ① the warehouses came with the file: add the store's and pair it
  await app.getByTestId('store-warehouse-name').fill('深圳仓');
  await app.getByTestId('store-warehouse-add').click();
  const sz = app.locator('[data-testid^=store-warehouse-]').filter({ hasText: '“深圳仓”' }).first();
  await sz.locator('.ant-select').first().click();
  await option(app, '深圳仓').click();
  await expect(sz).toContainText('名称完全一致');
  await app.getByTestId('store-warehouse-name').fill('义乌仓');
  await app.getByTestId('store-warehouse-add').click();
  const yw = app.locator('[data-testid^=store-warehouse-]').filter({ hasText: '“义乌仓”' }).first();
  await yw.locator('.ant-select').first().click();
  await option(app, '义乌仓').click();
  await expect(yw).toContainText('名称完全一致');

  // The steps are read again when the page is: what they say lives in main.
  await app.reload();
  await app.getByRole('menuitem', { name: '库存自动绑定/解绑' }).click();
  await expect(app.getByTestId('stock-step-todo')).toHaveCount(0);
  const steps = app.getByTestId('stock-steps');
  for (const title of ['仓库设置', 'ERP产品分类同步', '同步设置']) {
    await expect(steps.locator('.ant-steps-item').filter({ hasText: title })).toHaveClass(/ant-steps-item-finish/);
  }
  // ③ the run history has the import, and no "connect a source first" warning
  await steps.getByText('同步设置').click();
  await expect(app.getByTestId('sync-history')).toContainText('文件导入');
  await expect(app.getByText('还没有连接库存来源')).toHaveCount(0);

  // A file whose headers the app does not know: the seller picks the columns by their content.
  const odd = iconv.encode(['编号,存放,数目', 'TS100001-BK,深圳仓,7', 'TS100001-WH,深圳仓,1'].join('\r\n'), 'gbk');
  await app
    .getByTestId('stock-file-import')
    .locator('input[type=file]')
    .setInputFiles({ name: '手工表.csv', mimeType: 'text/csv', buffer: odd });
  await expect(app.getByTestId('stock-file-problem')).toContainText('编号、存放、数目');
  await expect(app.getByTestId('stock-file-confirm')).toHaveCount(0);
  const mapping = app.getByTestId('stock-file-mapping');
  for (const [field, column] of [
    ['sku', '编号'],
    ['warehouse', '存放'],
    ['available', '数目'],
  ] as const) {
    await mapping.getByTestId(`stock-file-map-${field}`).click();
    await option(app, column).click();
  }
  // The available-stock column chosen again as safety stock is refused at the select, and not checked.
  await mapping.getByTestId('stock-file-map-safety').click();
  await option(app, '数目').click();
  await expect(mapping).toContainText('这一列已经选给了“可用库存”');
  await app.getByTestId('stock-file-recheck').click();
  await expect(app.getByTestId('stock-file-summary')).toHaveCount(0);
  await mapping.getByTestId('stock-file-map-safety').click();
  await option(app, '没有这一列').click();
  await expect(mapping.locator('.ant-form-item-explain-error')).toHaveCount(0);
  await app.getByTestId('stock-file-recheck').click();
  await expect(app.getByTestId('stock-file-summary')).toContainText('可导入 2 行，有问题 0 行');
  await app.getByTestId('stock-file-confirm').click();
  await expect(app.getByTestId('stock-file-summary')).toContainText('已导入 2 行');

  // The dashboard says how old the file is.
  await app
    .getByRole('menuitem', { name: /首页|主页/ })
    .first()
    .click();
  await expect(app.getByTestId('stock-file-age')).toContainText('手工表.csv');

  // No horizontal overflow at 1366 wide on the upload screen.
  await app.getByRole('menuitem', { name: '库存自动绑定/解绑' }).click();
  await expect(app.getByTestId('stock-file-import')).toBeVisible();
  const upload = app.getByTestId('stock-file-import');
  expect(await upload.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
  expect(await app.locator('html').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
});

test('file stock source: a watched folder is checked to exist, its newest export is imported with the bad lines named', async ({
  app,
  host,
}) => {
  const { mkdirSync, utimesSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  await app.getByRole('button', { name: '连接我的店铺' }).click();
  await app.getByRole('button', { name: '改用文件导入' }).click();
  await expect(app.getByTestId('connect-stock-kind')).toHaveText('文件导入');
  await app.getByRole('menuitem', { name: '库存自动绑定/解绑' }).click();
  await app.getByTestId('stock-steps').getByText('同步设置').click();
  const card = app.getByTestId('stock-watch');
  const folder = join(host.dataDir, '..', `erp-export-${Date.now()}`);

  // A folder that does not exist is refused under the box.
  await card.getByTestId('stock-watch-folder').fill(folder);
  await card.getByTestId('stock-watch-save').click();
  await expect(card.locator('.ant-form-item-explain-error')).toContainText('找不到文件夹');

  mkdirSync(folder);
  writeFileSync(join(folder, '库存-今天.csv'), erpExport);
  // Exported a minute ago: a file written this very moment waits, in case the ERP is still writing it.
  const minuteAgo = (Date.now() - 60_000) / 1000;
  utimesSync(join(folder, '库存-今天.csv'), minuteAgo, minuteAgo);
  await card.getByTestId('stock-watch-save').click();
  await expect(card.getByTestId('stock-watch-status')).toContainText(folder);
  await card.getByTestId('stock-watch-check').click();
  const outcome = card.getByTestId('stock-watch-outcome');
  await expect(outcome).toContainText('已导入“库存-今天.csv”：3 行，有问题 3 行');
  await expect(outcome).toContainText('第 5 行');
  // The same file is not imported twice.
  await card.getByTestId('stock-watch-check').click();
  await expect(outcome).toContainText('已经导入过');
  await expect(app.getByTestId('stock-file-age')).toContainText('库存-今天.csv');
});
