/**
 * An exit application submitted in the last days of 2026, when the holiday library has no 2027
 * schedule yet: the review due date is estimated, stored and shown as an estimate, and the due-day
 * reminder still comes, saying the date was estimated.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/core/platform/clock';
import { withApp, tempDir } from '../../helpers/tempApp';
import { call } from '../../helpers/channels';
import { runCli } from '../../helpers/cli';
import { answerNone } from './seed';
import { beijingMorning } from '../../helpers/beijing';

describe('exit review due date in a year the holiday library does not know yet', () => {
  const dataDir = tempDir('exit-estimate-');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('estimates the date past New Year’s Day, says so everywhere it is shown, and reminds on that day', async () => {
    const clock = new ManualClock(beijingMorning('2026-12-31'));
    await withApp(
      async (app) => {
        app.settings.set('storeName', '义乌杯子店');
        await call(app, 'exit.setReason', { reason: 'platform_policy' });
        await answerNone(app);
        // Thu 31 Dec 2026 + 3 working days: Fri 1 January is 元旦, then the weekend: Mon 4, Tue 5, Wed 6.
        const v = await call(app, 'exit.submit', { submittedOn: '2026-12-31', applicationNo: 'TD-1231' });
        expect(v.review).toMatchObject({ dueOn: '2027-01-06', dueEstimated: true, dueError: null, overdue: false });
        expect(v.timeline.at(-1)?.text.zh).toBe(
          '2026-12-31 提交退店申请，申请编号 TD-1231；预计约 2027-01-06 前审核完（3个工作日；估算：节假日库还没有 2027 年的放假安排，按周一至周五计，只除去了元旦、五一、国庆的法定假日，春节等其他节假日和调休未计入；请以平台通知为准）',
        );
        expect(v.timeline.at(-1)?.text.en).toContain(
          "review due by about 2027-01-06 (3 working days; estimate: the holiday calendar does not have 2027's",
        );

        // The printed application and checklist say it too.
        const { documents } = await call(app, 'exit.paperwork', {});
        const html = (name: string) => documents.find((d) => d.name.endsWith(name))!.html;
        expect(html('退店申请')).toContain('<td>约 2027年1月6日（提交后3个工作日；估算：节假日库还没有 2027 年的放假安排');
        expect(html('退店清单')).toContain('预计约 2027年1月6日 前（3个工作日；估算：');

        // The reminder is armed: nothing the day before, the notice on the estimated day, marked as an estimate.
        clock.set(beijingMorning('2027-01-05'));
        expect(await call(app, 'exit.remind', {})).toEqual({ reminded: false });
        clock.set(beijingMorning('2027-01-06'));
        expect(await call(app, 'exit.remind', {})).toEqual({ reminded: true });
        const notice = (await call(app, 'notices.list', { limit: 1 }))[0]!;
        expect(notice.body?.zh).toContain('按3个工作日应在约 2027-01-06 前审核完（估算：节假日库还没有 2027 年的放假安排');
        expect(notice.body?.en).toContain(
          "was due for review by about 2027-01-06 (3 working days; estimate: the holiday calendar does not have 2027's",
        );
        const after = (await call(app, 'exit.get', {})).case!;
        expect(after.timeline.at(-1)?.text).toEqual({
          zh: '审核到期提醒：退店申请 TD-1231 应在约 2027-01-06 前审核完（到期日为估算）',
          en: 'Review due reminder: application TD-1231 was due by about 2027-01-06 (an estimated date)',
        });
      },
      { dataDir, clock },
    );
  });

  it('exit status in the CLI gives the stored estimate as one, in both languages', () => {
    const status = runCli(['exit', 'status', '--data', dataDir]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('到期 due: 约 2027-01-06');
    expect(status.stdout).toContain('估算：节假日库还没有 2027 年的放假安排');
    expect(status.stdout).toContain("estimate: the holiday calendar does not have 2027's holiday schedule yet");
    const json = JSON.parse(runCli(['exit', 'status', '--data', dataDir, '--json']).stdout);
    expect(json.case.review).toMatchObject({ dueOn: '2027-01-06', dueEstimated: true });
  });

  it('a submission that stays inside 2026 keeps its exact date, not marked', () =>
    withApp(
      async (app) => {
        await call(app, 'exit.setReason', { reason: 'platform_policy' });
        await answerNone(app);
        const v = await call(app, 'exit.submit', { submittedOn: '2026-12-28' });
        expect(v.review).toMatchObject({ dueOn: '2026-12-31', dueEstimated: false });
        expect(v.timeline.at(-1)?.text.zh).toBe('2026-12-28 提交退店申请；预计 2026-12-31 前审核完（3个工作日）');
      },
      { clock: new ManualClock(beijingMorning('2026-12-28')) },
    ));
});
