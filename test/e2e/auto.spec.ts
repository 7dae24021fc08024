/**
 * Auto bind & unbind on the demo store, as a seller sees it: turn the switch on in the header, sell
 * out one SKU with the demo tools and sync, see it unbound on the dashboard and in the audit log;
 * drain the warehouse, see the mass unbind held, confirm it; turn the switch off, restock, and see
 * "would do" instead of actions.
 *
 * The stock setup (warehouse pairing, first sync, listings, warehouse links) goes through the
 * contract: stock.spec.ts already clicks through those screens.
 * SHOTS=dir saves a screenshot of each state in Chinese and English, for looking at the screens.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, pageCall, startDemo } from './fixtures';

const shotsDir = process.env.SHOTS;
const shot = async (app: Page, name: string) => {
  if (!shotsDir) return;
  mkdirSync(shotsDir, { recursive: true });
  await app.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: true });
};

const call = pageCall;

const option = (app: Page) => app.locator('.ant-select-dropdown:visible .ant-select-item-option');

async function flipSwitch(app: Page, to: 'on' | 'off') {
  await app.getByTestId('auto-switch').click();
  await app.locator('.ant-popconfirm:visible .ant-btn-primary').click();
  await expect(app.getByTestId('auto-switch')).toHaveAttribute('aria-checked', to === 'on' ? 'true' : 'false');
}

/** The risk count on the dashboard equals the risk tab's headline and the sum of its cards, and the core's model. */
async function expectRiskAgrees(app: Page) {
  const model = await call<{ total: number; counts: Record<string, number> }>(app, 'auto.risk', {});
  await expect(app.getByTestId('auto-count-risk')).toContainText(String(model.total));
  await expect(app.getByTestId('risk-headline')).toHaveAttribute('data-total', String(model.total));
  // The dashboard's headline states the same total (beside any held/refused/failed count).
  const now = app.getByTestId('auto-now-headline');
  await expect(now).toHaveAttribute('data-total', String(model.total));
  if (model.total > 0 && (await now.getAttribute('data-state')) !== 'notSetUp')
    await expect(now).toContainText(`${model.total} 个线上SKU有超卖风险`);
  if (model.total > 0)
    for (const [kind, n] of Object.entries(model.counts)) await expect(app.getByTestId(`risk-card-${kind}`)).toContainText(String(n));
}

async function syncNow(app: Page) {
  await app.getByTestId('demo-sync').click();
  await expect(app.getByTestId('demo-result')).toContainText('库存已同步');
}

test('before any stock is read, the risk tab says risk cannot be judged yet, not that there is none', async ({ app }) => {
  await startDemo(app);
  await app.getByRole('menuitem', { name: '自动绑定/解绑看板' }).click();
  await expect(app.getByTestId('auto-now-headline')).toHaveAttribute('data-state', 'notSetUp');
  await expect(app.getByTestId('risk-headline')).toContainText('还不能判断超卖风险');
  await expect(app.getByTestId('risk-headline')).not.toContainText('没有超卖风险');
});

