/**
 * Chinese working days (工作日): public holidays off, adjusted weekend workdays (调休) on, from the
 * maintained chinese-days library. A date outside the years the library knows is reported, never
 * guessed: a wrong due date is worse than none.
 */
import { isWorkday } from 'chinese-days';
import data from 'chinese-days/dist/chinese-days.json';
import dayjs from 'dayjs';
import { AppError } from '../../../src-shared/errors';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const years = Object.keys((data as { holidays: Record<string, string> }).holidays).map((d) => Number(d.slice(0, 4)));
/** The years whose holidays and 调休 days the library has published. */
export const KNOWN_YEARS = { first: Math.min(...years), last: Math.max(...years) } as const;

function checkDate(date: string): dayjs.Dayjs {
  const d = dayjs(date, 'YYYY-MM-DD');
  if (!DATE.test(date) || !d.isValid() || d.format('YYYY-MM-DD') !== date) {
    throw new AppError(
      'BAD_INPUT',
      `日期“${date}”格式不对，请用 年-月-日，例如 2026-10-08。`,
      `The date "${date}" is not valid; use YYYY-MM-DD, e.g. 2026-10-08.`,
    );
  }
  return d;
}

function checkKnown(d: dayjs.Dayjs): void {
  const y = d.year();
  if (y < KNOWN_YEARS.first || y > KNOWN_YEARS.last) {
    throw new AppError(
      'BAD_INPUT',
      `节假日库只有 ${KNOWN_YEARS.first}–${KNOWN_YEARS.last} 年的放假和调休安排，无法准确计算 ${y} 年的工作日。请更新程序，或按国务院公布的安排自行确认日期。`,
      `The holiday library only knows ${KNOWN_YEARS.first}–${KNOWN_YEARS.last}; working days in ${y} cannot be computed reliably. Update the app, or check the State Council's schedule yourself.`,
    );
  }
}

/** Whether `date` (YYYY-MM-DD, Beijing time) is a Chinese working day. */
export function isChineseWorkday(date: string): boolean {
  const d = checkDate(date);
  checkKnown(d);
  return isWorkday(date);
}

/**
 * The date `n` working days after `date` (the start day itself is not counted), e.g. review that
 * "takes 3 working days" from a submission on the eve of National Day.
 */
export function addWorkdays(date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 365) {
    throw new AppError('BAD_INPUT', `工作日天数应为 0 到 365 的整数，收到 ${n}。`, `Working days must be a whole number 0–365, got ${n}.`);
  }
  let d = checkDate(date);
  checkKnown(d);
  let left = n;
  while (left > 0) {
    d = d.add(1, 'day');
    checkKnown(d);
    if (isWorkday(d.format('YYYY-MM-DD'))) left--;
  }
  return d.format('YYYY-MM-DD');
}

/** Working days strictly after `from` up to and including `to`. */
export function workdaysBetween(from: string, to: string): number {
  let d = checkDate(from);
  const end = checkDate(to);
  checkKnown(d);
  checkKnown(end);
  let n = 0;
  while (d.isBefore(end, 'day')) {
    d = d.add(1, 'day');
    if (isWorkday(d.format('YYYY-MM-DD'))) n++;
  }
  return n;
}

/** A moment as a seller in China reads it: "2026-12-02 03:22" (Beijing time, minutes). */
export function beijingTime(at: number | string, withSeconds = false): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at;
  return new Date(ms + 8 * 3600_000)
    .toISOString()
    .slice(0, withSeconds ? 19 : 16)
    .replace('T', ' ');
}

/** Today's date in Beijing time from an epoch-ms clock. */
export function beijingDate(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}
