import { describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApp, type App } from '../../../src-main/core/app';
import { ManualClock } from '../../../src-main/core/platform/clock';
import { depositSummary, openDepositCase } from '../../../src-main/core/deposit';
import { tempDir } from '../../helpers/tempApp';
import { call, refused } from '../../helpers/channels';
import { runCli } from '../../helpers/cli';
import { gbk, REFUND_ROWS, utf8, webExport, appExport } from '../../unit/deposit/alipayFixtures';
import { beijingMorning } from '../../helpers/beijing';

function start(dataDir = tempDir('deposit-'), clock = new ManualClock(beijingMorning('2026-09-28'))) {
  return { app: createApp({ dataDir, host: 'cli', clock }), dataDir, clock };
}

/** A case ready to apply: ¥10,000 deposit, refundable, all three preconditions clear. */
async function readyToApply(app: App, depositYuan = '10,000.00') {
  await call(app, 'deposit.open', {});
  await call(app, 'deposit.setStatus', { status: 'refundable', depositYuan });
  for (const key of ['disputes', 'orders', 'debts'] as const) await call(app, 'deposit.setCheck', { key, answer: 'clear' });
}

const b64 = (b: Buffer) => b.toString('base64');

describe('deposit refund case', () => {
  it('validates the amount: zero, negative, three decimals, above refundable', async () => {
    const { app, dataDir } = start();
    try {
      await readyToApply(app);
      await call(app, 'deposit.addViolation', { description: '虚假发货', penaltyYuan: '1,500' });
      const view = (await call(app, 'deposit.get', {})).case!;
      expect(view.refundableFen).toBe(850_000);
      const apply = (amountYuan: string | number) =>
        refused(app, 'deposit.apply', { reason: '不再经营全托管', amountYuan, alipayAccount: '13812345678' });
      expect((await apply('0')).message).toContain('必须大于 0');
      expect((await apply('-100')).message).toContain('负数');
      expect((await apply('100.123')).message).toContain('两位小数');
      const above = await apply('8,500.01');
      expect(above.code).toBe('BAD_INPUT');
      expect(above.message).toContain('超过了可退金额 ¥8,500.00');
      // Nothing was sent by the refused attempts.
      expect((await call(app, 'deposit.get', {})).case!.application).toBeNull();
      const applied = await call(app, 'deposit.apply', { reason: '不再经营全托管', amountYuan: '8500', alipayAccount: '13812345678' });
      expect(applied.application?.amountFen).toBe(850_000);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('penalties above the deposit leave nothing refundable and block the application', async () => {
    const { app, dataDir } = start();
    try {
      await readyToApply(app, '3000');
      await call(app, 'deposit.addViolation', { description: '延迟发货', penaltyYuan: '2000' });
      const v = await call(app, 'deposit.addViolation', { description: '售假', penaltyYuan: '2000.50' });
      expect(v.penaltiesFen).toBe(400_050);
      expect(v.refundableFen).toBe(0);
      expect(v.blockers.some((b) => b.zh.includes('没有可退的金额'))).toBe(true);
      const e = await refused(app, 'deposit.apply', { reason: '退店', amountYuan: '1', alipayAccount: '13812345678' });
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toContain('没有可退的金额');
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('failing or unanswered preconditions block the application and say what to do', async () => {
    const { app, dataDir } = start();
    try {
      await call(app, 'deposit.setStatus', { status: 'refundable', depositYuan: '10000' });
      const v = await call(app, 'deposit.setCheck', { key: 'disputes', answer: 'open', note: '2 个纠纷' });
      expect(v.stage).toBe('checks');
      const disputes = v.checks.find((c) => c.key === 'disputes')!;
      expect(disputes).toMatchObject({ answer: 'open', source: 'seller', note: '2 个纠纷' });
      expect(disputes.advice.zh).toContain('纠纷管理');
      expect(v.checks.find((c) => c.key === 'debts')!.answer).toBe('unknown');
      const e = await refused(app, 'deposit.apply', { reason: '退店', amountYuan: '100', alipayAccount: '13812345678' });
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toContain('纠纷');
      // A frozen deposit cannot be applied for either, whatever the checks say.
      for (const key of ['disputes', 'orders', 'debts'] as const) await call(app, 'deposit.setCheck', { key, answer: 'clear' });
      await call(app, 'deposit.setStatus', { status: 'frozen', depositYuan: '10000' });
      expect((await refused(app, 'deposit.apply', { reason: '退店', amountYuan: '100', alipayAccount: '13812345678' })).message).toContain(
        '冻结',
      );
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a full refund: status → checks → apply → approval across National Day → imported GBK bill → confirmed, surviving a restart', async () => {
    const dataDir = tempDir('deposit-');
    const clock = new ManualClock(beijingMorning('2026-09-28'));
    let { app } = start(dataDir, clock);
    try {
      await readyToApply(app);
      clock.set(beijingMorning('2026-09-29'));
      const draft = await call(app, 'deposit.draft', { reason: '刚开通全托管，不想做了', amountYuan: '10000' });
      expect(draft.text).toContain('申请退还金额：¥10,000.00（在“退款金额”一栏填写：10000.00）');
      const applied = await call(app, 'deposit.apply', {
        reason: '刚开通全托管，不想做了',
        amountYuan: '10000',
        alipayAccount: 'seller.zhang@163.com',
      });
      expect(applied.status).toBe('refunding');
      expect(applied.stage).toBe('review');
      expect(applied.application?.alipayMasked).toBe('s***@163.com');
      expect(applied.application?.text).toContain('s***@163.com');
      expect(JSON.stringify(applied)).not.toContain('seller.zhang@163.com');
      expect(applied.phoneReminder.zh).toContain('电话畅通');

      clock.set(beijingMorning('2026-09-30'));
      const approved = await call(app, 'deposit.review', { outcome: 'approved' });
      // 3 and 5 working days after 30 Sep 2026: 1–7 Oct are off, Sat 10 Oct is a 调休 workday, Sun 11 Oct is off.
      expect(approved.window).toEqual({ approvedOn: '2026-09-30', from: '2026-10-10', to: '2026-10-13', estimated: false });
      expect(approved.arrival.verdict).toBe('waiting');

      // Restart: everything is read back from the database.
      await app.close();
      ({ app } = start(dataDir, clock));
      clock.set(beijingMorning('2026-10-12'));
      const report = await call(app, 'deposit.matchAlipay', {
        fileName: '支付宝账单.csv',
        contentBase64: b64(gbk(webExport(REFUND_ROWS))),
      });
      expect(report.verdict).toBe('arrived');
      expect(report.shape).toBe('web');
      expect(report.encoding).toBe('GBK/GB18030');
      expect(report.rowsRead).toBe(4);
      expect(report.match?.row.line).toBe(8);
      expect(report.supportText).toBeNull();

      const done = await call(app, 'deposit.confirmArrival', { importId: report.importId, line: report.match!.row.line });
      expect(done.status).toBe('refunded');
      expect(done.stage).toBe('done');
      expect(done.arrival).toMatchObject({ verdict: 'arrived', arrivedFen: 1_000_000 });
      // Importing the same bill again does not count the refund twice.
      const again = await call(app, 'deposit.matchAlipay', { fileName: 'again.csv', contentBase64: b64(utf8(appExport(REFUND_ROWS))) });
      expect(
        (await call(app, 'deposit.confirmArrival', { importId: again.importId, line: again.match!.row.line })).arrival.arrivedFen,
      ).toBe(1_000_000);

      await app.close();
      ({ app } = start(dataDir, clock));
      const after = (await call(app, 'deposit.get', {})).case!;
      expect(after).toMatchObject({ id: done.id, status: 'refunded', stage: 'done', depositFen: 1_000_000 });
      expect(after.timeline.map((e) => e.kind)).toEqual([
        'opened',
        'status',
        'check',
        'check',
        'check',
        'applied',
        'review',
        'import',
        'arrival',
        'import',
      ]);
      const audit = app.db.prepare("SELECT kind, subject FROM audit_log WHERE kind LIKE 'deposit.%' ORDER BY id").all() as {
        kind: string;
        subject: string;
      }[];
      expect(audit.map((a) => a.kind)).toContain('deposit.arrival');
      expect(new Set(audit.map((a) => a.subject))).toEqual(new Set([`deposit:${done.id}`]));
      expect(JSON.stringify(audit)).not.toContain('seller.zhang');

      // The store exit wizard's step ④① sees the same case, by id or as the store's case.
      const fromExit = depositSummary(app, done.id);
      expect(fromExit).toEqual(depositSummary(app));
      expect(fromExit).toMatchObject({
        caseId: done.id,
        status: 'refunded',
        appliedFen: 1_000_000,
        arrivedFen: 1_000_000,
        arrival: 'arrived',
        done: true,
      });
      expect(openDepositCase(app).caseId).toBe(done.id);
      expect((await call(app, 'deposit.summary', { caseId: done.id })).summary).toEqual(fromExit);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a partial refund stays open with the text for AliExpress support', async () => {
    const { app, dataDir, clock } = start();
    try {
      await readyToApply(app);
      await call(app, 'deposit.apply', { reason: '退店', amountYuan: '10000', alipayAccount: '13812345678' });
      clock.set(beijingMorning('2026-09-30'));
      await call(app, 'deposit.review', { outcome: 'approved' });
      clock.set(beijingMorning('2026-10-12'));
      const rows = [
        {
          time: '2026-10-12 09:00:00',
          counterparty: 'AliExpress',
          description: '保证金退款',
          amount: '9,000.00',
          direction: '收入' as const,
        },
      ];
      const report = await call(app, 'deposit.matchAlipay', { fileName: 'b.csv', contentBase64: b64(utf8(appExport(rows))) });
      expect(report.verdict).toBe('partial');
      expect(report.differenceFen).toBe(-100_000);
      expect(report.message.zh).toContain('部分退款');
      // The letter is drafted from confirmed rows only, so it never states a sum the summary does not.
      expect(report.supportText).toBeNull();
      const v = await call(app, 'deposit.confirmArrival', { importId: report.importId, line: report.match!.row.line });
      expect(v.status).toBe('refunding');
      expect(v.stage).toBe('arrival');
      expect(v.arrival.verdict).toBe('partial');
      expect(v.arrival.supportText).toContain('138****5678');
      expect(v.arrival.supportText).toContain('少 ¥1,000.00');
      expect(depositSummary(app)?.arrival).toBe('partial');
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('reminds once when the window ends without arrival, and the bill check then drafts the support text', async () => {
    const { app, dataDir, clock } = start();
    try {
      await readyToApply(app);
      await call(app, 'deposit.apply', { reason: '退店', amountYuan: '10000', alipayAccount: '13812345678' });
      clock.set(beijingMorning('2026-09-30'));
      await call(app, 'deposit.review', { outcome: 'approved' });
      clock.set(beijingMorning('2026-10-13')); // last day of the window: not late yet
      expect((await call(app, 'deposit.remind', {})).sent).toBe(0);
      clock.set(beijingMorning('2026-10-14'));
      expect((await call(app, 'deposit.remind', {})).sent).toBe(1);
      expect((await call(app, 'deposit.remind', {})).sent).toBe(0);
      const notices = app.notices.list(10);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatchObject({ level: 'warning', title: { zh: '保证金退款还没有确认到账' } });
      expect(notices[0]!.body.zh).toContain('2026-10-13');
      const v = (await call(app, 'deposit.get', {})).case!;
      expect(v.arrival.verdict).toBe('overdue');
      expect(v.arrival.supportText).toContain('还没有这笔退款');
      const rows = [
        { time: '2026-10-12 09:00:00', counterparty: '王五', description: '货款', amount: '10,000.00', direction: '收入' as const },
      ];
      const report = await call(app, 'deposit.matchAlipay', { fileName: 'b.csv', contentBase64: b64(gbk(webExport(rows))) });
      expect(report.verdict).toBe('not_found');
      expect(report.supportText).toContain('截至 2026-10-14');
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('an approval too late in the year for the holiday calendar is recorded with an estimated window, said to be one', async () => {
    const { app, dataDir, clock } = start(undefined, new ManualClock(beijingMorning('2026-12-28')));
    try {
      await readyToApply(app);
      await call(app, 'deposit.apply', { reason: '退店', amountYuan: '10000', alipayAccount: '13812345678' });
      clock.set(beijingMorning('2026-12-29'));
      const v = await call(app, 'deposit.review', { outcome: 'approved' });
      expect(v.review).toMatchObject({ outcome: 'approved', decidedOn: '2026-12-29' });
      expect(v.window).toEqual({ approvedOn: '2026-12-29', from: '2027-01-04', to: '2027-01-06', estimated: true });
      expect(v.arrival.verdict).toBe('waiting');
      expect(v.timeline.at(-1)!.text.zh).toContain('预计约 2027-01-04 至 2027-01-06（估算：');
      clock.set(beijingMorning('2026-12-31'));
      expect((await call(app, 'deposit.remind', {})).sent).toBe(0);
      expect((await refused(app, 'deposit.review', { outcome: 'approved', decidedOn: '2027-01-05' })).message).toContain('之间');
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a malformed bill is refused through the channel with the line that broke it, and nothing is recorded', async () => {
    const { app, dataDir } = start();
    try {
      await readyToApply(app);
      await call(app, 'deposit.apply', { reason: '退店', amountYuan: '10000', alipayAccount: '13812345678' });
      const lines = webExport(REFUND_ROWS).split('\r\n');
      lines[6] = lines[6]!.replace('10,000.00', 'abc');
      const e = await refused(app, 'deposit.matchAlipay', { fileName: 'bad.csv', contentBase64: b64(gbk(lines.join('\r\n'))) });
      expect(e.code).toBe('FILE_INVALID');
      expect(e.message).toContain('第 7 行');
      expect(e.messageEn).toContain('line 7');
      expect((app.db.prepare('SELECT count(*) AS n FROM deposit_bill_import').get() as { n: number }).n).toBe(0);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('deposit reconciliation an accountant would sign', () => {
  it('the application dated when it was really sent finds a refund that came before the case was recorded', async () => {
    const { app, dataDir, clock } = start(tempDir('deposit-'), new ManualClock(beijingMorning('2026-10-20')));
    try {
      await readyToApply(app);
      // The seller applied on AliExpress on 9 Oct and records it on 20 Oct; the refund came on 14 Oct.
      const bill = b64(
        utf8(
          appExport([
            { time: '2026-10-14 10:00:00', counterparty: 'AliExpress', description: '保证金退款', amount: '10,000.00', direction: '收入' },
            {
              time: '2026-10-15 10:00:00',
              counterparty: '阿里巴巴',
              description: '速卖通保证金解冻',
              amount: '10,000.00',
              direction: '不计收支',
            },
          ]),
        ),
      );
      expect(
        (
          await refused(app, 'deposit.apply', {
            reason: '退店',
            amountYuan: '10000',
            alipayAccount: '13812345678',
            appliedOn: '2026-10-21',
          })
        ).issues?.[0]!.path,
      ).toBe('appliedOn');
      const applied = await call(app, 'deposit.apply', {
        reason: '退店',
        amountYuan: '10000',
        alipayAccount: '13812345678',
        appliedOn: '2026-10-09',
      });
      expect(applied.application?.appliedOn).toBe('2026-10-09');
      const report = await call(app, 'deposit.matchAlipay', { fileName: 'app.csv', contentBase64: bill });
      expect(report).toMatchObject({ verdict: 'arrived', appliedOn: '2026-10-09' });
      expect(report.match?.row).toMatchObject({ time: '2026-10-14 10:00:00', direction: 'income' });
      expect(report.apart.map((a) => a.row.directionText)).toEqual(['不计收支']);

      // Recorded with today's date instead, the same row is flagged, cannot be confirmed, and the date can be corrected.
      clock.set(beijingMorning('2026-10-20'));
      await app.db.prepare('UPDATE deposit_case SET applied_at = ?').run(new Date(beijingMorning('2026-10-20')).toISOString());
      const late = await call(app, 'deposit.matchAlipay', { fileName: 'app.csv', contentBase64: bill });
      expect(late.verdict).toBe('not_found');
      expect(late.considered[0]).toMatchObject({ beforeApplication: true });
      expect(
        (await refused(app, 'deposit.confirmArrival', { importId: late.importId, line: late.considered[0]!.row.line })).message,
      ).toContain('早于提交申请的日期');
      const unfreeze = late.apart[0]!.row.line;
      expect((await refused(app, 'deposit.confirmArrival', { importId: late.importId, line: unfreeze })).message).toContain('不计收支');
      const fixed = await call(app, 'deposit.setAppliedOn', { appliedOn: '2026-10-09' });
      expect(fixed.application?.appliedOn).toBe('2026-10-09');
      expect(fixed.timeline.at(-1)?.text.zh).toContain('2026-10-09');
      const done = await call(app, 'deposit.confirmArrival', { importId: late.importId, line: late.considered[0]!.row.line });
      expect(done.arrival).toMatchObject({ verdict: 'arrived', arrivedFen: 1_000_000 });
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('confirmations can be undone; a full arrival takes no second row; summary, verdict and letter agree on the sum', async () => {
    const { app, dataDir, clock } = start();
    try {
      await readyToApply(app);
      await call(app, 'deposit.apply', { reason: '退店', amountYuan: '10000', alipayAccount: '13812345678' });
      clock.set(beijingMorning('2026-09-30'));
      await call(app, 'deposit.review', { outcome: 'approved' });
      clock.set(beijingMorning('2026-10-14'));
      const rows = [
        {
          time: '2026-10-12 09:00:00',
          counterparty: 'AliExpress',
          description: '保证金退款',
          amount: '10,000.00',
          direction: '收入' as const,
          tradeNo: 'T1',
        },
        {
          time: '2026-10-13 09:00:00',
          counterparty: 'AliExpress',
          description: '保证金退款',
          amount: '9,000.00',
          direction: '收入' as const,
          tradeNo: 'T2',
        },
        {
          time: '2026-10-13 10:00:00',
          counterparty: 'AliExpress',
          description: '保证金退款',
          amount: '500.00',
          direction: '收入' as const,
          tradeNo: 'T3',
        },
      ];
      const report = await call(app, 'deposit.matchAlipay', { fileName: 'b.csv', contentBase64: b64(gbk(webExport(rows))) });
      const line = (t: string) => report.considered.find((c) => c.row.tradeNo === t)!.row.line;
      const full = await call(app, 'deposit.confirmArrival', { importId: report.importId, line: line('T1') });
      expect(full).toMatchObject({ status: 'refunded', stage: 'done', arrival: { verdict: 'arrived', arrivedFen: 1_000_000 } });
      // ¥19,000 out of a ¥10,000 application is refused, not summed.
      const second = await refused(app, 'deposit.confirmArrival', { importId: report.importId, line: line('T2') });
      expect(second).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('请先撤销') });

      // The wrong one is undone: the case reopens; two partial rows are then confirmed.
      const undone = await call(app, 'deposit.undoArrival', { arrivalId: full.arrival.rows[0]!.id });
      expect(undone).toMatchObject({ status: 'refunding', stage: 'arrival', arrival: { verdict: 'overdue', arrivedFen: 0, rows: [] } });
      expect(undone.timeline.at(-1)).toMatchObject({ kind: 'arrival.undo' });
      await call(app, 'deposit.confirmArrival', { importId: report.importId, line: line('T2') });
      const two = await call(app, 'deposit.confirmArrival', { importId: report.importId, line: line('T3') });
      expect(two.arrival).toMatchObject({ verdict: 'partial', arrivedFen: 950_000 });
      expect(depositSummary(app)).toMatchObject({ arrival: 'partial', arrivedFen: 950_000, appliedFen: 1_000_000 });
      const letter = two.arrival.supportText!;
      expect(letter).toContain('共收到 2 笔，合计 ¥9,500.00');
      expect(letter).toContain('比申请金额少 ¥500.00');
      expect(letter).toContain('如是少退，请安排补退');
      expect(letter).not.toContain('多');
      await expect(refused(app, 'deposit.undoArrival', { arrivalId: 999 })).resolves.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('one answer for the preconditions, shared with the store exit', () => {
  it('answered in the deposit wizard, the exit checklist has it; changed in the exit, the deposit sees it', async () => {
    const { app, dataDir, clock } = start();
    try {
      await call(app, 'deposit.open', {});
      await call(app, 'deposit.setStatus', { status: 'refundable', depositYuan: '10000' });
      for (const key of ['disputes', 'orders', 'debts'] as const)
        await call(app, 'deposit.setCheck', { key, answer: 'clear', note: key === 'debts' ? '已结清' : undefined });
      const exit = await call(app, 'exit.open', {});
      const readiness = (k: string, v = exit) => v.prepare.readiness.find((i) => i.key === k)!;
      for (const key of ['disputes', 'orders', 'debts']) expect(readiness(key)).toMatchObject({ level: 'ok', source: 'seller' });
      expect(readiness('debts').note).toBe('已结清');

      clock.advance(60_000);
      const changed = await call(app, 'exit.answerReadiness', { key: 'disputes', answer: 'open', note: '买家投诉未结' });
      expect(readiness('disputes', changed)).toMatchObject({ level: 'warn' });
      const dep = (await call(app, 'deposit.get', {})).case!;
      expect(dep.checks.find((c) => c.key === 'disputes')).toMatchObject({ answer: 'open', note: '买家投诉未结' });
      expect(dep.blockers.some((b) => b.zh.includes('纠纷'))).toBe(true);
      expect(await refused(app, 'deposit.apply', { reason: '退店', amountYuan: '10000', alipayAccount: '13812345678' })).toMatchObject({
        code: 'CONFLICT',
      });

      clock.advance(60_000);
      await call(app, 'deposit.setCheck', { key: 'disputes', answer: 'clear' });
      expect(readiness('disputes', (await call(app, 'exit.get', {})).case!)).toMatchObject({ level: 'ok' });
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('deposit CLI', () => {
  it('status and match-alipay print one JSON document each', async () => {
    const dataDir = tempDir('deposit-cli-');
    const clock = new ManualClock(beijingMorning('2026-09-28'));
    const { app } = start(dataDir, clock);
    try {
      await readyToApply(app);
      await call(app, 'deposit.apply', { reason: '退店', amountYuan: '10000', alipayAccount: '13812345678' });
    } finally {
      await app.close();
    }
    const bill = join(dataDir, '账单.csv');
    writeFileSync(bill, gbk(webExport(REFUND_ROWS)));
    try {
      const status = runCli(['deposit', 'status', '--data', dataDir, '--json']);
      expect(status.code).toBe(0);
      const s = JSON.parse(status.stdout);
      expect(s.case).toMatchObject({ status: 'refunding', depositFen: 1_000_000, stage: 'review' });
      expect(s.case.application.alipayMasked).toBe('138****5678');

      const match = runCli(['deposit', 'match-alipay', bill, '--data', dataDir, '--json', '--confirm']);
      expect(match.code).toBe(0);
      const m = JSON.parse(match.stdout);
      expect(m).toMatchObject({ verdict: 'arrived', rowsRead: 4, expectedFen: 1_000_000 });
      expect(m.match.row.line).toBe(8);
      expect(m.considered.length).toBeGreaterThanOrEqual(2);
      expect(m.confirmed.status).toBe('refunded');

      const bad = runCli(['deposit', 'match-alipay', join(dataDir, 'missing.csv'), '--data', dataDir, '--json']);
      expect(bad.code).toBe(1);
      expect(JSON.parse(bad.stderr.split('\n')[0]!).error.code).toBe('NOT_FOUND');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