test('switch off: a SKU already at 0 when its warehouse is linked shows since when on the risk tab, and a row with no start says why', async ({
  app,
}) => {
  await startDemo(app);
  await call(app, 'stock.warehouses.refresh', {});
  const sz = await call<{ id: number }>(app, 'stock.warehouses.save', { name: '深圳仓', erpWarehouseId: 'WH-SZ' });
  await call(app, 'auto.demo.restock', { erpWarehouseId: 'WH-SZ' });
  await call(app, 'stock.sync.now', { wait: true });
  await call(app, 'sku.listings.refresh', {});
  // Sold out and read before the wizard's linking step: no decision pass has looked at it at 0.
  const [sold] = await call<{ listingSkuId: number; sellerSku: string }[]>(app, 'auto.demo.skus', { search: 'TS1000' });
  await call(app, 'auto.demo.sellOut', { listingSkuId: sold!.listingSkuId });
  await call(app, 'stock.sync.now', { wait: true });
  await call(app, 'stock.listingWarehouses.link', { storeWarehouseId: sz.id, filter: { text: 'TS1000', resolveStatus: ['exact'] } });

  // Every screen's header says how many listing SKUs can oversell (the browser has no tray), and leads to them.
  const model = await call<{ total: number }>(app, 'auto.risk', {});
  await expect(app.getByTestId('header-risk')).toHaveText(`超卖风险 ${model.total}`);
  await app.getByTestId('header-risk').click();
  await app.getByTestId('risk-card-zero').click();
  const since = app.getByTestId(`risk-since-${sold!.sellerSku}`);
  await expect(since).not.toHaveText('—');
  await expect(app.getByTestId(`risk-minutes-${sold!.sellerSku}`)).toHaveText(/^\d+(天|小时|分钟)/);
  await since.hover();
  await expect(app.getByRole('tooltip')).toContainText('库存读取最近一次读到它现在这个库存数的时间');

  // The demo keeps some bound listing SKUs unlinked: their start is unknown, and the cell says why.
  await app.getByTestId('risk-card-unmapped').click();
  const unmapped = app.locator('[data-testid^=risk-since-]').first();
  await expect(unmapped).toHaveText('—');
  await unmapped.hover();
  await expect(app.getByRole('tooltip').filter({ hasText: '没有关联ERP SKU或仓库' })).toBeVisible();
});

