import { describe, expect, it } from 'vitest';
import { minutesText } from '../../../src-shared/minutesText';

describe('how long an oversell risk has lasted, as the seller reads it', () => {
  it('gives days and hours past a day, hours and minutes past an hour, minutes below', () => {
    expect(minutesText(2880, 'zh')).toBe('2天');
    expect(minutesText(2 * 1440 + 3 * 60 + 59, 'zh')).toBe('2天3小时');
    expect(minutesText(65, 'zh')).toBe('1小时5分钟');
    expect(minutesText(120, 'zh')).toBe('2小时');
    expect(minutesText(4, 'zh')).toBe('4分钟');
    expect(minutesText(0, 'zh')).toBe('0分钟');
    expect(minutesText(null, 'zh')).toBe('—');
  });

  it('in English', () => {
    expect(minutesText(2 * 1440 + 3 * 60, 'en')).toBe('2 d 3 h');
    expect(minutesText(65, 'en')).toBe('1 h 5 min');
    expect(minutesText(4, 'en')).toBe('4 min');
  });
});
