/**
 * A refused input is said at the field, in the seller's words: the connection settings, the store
 * warehouse name and the SKU rule editor each show the message under the box that holds it.
 */
import type { Page } from '@playwright/test';
import { test, expect, startDemo, pageCall, depositToApply, depositToChecks } from './fixtures';

const fieldError = (app: Page, scope: string) => app.locator(`${scope} .ant-form-item-explain-error`);

test('connection settings: a key with a space is refused under App Key, not at the top in developer text', async ({ app }) => {
  await startDemo(app);
  await app.getByRole('menuitem', { name: '连接设置' }).click();
  const form = app.getByTestId('connect-ae-form');
  await form.getByLabel('App Key').fill('5012 3456');
  await form.getByLabel('App Secret').fill('ａｂｃｄ１２３４');
  await form.getByRole('button', { name: /保存/ }).click();
  await expect(fieldError(app, '[data-testid=connect-ae-form]')).toHaveText([
    'App Key 只能是英文字母、数字和符号，不能有空格或全角字符',
    'App Secret 只能是英文字母、数字和符号，不能有空格或全角字符',
  ]);
  await expect(app.getByTestId('connect-page')).not.toContainText('正则');
  await expect(app.getByTestId('connect-page').getByRole('alert')).toHaveCount(0);
});

test('stock wizard: a too long warehouse name and an empty rule text are refused at their boxes, a full-width number is read', async ({
  app,
}) => {
  await startDemo(app);
  await app.getByRole('menuitem', { name: '库存自动绑定/解绑' }).click();
  await app.getByTestId('store-warehouse-name').fill('仓'.repeat(61));
  await app.getByTestId('store-warehouse-add').click();
  await expect(app.locator('.ant-form-item-explain-error').filter({ hasText: '店铺仓库名称' })).toHaveText(
    '店铺仓库名称最多 60 个字符（现在 61 个）',
  );

  // Every number box reads full-width digits (an input method left in 全角 mode), not only the fit check's.
  await app.getByTestId('stock-steps').getByText('同步设置').click();
  await app.getByTestId('sync-interval').fill('１５');
  await app.getByTestId('sync-interval').blur();
  await expect(app.getByTestId('sync-interval')).toHaveValue('15');

  await app.getByTestId('stock-steps').getByText('SKU关联').click();
  await app.getByTestId('rule-preview').click();
  await expect(fieldError(app, '[data-testid=rule-editor]')).toHaveText('请填写文字');
  await app.getByTestId('rule-text').fill('ZX-');
  await expect(fieldError(app, '[data-testid=rule-editor]')).toHaveCount(0);
});

test('stock wizard: a store warehouse name of spaces alone is refused at its box and listed nowhere', async ({ app }) => {
  await startDemo(app);
  await app.getByRole('menuitem', { name: '库存自动绑定/解绑' }).click();
  await app.getByTestId('store-warehouse-name').fill('   ');
  await app.getByTestId('store-warehouse-add').click();
  await expect(app.locator('.ant-form-item-explain-error').filter({ hasText: '店铺仓库名称' })).toHaveText(
    '店铺仓库名称不能只有空格，请填写仓库的名字',
  );
  expect((await pageCall<{ store: unknown[] }>(app, 'stock.warehouses.list')).store).toEqual([]);
});

/** A control's border colour and the shadow round it, as drawn (the wrapper's, for antd's affixed and composite controls). */
const borderOf = (app: Page, selector: string) =>
  app.locator(selector).evaluate((e) => {
    const s = getComputedStyle(e);
    return { border: s.borderTopColor, shadow: s.boxShadow };
  });

