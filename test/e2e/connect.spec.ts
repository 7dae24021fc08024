import { test, expect, startDemo, pageCall } from './fixtures';
import { DEMO_KEYS } from '../../src-main/core/connectors/demo/startDemo';
import type { ConnectStatus } from '../../src-shared/channels/connect';

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

test('连接设置: from the demo store, the seller saves their own keys, authorises, and the app leaves the demo', async ({ app }) => {
  await startDemo(app);
  await app.getByRole('menuitem', { name: '连接设置' }).click();
  const authorize = app.getByTestId('connect-authorize');
  await expect(authorize).toBeDisabled();
  await expect(app.getByTestId('connect-from-demo')).toContainText('保存您自己的 App Key 和 App Secret 后点“授权店铺”');
  // The demo's own AliExpress simulator stands in for the real platform: its keys, at its address.
  const { gatewayUrl } = (await pageCall<ConnectStatus>(app, 'connect.status')).aliexpress;
  const form = app.getByTestId('connect-ae-form');
  await form.getByLabel('App Key').fill(DEMO_KEYS.aliexpress.appKey);
  await form.getByLabel('App Secret').fill('a-wrong-secret');
  await form.getByLabel('网关地址').fill(gatewayUrl);
  await form.getByRole('button', { name: '保存密钥' }).click();
  // Nothing on the status card changes in demo mode: the save is said, and when it counts.
  await expect(app.getByText('已保存。现在仍在使用演示店铺')).toBeVisible();

  /** 授权店铺 → the platform's page sends the seller back with the code, pasted as copied (a space and a line break around it). */
  const authorise = async (opts: { reload?: boolean } = {}) => {
    const [back] = await Promise.all([app.waitForEvent('popup'), authorize.click()]);
    await back.waitForURL(/code=/);
    const code = new URL(back.url()).searchParams.get('code')!;
    await back.close();
    // The page reloaded while the seller was on the platform's page: the code box is still there.
    if (opts.reload) await app.reload();
    await app.getByPlaceholder('授权码').fill(` ${code}\n`);
    await app.getByRole('button', { name: '完成授权' }).click();
  };
  // A wrong App Secret: said in Chinese with what to check, and the demo stays.
  await authorise();
  await expect(app.getByTestId('connect-page').getByRole('alert')).toContainText('请在“连接设置”核对 App Key 和 App Secret');
  await expect(app.getByTestId('connect-page').getByText('演示模式')).toBeVisible();

  await form.getByLabel('App Secret').fill(DEMO_KEYS.aliexpress.appSecret);
  await form.getByRole('button', { name: '保存密钥' }).click();
  await authorise({ reload: true });
  await expect(app.getByTestId('connect-page').getByText('正式店铺')).toBeVisible();
  // The request is used up: its code box goes, and stays gone after a reload.
  await expect(app.getByPlaceholder('授权码')).toHaveCount(0);
  await expect(app.getByTestId('connect-from-demo')).toHaveCount(0);
  // The header says so too, without a reload; and back, when the seller picks the demo store again.
  const header = app.locator('.ant-layout-header');
  await expect(header.getByText('正式店铺')).toBeVisible();
  await app.getByTestId('connect-use-demo').click();
  await expect(header.getByText('演示店铺')).toBeVisible();
});
