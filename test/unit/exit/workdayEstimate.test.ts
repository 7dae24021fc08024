/**
 * Due dates that run into a year the holiday library does not know yet (late December): estimated
 * as Monday to Friday less the fixed-date statutory days off, and marked as estimates; within the
 * known years the count is exactly addWorkdays'.
 */
import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { addWorkdays, addWorkdaysOrEstimate, KNOWN_YEARS } from '../../../src-main/core/calendar/workdays';
import { AppError } from '../../../src-shared/errors';
import { dateText, rangeText } from '../../../src-shared/estimatedDate';

describe('working days estimated past the years the holiday library knows', () => {
  it('is written for a library that knows up to 2026 (chinese-days 1.5.7)', () => {
    // When an update brings 2027's schedule, these dates become exact: move the tests on a year.
    expect(KNOWN_YEARS.last, 'the holiday library now knows 2027: move these tests to the next unknown year').toBe(2026);
  });

  it('counts into 2027 and says the date is an estimate', () => {
    // Tue 29 Dec 2026: the 30th and 31st are known working days, 1 January is 元旦, then the weekend.
    expect(addWorkdaysOrEstimate('2026-12-29', 3)).toEqual({ date: '2027-01-04', estimated: true });
    // A count that stays in 2026 is exact, even this late in the year.
    expect(addWorkdaysOrEstimate('2026-12-28', 3)).toEqual({ date: '2026-12-31', estimated: false });
  });

  it('skips 1 January, a statutory day off fixed by date', () => {
    // Thu 31 Dec 2026 + 3: Fri 1 Jan is 元旦, so Mon 4, Tue 5, Wed 6 (Monday–Friday alone would say the 5th).
    expect(addWorkdaysOrEstimate('2026-12-31', 3)).toEqual({ date: '2027-01-06', estimated: true });
    expect(addWorkdaysOrEstimate('2026-12-31', 1)).toEqual({ date: '2027-01-04', estimated: true });
  });

  it('counts Monday to Friday, less 1–2 May and 1–3 October, inside an unknown year', () => {
    expect(addWorkdaysOrEstimate('2027-03-05', 5)).toEqual({ date: '2027-03-12', estimated: true }); // Fri → next Fri
    expect(addWorkdaysOrEstimate('2027-03-06', 1)).toEqual({ date: '2027-03-08', estimated: true }); // Sat → Mon
    expect(addWorkdaysOrEstimate('2028-04-28', 1)).toEqual({ date: '2028-05-03', estimated: true }); // Mon 1 and Tue 2 May off
    expect(addWorkdaysOrEstimate('2029-09-28', 1)).toEqual({ date: '2029-10-04', estimated: true }); // Mon 1 – Wed 3 Oct off
    // 春节 moves with the lunar calendar and is not skipped: the note says so wherever the date is shown.
    expect(addWorkdaysOrEstimate('2027-02-05', 1)).toEqual({ date: '2027-02-08', estimated: true });
  });

  it('gives exactly what addWorkdays gives for every start day in the known years', () => {
    for (let d = dayjs('2025-01-01'); d.isBefore('2026-12-20'); d = d.add(1, 'day')) {
      const date = d.format('YYYY-MM-DD');
      for (const n of [0, 1, 3, 5])
        expect(addWorkdaysOrEstimate(date, n), `${date} + ${n}`).toEqual({ date: addWorkdays(date, n), estimated: false });
    }
  });

  it('still refuses a year before the library’s first, and a bad count', () => {
    expect(() => addWorkdaysOrEstimate(`${KNOWN_YEARS.first - 1}-06-02`, 3)).toThrow(AppError);
    expect(() => addWorkdaysOrEstimate('2026-12-31', -1)).toThrow(/工作日天数/);
    expect(() => addWorkdaysOrEstimate('2026-02-30', 1)).toThrow(/格式不对/);
  });

  it('reads as an estimate, with why, in both languages; an exact date reads as before', () => {
    expect(dateText('2027-01-06', true)).toEqual({
      zh: '约 2027-01-06（估算：节假日库还没有 2027 年的放假安排，按周一至周五计，只除去了元旦、五一、国庆的法定假日，春节等其他节假日和调休未计入；请以平台通知为准）',
      en: "about 2027-01-06 (estimate: the holiday calendar does not have 2027's holiday schedule yet, so working days were counted as Monday to Friday less New Year's Day, Labour Day and National Day; Spring Festival, other holidays and make-up working days are not included; the platform's notice decides)",
    });
    expect(dateText('2026-10-10', false)).toEqual({ zh: '2026-10-10', en: '2026-10-10' });
    expect(rangeText({ from: '2026-12-31', to: '2027-01-05', estimated: true }).zh).toMatch(
      /^约 2026-12-31 ~ 2027-01-05（估算：节假日库还没有 2027 年/,
    );
    expect(rangeText({ from: '2026-10-10', to: '2026-10-13', estimated: false })).toEqual({
      zh: '2026-10-10 ~ 2026-10-13',
      en: '2026-10-10 ~ 2026-10-13',
    });
  });
});
