/**
 * The review due date (submission + 3 Chinese working days) across the holidays a seller meets:
 * expected dates are the State Council's published 2026 schedule, not the library's output.
 */
import { describe, expect, it } from 'vitest';
import { addWorkdays, isChineseWorkday, KNOWN_YEARS, workdaysBetween } from '../../../src-main/core/calendar/workdays';
import { AppError } from '../../../src-shared/errors';

describe('Chinese working days for the exit review', () => {
  it('skips the whole Spring Festival break and counts the 调休 Saturday after it', () => {
    // 2026: 春节 Feb 15–23 off; Sat Feb 14 and Sat Feb 28 are working days.
    expect(isChineseWorkday('2026-02-14')).toBe(true);
    expect(addWorkdays('2026-02-13', 1)).toBe('2026-02-14');
    expect(addWorkdays('2026-02-14', 3)).toBe('2026-02-26');
    expect(addWorkdays('2026-02-26', 2)).toBe('2026-02-28');
  });

  it('lands on the National Day 调休 Saturday', () => {
    // 2026: 国庆 Oct 1–7 off; Sat Oct 10 is a working day.
    expect(addWorkdays('2026-09-30', 3)).toBe('2026-10-10');
    expect(isChineseWorkday('2026-10-10')).toBe(true);
    expect(isChineseWorkday('2026-10-03')).toBe(false);
    expect(workdaysBetween('2026-09-30', '2026-10-10')).toBe(3);
  });

  it('crosses the year boundary through New Year’s Day and its 调休 Sunday', () => {
    // 2026: 元旦 Jan 1–3 off; Sun Jan 4 is a working day.
    expect(addWorkdays('2025-12-31', 1)).toBe('2026-01-04');
    expect(addWorkdays('2025-12-31', 3)).toBe('2026-01-06');
  });

  it('reports a date outside the years the library knows instead of guessing', () => {
    const after = `${KNOWN_YEARS.last + 1}-03-02`;
    expect(() => addWorkdays(after, 3)).toThrow(AppError);
    try {
      addWorkdays(after, 3);
    } catch (err) {
      expect((err as AppError).code).toBe('BAD_INPUT');
      expect((err as AppError).messageZh).toContain(`${KNOWN_YEARS.last + 1}`);
    }
    // A count that runs past the last known year is reported too.
    expect(() => addWorkdays(`${KNOWN_YEARS.last}-12-30`, 5)).toThrow(/节假日库/);
  });
});
