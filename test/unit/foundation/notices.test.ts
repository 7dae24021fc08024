import { describe, expect, it } from 'vitest';
import { noticeIn } from '../../../src-shared/notices';
import { noticeOf } from '../../../src-main/core/notices';

const row = {
  id: 1,
  at: '2026-11-27T01:00:00.000Z',
  level: 'warning' as const,
  title: '库存同步连续失败',
  body: '已连续失败 3 次',
  title_en: '',
  body_en: '',
  read: 0,
};

describe('a notice in the seller language', () => {
  it('shows the English when the app is in English and the notice has it', () => {
    const n = noticeOf({ ...row, title_en: 'Stock sync keeps failing', body_en: 'failed 3 times' });
    expect(noticeIn(n, 'en-US')).toEqual({ title: 'Stock sync keeps failing', body: 'failed 3 times' });
    expect(noticeIn(n, 'zh-CN')).toEqual({ title: '库存同步连续失败', body: '已连续失败 3 次' });
  });

  it('falls back to the Chinese for a notice stored before notices had English', () => {
    expect(noticeOf(row)).toMatchObject({ title: { zh: '库存同步连续失败', en: '库存同步连续失败' }, body: { en: '已连续失败 3 次' } });
    expect(noticeIn(noticeOf(row), 'en-US')).toEqual({ title: '库存同步连续失败', body: '已连续失败 3 次' });
  });
});
