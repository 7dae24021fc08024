import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../src-main/core/app';
import { createHandlers } from '../../../src-main/core/api';
import { dispatch } from '../../../src-main/core/dispatch';
import { ManualClock } from '../../../src-main/core/platform/clock';
import { KNOWN_YEARS } from '../../../src-main/core/calendar/workdays';
import { runCli } from '../../helpers/cli';
import { tempDir } from '../../helpers/tempApp';

describe('exit CLI', () => {
  const dataDir = tempDir('exit-cli-');
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('workdays add gives the date N Chinese working days later, an estimate said to be one past the known years, and refuses a year before them', () => {
    const ok = runCli(['workdays', 'add', '2026-09-30', '3', '--json', '--data', dataDir]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ date: '2026-09-30', n: 3, result: '2026-10-10', estimate: null });
    // Into 2027, which the library does not know: the estimate is apart from result, with why.
    const json = runCli(['workdays', 'add', '2026-12-31', '3', '--json', '--data', dataDir]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      result: null,
      estimate: {
        date: '2027-01-06',
        note: { zh: expect.stringContaining('估算：节假日库还没有 2027 年的放假安排'), en: expect.stringContaining('estimate:') },
      },
    });
    const text = runCli(['workdays', 'add', '2026-12-31', '3', '--data', dataDir]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('2026-12-31 之后第 3 个工作日约是 2027-01-06（估算：节假日库还没有 2027 年的放假安排');
    expect(text.stdout).toContain("3 working days after 2026-12-31: about 2027-01-06 (estimate: the holiday calendar does not have 2027's");
    const year = KNOWN_YEARS.first - 1;
    const bad = runCli(['workdays', 'add', `${year}-01-06`, '3', '--data', dataDir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`无法准确计算 ${year} 年的工作日`);
  });

  it('exit status and exit paperwork read the case saved by the app', async () => {
    const app = createApp({ dataDir, host: 'cli', clock: new ManualClock(Date.UTC(2026, 8, 30, 2)) });
    app.settings.set('storeName', '小林五金工厂');
    const h = createHandlers(app);
    await dispatch(h, 'exit.setReason', { reason: 'own', reasonText: '工厂转做内销' });
    for (const key of ['orders', 'disputes', 'debts'] as const) await dispatch(h, 'exit.answerReadiness', { key, answer: 'clear' });
    await dispatch(h, 'exit.submit', { submittedOn: '2026-09-30', applicationNo: 'TD-CLI-1' });
    await dispatch(h, 'exit.savePartner', { kind: 'logistics', name: '顺丰国际', status: 'active' });
    await app.close();

    const status = runCli(['exit', 'status', '--data', dataDir, '--json']);
    expect(status.code).toBe(0);
    const c = JSON.parse(status.stdout).case;
    expect(c).toMatchObject({ storeName: '小林五金工厂', stage: 'review', review: { dueOn: '2026-10-10' } });

    const out = join(dataDir, 'paperwork');
    const pw = runCli(['exit', 'paperwork', '--data', dataDir, '--out', out, '--json']);
    expect(pw.code).toBe(0);
    const r = JSON.parse(pw.stdout);
    expect(r.files.map((f: { name: string }) => f.name)).toEqual([
      '01-退店申请',
      '02-库存处理清单',
      '03-终止合作通知-01-顺丰国际',
      '04-退店清单',
    ]);
    for (const f of r.files) {
      expect(readFileSync(f.html, 'utf8')).toContain('小林五金工厂');
      // A PDF where a browser is available; otherwise the reason is said, never silently skipped.
      if (r.pdf) expect(existsSync(f.pdf)).toBe(true);
      else expect(r.pdfNote.zh).toContain('只生成了 HTML');
    }
    expect(readFileSync(join(out, '01-退店申请.html'), 'utf8')).toContain('工厂转做内销');
  });
});
