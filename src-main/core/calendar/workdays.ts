/**
 * Chinese working days (工作日): public holidays off, adjusted weekend workdays (调休) on, from the
 * maintained chinese-days library. `addWorkdays` and the others refuse a date outside the years the
 * library knows. `addWorkdaysOrEstimate` is for due dates that run into the next year before the
 * library has its schedule (from late December): refusing there left the seller with no due date and
 * no reminder at all, so it estimates, and says so in what it returns.
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

function checkCount(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > 365) {
    throw new AppError('BAD_INPUT', `工作日天数应为 0 到 365 的整数，收到 ${n}。`, `Working days must be a whole number 0–365, got ${n}.`);
  }
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

/**
 * The statutory days off fixed by calendar date in 全国年节及纪念日放假办法 as revised by 国务院令第798号
 * (in force from 2025): 元旦 1 Jan, 劳动节 1–2 May, 国庆节 1–3 Oct. An estimate skips these and every
 * Saturday and Sunday, and nothing else, so it can be days early where a holiday it does not know
 * falls, and a day late where a weekend day is worked:
 * - 春节 (除夕 to 初三), 清明, 端午 and 中秋 fall on lunar (or solar-term) dates;
 * - each year's 放假调休 notice, published by the State Council near the end of the year before,
 *   stretches holidays into breaks (in recent years a week for 国庆 and over a week for 春节, five days
 *   for 劳动节), names the weekend days worked instead (调休上班), and the workday given for a holiday
 *   that falls on a weekend (补假); none of that can be known before it is published.
 */
const FIXED_DAYS_OFF = new Set(['01-01', '05-01', '05-02', '10-01', '10-02', '10-03']);

/** Monday to Friday, less the fixed-date statutory days off: the estimate for a year the library does not know. */
function estimatedWorkday(d: dayjs.Dayjs): boolean {
  const weekday = d.day();
  return weekday !== 0 && weekday !== 6 && !FIXED_DAYS_OFF.has(d.format('MM-DD'));
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
  checkCount(n);
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

/** A date counted in Chinese working days, and whether it is only an estimate. */
export interface WorkdayDate {
  date: string;
  /**
   * True when a day counted lies in a year the holiday library does not know yet, so it was counted
   * as Monday to Friday less 元旦, 劳动节 and 国庆 (FIXED_DAYS_OFF): the date must then be shown,
   * stored and sent as an estimate, never as the platform's date.
   */
  estimated: boolean;
}

/**
 * `addWorkdays`, except that days in a year after the last one the library knows are estimated
 * instead of refused: a review submitted on 28 December still gets a due date and its reminder,
 * marked as an estimate. Days in known years are counted exactly, as `addWorkdays` counts them. A
 * date before the first known year is refused as before: that is a mistyped year, not the future.
 */
export function addWorkdaysOrEstimate(date: string, n: number): WorkdayDate {
  checkCount(n);
  let d = checkDate(date);
  if (d.year() < KNOWN_YEARS.first) checkKnown(d);
  let left = n;
  let estimated = false;
  while (left > 0) {
    d = d.add(1, 'day');
    const unknown = d.year() > KNOWN_YEARS.last;
    if (unknown) estimated = true;
    if (unknown ? estimatedWorkday(d) : isWorkday(d.format('YYYY-MM-DD'))) left--;
  }
  return { date: d.format('YYYY-MM-DD'), estimated };
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
