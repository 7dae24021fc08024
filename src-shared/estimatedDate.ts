/**
 * How a due date reads when it is only an estimate (`addWorkdaysOrEstimate` in
 * src-main/core/calendar/workdays.ts: the holiday library did not know its year yet). Every place
 * that shows, prints or sends such a date says "约" and why, in the same words, so a seller never
 * takes a guess for the platform's date. Exact dates read as they always have.
 */
import type { Bilingual } from './bilingual';

/** Why the date is an estimate and how it was counted; `date` is the estimated date (its year is one the library lacks). */
export function estimateNote(date: string): Bilingual {
  const year = date.slice(0, 4);
  return {
    zh: `估算：节假日库还没有 ${year} 年的放假安排，按周一至周五计，只除去了元旦、五一、国庆的法定假日，春节等其他节假日和调休未计入；请以平台通知为准`,
    en: `estimate: the holiday calendar does not have ${year}'s holiday schedule yet, so working days were counted as Monday to Friday less New Year's Day, Labour Day and National Day; Spring Festival, other holidays and make-up working days are not included; the platform's notice decides`,
  };
}

/** "约 2027-01-06" / "about 2027-01-06" for an estimate; the date alone when exact. */
export function approxDate(date: string, estimated: boolean): Bilingual {
  return estimated ? { zh: `约 ${date}`, en: `about ${date}` } : { zh: date, en: date };
}

/** The date with the reason in brackets when it is an estimate: "约 2027-01-06（估算：…）". */
export function dateText(date: string, estimated: boolean): Bilingual {
  if (!estimated) return { zh: date, en: date };
  const note = estimateNote(date);
  return { zh: `约 ${date}（${note.zh}）`, en: `about ${date} (${note.en})` };
}

/** A window of dates as the screens and the CLI list it, "2026-10-10 ~ 2026-10-13", with the reason when estimated. */
export function rangeText(w: { from: string; to: string; estimated: boolean }): Bilingual {
  if (!w.estimated) return { zh: `${w.from} ~ ${w.to}`, en: `${w.from} ~ ${w.to}` };
  const note = estimateNote(w.to);
  return { zh: `约 ${w.from} ~ ${w.to}（${note.zh}）`, en: `about ${w.from} ~ ${w.to} (${note.en})` };
}