test('stock wizard: a field being typed in is not drawn red like a refused one', async ({ app }) => {
  await startDemo(app);
  await app.getByRole('menuitem', { name: '库存自动绑定/解绑' }).click();
  await app.getByTestId('store-warehouse-name').fill('深圳仓');
  const red = await app.getByTestId('store-warehouse-add').evaluate((e) => getComputedStyle(e).backgroundColor);
  await app.getByTestId('store-warehouse-add').click();
  const card = app.locator('[data-testid^=store-warehouse-]').filter({ hasText: '深圳仓' });
  await expect(card).toBeVisible();
  // The brand red still marks the primary button: only the fields' focus changed.
  expect(red).toBe('rgb(230, 46, 4)');

  const name = app.getByTestId('store-warehouse-name');
  await name.focus();
  const focused = await borderOf(app, '[data-testid=store-warehouse-name]');
  // Not the brand red nor any red (the error border is rgb(255, 77, 79)): blue-dominant, as antd's own focus.
  const [r, , b] = focused.border.match(/\d+/g)!.map(Number);
  expect(focused.border).not.toBe(red);
  expect(b).toBeGreaterThan(r!);
  expect(focused.shadow).not.toContain('255, 85, 5');

  // A select and a number box in the store warehouse's card, focused, likewise.
  const select = card.locator('.ant-select').first();
  await select.click();
  await expect(select).toHaveClass(/ant-select-focused|ant-select-open/);
  const sel = await select.evaluate((e) => getComputedStyle(e).borderTopColor);
  const [sr, , sb] = sel.match(/\d+/g)!.map(Number);
  expect(sb).toBeGreaterThan(sr!);
  const percent = card.locator('.ant-input-number');
  await percent.locator('input').focus();
  const num = await percent.evaluate((e) => getComputedStyle(e).borderTopColor);
  const [nr, , nb] = num.match(/\d+/g)!.map(Number);
  expect(nb).toBeGreaterThan(nr!);

  // A refused name is still drawn red, so the two can be told apart.
  await name.fill('   ');
  await app.getByTestId('store-warehouse-add').click();
  await expect(app.locator('.ant-form-item-explain-error').filter({ hasText: '店铺仓库名称' })).toBeVisible();
  await name.blur();
  const refused = await borderOf(app, '[data-testid=store-warehouse-name]');
  const [er, , eb] = refused.border.match(/\d+/g)!.map(Number);
  expect(er).toBeGreaterThan(eb!);
});

test('deposit status: a negative deposit amount is refused under 保证金金额', async ({ app }) => {
  await startDemo(app);
  await depositToChecks(app, '-5');
  const step = '[data-testid=deposit-step-status]';
  await expect(fieldError(app, step)).toHaveText('金额不能是负数。');
  await expect(app.locator(`${step} .ant-alert-error`)).toHaveCount(0);
  await app.getByTestId('deposit-amount').fill('10000');
  await expect(fieldError(app, step)).toHaveCount(0);
});

test('deposit checks: a negative penalty is refused under its box', async ({ app }) => {
  await startDemo(app);
  await depositToChecks(app);
  const step = '[data-testid=deposit-step-checks]';
  await app.getByTestId('deposit-violation-description').fill('虚假发货');
  await app.getByTestId('deposit-violation-penalty').fill('-300');
  await app.getByTestId('deposit-violation-add').click();
  await expect(fieldError(app, step)).toHaveText('金额不能是负数。');
  await expect(app.locator(`${step} .ant-alert-error`)).toHaveCount(0);
});

test('deposit checks: an empty penalty is refused under its labelled boxes, and the date picked is kept', async ({ app }) => {
  await startDemo(app);
  await depositToChecks(app);
  const step = '[data-testid=deposit-step-checks]';
  await app.getByTestId('deposit-violation-add').click();
  await expect(fieldError(app, step)).toHaveText(['请输入违规说明', '请输入扣款金额（元）']);
  await app.getByTestId('deposit-violation-description').fill('虚假发货');
  await app.getByTestId('deposit-violation-penalty').fill('300');
  await app.getByTestId('deposit-violation-date').fill('2025-11-03');
  await app.getByTestId('deposit-violation-add').click();
  await expect(app.locator(`${step} .ant-table-row`)).toHaveCount(1);
  await expect(app.locator(`${step} .ant-table-row`)).toContainText('2025-11-03');
  await expect(app.getByTestId('deposit-refundable')).toHaveText('¥9,700.00');
});

test('deposit application: the amount, the Alipay account and the date are each refused at their box', async ({ app }) => {
  await startDemo(app);
  await depositToApply(app);
  const step = '[data-testid=deposit-step-apply]';
  await app.getByText('刚开通全托管，不想做了').click();
  await app.getByTestId('deposit-apply-amount').fill('10000.01');
  await app.getByTestId('deposit-alipay').fill('13812345678');
  await app.getByTestId('deposit-apply').click();
  await expect(fieldError(app, step)).toHaveText('超过了可退金额 ¥10,000.00，最多可以申请 ¥10,000.00');
  await expect(app.locator(`${step} .ant-form-item-has-error`)).toContainText('申请金额');

  await app.getByTestId('deposit-apply-amount').fill('10000');
  await app.getByTestId('deposit-alipay').fill('我的支付宝账号');
  await app.getByTestId('deposit-apply').click();
  await expect(fieldError(app, step)).toHaveText('请填写店铺绑定的支付宝手机号或邮箱，例如 13812345678 或 name@163.com');
  await expect(app.locator(`${step} .ant-form-item-has-error`)).toContainText('支付宝');

  // A date after today: said under the date, with the days that are allowed.
  const tomorrow = new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
  await app.getByTestId('deposit-alipay').fill('13812345678');
  await app.getByTestId('deposit-applied-on').fill(tomorrow);
  await app.getByTestId('deposit-apply').click();
  await expect(fieldError(app, step)).toHaveText(/^请选择 \d{4}-\d{2}-\d{2} 到 \d{4}-\d{2}-\d{2} 之间实际提交申请的那一天$/);
  await expect(app.locator(`${step} .ant-alert-error`)).toHaveCount(0);
});

