/**
 * The deposit refund wizard as a seller clicks through it in the demo store: status → checks →
 * apply → review → an imported GBK Alipay bill → confirmed arrival.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, startDemo, pageCall, depositToApply, depositToChecks } from './fixtures';
import { zipSync } from 'fflate';
import { appExport, gbk, utf8, webExport, type FixtureRow } from '../unit/deposit/alipayFixtures';

test('a full deposit refund, from status to confirmed arrival through an imported Alipay bill', async ({ app, host }) => {
  await startDemo(app);
  // ① status: refundable, ¥10,000 typed with its thousands comma
  await depositToChecks(app, '10,000');

  // ② the three preconditions, answered by the seller
  for (const key of ['disputes', 'orders', 'debts']) {
    await app.getByTestId(`deposit-check-${key}`).getByText('没有', { exact: true }).click();
  }
  // The last tick does not move the wizard on: the seller sees the answers, then goes on.
  await expect(app.getByTestId('deposit-check-debts')).toBeVisible();
  await expect(app.getByTestId('deposit-step-apply')).toHaveCount(0);
  await app.getByTestId('deposit-next').click();
  await expect(app.getByTestId('deposit-step-apply')).toBeVisible();

  // ③ apply: a too-large amount is refused with the refundable amount, then the real one
  await app.getByText('刚开通全托管，不想做了').click();
  await app.getByTestId('deposit-apply-amount').fill('10000.01');
  await app.getByTestId('deposit-alipay').fill('13812345678');
  await app.getByTestId('deposit-draft').click();
  await expect(app.locator('[data-testid=deposit-step-apply] .ant-form-item-explain-error')).toHaveText(
    '超过了可退金额 ¥10,000.00，最多可以申请 ¥10,000.00',
  );
  await app.getByTestId('deposit-apply-amount').fill('10000');
  await app.getByTestId('deposit-draft').click();
  await expect(app.getByTestId('deposit-draft-text')).toContainText('申请退还金额：¥10,000.00（在“退款金额”一栏填写：10000.00）');
  await app.getByTestId('deposit-apply').click();

  // ④ review: approved today; the window appears
  await expect(app.getByTestId('deposit-step-review')).toBeVisible();
  await app.getByTestId('deposit-review-outcome').getByText('审核通过').click();
  await app.getByTestId('deposit-review-save').click();
  await expect(app.getByTestId('deposit-step-arrival')).toBeVisible();
  await expect(app.getByTestId('deposit-arrival-verdict')).toHaveText('等待到账');

  // ⑤ import the Alipay bill (GBK, web export) with the refund and the same-amount expense
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const bill = join(host.dataDir, 'alipay.csv');
  writeFileSync(
    bill,
    gbk(
      webExport([
        { time: `${today} 08:00:00`, counterparty: '阿里巴巴', description: '保证金缴纳', amount: '10,000.00', direction: '支出' },
        { time: `${today} 09:30:00`, counterparty: 'AliExpress', description: '全托管保证金退回', amount: '10,000.00', direction: '收入' },
      ]),
    ),
  );
  await app.locator('input[type=file]').setInputFiles(bill);
  const report = app.getByTestId('deposit-report');
  // The report says what it found and waits for the seller; the case still says 等待到账 until then.
  await expect(report).toContainText('找到金额一致的退款，等您确认');
  await expect(report).toContainText('GBK');
  await expect(app.getByTestId('deposit-arrival-verdict')).toHaveText('等待到账');
  await app.getByTestId('deposit-confirm-7').click();
  await expect(app.getByTestId('deposit-arrival-verdict')).toHaveText('已到账');
  // The report no longer waits for the seller.
  await expect(report).toContainText('这笔退款已确认到账');
  await expect(report).not.toContainText('等您确认');

  // The same state after a reload: it lives in the database, not in the page.
  await app.reload();
  await app.getByRole('menuitem', { name: '退保证金' }).click();
  await expect(app.getByTestId('deposit-arrival-verdict')).toHaveText('已到账');
  await expect(app.getByText('确认到账 ¥10,000.00')).toBeVisible();
});

/** YYYY-MM-DD in China, `days` from today. */
const chinaDay = (days = 0) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

