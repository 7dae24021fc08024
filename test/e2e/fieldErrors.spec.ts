/**
 * A refused input is said at the field, in the seller's words: the connection settings, the store
 * warehouse name and the SKU rule editor each show the message under the box that holds it.
 */
import type { Page } from '@playwright/test';
import { test, expect, startDemo } from './fixtures';

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

test('stock wizard: a too long warehouse name and an empty rule text are refused at their boxes', async ({ app }) => {
  await startDemo(app);
  await app.getByRole('menuitem', { name: '库存自动绑定/解绑' }).click();
  await app.getByTestId('store-warehouse-name').fill('仓'.repeat(61));
  await app.getByTestId('store-warehouse-add').click();
  await expect(app.locator('.ant-form-item-explain-error').filter({ hasText: '店铺仓库名称' })).toHaveText('店铺仓库名称最多 60 个字符（现在 61 个）');

  await app.getByTestId('stock-steps').getByText('SKU关联').click();
  await app.getByTestId('rule-preview').click();
  await expect(fieldError(app, '[data-testid=rule-editor]')).toHaveText('请填写文字');
  await app.getByTestId('rule-text').fill('ZX-');
  await expect(fieldError(app, '[data-testid=rule-editor]')).toHaveCount(0);
});
