/** The readiness check on seeded data: what the app knows warns with the right message. */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/core/platform/clock';
import type { ReadinessItem } from '../../../src-shared/channels/exit';
import { withApp } from '../../helpers/tempApp';
import { call, refused } from '../../helpers/channels';
import { answerNone, seedStock } from './seed';

const item = (items: ReadinessItem[], key: string) => items.find((i) => i.key === key)!;
const clock = () => new ManualClock(Date.UTC(2026, 8, 28, 2));

describe('exit readiness', () => {
  it('stock on hand warns per SKU and warehouse, bound listings warn until 确认退店成功, active partners warn — each saying what to do', () =>
    withApp(
      async (app) => {
        seedStock(
          app,
          [
            { sku: 'CUP-RED', warehouse: '义乌仓', available: 12 },
            { sku: 'CUP-RED', warehouse: '深圳仓', available: 3 },
            { sku: 'CUP-BLUE', warehouse: '义乌仓', available: 0 },
          ],
          [
            { sku: 'X-CUP-RED', bind: 2 },
            { sku: 'X-CUP-PINK', bind: 4 },
            { sku: 'X-CUP-BLUE', bind: 1 },
          ],
        );
        await call(app, 'exit.open', {});
        const v = await call(app, 'exit.savePartner', { kind: 'logistics', name: '菜鸟上门揽收', status: 'active' });
        const r = v.prepare.readiness;

        const stock = item(r, 'stock');
        expect(stock.level).toBe('warn');
        expect(stock.source).toBe('app');
        expect(stock.detail.zh).toBe('还有 1 个SKU、共 15 件库存在仓库里。');
        expect(stock.rows).toEqual([
          { sku: 'CUP-RED', warehouse: '义乌仓', quantity: 12 },
          { sku: 'CUP-RED', warehouse: '深圳仓', quantity: 3 },
        ]);
        expect(stock.todo.zh).toContain('处理库存');

        // Bound listings may sell the stock through while the application is reviewed: a warning
        // naming the check at 确认退店成功, not a blocker of the application.
        const listings = item(r, 'listings');
        expect(listings.level).toBe('warn');
        expect(listings.todo.zh).toContain('退店成功前，所有线上SKU都必须解绑');
        expect(listings.detail.zh).toBe('还有 2 个线上SKU与货品绑定。');
        expect(listings.rows.map((x) => x.sku)).toEqual(['X-CUP-PINK', 'X-CUP-RED']);
        // Each row's note in each language, never the two joined into one string.
        for (const x of listings.rows) {
          expect(x.note?.zh).toMatch(/^商品 \S+ · (已绑定|解绑审核中|解绑被拒绝)$/);
          expect(x.note?.en).toMatch(/^Product \S+ · (bound|unbind waiting for review|unbind refused)$/);
        }
        expect(listings.todo.zh).toContain('解绑');

        const partners = item(r, 'partners');
        expect(partners.level).toBe('warn');
        expect(partners.detail.zh).toContain('菜鸟上门揽收');
        // The partner's state in words, not the stored code ('active').
        expect(partners.rows[0]!.note).toEqual({ zh: '仍在合作', en: expect.any(String) });
        expect(partners.todo.zh).toContain('终止合作通知');

        // Deposit: no case yet → not started, and the seller can open it from here.
        expect(item(r, 'deposit').level).toBe('warn');
        expect(item(r, 'deposit').detail.zh).toBe('还没有开始退保证金。');
        // Orders, disputes, debts: the app has no data, so it asks.
        for (const k of ['orders', 'disputes', 'debts']) expect(item(r, k).level).toBe('asked');

        // The plan, the partner's termination and unbinding clear the warnings.
        await call(app, 'exit.setDisposal', {
          items: [
            {
              sku: 'CUP-RED',
              lines: [
                { method: 'sell_through', quantity: 10 },
                { method: 'return_factory', quantity: 5 },
              ],
            },
          ],
        });
        await call(app, 'exit.savePartner', {
          id: v.procedures.partners[0]!.id,
          kind: 'logistics',
          name: '菜鸟上门揽收',
          status: 'terminated',
          statusOn: '2026-09-28',
        });
        app.db.prepare('UPDATE stock_listing_skus SET bind_status = 1').run();
        const after = (await call(app, 'exit.get', {})).case!.prepare.readiness;
        expect(['stock', 'listings', 'partners'].map((k) => item(after, k).level)).toEqual(['ok', 'ok', 'ok']);
      },
      { clock: clock() },
    ));

  it('asks the seller when the app has no stock data, and a "some remain" answer warns', () =>
    withApp(
      async (app) => {
        const v = await call(app, 'exit.open', {});
        expect(item(v.prepare.readiness, 'stock')).toMatchObject({ level: 'asked', source: 'none', askable: true });
        expect(item(v.prepare.readiness, 'listings')).toMatchObject({ level: 'asked', askable: true });
        expect(item(v.prepare.readiness, 'partners').level).toBe('asked');
        const a = await call(app, 'exit.answerReadiness', { key: 'disputes', answer: 'open', note: '2 个纠纷等待裁决' });
        expect(item(a.prepare.readiness, 'disputes')).toMatchObject({ level: 'warn', source: 'seller', note: '2 个纠纷等待裁决' });
        expect(item(a.prepare.readiness, 'disputes').todo.zh).toContain('纠纷管理');
        const b = await call(app, 'exit.answerReadiness', { key: 'listings', answer: 'open' });
        expect(item(b.prepare.readiness, 'listings').level).toBe('warn');
        const c = await call(app, 'exit.answerReadiness', { key: 'stock', answer: 'clear' });
        expect(item(c.prepare.readiness, 'stock').level).toBe('ok');
        expect(c.procedures.disposalComplete).toBe(true);
      },
      { clock: clock() },
    ));

  it('refuses a disposal plan that does not add up and keeps the previous plan', () =>
    withApp(
      async (app) => {
        seedStock(app, [{ sku: 'CUP-RED', warehouse: '义乌仓', available: 15 }], []);
        await call(app, 'exit.setDisposal', { items: [{ sku: 'CUP-RED', lines: [{ method: 'liquidate', quantity: 15 }] }] });
        const error = await refused(app, 'exit.setDisposal', {
          items: [{ sku: 'CUP-RED', lines: [{ method: 'liquidate', quantity: 14 }] }],
        });
        expect(error.code).toBe('BAD_INPUT');
        expect(error.message).toContain('SKU CUP-RED：处理数量合计 14 件，现有库存 15 件，少了 1 件');
        const v = (await call(app, 'exit.get', {})).case!;
        expect(v.procedures.disposal).toEqual([
          { sku: 'CUP-RED', onHand: 15, onHandSource: 'app', lines: [{ method: 'liquidate', quantity: 15, note: null }], planned: 15 },
        ]);
      },
      { clock: clock() },
    ));
});

