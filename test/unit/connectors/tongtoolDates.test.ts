import { describe, expect, it } from 'vitest';
import { ttDate, ttDateToIso } from '../../../src-main/core/connectors/tongtool/client';

describe('Tongtool dates are China time', () => {
  it('reads "yyyy-MM-dd HH:mm:ss" as Beijing time, across day, month and year boundaries', () => {
    expect(ttDateToIso('2026-03-02 07:30:05')).toBe('2026-03-01T23:30:05.000Z');
    expect(ttDateToIso('2026-03-01 05:00:00')).toBe('2026-02-28T21:00:00.000Z');
    expect(ttDateToIso('2027-01-01 00:00:00')).toBe('2026-12-31T16:00:00.000Z');
    expect(ttDateToIso('2026-11-27 12:00:00')).toBe('2026-11-27T04:00:00.000Z');
  });

  it('round-trips with the format the app sends', () => {
    for (const ms of [0, Date.UTC(2026, 1, 28, 16, 0, 0), Date.UTC(2026, 10, 27, 5, 6, 7)])
      expect(ttDateToIso(ttDate(ms))).toBe(new Date(ms).toISOString());
  });

  it('still reads a date in another shape the general parser knows', () => {
    expect(ttDateToIso('2026-03-02 07:30')).toBe('2026-03-01T23:30:00.000Z');
  });
});
