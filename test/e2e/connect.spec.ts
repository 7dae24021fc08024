import { test, expect, startDemo } from './fixtures';

test('连接设置: connect the demo store and see the channel and the stock source report OK', async ({ app }) => {
  await startDemo(app);
  await app.getByRole('menuitem', { name: '连接设置' }).click();
  await expect(app.getByTestId('connect-page')).toBeVisible();
  await app.getByTestId('connect-use-demo').click();
  await expect(app.getByTestId('connect-channel')).toContainText('ONE_STOP_SERVICE');
  await expect(app.getByTestId('connect-stock-kind')).toContainText('演示 ERP');
  await app.getByTestId('connect-test').click();
  await expect(app.getByTestId('connect-report')).toContainText('连接正常');
  await expect(app.getByTestId('connect-check-ok')).toHaveCount(8);
  await expect(app.getByTestId('connect-check-failed')).toHaveCount(0);
  await expect(app.getByTestId('connect-report')).toContainText('找到全托管渠道');
});