test('auto bind/unbind: switch on, a sell-out is unbound, a drained warehouse is held until confirmed, switch off shows "would do"', async ({
  app,
}) => {
  await startDemo(app);
  // Unbinds approved at once, and a quota that never makes the test wait.
  await call(app, 'connect.useDemo', { reviewMode: 'instant', quotaPerMinute: 600 });
  await call(app, 'stock.warehouses.refresh', {});
  const sz = await call<{ id: number }>(app, 'stock.warehouses.save', { name: '深圳仓', erpWarehouseId: 'WH-SZ' });
  // Everything sold out in 深圳仓 is restocked first, so turning the switch on changes nothing and
  // each later step has one cause; then the first read, the listings, and every exactly matching
  // T-shirt listing SKU linked to 深圳仓.
  await call(app, 'auto.demo.restock', { erpWarehouseId: 'WH-SZ' });
  expect((await call<{ run: { status: string } }>(app, 'stock.sync.now', { wait: true })).run.status).toBe('ok');
  await call(app, 'sku.listings.refresh', {});
  const linked = await call<{ linked: number }>(app, 'stock.listingWarehouses.link', {
    storeWarehouseId: sz.id,
    filter: { text: 'TS1000', resolveStatus: ['exact'] },
  });
  expect(linked.linked).toBeGreaterThan(6);

  await app.getByRole('menuitem', { name: '自动绑定/解绑看板' }).click();
  await expect(app.getByTestId('demo-tools')).toBeVisible();
  await expect(app.getByTestId('auto-now-headline')).toHaveAttribute('data-state', 'off');
  await shot(app, '01-off-before');

  // A small store's safety limit: hold a run that would unbind more than 5 listing SKUs at once.
  await app.getByRole('tab', { name: '设置' }).click();
  // A share over 100% is refused at its box, not quietly saved as 100% (which would switch the guard off).
  const share = app.getByLabel('批量解绑暂停比例（%）');
  const before = await share.inputValue();
  await share.fill('150');
  await app.getByRole('button', { name: /保\s*存/ }).click();
  await expect(app.locator('.ant-form-item-explain-error')).toHaveText('请填写 1 到 100 之间的整数');
  await expect(share).toHaveValue('150');
  await share.fill(before);
  await app.getByLabel('批量解绑暂停数量').fill('5');
  await app.getByRole('button', { name: /保\s*存/ }).click();
  await expect(app.getByText('设置已保存，下次检查起生效')).toBeVisible();
  await expect
    .poll(async () => (await call<{ settings: { massUnbindCount: number } }>(app, 'auto.status', {})).settings)
    .toMatchObject({ massUnbindCount: 5, massUnbindShare: Number(before) / 100 });

  // ① the switch in the header
  await flipSwitch(app, 'on');
  // The demo store keeps some bound listing SKUs unlinked on purpose: the headline names them as unprotected, not "all fine".
  await expect(app.getByTestId('auto-now-headline')).toHaveAttribute('data-state', /^(ok|unprotected)$/);
  await expect(app.getByTestId('auto-now-run')).toContainText('打开开关时');

  // ② one SKU sells out; the sync shows it to the engine; it is unbound
  await app.getByTestId('demo-sku').click();
  const first = option(app).first();
  const sku = (await first.getAttribute('title'))!;
  expect(sku).toMatch(/^TS1000/);
  await first.click();
  await app.getByTestId('demo-sellout').click();
  await expect(app.getByTestId('demo-result')).toContainText(`已模拟：${sku}`);
  await syncNow(app);
  const recent = app.getByTestId(`auto-recent-${sku}`);
  await expect(recent).toContainText('解绑');
  await expect(recent).toContainText('已解绑');
  await expect(recent).not.toContainText('完成');
  await expect(app.getByTestId('auto-now-run')).toContainText('解绑 1 个');
  await expect(app.getByTestId('auto-now-headline')).toHaveAttribute('data-state', /^(ok|unprotected)$/);
  await shot(app, '02-sold-out-unbound');
  await app.getByRole('tab', { name: '审计日志' }).click();
  await app.getByPlaceholder('对象', { exact: true }).fill(sku);
  await app.getByPlaceholder('对象', { exact: true }).press('Enter');
  const audit = app.getByTestId('audit-table');
  // In the seller's words: the decision with the figures that caused it, then the result.
  await expect(audit).toContainText('自动决定');
  await expect(audit).toContainText('可售库存为0：解绑，防止超卖。');
  await expect(audit).toContainText('深圳仓 可用 0');
  await expect(audit).toContainText('已解绑');
  await expect(audit).toContainText('演示：模拟卖光');
  await shot(app, '03-audit');

  // ③ the whole warehouse runs dry: too many unbinds at once, held for the seller
  await expect(app.getByTestId('demo-warehouse')).toContainText('WH-SZ');
  await app.getByTestId('demo-drain').click();
  await expect(app.getByTestId('demo-result')).toContainText('全部卖光');
  await syncNow(app);
  const heldRun = app.locator('[data-testid^=held-run-]');
  await expect(heldRun).toBeVisible();
  await expect(app.getByTestId('auto-now-headline')).toHaveAttribute('data-state', 'held');
  await expect(app.getByTestId('auto-count-held')).toContainText('1');
  await expect(app.getByTestId('header-held')).toHaveText('1 次批量解绑待确认');
  // What is held is a table to check: each SKU with its ids and the stock it would be unbound at.
  const heldRows = heldRun.locator('[data-testid^=held-skus-] tbody tr');
  await expect(heldRows.first()).toContainText('TS1000');
  // With the ERP SKU and the figure the pass read in each warehouse: a whole warehouse at 0 is what a bad read looks like.
  await expect(heldRows.first()).toContainText('深圳仓: 0/');
  await expect(heldRows.first().locator('td').last()).toHaveText('0');
  await shot(app, '04-held');
  // The card sends the seller to the dry run for the whole list: there each held unbind waits for them, not "nothing to do".
  await app.getByRole('tab', { name: '预演：现在会做什么' }).click();
  await expect(app.getByTestId('dry-held').first()).toHaveText('解绑 · 待确认');
  await expect(app.getByTestId('dry-table')).toContainText('等您在看板上确认');
  // Rejecting is asked too, saying what it costs (they all stay bound); cancelled here.
  await heldRun.locator('[data-testid^=held-reject-]').click();
  await expect(app.locator('.ant-popconfirm:visible')).toContainText('就会超卖');
  await app
    .locator('.ant-popconfirm:visible')
    .getByRole('button', { name: /取\s*消/ })
    .click();
  await expect(heldRun).toBeVisible();
  await heldRun.locator('[data-testid^=held-confirm-]').click();
  await app.locator('.ant-popconfirm:visible .ant-btn-primary').click();
  await expect(heldRun).toHaveCount(0);
  await expect(app.getByTestId('header-held')).toHaveCount(0);
  await expect(app.getByTestId('auto-now-headline')).toHaveAttribute('data-state', /^(ok|unprotected)$/);
  // One risk model: the headline count, the tab's headline and the sum of its cards agree, and nothing at 0 is still on sale.
  await app.getByRole('tab', { name: '超卖风险' }).click();
  await expectRiskAgrees(app);
  const model = await call<{ counts: Record<string, number> }>(app, 'auto.risk', {});
  expect([model.counts.zero, model.counts.review, model.counts.refused]).toEqual([0, 0, 0]);
  await shot(app, '05-confirmed');

  // ④ switch off: stock comes back, binds are only "would do", nothing is sent
  const actionsBefore = (await call<{ total: number }>(app, 'auto.actions.list', { page: 1, pageSize: 1 })).total;
  await flipSwitch(app, 'off');
  await expect(app.getByTestId('auto-now-headline')).toHaveAttribute('data-state', 'off');
  await expectRiskAgrees(app);
  await app.getByTestId('demo-restock-warehouse').click();
  await expect(app.getByTestId('demo-result')).toContainText('已模拟补货');
  await syncNow(app);
  // The last check, worded in the past: what it found then, nothing sent.
  await expect(app.getByTestId('auto-now-run')).toContainText(/当时应解绑 \d+ 个、应绑定 [1-9]\d* 个（没有发送）/);
  await app.getByRole('tab', { name: '预演：现在会做什么' }).click();
  await expect(app.getByTestId('auto-off-banner')).toBeVisible();
  await expect(app.getByTestId('dry-table')).toContainText('绑定 · 将会执行');
  await expect(app.getByTestId('dry-table')).toContainText(sku);
  await shot(app, '06-off-would-do');
  expect((await call<{ total: number }>(app, 'auto.actions.list', { page: 1, pageSize: 1 })).total).toBe(actionsBefore);

  if (shotsDir) {
    await app.getByTestId('language-switch').click();
    await app.getByRole('tab', { name: 'Audit log' }).click();
    await shot(app, '07-en-audit');
    await app.getByRole('tab', { name: 'Binds/unbinds over time' }).click();
    await shot(app, '07b-en-chart');
    await app.getByRole('tab', { name: 'Dry run: what would change now' }).click();
    await shot(app, '08-en-dry');
    await app.getByRole('tab', { name: 'Settings' }).click();
    await shot(app, '09-en-settings');
  }
});

