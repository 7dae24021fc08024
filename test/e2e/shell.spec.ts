import { test, expect, startDemo } from './fixtures';

test('first run offers the demo store, then every area opens, in Chinese and in English', async ({ app }) => {
  await expect(app.getByRole('heading', { name: '欢迎使用全托管卖家助手' })).toBeVisible();
  await startDemo(app);
  await expect(app.getByRole('heading', { name: '首页' })).toBeVisible();
  await expect(app.getByText('演示店铺')).toBeVisible();

  const areas = ['库存自动绑定/解绑', '退店', '退保证金', '全托管适合我吗', '连接设置', '帮助'];
  for (const name of areas) {
    await app.getByRole('menuitem', { name }).click();
    await expect(app.getByRole('menuitem', { name })).toHaveClass(/ant-menu-item-selected/);
    await expect(app.locator('.ant-layout-content')).not.toBeEmpty();
  }

  await app.getByTestId('language-switch').click();
  await expect(app.getByRole('menuitem', { name: 'Home' })).toBeVisible();
  for (const name of ['Auto bind & unbind', 'Store exit', 'Deposit refund', 'Fully-managed fit', 'Connections', 'Help']) {
    await app.getByRole('menuitem', { name }).click();
    await expect(app.getByRole('menuitem', { name })).toHaveClass(/ant-menu-item-selected/);
  }
  // The language is a saved setting: a reload keeps it.
  await app.reload();
  await expect(app.getByRole('menuitem', { name: 'Home' })).toBeVisible();
});

test('a first run’s page comes with Welcome drawn, which the app takes over as it is (no mismatch), and its buttons work', async ({
  page,
  host,
}) => {
  const problems: string[] = [];
  // React reports markup that differs from its first render as a page error, then draws it again.
  page.on('pageerror', (e) => problems.push(e.message));
  // The one console error a first run has is the browser asking for a favicon the app does not have.
  page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(m.text()));
  const served = await page.goto(host.openUrl);
  expect(await served!.text()).toContain('欢迎使用全托管卖家助手</h2>');
  await expect(page.getByRole('heading', { name: '欢迎使用全托管卖家助手' })).toBeVisible();
  await startDemo(page);
  expect(problems).toEqual([]);
});

test('a click on the drawn Welcome before the app’s code has run is not lost: the demo store opens once the code comes', async ({
  page,
  host,
}) => {
  // The app's entry is held until the seller has clicked, as on a slow PC where the page paints long before its code runs.
  let release!: () => void;
  const clicked = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/index-[\w-]+\.js$/, async (route) => {
    await clicked;
    await route.continue();
  });
  await page.goto(host.openUrl);
  const demo = page.getByRole('button', { name: '使用演示店铺' });
  await expect(demo).toBeVisible();
  // The session secret has already left the address bar, though the app's code has not run (in a
  // background tab it runs only once the tab is shown).
  expect(page.url()).not.toContain('desk-session');
  expect(await page.evaluate(() => sessionStorage.getItem('desk.session'))).toMatch(/^[0-9a-f]{64}$/);
  await demo.click();
  // The click is noted, and shown as busy, while the code is still on its way.
  await expect(page.locator('#root')).toHaveAttribute('data-early-choice', 'demo');
  await expect(page.locator('#root')).toHaveCSS('cursor', 'progress');
  release();
  await expect(page.getByRole('menu')).toBeVisible();
  await expect(page.getByRole('heading', { name: '首页' })).toBeVisible();
  // Made once: the demo store's connection was set up by the one choice, and the note is gone.
  await expect(page.locator('#root')).not.toHaveAttribute('data-early-choice', /.*/);
});

test('the home dashboard shows where the data lives and the schema version', async ({ app, host }) => {
  await startDemo(app);
  // Every area card has its description, never a raw translation key.
  await expect(app.locator('.ant-card-body').filter({ hasText: /^areas\./ })).toHaveCount(0);
  await expect(app.getByText(host.dataDir)).toBeVisible();
  await expect(app.getByText(/^v\d+$/)).toBeVisible();
});

