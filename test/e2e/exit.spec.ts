/**
 * 退店 as a seller clicks through it in the demo store: the fit check for a trader, then every step
 * of the exit from the reason to done, the deposit case started from step ④ and seen in both
 * wizards, each document printed to PDF from its own page, the export ZIP downloaded, and the wipe.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import ExcelJS from 'exceljs';
import { findWorkday } from 'chinese-days';
import type { Page } from '@playwright/test';
import { test, expect, startDemo, sessionOf, type Host } from './fixtures';
import { pdfText } from '../integration/exit/pdfText';
import { DEMO_KEYS } from '../../src-main/core/connectors/demo/startDemo';

// The exit's ZIP carries the paperwork printed to PDF by a browser of its own: on a busy PC that takes
// far longer than a click (a 15 s action timeout was missed under load).
const EXPORT_TIMEOUT = 90_000;
/** The seller's own AliExpress keys, typed into 连接设置 before deciding to leave. */
const AE_KEY = 'e2e-ae-key-3c7d19e5';
const AE_SECRET = 'E2E-AeSecret-5b8f2a91c4d7';
const ALIPAY = '13812345678';
const SUBMITTED = '2026-09-30';
const DECIDED = '2026-10-12';
const DONE = '2026-10-20';

/** 2026-10-10 → 2026年10月10日, as the paperwork writes dates. */
const cn = (d: string) => {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
};

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? allFiles(p) : [p];
  });
}

async function call<T>(page: Page, host: Host, channel: string, data: unknown = {}): Promise<T> {
  // As the page's own fetch: the web host takes channel calls from its own origin only.
  const res = await page.request.post(`${host.url}api/${channel}`, {
    data,
    headers: { 'X-Desk-Session': await sessionOf(page), Origin: new URL(host.url).origin },
  });
  const body = (await res.json()) as { ok: boolean; data: T; error?: { message: string } };
  if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
  return body.data;
}

/**
 * The exit through the contract (the first test clicks these steps): reason, agreement and orders,
 * disputes and debts answered "没有" ('ready'), then submitted on SUBMITTED, then approved on DECIDED.
 */
async function exitUntil(
  app: Page,
  host: Host,
  until: 'ready' | 'submitted' | 'approved',
  opts: { reason?: string; applicationNo?: string } = {},
): Promise<void> {
  await call(app, host, 'exit.open');
  await call(app, host, 'exit.setReason', { reason: opts.reason ?? 'life_pressure' });
  for (const key of ['agreement', 'process', 'notes']) await call(app, host, 'exit.confirmAgreement', { key, confirmed: true });
  for (const key of ['orders', 'disputes', 'debts']) await call(app, host, 'exit.answerReadiness', { key, answer: 'clear' });
  if (until === 'ready') return;
  await call(app, host, 'exit.submit', { submittedOn: SUBMITTED, ...(opts.applicationNo ? { applicationNo: opts.applicationNo } : {}) });
  if (until === 'approved') await call(app, host, 'exit.review', { outcome: 'approved', decidedOn: DECIDED });
}

/** Picks an option in the antd Select that is open right now. */
async function choose(page: Page, select: ReturnType<Page['getByTestId']>, option: string) {
  await select.click();
  // The newest open dropdown: one closed a moment ago may still be fading out.
  await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${option}"]`).last().click();
}

