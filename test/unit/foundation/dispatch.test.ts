import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../src-shared/contract';
import { dispatch, type Handlers } from '../../../src-main/core/dispatch';
import { AppError } from '../../../src-shared/errors';
import { withApp } from '../../helpers/tempApp';
import { createHandlers } from '../../../src-main/core/api';

const MALFORMED: unknown[] = ['text', 42, true, [], [1, 2], { unexpectedKey: 1 }, { __proto__: { polluted: 1 }, x: 'y' }];

describe('dispatch: the one door into the core', () => {
  it('answers every malformed payload on every channel with a typed BAD_INPUT error in Chinese and English', async () => {
    await withApp(async (app) => {
      const handlers = createHandlers(app);
      for (const channel of CHANNELS) {
        for (const payload of MALFORMED) {
          const r = await dispatch(handlers, channel, payload);
          expect(r.ok, `${channel} accepted ${JSON.stringify(payload)}`).toBe(false);
          if (r.ok) continue;
          expect(r.error.code).toBe('BAD_INPUT');
          expect(r.error.message).toMatch(/[\u4e00-\u9fff]/);
          expect(r.error.messageEn).toMatch(/[A-Za-z]/);
          expect(r.error.issues?.length).toBeGreaterThan(0);
        }
      }
    });
  });

  it('refuses a channel that does not exist without calling anything', async () => {
    const r = await dispatch({} as Handlers, 'constructor', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    const r2 = await dispatch({} as Handlers, '__proto__', {});
    expect(r2).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('turns a crash inside a handler into INTERNAL without leaking its text, and keeps AppErrors as they are', async () => {
    const crashing = {
      'app.info': () => {
        throw new Error('secret-stack-detail');
      },
      'settings.get': () => {
        throw new AppError('NOT_FOUND', '没有找到', 'Not found');
      },
    } as unknown as Handlers;
    const r = await dispatch(crashing, 'app.info', {});
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INTERNAL');
      expect(JSON.stringify(r.error)).not.toContain('secret-stack-detail');
    }
    expect(await dispatch(crashing, 'settings.get', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: '没有找到', messageEn: 'Not found' },
    });
  });

  it('passes valid input through its schema (defaults applied) to the handler', async () => {
    await withApp(async (app) => {
      app.notices.add('info', { title: '同步完成', body: '共 3 个SKU' }, { title: 'Sync done', body: '3 SKUs' });
      const r = await dispatch(createHandlers(app), 'notices.list', {});
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.data).toMatchObject([{ title: '同步完成', body: '共 3 个SKU', titleEn: 'Sync done', bodyEn: '3 SKUs', read: false }]);
    });
  });
});
