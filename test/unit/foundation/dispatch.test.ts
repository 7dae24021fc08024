import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../src-shared/contract';
import { dispatch, type Handlers } from '../../../src-main/core/dispatch';
import { AppError } from '../../../src-shared/errors';
import { withApp } from '../../helpers/tempApp';
import { createHandlers } from '../../../src-main/core/api';
import type { Notice } from '../../../src-shared/types/app';

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

  it('passes valid input through its schema to the handler, with the schema defaults filled in', async () => {
    const seen: Record<string, unknown> = {};
    const spy = new Proxy({} as Handlers, {
      get: (_t, channel: string) => (input: unknown) => {
        seen[channel] = input;
        return null;
      },
    });
    for (const [channel, input] of [
      ['notices.list', {}],
      ['auto.run', {}],
      ['auto.run', { sync: false }],
      ['sku.listings.page', {}],
      ['stock.sync.now', {}],
    ] as const) {
      const r = await dispatch(spy, channel, input);
      expect(r.ok, channel).toBe(true);
    }
    expect(seen['notices.list']).toEqual({ limit: 50 });
    // The last auto.run: a value given is kept, the one left out gets its default.
    expect(seen['auto.run']).toEqual({ sync: false, send: true });
    expect(seen['sku.listings.page']).toEqual({ page: 1, pageSize: 50, filter: {} });
    expect(seen['stock.sync.now']).toEqual({ strategy: 'auto', wait: false });

    // And through the real handler: 60 notices, no limit given, the default 50 come back.
    await withApp(async (app) => {
      for (let i = 1; i <= 60; i++)
        app.notices.add('info', { title: `同步完成 ${i}`, body: '共 3 个SKU' }, { title: `Sync done ${i}`, body: '3 SKUs' });
      const r = await dispatch(createHandlers(app), 'notices.list', {});
      if (!r.ok) throw new Error(r.error.message);
      const list = r.data as Notice[];
      expect(list).toHaveLength(50);
      expect(list.find((n) => n.title.zh === '同步完成 60')).toMatchObject({
        title: { en: 'Sync done 60' },
        body: { en: '3 SKUs' },
        read: false,
      });
    });
  });
});