test('the API refuses a browser without the per-run token; the launch link opens once, and its page survives a reload', async ({
  browser,
  host,
}) => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(host.url);
  await expect(page.locator('body')).toContainText('请使用程序启动时显示的完整链接');
  const api = await ctx.request.post(`${host.url}api/app.info`, { data: {}, headers: { 'X-Desk': '1', Origin: new URL(host.url).origin } });
  expect(api.status()).toBe(401);
  // The link: the session moves to sessionStorage, the address bar keeps no secret, no cookie is set.
  await page.goto(host.openUrl);
  await expect(page.getByRole('button', { name: /使用演示店铺|Use the demo store/ })).toBeVisible();
  expect(page.url()).not.toContain('desk-session');
  expect(page.url()).not.toContain('token');
  expect(await ctx.cookies()).toEqual([]);
  await page.reload();
  await expect(page.getByRole('button', { name: /使用演示店铺|Use the demo store/ })).toBeVisible();
  // A second opening of the link, in another browser, is told the link was used and how to get a new one.
  const other = await browser.newContext();
  const again = await (await other.newPage()).goto(host.openUrl);
  expect(again?.status()).toBe(403);
  await expect(other.pages()[0]!.locator('body')).toContainText('这个链接已经用过了');
  await other.close();
  await ctx.close();
});

test('help says what is stored in the seller’s words, and exports the log as a ZIP for support', async ({ app }) => {
  await startDemo(app);
  await app.getByRole('menuitem', { name: '帮助' }).click();
  // What the data is (库存记录, 自动绑定/解绑操作记录 …), never the database's table names.
  const stored = app.getByTestId('help-stored');
  await expect(stored.locator('thead th')).toHaveText(['数据', '条数']);
  await expect(stored).toContainText('库存记录（每个SKU在每个仓库的最新可用库存）');
  await expect(stored).toContainText('自动绑定/解绑操作记录（发送队列）');
  expect(await stored.locator('tbody').textContent()).not.toMatch(/[a-z]+_[a-z_]+/);
  await app.getByTestId('language-switch').click();
  await expect(stored.locator('thead th')).toHaveText(['Data', 'Records']);
  await expect(stored).toContainText('Stock records (latest available stock per SKU and warehouse)');
  await expect(stored).not.toContainText('库存');
  await app.getByTestId('language-switch').click();
  const download = app.waitForEvent('download');
  await app.getByTestId('export-log').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^全托管卖家助手-日志-\d{12}\.zip$/);
  const bytes = await (await file.createReadStream()).toArray();
  const zip = Buffer.concat(bytes);
  expect(zip.subarray(0, 2).toString()).toBe('PK');
  expect(zip.toString('latin1')).toContain('main.log');
});

test('the seller names the store in the header, and a bad name is refused without losing the old one', async ({ app }) => {
  await startDemo(app);
  const name = app.getByTestId('store-name');
  await name.getByRole('button').click();
  await app.locator('textarea:not([aria-hidden])').fill('义乌小张工厂店');
  await app.locator('textarea:not([aria-hidden])').press('Enter');
  await expect(name).toContainText('义乌小张工厂店');
  await name.getByRole('button').click();
  await app.locator('textarea:not([aria-hidden])').fill('   ');
  await app.locator('textarea:not([aria-hidden])').press('Enter');
  await expect(app.locator('.ant-message')).toContainText('请填写店铺名称');
  await app.reload();
  await expect(app.getByTestId('store-name')).toContainText('义乌小张工厂店');
});

test('notices are shown in the language the seller chose, including ones written before the switch', async ({ app }) => {
  await startDemo(app);
  await app.getByTestId('auto-switch').click();
  await app.locator('.ant-popconfirm:visible .ant-btn-primary').click();
  await expect(app.getByTestId('auto-switch')).toHaveAttribute('aria-checked', 'true');
  await app.getByRole('button', { name: '通知' }).click();
  await expect(app.locator('.ant-popover:visible')).toContainText('自动绑定/解绑已开启');
  await app.keyboard.press('Escape');

  await app.getByTestId('language-switch').click();
  await app.getByRole('button', { name: 'Notices' }).click();
  const list = app.locator('.ant-popover:visible');
  await expect(list).toContainText('Auto bind/unbind is on');
  await expect(list).toContainText('bound again when stock returns');
  await expect(list).not.toContainText('自动绑定/解绑已开启');
});
