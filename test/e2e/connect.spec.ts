import { test, expect, startDemo } from './fixtures';

test('连接设置: connect the demo store and see the channel and the stock source report OK', async ({ app }) => {
  await startDemo(app);
  await app.getByRole('menuitem', { name: '连接设置' }).click();
  await expect(app.getByTestId('connect-page')).toBeVisible();
  await app.getByTestId('connect-use-demo').click();
  // Already in demo mode since Welcome: the click still says what it did.
  await expect(app.getByText('已在使用演示店铺（1,000 个SKU）')).toBeVisible();
  await expect(app.getByTestId('connect-channel')).toContainText('ONE_STOP_SERVICE');
  await expect(app.getByTestId('connect-stock-kind')).toContainText('演示 ERP');
  await app.getByTestId('connect-test').click();
  await expect(app.getByTestId('connect-report')).toContainText('连接正常');
  await expect(app.getByTestId('connect-check-ok')).toHaveCount(8);
  await expect(app.getByTestId('connect-check-failed')).toHaveCount(0);
  await expect(app.getByTestId('connect-report')).toContainText('找到全托管渠道');
  // The warehouses the test read, each with its id.
  await expect(app.getByTestId('connect-warehouses')).toContainText('读到的仓库');
  await expect(app.getByTestId('connect-warehouse-id').first()).not.toBeEmpty();

  // 检查真实接口 on the demo store: six calls, each answered, the fields that came back one click away.
  await app.getByTestId('connect-probe').click();
  const probe = app.getByTestId('connect-probe-report');
  await expect(probe).toContainText('所有接口都按文档返回');
  await expect(probe.getByTestId('connect-probe-row-answered')).toHaveCount(6);
  await expect(probe).toContainText('aliexpress.choice.products.list');
  await expect(probe).toContainText('goodsQuery');
  await probe.getByTestId('connect-probe-row-answered').nth(1).getByRole('button').first().click();
  await expect(probe.getByTestId('connect-probe-fields')).toContainText('sku_id');
});