test("the wizard's last step shows what is protected and turns the switch on; after a whole-warehouse restock, a later stock-out is sent before the queued binds and the dashboard says so", async ({
  app,
}) => {
  // The restock wave below sends some 200 actions at the client's 10 calls a second.
  test.setTimeout(240_000);
  await startDemo(app);
  await call(app, 'connect.useDemo', { reviewMode: 'instant', quotaPerMinute: 600 });
  await call(app, 'stock.warehouses.refresh', {});
  const sz = await call<{ id: number }>(app, 'stock.warehouses.save', { name: '深圳仓', erpWarehouseId: 'WH-SZ' });
  await call(app, 'auto.demo.restock', { erpWarehouseId: 'WH-SZ' });
  expect((await call<{ run: { status: string } }>(app, 'stock.sync.now', { wait: true })).run.status).toBe('ok');
  await call(app, 'sku.listings.refresh', {});
  await call(app, 'stock.listingWarehouses.link', { storeWarehouseId: sz.id, filter: { text: 'TS1', resolveStatus: ['exact'] } });
  await call(app, 'auto.settings.set', { massUnbindShare: 1 });

  // ① the wizard's last step: what is protected and what is not, then the switch
  await app.getByRole('menuitem', { name: '库存自动绑定/解绑' }).click();
  await app.getByTestId('stock-steps').getByText('开启自动绑定&解绑').click();
  await expect(app.getByTestId('wizard-auto-step')).toBeVisible();
  const cov = await call<{ total: number; counts: Record<string, number> & { protected: number } }>(app, 'auto.coverage', {});
  expect(cov.counts.protected).toBeGreaterThan(3);
  await expect(app.getByTestId('wizard-protected')).toContainText(String(cov.counts.protected));
  await expect(app.getByTestId('wizard-not-protected')).toContainText(String(cov.total - cov.counts.protected));
  // The demo keeps listing SKUs without a linked warehouse: named before the switch turns on.
  await expect(app.getByTestId('wizard-bucket-unlinked')).toContainText(String(cov.counts.unlinked));
  await shot(app, '10-wizard-last-step');
  await app.getByTestId('wizard-turn-on').click();
  await app.locator('.ant-popconfirm:visible .ant-btn-primary').click();
  await expect(app.getByTestId('wizard-switch-on')).toBeVisible();
  await expect(app.getByTestId('auto-switch')).toHaveAttribute('aria-checked', 'true');

  // ② a restock wave: SKUs sell out and are unbound; the whole warehouse is restocked in one read (its
  //    binds queue up), then one bound SKU sells out in a later read: its unbind goes before the wave
  type Opt = { listingSkuId: number; sellerSku: string; bindStatus: number; available: number; warehouses: string[] };
  const opts = (await call<Opt[]>(app, 'auto.demo.skus', { search: 'TS1', limit: 100 })).filter(
    (o) => o.warehouses.length > 0 && o.bindStatus === 2 && o.available > 0,
  );
  // A wave big enough that its binds (two calls each at the client's 10 a second) are still
  // draining when the later read decides the stock-out, however fast that read is.
  expect(opts.length).toBeGreaterThan(60);
  const [hot, ...wave] = opts;
  if (!hot) throw new Error('the demo offers no SKUs to sell out');
  for (const o of wave) await call(app, 'auto.demo.sellOut', { listingSkuId: o.listingSkuId });
  await call(app, 'stock.sync.now', { wait: true });
  type Row = {
    id: number;
    runId: number | null;
    listingSkuId: number;
    kind: string;
    state: string;
    sellerSku: string;
    finishedAt: string | null;
  };
  const list = async () => (await call<{ rows: Row[] }>(app, 'auto.actions.list', { page: 1, pageSize: 500 })).rows;
  await expect
    .poll(async () => (await list()).filter((r) => r.kind === 'unbind' && r.state === 'done').length, { timeout: 90_000 })
    .toBe(wave.length);
  await app.getByRole('menuitem', { name: '自动绑定/解绑看板' }).click();
  const beforeRestock = Math.max(0, ...(await list()).map((r) => r.id));
  await call(app, 'auto.demo.restock', { erpWarehouseId: 'WH-SZ' });
  await call(app, 'stock.sync.now', { wait: true });
  await call(app, 'auto.demo.sellOut', { listingSkuId: hot.listingSkuId });
  await call(app, 'stock.sync.now', { wait: true });
  // The restock also binds linked SKUs that were unbound from the start: every action sent and done.
  await expect
    .poll(
      async () => {
        const rows = await list();
        return rows.some((r) => r.kind === 'unbind' && r.listingSkuId === hot.listingSkuId) && rows.every((r) => r.state === 'done');
      },
      { timeout: 90_000 },
    )
    .toBe(true);
  const rows = await list();
  const unbind = rows.find((r) => r.kind === 'unbind' && r.listingSkuId === hot.listingSkuId)!;
  // Every bind was decided in the earlier read, before the stock-out, the wave's among them…
  const binds = rows.filter((r) => r.kind === 'bind');
  const restocked = new Set(binds.filter((b) => b.id > beforeRestock).map((b) => b.listingSkuId));
  expect(wave.filter((o) => !restocked.has(o.listingSkuId))).toEqual([]);
  for (const b of binds) expect(b.id).toBeLessThan(unbind.id);
  // …and the unbind still went out ahead of some of them (they were queued behind it).
  expect(binds.filter((b) => Date.parse(b.finishedAt!) > Date.parse(unbind.finishedAt!)).length).toBeGreaterThan(0);

  // ③ the dashboard says so: the last run unbound 1, and its unbind went ahead of the binds queued before it
  await expect(app.getByTestId('auto-now-run')).toContainText('解绑 1 个，绑定 0 个');
  await expect(app.getByTestId('auto-now-unbinds-first')).toContainText(/这次的 1 个解绑先于 [1-9]\d* 个更早排队的绑定发出/);
  await expectRiskAgrees(app);
});
