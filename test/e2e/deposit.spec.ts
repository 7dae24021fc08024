/**
 * The deposit refund wizard as a seller clicks through it in the demo store: status → checks →
 * apply → review → an imported GBK Alipay bill → confirmed arrival.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, startDemo } from './fixtures';
import { gbk, webExport } from '../unit/deposit/alipayFixtures';

test('a full deposit refund, from status to confirmed arrival through an imported Alipay bill', async ({ app, host }) => {
  await startDemo(app);
  await app.getByRole('menuitem', { name: '退保证金' }).click();
  await app.getByTestId('deposit-start').click();

  // ① status: refundable, ¥10,000
  await app.getByTestId('deposit-status').click();
  await app.getByTitle('可退还').click();
  await app.getByTestId('deposit-amount').fill('10,000');
  await app.getByTestId('deposit-status-save').click();

  // ② the three preconditions, answered by the seller
  for (const key of ['disputes', 'orders', 'debts']) {
    await app.getByTestId(`deposit-check-${key}`).getByText('没有', { exact: true }).click();
  }
  await expect(app.getByTestId('deposit-step-apply')).toBeVisible();

  // ③ apply: a too-large amount is refused with the refundable amount, then the real one
  await app.getByText('刚开通全托管，不想做了').click();
  await app.getByTestId('deposit-apply-amount').fill('10000.01');
  await app.getByTestId('deposit-alipay').fill('13812345678');
  await app.getByTestId('deposit-draft').click();
  await expect(app.getByRole('alert').filter({ hasText: '超过了可退金额 ¥10,000.00' })).toBeVisible();
  await app.getByTestId('deposit-apply-amount').fill('10000');
  await app.getByTestId('deposit-draft').click();
  await expect(app.getByTestId('deposit-draft-text')).toContainText('申请退还金额：10000.00 元');
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
  await expect(report).toContainText('已到账');
  await expect(report).toContainText('GBK');
  await app.getByTestId('deposit-confirm-7').click();
  await expect(app.getByTestId('deposit-arrival-verdict')).toHaveText('已到账');

  // The same state after a reload: it lives in the database, not in the page.
  await app.reload();
  await app.getByRole('menuitem', { name: '退保证金' }).click();
  await expect(app.getByTestId('deposit-arrival-verdict')).toHaveText('已到账');
  await expect(app.getByText('确认到账 ¥10,000.00')).toBeVisible();
});