test('fit check for a trader, then a full store exit with paperwork, deposit, export and wipe', async ({ app, host }) => {
  await startDemo(app);
  await call(app, host, 'connect.saveAliExpress', { appKey: AE_KEY, appSecret: AE_SECRET });
  expect(readFileSync(join(host.dataDir, 'secrets.dev.json'), 'utf8')).toContain(AE_SECRET);
  const store = (await call<{ storeName: string }>(app, host, 'settings.get')).storeName;

  // 0 全托管适合我吗: a trader of standard products without a supply-price edge.
  await app.getByRole('menuitem', { name: '全托管适合我吗' }).click();
  // Nothing is answered for the seller: asking for the result first names the questions left.
  await app.getByTestId('fit-check').click();
  await expect(app.locator('[data-testid=fit-page] .ant-form-item-explain-error').filter({ hasText: '请选择一个答案' })).toHaveCount(6);
  await expect(app.getByTestId('fit-result')).toHaveCount(0);
  await app.getByTestId('fit-makesGoods').getByText('否').click();
  await app.getByTestId('fit-crossBorder').getByText('是').click();
  await app.getByTestId('fit-supplyEdge').getByText('没有优势').click();
  await app.getByTestId('fit-capital').getByText('有限').click();
  await app.getByTestId('fit-productKind').getByText('标品', { exact: true }).click();
  await app.getByTestId('fit-invited').getByText('否').click();
  await app.getByTestId('fit-cost').fill('30');
  await app.getByTestId('fit-supply').fill('31.5');
  await app.getByTestId('fit-ownPrice').fill('69.9');
  await app.getByTestId('fit-ownFees').fill('20.4');
  await app.getByTestId('fit-check').click();
  await expect(app.getByTestId('fit-verdict')).toHaveText('利润被挤压');
  await expect(app.getByTestId('fit-type')).toContainText('贸易商');
  // Fully-managed earns ¥1.50 a unit against ¥19.50 in their own store.
  await expect(app.getByTestId('fit-margin')).toContainText('1.50');
  await expect(app.getByTestId('fit-margin')).toContainText('19.50');
  // Side by side in a table: price, fees, cost, margin and its rate for each.
  const margins = app.getByTestId('fit-margin-table');
  await expect(margins.locator('thead th')).toHaveText(['', '全托管', '自营店']);
  await expect(margins.locator('tbody tr').nth(3).locator('td')).toHaveText(['每件毛利', '¥1.50', '¥19.50']);
  await expect(margins.locator('tbody tr').nth(1).locator('td')).toHaveText(['佣金和物流等费用', '¥0.00', '¥20.40']);
  await app.getByTestId('fit-to-exit').click();

  // ① 准备: reason, the agreement checklist, then the readiness answers.
  await expect(app.getByTestId('exit-page')).toContainText('没有供应链优势的贸易商');
  await app.getByTestId('exit-reason').getByText('市场竞争激烈').click();
  await app.getByTestId('exit-reason-text').fill('同款标品价格战');
  await app.getByTestId('exit-save-reason').click();
  await expect(app.getByText('退店原因：市场竞争激烈')).toBeVisible();
  for (const key of ['agreement', 'process', 'notes']) {
    const box = app.getByTestId(`exit-agree-${key}`);
    await box.click();
    await expect(box).toBeChecked();
  }
  // Orders, disputes and debts not checked yet: the way on to 提交申请 is open, and the wizard says
  // what they will hold back later — the deposit refund, not the application.
  const advice = app.getByTestId('exit-deposit-advice');
  await expect(advice).toContainText('这 3 项不影响提交退店申请，但会影响之后的退保证金');
  await expect(advice.locator('li')).toHaveText([
    /^未完成的订单 \/ 备货单：还没有确认/,
    /^未解决的纠纷：还没有确认/,
    /^未清偿的欠款：还没有确认/,
  ]);
  await expect(app.getByTestId('exit-next')).toBeVisible();
  // Stock still on hand is handled after approval (step ④).
  await app.getByTestId('exit-ready-stock').getByText('还有', { exact: true }).click();
  await expect(app.getByTestId('exit-ready-stock')).toContainText('需处理');
  // A dispute still open is named with where to settle it and what it does to the deposit.
  await app.getByTestId('exit-ready-disputes').getByText('还有', { exact: true }).click();
  await expect(app.getByTestId('exit-ready-disputes')).toContainText('需处理');
  await expect(advice.locator('li').nth(1)).toContainText('未解决的纠纷：您已确认：还有。到 卖家中心 → 交易 → 纠纷管理');
  await expect(advice.locator('li').nth(1)).toContainText('申请退保证金前必须没有未解决的纠纷');
  for (const key of ['listings', 'orders', 'disputes', 'debts']) {
    await app.getByTestId(`exit-ready-${key}`).getByText('没有', { exact: true }).click();
    await expect(app.getByTestId(`exit-ready-${key}`)).toContainText('没问题');
  }
  await expect(advice).toHaveCount(0);

  // The wizard stays on a finished step until the seller moves on.
  await expect(app.getByTestId('exit-agree-notes')).toBeVisible();
  await app.getByTestId('exit-next').click();

  // ② 提交申请: the drafted text carries the reason; the seller's edit to it survives a reload.
  await expect(app.getByTestId('exit-application-text')).toHaveValue(/同款标品价格战/);
  await expect(app.getByText('您的修改会自动保存')).toBeVisible();
  await app.getByTestId('exit-application-text').press('Control+End');
  await app.getByTestId('exit-application-text').pressSequentially('（另附说明：库存已安排退回工厂）');
  await expect
    .poll(async () => (await call<{ case: { submit: { applicationText: string } } }>(app, host, 'exit.get')).case.submit.applicationText)
    .toContain('另附说明');
  await app.reload();
  await expect(app.getByTestId('exit-application-text')).toHaveValue(/另附说明：库存已安排退回工厂）$/);
  // Record the date and the application number.
  await app.getByTestId('exit-submitted-on').fill(SUBMITTED);
  await app.getByTestId('exit-application-no').fill('TD20260930001');
  await app.getByTestId('exit-submit').click();
  // Still on ②: the next button appears once the submission is saved.
  await expect(app.getByTestId('exit-submit')).toBeVisible();
  await app.getByTestId('exit-next').click();

  // ③ 平台审核: due 3 Chinese working days later — past the National Day holiday, onto a 调休 Saturday.
  const due = findWorkday(3, SUBMITTED);
  expect(due).not.toBe('2026-10-03');
  await expect(app.getByTestId('exit-review-due')).toHaveText(due);
  await app.getByTestId('exit-outcome').getByText('通过', { exact: true }).click();
  await app.getByTestId('exit-decided-on').fill(DECIDED);
  await app.getByTestId('exit-save-review').click();
  await app.getByTestId('exit-next').click();

  // ④ 办理退店手续 ①: no deposit case yet; start it from here, in the deposit wizard.
  await expect(app.getByTestId('exit-deposit')).toHaveText('还没有开始退保证金。');
  await expect(app.getByTestId('deposit-summary-facts')).toHaveCount(0);
  await app.getByTestId('deposit-summary-open').click();
  await expect(app.getByTestId('deposit-page')).toBeVisible();
  await app.getByTestId('deposit-status').click();
  await app.locator('.ant-select-dropdown:visible').getByTitle('可退还').click();
  await app.getByTestId('deposit-amount').fill('10,000');
  await app.getByTestId('deposit-status-save').click();
  // Disputes, orders and debts were answered in step ①: the deposit wizard does not ask again.
  await expect(app.getByTestId('deposit-step-apply')).toBeVisible();
  await app.getByText('刚开通全托管，不想做了').click();
  await app.getByTestId('deposit-apply-amount').fill('10000');
  await app.getByTestId('deposit-alipay').fill(ALIPAY);
  await app.getByTestId('deposit-draft').click();
  await app.getByTestId('deposit-apply').click();
  await expect(app.getByTestId('deposit-step-review')).toBeVisible();
  const depositCase = (await call<{ case: { id: number; status: string } }>(app, host, 'deposit.get')).case;

  // Back in the exit wizard, step ④ shows that same case and its state.
  await app.getByRole('menuitem', { name: '退店' }).click();
  await expect(app.getByTestId('exit-deposit')).toContainText(`退保证金案件 #${depositCase.id}`);
  await expect(app.getByTestId('exit-deposit')).toContainText('（进行到“审核”步）');
  const facts = app.getByTestId('deposit-summary-facts');
  await expect(facts).toContainText(`#${depositCase.id} · 审核`);
  await expect(facts).toContainText('¥10,000.00');
  const status = await app.getByTestId('deposit-summary-status').textContent();
  await app.getByTestId('deposit-summary-open').click();
  await expect(app.getByTestId('deposit-step-review')).toBeVisible();
  await expect(app.getByTestId('deposit-page')).toContainText('提交退保证金申请 ¥10,000.00');
  await app.getByTestId('deposit-page').locator('.ant-steps').getByText('查看保证金状态').click();
  await expect(app.getByTestId('deposit-status')).toContainText(status!);
  await app.getByRole('menuitem', { name: '退店' }).click();

  // ② the disposal plan, saved row by row as typed: a row that does not add up says so at the row.
  for (const [sku, onHand] of [
    ['CUP-RED', '15'],
    ['CUP-BLUE', '６'],
  ] as const) {
    await app.getByTestId('exit-new-sku').fill(sku);
    await app.getByTestId('exit-add-sku').click();
    await expect(app.getByTestId(`exit-row-${sku}`)).toContainText('请填写现有库存');
    await app.getByTestId(`exit-onhand-${sku}`).fill(onHand);
    await app.getByTestId(`exit-onhand-${sku}`).blur();
  }
  await app.getByTestId('exit-q-CUP-RED-sell_through').fill('10');
  await app.getByTestId('exit-q-CUP-RED-return_factory').fill('4');
  await app.getByTestId('exit-q-CUP-BLUE-liquidate').fill('-6');
  await app.getByTestId('exit-q-CUP-BLUE-liquidate').blur();
  await expect(app.getByTestId('exit-row-CUP-RED')).toContainText('处理数量合计 14 件，现有库存 15 件，少了 1 件');
  // A negative is refused at its row and kept as typed, never read as 0.
  await expect(app.getByTestId('exit-row-CUP-BLUE')).toContainText('清仓处理不能是负数（填的是“-6”）');
  await expect(app.getByTestId('exit-q-CUP-BLUE-liquidate')).toHaveValue('-6');
  await app.getByTestId('exit-q-CUP-BLUE-liquidate').fill('６');
  await app.getByTestId('exit-q-CUP-RED-liquidate').fill('1');
  await app.getByTestId('exit-q-CUP-RED-liquidate').blur();
  await expect(app.getByTestId('exit-row-CUP-RED')).toContainText('已完成');
  await expect(app.getByTestId('exit-row-CUP-BLUE')).toContainText('已完成');
  await expect(app.getByTestId('exit-disposal-counts')).toContainText('已完成 2 行，待修改 0 行');

  // ③ partners: a logistics and a payment partner, each with its reference, then terminated.
  const partners = [
    { kind: '物流', name: '菜鸟国际物流', ref: 'CN-2026-0815' },
    { kind: '支付', name: '连连支付', ref: 'LL-88231' },
  ];
  for (const p of partners) {
    await choose(app, app.getByTestId('exit-partner-kind'), p.kind);
    await app.getByTestId('exit-partner-name').fill(p.name);
    await app.getByTestId('exit-add-partner').click();
    await app.getByTestId(`exit-partner-ref-${p.name}`).fill(p.ref);
    await app.getByTestId(`exit-partner-ref-${p.name}`).blur();
    await expect(app.getByText(`合作伙伴 ${p.name}：仍在合作，凭证 ${p.ref}`)).toBeVisible();
  }
  for (const p of partners) {
    await choose(app, app.getByTestId(`exit-partner-status-${p.name}`), '已终止');
    await expect(app.getByText(new RegExp(`合作伙伴 ${p.name}：已终止（\\d{4}-\\d{2}-\\d{2}），凭证 ${p.ref}`))).toBeVisible();
  }

  // ⑤ 退店成功
  await app.getByTestId('exit-next').click();
  await app.getByTestId('exit-confirmed-on').fill(DONE);
  await app.getByTestId('exit-confirm-done').click();
  await expect(app.getByText(`${DONE} 退店成功，卖家中心店铺状态：已退店`)).toBeVisible();
  await app.getByTestId('exit-next').click();

  // The paperwork: each document on its own page, printed to PDF as the browser prints it.
  const texts: Record<string, string> = {};
  const docs = ['01-退店申请', '02-库存处理清单', '03-终止合作通知-01-菜鸟国际物流', '03-终止合作通知-02-连连支付', '04-退店清单'];
  for (const name of docs) {
    await app.getByTestId(`exit-doc-${name}`).click();
    await expect(app.getByTestId('exit-print-doc')).toContainText(store);
    await expect(app.getByTestId('exit-print-now')).toBeEnabled();
    const pdf = await app.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // A4 is 595 × 842 points.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]/);
    texts[name] = pdfText(pdf);
    // Only the document prints: none of the app around it.
    expect(texts[name]).not.toContain('打印 / 另存为PDF');
    expect(texts[name]).not.toContain('连接设置');
    await app.getByTestId('exit-print-back').click();
  }
  for (const name of docs) expect(texts[name], name).toContain(store);
  expect(texts['01-退店申请']).toContain('市场竞争激烈');
  expect(texts['01-退店申请']).toContain(cn(SUBMITTED));
  expect(texts['01-退店申请']).toContain(cn(due));
  expect(texts['01-退店申请']).toContain('TD20260930001');
  expect(texts['01-退店申请']).toMatch(/第 ?1 ?页/);
  expect(texts['02-库存处理清单']).toContain('CUP-RED');
  expect(texts['02-库存处理清单']).toContain('退回工厂');
  expect(texts['03-终止合作通知-01-菜鸟国际物流']).toContain('CN-2026-0815');
  expect(texts['03-终止合作通知-01-菜鸟国际物流']).toContain(cn(DONE));
  expect(texts['03-终止合作通知-02-连连支付']).toContain('连连支付');
  expect(texts['04-退店清单']).toContain('市场竞争激烈');
  expect(texts['04-退店清单']).toContain(cn(SUBMITTED));
  expect(texts['04-退店清单']).toContain(cn(DECIDED));
  expect(texts['04-退店清单']).toContain(cn(DONE));

  // ⑥ 退店后: the export downloads as a ZIP that lists every file, and no copy stays behind.
  const download = app.waitForEvent('download', { timeout: EXPORT_TIMEOUT });
  await app.getByTestId('exit-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(new RegExp(`^退店导出-${store}-\\d{8}-\\d{6}\\.zip$`));
  const zip = unzipSync(new Uint8Array(Buffer.concat(await (await file.createReadStream()).toArray())));
  const names = Object.keys(zip).sort();
  await expect(app.getByTestId('exit-export-entries')).toHaveText(`ZIP 中共 ${names.length} 个文件。`);
  const readme = strFromU8(zip['README.txt']!);
  for (const n of names.filter((x) => x !== 'README.txt')) expect(readme).toContain(n);
  // Each document as HTML, and as a PDF printed by the host's browser.
  await expect(app.getByTestId('exit-export-pdf-note')).toHaveCount(0);
  for (const d of docs) {
    expect(names).toContain(`documents/${d}.html`);
    expect(pdfText(Buffer.from(zip[`documents/${d}.pdf`]!))).toContain(store);
  }
  for (const n of [
    'case.json',
    'exit/退店案件.csv',
    'exit/库存处理计划（已完成的行）.csv',
    'exit/合作伙伴及终止合作情况.json',
    'deposit/退保证金案件.csv',
    'audit/操作记录（谁在什么时候做了什么）.csv',
    'stock/库存记录（每个SKU在每个仓库的最新可用库存）.csv',
  ]) {
    expect(names).toContain(n);
  }
  expect(JSON.parse(strFromU8(zip['case.json']!)).case.done.confirmedOn).toBe(DONE);
  expect(strFromU8(zip['exit/库存处理计划（已完成的行）.csv']!)).toContain('CUP-BLUE');
  const zipped = Object.values(zip)
    .map((b) => strFromU8(b))
    .join('\n');
  expect(zipped).not.toContain(AE_SECRET);
  expect(allFiles(host.dataDir).filter((f) => f.endsWith('.zip'))).toEqual([]);

  // The wipe: the typed store name confirms it; then no credential or account is left on disk.
  // Before it, the keys and the Alipay account are there to be found.
  const holding = (s: string) => allFiles(host.dataDir).filter((f) => readFileSync(f).includes(Buffer.from(s, 'utf8')));
  expect(holding(AE_SECRET)).toEqual([join(host.dataDir, 'secrets.dev.json')]);
  expect(holding(ALIPAY).length).toBeGreaterThan(0);
  await app.getByTestId('exit-wipe-confirm').fill('确认');
  await expect(app.getByTestId('exit-wipe')).toBeDisabled();
  await app.getByTestId('exit-wipe-confirm').fill(store);
  await app.getByTestId('exit-wipe').click();
  await expect(app.getByTestId('exit-wipe-removed')).toContainText('速卖通的 App Key 和 App Secret');
  await expect(app.getByText('已清除店铺的账号凭证和个人信息')).toBeVisible();
  // The demo keeps its own keys in code and its tokens in memory (none go through app.secrets):
  // they must not have reached the disk either.
  const secrets = [AE_KEY, AE_SECRET, ALIPAY, DEMO_KEYS.aliexpress.appSecret, DEMO_KEYS.tongtool.appSecret];
  for (const f of allFiles(host.dataDir)) {
    const bytes = readFileSync(f);
    for (const s of secrets) {
      expect(bytes.includes(Buffer.from(s, 'utf8')), `${s} found in ${f}`).toBe(false);
      expect(bytes.includes(Buffer.from(s, 'utf16le')), `${s} found in ${f}`).toBe(false);
    }
  }
});

test('a deposit case started in its own wizard is the one exit step ④ shows, after a reload too', async ({ app, host }) => {
  await startDemo(app);

  // The deposit wizard on its own: the seller confirms a refundable ¥5,000 deposit and that there
  // are no disputes, unfinished orders or debts.
  await app.getByRole('menuitem', { name: '退保证金' }).click();
  await app.getByTestId('deposit-start').click();
  await choose(app, app.getByTestId('deposit-status'), '可退还');
  await app.getByTestId('deposit-amount').fill('5,000');
  await app.getByTestId('deposit-status-save').click();
  await expect(app.getByTestId('deposit-step-checks')).toBeVisible();
  const depositId = (await call<{ case: { id: number } }>(app, host, 'deposit.get')).case.id;
  for (const key of ['disputes', 'orders', 'debts']) {
    await app.getByTestId(`deposit-check-${key}`).getByText('没有', { exact: true }).click();
  }
  // The wizard stays on the checks after the last tick; the seller moves on.
  await expect(app.getByTestId('deposit-step-apply')).toHaveCount(0);
  await app.getByTestId('deposit-next').click();
  await expect(app.getByTestId('deposit-step-apply')).toBeVisible();

  // The exit up to its step ④, through the contract (the test above clicks these steps). The answers
  // given in the deposit wizard count for the exit too, so nothing blocks its application.
  await call(app, host, 'exit.open');
  await call(app, host, 'exit.setReason', { reason: 'life_pressure' });
  for (const key of ['agreement', 'process', 'notes']) await call(app, host, 'exit.confirmAgreement', { key, confirmed: true });
  await call(app, host, 'exit.submit', { submittedOn: SUBMITTED, applicationNo: 'TD-2' });
  await call(app, host, 'exit.review', { outcome: 'approved', decidedOn: DECIDED });

  await app.getByRole('menuitem', { name: '退店' }).click();
  await expect(app.getByTestId('exit-deposit')).toHaveText(`退保证金案件 #${depositId}：可退还，可退 ¥5,000.00（进行到“提交申请”步）。`);
  await expect(app.getByTestId('deposit-summary-facts')).toContainText(`#${depositId} · 提交申请`);
  await expect(app.getByTestId('deposit-summary-status')).toHaveText('可退还');

  // A change in the deposit wizard shows in the exit wizard, and both survive a reload.
  await app.getByTestId('deposit-summary-open').click();
  await expect(app.getByTestId('deposit-step-apply')).toBeVisible();
  await app.getByText('刚开通全托管，不想做了').click();
  await app.getByTestId('deposit-apply-amount').fill('5000');
  await app.getByTestId('deposit-alipay').fill(ALIPAY);
  await app.getByTestId('deposit-draft').click();
  await app.getByTestId('deposit-apply').click();
  await expect(app.getByTestId('deposit-step-review')).toBeVisible();
  await app.reload();
  await app.getByRole('menuitem', { name: '退店' }).click();
  await expect(app.getByTestId('exit-deposit')).toContainText('（进行到“审核”步）');
  await expect(app.getByTestId('deposit-summary-facts')).toContainText(`#${depositId} · 审核`);
  // Still the one case: the deposit wizard never opened a second.
  expect((await call<{ case: { id: number } }>(app, host, 'deposit.get')).case.id).toBe(depositId);
});

test('in English the paperwork buttons are in English and say the documents stay Chinese, as AliExpress requires', async ({
  app,
  host,
}) => {
  await startDemo(app);
  await call(app, host, 'exit.open');
  await call(app, host, 'exit.savePartner', { kind: 'logistics', name: '菜鸟国际物流', status: 'active' });
  await app.getByRole('button', { name: 'English' }).click();
  await app.getByRole('menuitem', { name: 'Store exit' }).click();
  const paperwork = app.getByTestId('exit-paperwork');
  await expect(paperwork.getByTestId('exit-doc-01-退店申请')).toHaveText('Exit application');
  await expect(paperwork.getByTestId('exit-doc-02-库存处理清单')).toHaveText('Stock disposal list');
  // The partner's name is the seller's own words, as they typed it.
  await expect(paperwork.getByTestId('exit-doc-03-终止合作通知-01-菜鸟国际物流')).toHaveText('Termination notice (菜鸟国际物流)');
  await expect(paperwork.getByTestId('exit-doc-04-退店清单')).toHaveText('Exit checklist');
  await expect(paperwork.getByTestId('exit-paperwork-chinese')).toHaveText(/^The documents are in Chinese, as AliExpress requires/);
  // The document itself is the Chinese one, and its page says so too.
  await paperwork.getByTestId('exit-doc-01-退店申请').click();
  await expect(app.getByTestId('exit-print-doc')).toContainText('退店申请');
  await expect(app.getByTestId('exit-print')).toContainText('The documents are in Chinese, as AliExpress requires');
  await app.getByTestId('exit-print-back').click();
  // In Chinese the buttons read as before, with no note about the language.
  await app.getByRole('button', { name: '中文' }).click();
  await expect(paperwork.getByTestId('exit-doc-01-退店申请')).toHaveText('退店申请');
  await expect(paperwork.getByTestId('exit-paperwork-chinese')).toHaveCount(0);
});

test('an application recorded without a number, as a seller whose Seller Center showed none', async ({ app, host }) => {
  await startDemo(app);
  await exitUntil(app, host, 'ready');

  await app.getByRole('menuitem', { name: '退店' }).click();
  await expect(app.getByTestId('exit-application-no')).toHaveAttribute('placeholder', /选填/);
  await app.getByTestId('exit-submitted-on').fill(SUBMITTED);
  await app.getByTestId('exit-submit').click();
  await app.getByTestId('exit-next').click();
  // National Day: the third working day after 30 September 2026 is the 调休 Saturday.
  await expect(app.getByTestId('exit-review-due')).toHaveText('2026-10-10');
  await expect(app.getByText(`${SUBMITTED} 提交退店申请；预计 2026-10-10 前审核完（3个工作日）`)).toBeVisible();

  // Approved: back at step 2 the submission is a record, not a button that would clear the approval.
  await app.getByTestId('exit-outcome').getByText('通过', { exact: true }).click();
  await app.getByTestId('exit-decided-on').fill(DECIDED);
  await app.getByTestId('exit-save-review').click();
  await expect(app.getByText(/平台审核：审核通过/)).toBeVisible();
  await app.getByTestId('exit-steps').getByText('提交申请').click();
  await expect(app.getByTestId('exit-submit-approved')).toContainText('平台已审核通过这份申请');
  await expect(app.getByTestId('exit-submit')).toBeDisabled();
});

test('a rejected application: step 3 gives the reason recorded and the way to apply again, and step 2 takes the new submission', async ({
  app,
  host,
}) => {
  await startDemo(app);
  await exitUntil(app, host, 'submitted');

  await app.getByRole('menuitem', { name: '退店' }).click();
  await app.getByTestId('exit-outcome').getByText('未通过', { exact: true }).click();
  await app.getByTestId('exit-decided-on').fill(DECIDED);
  await app.getByPlaceholder('备注').fill('申请内容缺少店铺主体信息');
  await app.getByTestId('exit-save-review').click();
  const rejected = app.getByTestId('exit-rejected');
  await expect(rejected).toContainText(`平台审核未通过退店申请（${DECIDED}）。您记下的原因：申请内容缺少店铺主体信息。`);
  await expect(rejected).toContainText('请咨询平台客服');
  await expect(app.getByText('还没完成的事项').locator('..')).toContainText('您记下的原因：申请内容缺少店铺主体信息');

  // Where to click: the button shows step 2, where the new submission is recorded.
  await app.getByTestId('exit-resubmit').click();
  await expect(app.getByTestId('exit-submit-rejected')).toContainText('平台没有通过上次的申请');
  await expect(app.getByTestId('exit-submitted-on')).not.toHaveValue(SUBMITTED);
  await app.getByTestId('exit-submitted-on').fill(DECIDED);
  await app.getByTestId('exit-submit').click();
  await expect(app.getByText(`${DECIDED} 提交退店申请；`)).toBeVisible();
  await expect(app.getByTestId('exit-submit-rejected')).toHaveCount(0);
  await app.getByTestId('exit-next').click();
  await expect(app.getByTestId('exit-rejected')).toHaveCount(0);
});

test('a partner added with a double click is listed once, and the same name typed again is refused as already listed', async ({
  app,
  host,
}) => {
  await startDemo(app);
  await exitUntil(app, host, 'approved');

  await app.getByRole('menuitem', { name: '退店' }).click();
  await app.getByTestId('exit-partner-name').fill('菜鸟国际物流');
  await app.getByTestId('exit-add-partner').dblclick();
  await expect(app.getByTestId('exit-partner-name')).toHaveValue('');
  await expect(app.getByTestId('exit-partner-status-菜鸟国际物流')).toHaveCount(1);
  // The second click found the button busy: it sent nothing, so nothing was refused either.
  await expect(app.getByTestId('exit-add-partner-error')).toHaveCount(0);
  const partners = async () =>
    (await call<{ case: { procedures: { partners: unknown[] } } }>(app, host, 'exit.get')).case.procedures.partners;
  expect(await partners()).toHaveLength(1);

  // Typed again from a Chinese input method, full-width spaces around it: the same partner.
  await app.getByTestId('exit-partner-name').fill('\u3000菜鸟国际物流 ');
  await app.getByTestId('exit-add-partner').click();
  await expect(app.getByTestId('exit-add-partner-error')).toContainText('合作伙伴“菜鸟国际物流”（物流）已经在列表里了，不用再添加。');
  await expect(app.getByTestId('exit-partner-name')).toHaveValue('\u3000菜鸟国际物流 ');
  expect(await partners()).toHaveLength(1);
});

test('确认退店成功 with listing SKUs still bound: refused, then recorded once the seller confirms Seller Center shows the store as exited', async ({
  app,
  host,
}) => {
  await startDemo(app);
  // The demo store's listings synced, then the exit up to ⑤ through the contract, nothing unbound.
  await call(app, host, 'connect.useDemo', { size: 1000, reviewMode: 'instant' });
  await call(app, host, 'auto.run', { sync: true, send: false });
  await call(app, host, 'sku.listings.refresh');
  await exitUntil(app, host, 'approved');
  await call(app, host, 'exit.bulkDisposal', { method: 'sell_through', scope: { kind: 'remaining' } });
  await call(app, host, 'exit.linkDeposit');
  await call(app, host, 'exit.savePartner', { kind: 'payment', name: '支付宝', status: 'terminated', statusOn: DECIDED });
  const n = (await call<{ case: { done: { stillBound: unknown[] } } }>(app, host, 'exit.get')).case.done.stillBound.length;
  expect(n).toBeGreaterThan(0);

  await app.getByRole('menuitem', { name: '退店' }).click();
  // ⑤ lists and counts them; without the tick the confirmation is refused, as before.
  const still = app.getByTestId('exit-still-bound');
  await expect(still).toContainText(`本程序里还有 ${n} 个线上SKU显示绑定`);
  await expect(still.locator('thead th')).toHaveText(['线上SKU', '商品 · 状态']);
  await app.getByTestId('exit-confirmed-on').fill(DONE);
  await app.getByTestId('exit-confirm-done').click();
  await expect(app.getByRole('alert').filter({ hasText: `请勾选“卖家中心已显示已退店”，确认这 ${n} 个SKU后照样记录` })).toBeVisible();
  // Ticked: recorded, with the note and the count in the timeline (the switch-off after it is
  // tested in exit/doneStillBound.test.ts, where automation was on).
  await still.getByText(`卖家中心已显示已退店：我已核对，这 ${n} 个线上SKU仍显示绑定，照样记录退店成功`).click();
  await expect(app.getByTestId('exit-still-bound-confirm')).toBeChecked();
  await app.getByTestId('exit-confirm-done').click();
  await expect(
    app.getByText(
      `${DONE} 退店成功，卖家中心店铺状态：已退店。卖家确认：卖家中心的店铺状态显示已退店，但本程序里仍有 ${n} 个线上SKU显示绑定`,
    ),
  ).toBeVisible();
  await expect(app.getByTestId('exit-steps').locator('.ant-steps-item').nth(5)).not.toHaveClass(/ant-steps-item-disabled/);
});

test('an exit at 1,000 SKUs: two bulk choices and one Excel round trip, unbind all, 确认退店成功 refused then accepted, wipe empties the connection screen', async ({
  app,
  host,
}) => {
  // The unbinds go out at the marketplace's pace (10 calls a second, two per unbind): several minutes.
  test.setTimeout(600_000);
  // The issue's own screen: a seller's laptop at 1366×768.
  await app.setViewportSize({ width: 1366, height: 768 });
  await startDemo(app);
  // The demo store of 1,000 SKUs, its reviews instant; its stock read and its listings synced.
  await call(app, host, 'connect.useDemo', { size: 1000, reviewMode: 'instant' });
  await call(app, host, 'auto.run', { sync: true, send: false });
  await call(app, host, 'sku.listings.refresh');
  // The exit up to step ④ through the contract (the first test clicks these steps).
  await exitUntil(app, host, 'approved', { reason: 'competition', applicationNo: 'TD-3' });
  await call(app, host, 'exit.linkDeposit');
  await call(app, host, 'exit.savePartner', { kind: 'payment', name: '支付宝', status: 'terminated', statusOn: DECIDED });
  const first = await call<{ total: number; warehouses: string[] }>(app, host, 'exit.disposalRows', { page: 1, pageSize: 1 });
  expect(first.total).toBeGreaterThan(500);

  await app.getByRole('menuitem', { name: '退店' }).click();
  await expect(app.getByTestId('exit-disposal-counts')).toContainText(`未填写 ${first.total} 行`);
  // Step ① lists the bound listing SKUs by SKU and product state, with no empty warehouse or made-up quantity.
  await app.locator('.ant-steps-item-title', { hasText: '准备' }).click();
  const bound = app.getByTestId('exit-ready-listings');
  await expect(bound.locator('thead th')).toHaveText(['线上SKU', '商品 · 状态']);
  await expect(bound.locator('tbody tr').first()).toContainText('已绑定');
  await app.locator('.ant-steps-item-title', { hasText: '办理退店手续' }).click();
  await expect(app.getByTestId('exit-disposal-counts')).toContainText(`未填写 ${first.total} 行`);
  // Bulk 1: one warehouse's stock goes back to the factory; bulk 2: the rest is sold through.
  await choose(app, app.getByTestId('exit-bulk-scope'), `仓库“${first.warehouses[0]}”里的库存`);
  await choose(app, app.getByTestId('exit-bulk-method'), '退回工厂');
  await app.getByTestId('exit-bulk-apply').click();
  await expect(app.getByTestId('exit-plan-report')).toContainText('行已完成');
  await choose(app, app.getByTestId('exit-bulk-scope'), '所有未处理的SKU');
  await choose(app, app.getByTestId('exit-bulk-method'), '继续销售');
  await app.getByTestId('exit-bulk-apply').click();
  await expect(app.getByTestId('exit-disposal-counts')).toContainText(`已完成 ${first.total} 行，待修改 0 行，未填写 0 行`);

  // One Excel round trip: two rows changed in the spreadsheet, one with full-width digits, one wrongly.
  const download = app.waitForEvent('download');
  await app.getByTestId('exit-plan-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('库存处理计划.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(await (await file.createReadStream()).toArray()) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const head = (ws.getRow(1).values as string[]).slice(1);
  const col = (h: string) => head.indexOf(h) + 1;
  const lines: { line: number; sku: string; onHand: number }[] = [];
  ws.eachRow((r, line) => {
    const n = Number(r.getCell(col('现有库存')).value);
    if (line > 1 && n >= 2) lines.push({ line, sku: String(r.getCell(1).value), onHand: n });
  });
  const [a, b] = lines;
  if (!a || !b) throw new Error('the plan workbook needs two SKU rows with stock');
  const methods = ['继续销售至售罄', '退回工厂', '清仓处理', '其他'];
  const fullWidth = (n: number) => String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
  for (const m of methods) ws.getRow(a.line).getCell(col(m)).value = m === '清仓处理' ? fullWidth(a.onHand) : '';
  for (const m of methods) ws.getRow(b.line).getCell(col(m)).value = m === '其他' ? '-2' : m === '继续销售至售罄' ? b.onHand : '';
  await app
    .getByTestId('exit-disposal-card')
    .locator('input[type=file]')
    .setInputFiles({
      name: '库存处理计划.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(await wb.xlsx.writeBuffer()),
    });
  await expect(app.getByTestId('exit-plan-report')).toContainText(`保存了 ${first.total} 行：${first.total - 1} 行已完成，1 行需要修改`);
  await expect(app.getByTestId('exit-plan-report')).toContainText(`第 ${b.line} 行，${b.sku}：其他不能是负数（填的是“-2”）`);
  // The wrong row, found with the filter, is corrected in the window.
  await choose(app, app.getByTestId('exit-plan-filter'), '只看需要处理的');
  await expect(app.getByTestId(`exit-row-${b.sku}`)).toContainText('不能是负数');
  await app.getByTestId(`exit-q-${b.sku}-other`).fill('');
  await app.getByTestId(`exit-q-${b.sku}-other`).blur();
  await expect(app.getByTestId('exit-disposal-counts')).toContainText(`已完成 ${first.total} 行，待修改 0 行`);
  const rowA = await call<{ rows: { cells: Record<string, string> }[] }>(app, host, 'exit.disposalRows', {
    page: 1,
    pageSize: 5,
    search: a.sku,
  });
  expect(rowA.rows[0]!.cells.liquidate).toBe(String(a.onHand));

  // ⑤ refused while the store still sells, with the list.
  await app.getByTestId('exit-next').click();
  await app.getByTestId('exit-confirmed-on').fill(DONE);
  await app.getByTestId('exit-confirm-done').click();
  await expect(app.getByRole('alert').filter({ hasText: '个线上SKU处于绑定状态，店铺仍在销售，不能确认退店成功' })).toBeVisible();

  // Back to ④: unbind all, asked once with the count.
  await app.locator('.ant-steps-item-title', { hasText: '办理退店手续' }).click();
  await app.getByTestId('exit-unbind-all').click();
  const held = app.getByTestId('exit-unbind-held');
  await expect(held).toContainText(/将解绑 \d+ 个线上SKU/);
  const n = Number(/将解绑 (\d+) 个/.exec((await held.textContent()) ?? '')![1]);
  expect(n).toBeGreaterThan(100);
  await app.getByTestId('exit-unbind-confirm').click();
  await expect(held).toHaveCount(0);
  if (await app.getByTestId('exit-unbind-switch').isVisible()) await app.getByTestId('exit-unbind-switch').click();
  // They leave one by one: the bound count falls while they are sent.
  await expect(app.getByTestId('exit-unbind-state')).toContainText('个解绑正在发送或审核中');
  await expect(app.getByTestId('exit-unbind-state')).toContainText('所有线上SKU都已解绑', { timeout: 480_000 });

  // ⑤ accepted now, and the switch is off.
  await app.getByTestId('exit-next').click();
  await app.getByTestId('exit-confirmed-on').fill(DONE);
  await app.getByTestId('exit-confirm-done').click();
  await expect(app.getByText(`${DONE} 退店成功，卖家中心店铺状态：已退店`)).toBeVisible();
  expect((await call<{ settings: { enabled: boolean } }>(app, host, 'auto.status')).settings.enabled).toBe(false);

  // ⑥ export, then the wipe; it says what it removed, and the connection screen is empty.
  await app.getByTestId('exit-next').click();
  const zip = app.waitForEvent('download', { timeout: EXPORT_TIMEOUT });
  await app.getByTestId('exit-export').click();
  await zip;
  await expect(app.getByTestId('exit-exported')).toBeVisible();
  const store = (await call<{ case: { after: { wipeConfirmText: string } } }>(app, host, 'exit.get')).case.after.wipeConfirmText;
  await app.getByTestId('exit-wipe-confirm').fill(store);
  await app.getByTestId('exit-wipe').click();
  await expect(app.getByTestId('exit-wipe-removed')).toContainText('演示店铺的连接');
  await expect(app.getByTestId('exit-wipe-removed')).toContainText('自动绑定/解绑开关');
  await app.getByRole('menuitem', { name: '连接设置' }).click();
  const page = app.getByTestId('connect-page');
  await expect(page).toContainText('未授权');
  await expect(page).not.toContainText('已授权');
  await expect(app.getByTestId('connect-channel')).toHaveText('尚未找到');
  await expect(app.getByTestId('connect-stock-kind')).toHaveText('未设置');
  await app.getByTestId('connect-test').click();
  await expect(app.getByTestId('connect-report').getByTestId('connect-check-ok')).toHaveCount(0);
});
