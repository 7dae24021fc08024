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
import { test, expect, startDemo } from './fixtures';

const shotsDir = process.env.SHOTS;
const shot = async (app: Page, name: string) => {
  if (!shotsDir) return;
  mkdirSync(shotsDir, { recursive: true });
  await app.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: true });
};

/** A channel over the web host's HTTP contract, from inside the page (its session cookie, as the screens' bridge does). */
const call = <T,>(app: Page, channel: string, input: unknown): Promise<T> =>
  app.evaluate(
    async ([c, i]) => {
      const res = await fetch(`/api/${c}`, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json', 'X-Desk': '1' }, body: JSON.stringify(i) });
      const r = (await res.json()) as { ok: boolean; data?: unknown; error?: { message: string } };
      if (!r.ok) throw new Error(`${c}: ${r.error?.message}`);
      return r.data;
    },
    [channel, input] as const,
  ) as Promise<T>;

const option = (app: Page) => app.locator('.ant-select-dropdown:visible .ant-select-item-option');

async function flipSwitch(app: Page, to: 'on' | 'off') {
  await app.getByTestId('auto-switch').click();
  await app.locator('.ant-popconfirm:visible .ant-btn-primary').click();
  await expect(app.getByTestId('auto-switch')).toHaveAttribute('aria-checked', to === 'on' ? 'true' : 'false');
}

async function syncNow(app: Page) {
  await app.getByTestId('demo-sync').click();
  await expect(app.getByTestId('demo-result')).toContainText('库存已同步');
}

test('auto bind/unbind: switch on, a sell-out is unbound, a drained warehouse is held until confirmed, switch off shows "would do"', async ({ app }) => {
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
  const linked = await call<{ linked: number }>(app, 'stock.listingWarehouses.link', { storeWarehouseId: sz.id, filter: { text: 'TS1000', resolveStatus: ['exact'] } });
  expect(linked.linked).toBeGreaterThan(6);

  await app.getByRole('menuitem', { name: '自动绑定/解绑看板' }).click();
  await expect(app.getByTestId('demo-tools')).toBeVisible();
  await expect(app.getByTestId('auto-now-headline')).toHaveAttribute('data-state', 'off');
  await shot(app, '01-off-before');

  // A small store's safety limit: hold a run that would unbind more than 5 listing SKUs at once.
  await app.getByRole('tab', { name: '设置' }).click();
  await app.getByLabel('批量解绑暂停数量').fill('5');
  await app.getByRole('button', { name: /保\s*存/ }).click();
  await expect.poll(async () => (await call<{ settings: { massUnbindCount: number } }>(app, 'auto.status', {})).settings.massUnbindCount).toBe(5);

  // ① the switch in the header
  await flipSwitch(app, 'on');
  await expect(app.getByTestId('auto-now-headline')).toHaveAttribute('data-state', 'ok');
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
  await expect(recent).toContainText('完成');
  await expect(app.getByTestId('auto-now-run')).toContainText('解绑 1 个');
  await expect(app.getByTestId('auto-now-headline')).toHaveAttribute('data-state', 'ok');
  await shot(app, '02-sold-out-unbound');
  await app.getByRole('tab', { name: '审计日志' }).click();
  await app.getByPlaceholder('对象', { exact: true }).fill(sku);
  await app.getByPlaceholder('对象', { exact: true }).press('Enter');
  const audit = app.getByTestId('audit-table');
  // In the seller's words: the decision with the figures that caused it, then the result.
  await expect(audit).toContainText('自动决定');
  await expect(audit).toContainText('可售库存为0：解绑，防止超卖。');
  await expect(audit).toContainText('深圳仓 可用 0');
  await expect(audit).toContainText('已完成');
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
  await shot(app, '04-held');
  await heldRun.locator('[data-testid^=held-confirm-]').click();
  await app.locator('.ant-popconfirm:visible .ant-btn-primary').click();
  await expect(heldRun).toHaveCount(0);
  await expect(app.getByTestId('auto-now-headline')).toHaveAttribute('data-state', 'ok');
  await expect(app.getByTestId('auto-count-risk')).toContainText('0');
  await app.getByRole('tab', { name: '超卖风险' }).click();
  await expect(app.getByText('没有超卖风险')).toBeVisible();
  await shot(app, '05-confirmed');

  // ④ switch off: stock comes back, binds are only "would do", nothing is sent
  const actionsBefore = (await call<{ total: number }>(app, 'auto.actions.list', { page: 1, pageSize: 1 })).total;
  await flipSwitch(app, 'off');
  await expect(app.getByTestId('auto-now-headline')).toHaveAttribute('data-state', 'off');
  await app.getByTestId('demo-restock-warehouse').click();
  await expect(app.getByTestId('demo-result')).toContainText('已模拟补货');
  await syncNow(app);
  await expect(app.getByTestId('auto-now-run')).toContainText(/将会绑定 [1-9]\d* 个/);
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
