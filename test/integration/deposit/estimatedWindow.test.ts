/**
 * A deposit refund approved in the last days of 2026, when the holiday library has no 2027 schedule
 * yet: the 3–5 working-day arrival window is estimated, stored and shown as an estimate, and the
 * "window ended, nothing arrived" reminder still comes, saying the window was estimated.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/core/platform/clock';
import { depositSummary } from '../../../src-main/core/deposit';
import { tempDir, withApp } from '../../helpers/tempApp';
import { call } from '../../helpers/channels';
import { runCli } from '../../helpers/cli';
import { gbk, webExport } from '../../unit/deposit/alipayFixtures';
import { beijingMorning } from '../../helpers/beijing';

describe('deposit arrival window in a year the holiday library does not know yet', () => {
  const dataDir = tempDir('deposit-estimate-');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('estimates the window past New Year’s Day, says so wherever it is shown, and reminds once it has passed', async () => {
    const clock = new ManualClock(beijingMorning('2026-12-28'));
    await withApp(
      async (app) => {
        app.settings.set('storeName', '义乌杯子店');
        await call(app, 'deposit.open', {});
        await call(app, 'deposit.setStatus', { status: 'refundable', depositYuan: '10,000.00' });
        for (const key of ['disputes', 'orders', 'debts'] as const) await call(app, 'deposit.setCheck', { key, answer: 'clear' });
        await call(app, 'deposit.apply', { reason: '退店', amountYuan: '10000', alipayAccount: '13812345678' });

        // Approved Tue 29 Dec 2026: 30 and 31 Dec are known working days, 1 January is 元旦, then
        // the weekend; the 3rd working day is about Mon 4 January and the 5th about Wed 6 January.
        clock.set(beijingMorning('2026-12-29'));
        const v = await call(app, 'deposit.review', { outcome: 'approved' });
        expect(v.window).toEqual({ approvedOn: '2026-12-29', from: '2027-01-04', to: '2027-01-06', estimated: true });
        expect(v.timeline.at(-1)!.text).toEqual({
          zh: '审核通过（2026-12-29），预计约 2027-01-04 至 2027-01-06（估算：节假日库还没有 2027 年的放假安排，按周一至周五计，只除去了元旦、五一、国庆的法定假日，春节等其他节假日和调休未计入；请以平台通知为准）到账',
          en: "Approved (2026-12-29); expected between about 2027-01-04 and 2027-01-06 (estimate: the holiday calendar does not have 2027's holiday schedule yet, so working days were counted as Monday to Friday less New Year's Day, Labour Day and National Day; Spring Festival, other holidays and make-up working days are not included; the platform's notice decides)",
        });
        // The store exit wizard's summary reads the same marked window.
        expect(depositSummary(app)?.window).toMatchObject({ from: '2027-01-04', to: '2027-01-06', estimated: true });

        // The reminder is armed: nothing on the window's last day, once the day after, marked as an estimate.
        clock.set(beijingMorning('2027-01-06'));
        expect((await call(app, 'deposit.remind', {})).sent).toBe(0);
        clock.set(beijingMorning('2027-01-07'));
        expect((await call(app, 'deposit.remind', {})).sent).toBe(1);
        const notice = app.notices.list(1)[0]!;
        expect(notice.body.zh).toContain(
          '保证金 ¥10,000.00 预计在约 2027-01-04 至 2027-01-06 退到支付宝（估算：节假日库还没有 2027 年的放假安排',
        );
        expect(notice.body.en).toContain(
          "expected in Alipay between about 2027-01-04 and 2027-01-06 (estimate: the holiday calendar does not have 2027's",
        );
        const after = (await call(app, 'deposit.get', {})).case!;
        expect(after.timeline.at(-1)!.text.zh).toBe('预计到账期已于约 2027-01-06 结束（到账期为估算），尚未确认到账');

        // Overdue: the bill check and the letter to support do not state the estimate as the rule's date.
        expect(after.arrival.verdict).toBe('overdue');
        expect(after.arrival.supportText).toContain(
          '按规定应在 3–5 个工作日内（我按周一至周五估算约为 2027-01-06 前，未计入春节等节假日）',
        );
        const rows = [
          { time: '2027-01-05 09:00:00', counterparty: '王五', description: '货款', amount: '10,000.00', direction: '收入' as const },
        ];
        const report = await call(app, 'deposit.matchAlipay', {
          fileName: 'b.csv',
          contentBase64: gbk(webExport(rows)).toString('base64'),
        });
        expect(report.window).toMatchObject({ estimated: true });
        expect(report.message.zh).toContain('预计到账期已在约 2027-01-06 结束（估算：');
        expect(report.considered[0]!.reasons.map((r) => r.zh)).toContain('日期 2027-01-05 在估算的到账期内（2027-01-04 至 2027-01-06）');
        expect(report.supportText).toContain('我按周一至周五估算约为 2027-01-06 前');
      },
      { dataDir, clock },
    );
  });

  it('deposit status in the CLI gives the stored window as an estimate, in both languages', () => {
    const status = runCli(['deposit', 'status', '--data', dataDir]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('预计到账 Expected: 约 2027-01-04 ~ 2027-01-06（估算：节假日库还没有 2027 年的放假安排');
    expect(status.stdout).toContain("about 2027-01-04 ~ 2027-01-06 (estimate: the holiday calendar does not have 2027's");
  });

  it('an approval whose window stays inside 2026 keeps exact dates, not marked', () =>
    withApp(
      async (app) => {
        await call(app, 'deposit.open', {});
        await call(app, 'deposit.setStatus', { status: 'refundable', depositYuan: '10,000.00' });
        for (const key of ['disputes', 'orders', 'debts'] as const) await call(app, 'deposit.setCheck', { key, answer: 'clear' });
        await call(app, 'deposit.apply', { reason: '退店', amountYuan: '10000', alipayAccount: '13812345678' });
        // Mon 21 Dec 2026: the 24th and the 28th.
        const v = await call(app, 'deposit.review', { outcome: 'approved' });
        expect(v.window).toEqual({ approvedOn: '2026-12-21', from: '2026-12-24', to: '2026-12-28', estimated: false });
        expect(v.timeline.at(-1)!.text.zh).toBe('审核通过（2026-12-21），预计 2026-12-24 至 2026-12-28 到账');
      },
      { clock: new ManualClock(beijingMorning('2026-12-21')) },
    ));
});
