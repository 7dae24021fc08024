import { describe, expect, it } from 'vitest';
import { noticeIn } from '../../../src-shared/notices';
import type { Notice } from '../../../src-shared/types/app';

const base: Notice = {
  id: 1,
  at: '2026-11-27T01:00:00.000Z',
  level: 'warning',
  title: '库存同步连续失败',
  body: '已连续失败 3 次',
  titleEn: '',
  bodyEn: '',
  read: false,
};

describe('a notice in the seller language', () => {
  it('shows the English when the app is in English and the notice has it', () => {
    const n = { ...base, titleEn: 'Stock sync keeps failing', bodyEn: 'failed 3 times' };
    expect(noticeIn(n, 'en-US')).toEqual({ title: 'Stock sync keeps failing', body: 'failed 3 times' });
    expect(noticeIn(n, 'zh-CN')).toEqual({ title: '库存同步连续失败', body: '已连续失败 3 次' });
  });

  it('falls back to the Chinese for a notice stored before notices had English', () => {
    expect(noticeIn(base, 'en-US')).toEqual({ title: '库存同步连续失败', body: '已连续失败 3 次' });
  });
});