test('deposit review: a review date before the application is refused under 审核日期', async ({ app }) => {
  await startDemo(app);
  await depositToApply(app);
  await app.getByText('刚开通全托管，不想做了').click();
  await app.getByTestId('deposit-apply-amount').fill('10000');
  await app.getByTestId('deposit-alipay').fill('13812345678');
  await app.getByTestId('deposit-apply').click();
  const step = '[data-testid=deposit-step-review]';
  await expect(app.locator(step)).toBeVisible();
  await app.getByTestId('deposit-review-outcome').getByText('审核通过').click();
  await app.getByTestId('deposit-review-date').fill('2020-01-02');
  await app.getByTestId('deposit-review-save').click();
  await expect(fieldError(app, step)).toHaveText(/^审核日期应在 \d{4}-\d{2}-\d{2} 到 \d{4}-\d{2}-\d{2} 之间$/);
  await expect(app.locator(`${step} .ant-alert-error`)).toHaveCount(0);
});

test('fit check: a negative supply price is refused under 全托管供货价, in yuan words', async ({ app }) => {
  await startDemo(app);
  await app.getByRole('menuitem', { name: '全托管适合我吗' }).click();
  for (const [q, a] of [
    ['makesGoods', '是'],
    ['crossBorder', '否'],
    ['supplyEdge', '差不多'],
    ['capital', '有限'],
    ['productKind', '非标品'],
    ['invited', '否'],
  ] as const)
    await app.getByTestId(`fit-${q}`).getByText(a, { exact: true }).click();
  await app.getByTestId('fit-cost').fill('10');
  await app.getByTestId('fit-supply').fill('-3');
  await app.getByTestId('fit-check').click();
  await expect(fieldError(app, '[data-testid=fit-page]')).toHaveText('全托管供货价不能是负数');
  await app.getByTestId('fit-supply').fill('200000000');
  await app.getByTestId('fit-check').click();
  await expect(fieldError(app, '[data-testid=fit-page]')).toHaveText('全托管供货价最多 1 亿元，请检查是否多输了位数');
  await expect(app.locator('[data-testid=fit-page] .ant-alert-error')).toHaveCount(0);
});

test('stock sync schedule: an interval above a day is refused under 同步间隔, not clamped', async ({ app }) => {
  await startDemo(app);
  await app.getByRole('menuitem', { name: '库存自动绑定/解绑' }).click();
  await app.getByTestId('stock-steps').getByText('同步设置').click();
  await app.getByTestId('sync-interval').fill('2000');
  await app.getByTestId('sync-save').click();
  await expect(app.locator('.ant-form-item-explain-error')).toHaveText('同步间隔（分钟）不能大于 1440');
  await expect(app.getByTestId('sync-interval')).toHaveValue('2000');
  await app.getByTestId('sync-interval').fill('30');
  await expect(app.locator('.ant-form-item-explain-error')).toHaveCount(0);
});

test('fit: numbers typed in full-width are read, and a cost without its supply price is asked for at the box, not dropped', async ({
  app,
}) => {
  await startDemo(app);
  await app.getByRole('menuitem', { name: '全托管适合我吗' }).click();
  const answers = {
    makesGoods: '是',
    crossBorder: '否',
    supplyEdge: '明显低于同行',
    capital: '有限',
    productKind: '非标品',
    invited: '否',
  };
  for (const [q, a] of Object.entries(answers)) await app.getByTestId(`fit-${q}`).getByText(a, { exact: true }).click();
  // An input method left in full-width mode (全角).
  await app.getByTestId('fit-cost').fill('１２．５');
  await app.getByTestId('fit-ownFees').fill('３');
  await app.getByTestId('fit-check').click();
  await expect(app.getByTestId('fit-cost')).toHaveValue('12.50');
  await expect(app.getByTestId('fit-ownFees')).toHaveValue('3.00');
  await expect(fieldError(app, '[data-testid=fit-page]')).toHaveText([
    '比较利润需要单件成本和全托管供货价',
    '填了自营店费用，也请填写自营店售价',
  ]);
  await expect(app.getByTestId('fit-result')).toHaveCount(0);
  await app.getByTestId('fit-supply').fill('１５');
  await app.getByTestId('fit-ownPrice').fill('29.9');
  await app.getByTestId('fit-check').click();
  await expect(app.getByTestId('fit-margin-table')).toContainText('¥12.50');
  await expect(app.getByTestId('fit-margin-table')).toContainText('¥3.00');
  // A seller who only wants out of fully-managed gets to the deposit refund, not only to a store exit.
  await app.getByTestId('fit-to-deposit').click();
  await expect(app.getByTestId('deposit-page')).toBeVisible();
});