describe('exit review due date', () => {
  it('records a submission in a year the holiday library does not know with an estimated due date, said to be one', () =>
    withApp(
      async (app) => {
        await call(app, 'exit.setReason', { reason: 'platform_policy' });
        await answerNone(app);
        // Tue 5 January 2027: Wed 6, Thu 7, Fri 8, counted Monday to Friday.
        const v = await call(app, 'exit.submit', { submittedOn: '2027-01-05', applicationNo: 'TD-2027' });
        expect(v.stage).toBe('review');
        expect(v.review).toMatchObject({ dueOn: '2027-01-08', dueEstimated: true, dueError: null });
        expect(v.timeline.at(-1)?.text.zh).toContain('预计约 2027-01-08 前审核完（3个工作日；估算：节假日库还没有 2027 年的放假安排');
        expect(await call(app, 'exit.remind', {})).toEqual({ reminded: false });
      },
      { clock: new ManualClock(Date.UTC(2027, 0, 6, 2)) },
    ));

  it('records a submission dated before the holiday library’s first year with the reason instead of a guessed due date', () =>
    withApp(
      async (app) => {
        await call(app, 'exit.setReason', { reason: 'platform_policy' });
        await answerNone(app);
        const v = await call(app, 'exit.submit', { submittedOn: '2003-01-06', applicationNo: 'TD-2003' });
        expect(v.review).toMatchObject({ dueOn: null, dueEstimated: false });
        expect(v.review.dueError?.zh).toContain('无法准确计算 2003 年的工作日');
        expect(v.timeline.at(-1)?.text.zh).toContain('无法计算审核到期日');
        expect(await call(app, 'exit.remind', {})).toEqual({ reminded: false });
      },
      { clock: clock() },
    ));

  it('records a submission without an application number: the source names none, and the due date counts from the day', () => {
    const time = clock();
    return withApp(
      async (app) => {
        await call(app, 'exit.setReason', { reason: 'life_pressure' });
        await answerNone(app);
        // Monday 28 September 2026: the 29th and 30th are working days, then National Day; the third is 8 October.
        const v = await call(app, 'exit.submit', { submittedOn: '2026-09-28' });
        expect(v.stage).toBe('review');
        expect(v.submit).toMatchObject({ submittedOn: '2026-09-28', applicationNo: null });
        expect(v.review.dueOn).toBe('2026-10-08');
        expect(v.timeline.at(-1)?.text).toEqual({
          zh: '2026-09-28 提交退店申请；预计 2026-10-08 前审核完（3个工作日）',
          en: 'Application submitted on 2026-09-28; review due by 2026-10-08 (3 working days)',
        });
        // The paperwork and the due-day reminder read as sentences, with no empty number in them.
        const { documents } = await call(app, 'exit.paperwork', {});
        const application = documents.find((d) => d.name.endsWith('退店申请'))!.html;
        expect(application).toContain('<tr><th>申请编号</th><td>—</td></tr>');
        time.set(Date.UTC(2026, 9, 8, 2));
        expect(await call(app, 'exit.remind', {})).toEqual({ reminded: true });
        const notice = (await call(app, 'notices.list', { limit: 1 }))[0]!;
        expect(notice.body?.zh).toContain('退店申请于 2026-09-28 提交');
        expect(notice.body?.en).toContain('Application submitted 2026-09-28');
        for (const text of [notice.body?.zh, notice.body?.en, ...(await call(app, 'exit.get', {})).case!.timeline.map((e) => e.text.zh)])
          expect(text).not.toMatch(/null|undefined/);
      },
      { clock: time },
    );
  });

  it('keeps an approval: recording the submission again after it is refused, and the approval and its date stay', () =>
    withApp(
      async (app) => {
        await call(app, 'exit.setReason', { reason: 'life_pressure' });
        await answerNone(app);
        await call(app, 'exit.submit', { submittedOn: '2026-09-25' });
        await call(app, 'exit.review', { outcome: 'approved', decidedOn: '2026-09-28' });
        const error = await refused(app, 'exit.submit', { submittedOn: '2026-09-28', applicationNo: 'TD-9' });
        expect(error.code).toBe('CONFLICT');
        expect(error.message).toContain('不能再记录提交：那会清掉审核结果');
        const v = (await call(app, 'exit.get', {})).case!;
        expect(v.stage).toBe('procedures');
        expect(v.submit).toMatchObject({ submittedOn: '2026-09-25', applicationNo: null });
        expect(v.review).toMatchObject({ outcome: 'approved', decidedOn: '2026-09-28' });
        // After a rejection the seller applies again: that is still recorded.
        await call(app, 'exit.review', { outcome: 'rejected', decidedOn: '2026-09-28' });
        expect((await call(app, 'exit.submit', { submittedOn: '2026-09-28' })).review.outcome).toBe('pending');
      },
      { clock: clock() },
    ));

  it('after a rejection says what to do, and applying again starts a clean review with the rejection kept in the timeline', () =>
    withApp(
      async (app) => {
        await call(app, 'exit.setReason', { reason: 'life_pressure' });
        await answerNone(app);
        await call(app, 'exit.submit', { submittedOn: '2026-09-24' });
        let v = await call(app, 'exit.review', { outcome: 'rejected', decidedOn: '2026-09-25', note: '未上传营业执照' });
        expect(v.stage).toBe('review');
        expect(v.review.rejectedNext?.zh).toContain('您记下的原因：未上传营业执照。下一步：');
        expect(v.openItems).toContainEqual(v.review.rejectedNext);
        expect(v.timeline.at(-1)!.text).toEqual({
          zh: '平台审核：审核未通过（2026-09-25），未上传营业执照',
          en: 'Review: rejected (2026-09-25), 未上传营业执照',
        });
        // The seller fixed it and applied again: the new review has no outcome and no note of the last one.
        v = await call(app, 'exit.submit', { submittedOn: '2026-09-28', applicationText: '补充营业执照后重新申请退店。' });
        expect(v.review).toMatchObject({ outcome: 'pending', decidedOn: null, note: null, rejectedNext: null, dueOn: '2026-10-08' });
        expect(v.submit).toMatchObject({ submittedOn: '2026-09-28', applicationText: '补充营业执照后重新申请退店。' });
        expect(v.openItems.some((i) => i.zh.includes('审核未通过'))).toBe(false);
        expect(v.timeline.map((e) => e.kind).slice(-3)).toEqual(['submitted', 'review', 'submitted']);
      },
      { clock: clock() },
    ));

  it('refuses a submission date in the future', () =>
    withApp(
      async (app) => {
        await call(app, 'exit.setReason', { reason: 'life_pressure' });
        await answerNone(app);
        await expect(call(app, 'exit.submit', { submittedOn: '2026-10-01', applicationNo: 'X' })).rejects.toThrow(/晚于今天/);
      },
      { clock: clock() },
    ));
});

