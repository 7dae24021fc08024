/**
 * The exit timeline is the seller's record of what they did: saving a step again with nothing
 * changed is not something they did, so it adds no entry; a changed value still does.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/core/platform/clock';
import type { ExitCaseView } from '../../../src-shared/channels/exit';
import { withApp } from '../../helpers/tempApp';
import { call } from '../../helpers/channels';
import { answerNone, seedStock } from './seed';

const clock = () => new ManualClock(Date.UTC(2026, 8, 28, 2));
const texts = (v: ExitCaseView) => v.timeline.map((e) => e.text.zh);

describe('exit timeline', () => {
  it('saving the same reason again adds no entry; a changed reason or wording does', () =>
    withApp(
      async (app) => {
        await call(app, 'exit.setReason', { reason: 'competition', reasonText: '同款标品价格战' });
        let v = await call(app, 'exit.setReason', { reason: 'competition', reasonText: '同款标品价格战' });
        expect(texts(v)).toEqual(['开始办理退店：我的全托管店铺', '退店原因：市场竞争激烈']);
        v = await call(app, 'exit.setReason', { reason: 'competition', reasonText: '同款标品价格战，利润太低' });
        v = await call(app, 'exit.setReason', { reason: 'own', reasonText: '工厂转做内销' });
        v = await call(app, 'exit.setReason', { reason: 'own', reasonText: '工厂转做内销' });
        expect(texts(v).slice(1)).toEqual(['退店原因：市场竞争激烈', '退店原因：市场竞争激烈', '退店原因：工厂转做内销']);
        expect(v.prepare).toMatchObject({ reason: 'own', reasonText: '工厂转做内销' });
      },
      { clock: clock() },
    ));

  it('confirming an agreement again adds no entry and keeps when it was first confirmed; unconfirming still does', () => {
    const clk = clock();
    return withApp(
      async (app) => {
        let v = await call(app, 'exit.confirmAgreement', { key: 'agreement', confirmed: true });
        const first = v.prepare.agreement[0]!.confirmedAt;
        clk.advance(60_000);
        v = await call(app, 'exit.confirmAgreement', { key: 'agreement', confirmed: true });
        expect(v.prepare.agreement[0]).toMatchObject({ confirmed: true, confirmedAt: first });
        expect(texts(v).slice(1)).toEqual(['已确认：我已仔细阅读退店协议']);
        v = await call(app, 'exit.confirmAgreement', { key: 'agreement', confirmed: false });
        v = await call(app, 'exit.confirmAgreement', { key: 'agreement', confirmed: false });
        expect(texts(v).slice(1)).toEqual(['已确认：我已仔细阅读退店协议', '取消确认：我已仔细阅读退店协议']);
      },
      { clock: clk },
    );
  });
});

describe('exit timeline: every step saved again unchanged', () => {
  it('a readiness answer given again, here or first in the deposit wizard, adds no entry; a new answer or note does', () =>
    withApp(
      async (app) => {
        await call(app, 'exit.answerReadiness', { key: 'orders', answer: 'clear' });
        let v = await call(app, 'exit.answerReadiness', { key: 'orders', answer: 'clear' });
        expect(texts(v).slice(1)).toEqual(['准备检查“未完成的订单 / 备货单”：没有']);
        v = await call(app, 'exit.answerReadiness', { key: 'orders', answer: 'clear', note: '已全部入仓' });
        v = await call(app, 'exit.answerReadiness', { key: 'orders', answer: 'clear', note: '已全部入仓' });
        expect(texts(v)).toHaveLength(3);
        // Disputes are one answer for both wizards: given in the deposit wizard, it is already the exit's.
        await call(app, 'deposit.setCheck', { key: 'disputes', answer: 'clear' });
        v = await call(app, 'exit.answerReadiness', { key: 'disputes', answer: 'clear' });
        expect(texts(v)).toHaveLength(3);
        v = await call(app, 'exit.answerReadiness', { key: 'disputes', answer: 'open' });
        expect(texts(v).at(-1)).toBe('准备检查“未解决的纠纷”：还有');
      },
      { clock: clock() },
    ));

  it('a partner saved as it stands adds no entry and keeps its time; a changed one does', () => {
    const clk = clock();
    return withApp(
      async (app) => {
        let v = await call(app, 'exit.savePartner', { kind: 'logistics', name: '菜鸟上门揽收', status: 'active' });
        const p = v.procedures.partners[0]!;
        clk.advance(60_000);
        v = await call(app, 'exit.savePartner', { id: p.id, kind: 'logistics', name: '菜鸟上门揽收', status: 'active' });
        expect(v.procedures.partners[0]).toEqual(p);
        expect(texts(v).slice(1)).toEqual(['合作伙伴 菜鸟上门揽收：仍在合作']);
        const ended = {
          id: p.id,
          kind: 'logistics',
          name: '菜鸟上门揽收',
          status: 'terminated',
          statusOn: '2026-09-28',
          reference: 'ZZ-1',
        } as const;
        await call(app, 'exit.savePartner', ended);
        v = await call(app, 'exit.savePartner', ended);
        expect(texts(v).slice(1)).toEqual(['合作伙伴 菜鸟上门揽收：仍在合作', '合作伙伴 菜鸟上门揽收：已终止（2026-09-28），凭证 ZZ-1']);
      },
      { clock: clk },
    );
  });

  it('the same submission, outcome, support answer, deposit link and exit date recorded again add no entry', () =>
    withApp(
      async (app) => {
        await call(app, 'exit.setReason', { reason: 'life_pressure' });
        await answerNone(app);
        const kinds = (v: ExitCaseView) => v.timeline.map((e) => e.kind).slice(5);
        const submission = { submittedOn: '2026-09-24', applicationNo: 'EX-1', applicationText: '申请退店。' };
        await call(app, 'exit.submit', submission);
        let v = await call(app, 'exit.submit', submission);
        expect(v.submit).toMatchObject({ submittedOn: '2026-09-24', applicationNo: 'EX-1' });
        v = await call(app, 'exit.submit', { submittedOn: '2026-09-24', applicationNo: 'EX-1' });
        expect(kinds(v)).toEqual(['submitted']);
        await call(app, 'exit.review', { outcome: 'pending' });
        await call(app, 'exit.review', { outcome: 'approved', decidedOn: '2026-09-25' });
        v = await call(app, 'exit.review', { outcome: 'approved', decidedOn: '2026-09-25' });
        expect(kinds(v)).toEqual(['submitted', 'review']);
        const q = (await call(app, 'exit.addQuestion', { question: '保证金多久到账？' })).procedures.questions[0]!;
        await call(app, 'exit.answerQuestion', { id: q.id, answer: '3到5个工作日' });
        v = await call(app, 'exit.answerQuestion', { id: q.id, answer: '3到5个工作日' });
        await call(app, 'exit.linkDeposit', {});
        v = await call(app, 'exit.linkDeposit', {});
        await call(app, 'exit.confirmDone', { confirmedOn: '2026-09-28', storeStatus: '已退店' });
        v = await call(app, 'exit.confirmDone', { confirmedOn: '2026-09-28', storeStatus: '已退店' });
        expect(kinds(v)).toEqual(['submitted', 'review', 'question', 'answer', 'deposit', 'done']);
        // A changed value is still recorded.
        v = await call(app, 'exit.confirmDone', { confirmedOn: '2026-09-28', storeStatus: '已关闭' });
        expect(kinds(v).at(-1)).toBe('done');
        expect(kinds(v)).toHaveLength(7);
      },
      { clock: clock() },
    ));

  it('the same plan saved again, a bulk fill with nothing left, an untouched export imported and a second unbind-all add no entry', () =>
    withApp(
      async (app) => {
        seedStock(
          app,
          [
            { sku: 'CUP-RED', warehouse: '义乌仓', available: 15 },
            { sku: 'CUP-BLUE', warehouse: '义乌仓', available: 6 },
          ],
          [{ sku: 'CUP-RED', bind: 2 }],
        );
        const plan = { items: [{ sku: 'CUP-RED', lines: [{ method: 'liquidate' as const, quantity: 15 }] }] };
        await call(app, 'exit.setDisposal', plan);
        await call(app, 'exit.setDisposal', plan);
        await call(app, 'exit.bulkDisposal', { method: 'sell_through', scope: { kind: 'remaining' } });
        await call(app, 'exit.bulkDisposal', { method: 'sell_through', scope: { kind: 'remaining' } });
        const x = await call(app, 'exit.exportPlan', {});
        await call(app, 'exit.importPlan', { contentBase64: x.contentBase64 });
        const run = await call(app, 'exit.unbindAll', {});
        expect(run.runId).not.toBeNull();
        expect((await call(app, 'exit.unbindAll', {})).runId).toBe(run.runId);
        const v = (await call(app, 'exit.get', {})).case!;
        expect(v.timeline.map((e) => e.kind).slice(1)).toEqual(['disposal', 'disposal', 'unbind']);
        expect(v.procedures.disposalComplete).toBe(true);
      },
      { clock: clock() },
    ));
});