test('reconciliation: web and app bills with 冻结/解冻 and a pre-application row pick the right income row; a confirmation is undone', async ({
  app,
  host,
}) => {
  test.setTimeout(180_000);
  await app.setViewportSize({ width: 1366, height: 768 });
  await startDemo(app);
  await depositToApply(app);
  // Applied on AliExpress three days ago, recorded today with the real date.
  const appliedOn = chinaDay(-3);
  await app.getByText('刚开通全托管，不想做了').click();
  await app.getByTestId('deposit-apply-amount').fill('10000');
  await app.getByTestId('deposit-alipay').fill('13812345678');
  await app.getByTestId('deposit-applied-on').fill(appliedOn);
  await app.getByTestId('deposit-apply').click();
  await expect(app.getByTestId('deposit-step-review')).toBeVisible();
  await app.getByTestId('deposit-review-outcome').getByText('审核通过').click();
  await app.getByTestId('deposit-review-save').click();
  await expect(app.getByTestId('deposit-arrival-verdict')).toHaveText('等待到账');

  const today = chinaDay();
  const rows: FixtureRow[] = [
    {
      time: `${chinaDay(-10)} 08:00:00`,
      counterparty: '阿里巴巴',
      description: '速卖通保证金冻结',
      amount: '10,000.00',
      direction: '不计收支',
    },
    { time: `${chinaDay(-5)} 09:00:00`, counterparty: 'AliExpress', description: '保证金退款', amount: '10,000.00', direction: '收入' },
    { time: `${today} 08:30:00`, counterparty: '阿里巴巴', description: '速卖通保证金解冻', amount: '10,000.00', direction: '不计收支' },
    {
      time: `${today} 09:30:00`,
      counterparty: 'Alibaba.com Singapore E-Commerce Private Limited',
      description: '全托管保证金退回',
      amount: '10,000.00',
      direction: '收入',
      remarks: '退店保证金',
    },
  ];
  // The web export as Alipay downloads it: a .zip holding the CSV, imported without unzipping.
  const web = join(host.dataDir, 'alipay_record_20261101.zip');
  writeFileSync(web, zipSync({ 'alipay_record_20261101_0931_1.csv': gbk(webExport(rows)) }));
  await expect(app.locator('input[type=file]')).toHaveAttribute('accept', /\.zip/);
  await app.locator('input[type=file]').setInputFiles(web);
  const report = app.getByTestId('deposit-report');
  await expect(report).toContainText('找到金额一致的退款，等您确认');
  await expect(report).toContainText('ZIP（alipay_record_20261101_0931_1.csv）');
  await expect(report).toContainText(`与申请日期 ${appliedOn} 比较`);
  // Candidates are the income rows only, with 收/支, counterparty and remarks; the early one is flagged.
  const candidates = app.getByTestId('deposit-candidates');
  await expect(candidates.locator('tbody tr.ant-table-row')).toHaveCount(2);
  await expect(candidates.locator('tbody tr.ant-table-row').first()).toContainText('退店保证金');
  await expect(candidates.locator('tbody tr.ant-table-row').first()).toContainText('收入');
  await expect(candidates.locator('tbody tr.ant-table-row').filter({ hasText: '早于申请日期' })).toContainText('不能确认');
  // 冻结/解冻 are shown apart and not counted.
  const apart = app.getByTestId('deposit-apart');
  await expect(apart).toContainText('速卖通保证金解冻');
  await expect(apart).toContainText('速卖通保证金冻结');
  await expect(apart).toContainText('不计收支');
  await app.getByTestId('deposit-confirm-9').click();
  await expect(app.getByTestId('deposit-arrival-verdict')).toHaveText('已到账');
  await expect(app.getByTestId('deposit-arrived-total')).toHaveText('¥10,000.00');

  // Undo the confirmation: nothing counts as arrived any more.
  await app.getByTestId('deposit-confirmed').getByRole('button', { name: '撤销确认' }).click();
  await app
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await expect(app.getByTestId('deposit-arrival-verdict')).toHaveText('等待到账');
  await expect(app.getByTestId('deposit-arrived-total')).toHaveText('¥0.00');

  // The app-shaped export of the same account picks the same income row (its line 20).
  const appBill = join(host.dataDir, 'app.csv');
  writeFileSync(appBill, utf8(appExport(rows)));
  await app.locator('input[type=file]').setInputFiles(appBill);
  await expect(report).toContainText('UTF-8');
  await expect(app.getByTestId('deposit-candidates').locator('tbody tr.ant-table-row').first()).toContainText('Alibaba.com Singapore');
  await app.getByTestId('deposit-confirm-20').click();
  await expect(app.getByTestId('deposit-arrival-verdict')).toHaveText('已到账');
  expect(await app.locator('html').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
});

test('a status that holds the refund back is said at step 1, where the seller confirmed it', async ({ app }) => {
  await startDemo(app);
  await depositToApply(app);

  // The service centre now shows the deposit frozen: with the checks all clear, only the status
  // holds the case, so it stays at step 1, and step 1 says why and what to do.
  await app.getByTestId('deposit-steps').getByText('查看保证金状态').click();
  await app.getByTestId('deposit-status').click();
  await app.getByTitle('已冻结').click();
  await app.getByTestId('deposit-status-save').click();
  const blocked = app.getByTestId('deposit-status-blocked');
  await expect(blocked).toContainText('现在还不能申请');
  await expect(blocked).toContainText('保证金处于冻结状态');
  await expect(app.getByTestId('deposit-step-apply')).toHaveCount(0);

  await app.getByRole('button', { name: 'English' }).click();
  await expect(blocked).toContainText('The deposit is frozen');
  await app.getByRole('button', { name: '中文' }).click();

  // Refundable again: the case moves on to the application.
  await app.getByTestId('deposit-status').click();
  await app.getByTitle('可退还').click();
  await app.getByTestId('deposit-status-save').click();
  await expect(app.getByTestId('deposit-step-apply')).toBeVisible();
});

test("in English the timeline's times are year first in China time, like every date beside them", async ({ app }) => {
  await startDemo(app);
  await app.getByRole('button', { name: 'English' }).click();
  await app.getByRole('menuitem', { name: 'Deposit refund' }).click();
  await app.getByTestId('deposit-start').click();
  // 2026-12-08 01:18:24, never 08/12/2026: that reads as 12 August, and the system's date boxes may
  // show the same day as 12/08/2026.
  const timeline = app.getByTestId('deposit-page').locator('.ant-timeline');
  const started = (await pageCall<{ case: { timeline: { at: string }[] } }>(app, 'deposit.get')).case.timeline[0]!.at;
  await expect(timeline).toContainText(new Date(Date.parse(started) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' '));
  await expect(timeline).not.toContainText(/\d{2}\/\d{2}\/\d{4}/);
});