describe('orders, disputes and debts: advice for the deposit refund, not a bar to recording the submission', () => {
  it('records a submission made with a normal open 备货单 and disputes and debts unanswered: the due date and its reminder follow, the advice is shown in Chinese and English, and the deposit still refuses', () =>
    withApp(
      async (app) => {
        // Stock on hand and a bound listing as well: dealt with after approval (step ④).
        seedStock(app, [{ sku: 'CUP-RED', warehouse: '义乌仓', available: 12 }], [{ sku: 'X-CUP-RED', bind: 2 }]);
        await call(app, 'exit.setReason', { reason: 'competition' });
        let v = await call(app, 'exit.get', {}).then((g) => g.case!);
        // The reason alone does not finish step ①: the agreement read is the source's other preparation.
        expect(v.stage).toBe('prepare');
        for (const key of ['agreement', 'process', 'notes'] as const)
          v = await call(app, 'exit.confirmAgreement', { key, confirmed: true });
        // Nothing checked yet: on to 提交申请 all the same, with all three named as advice.
        expect(v.stage).toBe('submit');
        expect(v.prepare.depositAdvice.map((b) => b.zh.split('：')[0])).toEqual(['未完成的订单 / 备货单', '未解决的纠纷', '未清偿的欠款']);

        // The seller has a normal open stocking order and has applied in Seller Center already.
        v = await call(app, 'exit.answerReadiness', { key: 'orders', answer: 'open', note: '1 张备货单在途' });
        expect(item(v.prepare.readiness, 'orders')).toMatchObject({ level: 'warn', source: 'seller', note: '1 张备货单在途' });
        const [orders, disputes, debts] = v.prepare.depositAdvice;
        expect(orders!.zh).toBe(
          '未完成的订单 / 备货单：您已确认：还有。到全托管后台查看 备货单/待发货/入仓中 的单据，全部完成或取消。不影响提交退店申请，但申请退保证金前必须没有未完成的订单，否则“退保证金”向导不能申请。',
        );
        expect(orders!.en).toContain('does not hold the exit application, but the deposit refund needs none open');
        expect(disputes!.zh).toMatch(/^未解决的纠纷：还没有确认。.*申请退保证金前必须没有未解决的纠纷/);
        expect(debts!.zh).toContain('未结清的会从保证金里扣除，只退余额');
        expect(debts!.en).toContain('anything unpaid is taken from the deposit and only the balance comes back');

        v = await call(app, 'exit.submit', { submittedOn: '2026-09-28', applicationNo: 'TD-1' });
        expect(v.stage).toBe('review');
        expect(v.submit).toMatchObject({ submittedOn: '2026-09-28', applicationNo: 'TD-1' });
        // 3 Chinese working days after 2026-09-28, across the National Day holiday.
        expect(v.review).toMatchObject({ outcome: 'pending', dueOn: '2026-10-08' });
        expect(v.timeline.at(-1)).toMatchObject({ kind: 'submitted' });
        expect(v.openItems.some((o) => o.zh.startsWith('未完成的订单 / 备货单：您已确认：还有。'))).toBe(true);
        (app.clock as ManualClock).set(Date.UTC(2026, 9, 8, 2));
        expect(await call(app, 'exit.remind', {})).toEqual({ reminded: true });

        // The deposit wizard reads the same answers and keeps its own preconditions: no application
        // while the order is open and disputes and debts are unanswered.
        await call(app, 'exit.linkDeposit', {});
        await call(app, 'deposit.setStatus', { status: 'refundable', depositYuan: '10000' });
        const dep = (await call(app, 'deposit.get', {})).case!;
        expect(dep.checks.map((c) => [c.key, c.answer])).toEqual([
          ['disputes', 'unknown'],
          ['orders', 'open'],
          ['debts', 'unknown'],
        ]);
        const error = await refused(app, 'deposit.apply', { reason: '退店', amountYuan: '10000', alipayAccount: '13812345678' });
        expect(error.code).toBe('CONFLICT');
        expect(error.issues?.map((d) => d.message).join('')).toContain('没有未完成的订单');
      },
      { clock: clock() },
    ));
});
