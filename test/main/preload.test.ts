/**
 * A sandboxed preload gets a require that knows only a few modules ('electron' among them) and no
 * file system: the built preload must be one CommonJS file that needs nothing but `electron`.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { CHANNELS, EVENTS } from '../../src-shared/contract';
import { BRIDGE_ERROR_PREFIX } from '../../src-shared/errors';
import { ROOT } from './harness';

function loadPreload() {
  const exposed: Record<string, Record<string, (...a: unknown[]) => unknown>> = {};
  const invoked: { channel: string; input: unknown }[] = [];
  const listeners = new Map<string, unknown>();
  const required: string[] = [];
  const replies: Record<string, unknown> = {
    'api:app.info': { ok: true, data: { host: 'electron' } },
    'api:settings.set': { ok: false, error: { code: 'BAD_INPUT', message: '输入有误', messageEn: 'Bad input' } },
  };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: Record<string, (...a: unknown[]) => unknown>) => (exposed[key] = api) },
    ipcRenderer: {
      invoke: async (channel: string, input: unknown) => {
        invoked.push({ channel, input });
        return replies[channel];
      },
      on: (channel: string, fn: unknown) => listeners.set(channel, fn),
      removeListener: (channel: string) => listeners.delete(channel),
    },
  };
  const module = { exports: {} };
  const source = readFileSync(join(ROOT, 'out', 'preload', 'index.cjs'), 'utf8');
  const require = (id: string) => {
    required.push(id);
    if (id !== 'electron') throw new Error(`a sandboxed preload cannot require ${id}`);
    return electron;
  };
  // No process, Buffer or file system in this context, as in the sandbox.
  runInNewContext(`(function (require, module, exports) {${source}\n})`, { console, Promise, Error, JSON, Object, Array })(
    require,
    module,
    module.exports,
  );
  return { exposed, invoked, listeners, required };
}

describe('the built preload', () => {
  it('is a single CommonJS file', () => {
    expect(readdirSync(join(ROOT, 'out', 'preload'))).toEqual(['index.cjs']);
    const source = readFileSync(join(ROOT, 'out', 'preload', 'index.cjs'), 'utf8');
    expect(source).not.toMatch(/^\s*(import|export)\s/m);
    expect(source).not.toMatch(/\bimport\(/);
  });

  it('requires only electron and exposes exactly one method per channel plus on()', () => {
    const { exposed, required } = loadPreload();
    expect([...new Set(required)]).toEqual(['electron']);
    expect(Object.keys(exposed)).toEqual(['api']);
    expect(Object.keys(exposed.api!).sort()).toEqual([...CHANNELS, 'on'].sort());
  });

  it('calls main by channel and turns a refused call into an error that keeps its code', async () => {
    const { exposed, invoked } = loadPreload();
    await expect(exposed.api!['app.info']!({})).resolves.toEqual({ host: 'electron' });
    const err = (await (exposed.api!['settings.set']!({ storeName: '' }) as Promise<unknown>).catch((e: Error) => e)) as Error;
    expect(err.message.startsWith(BRIDGE_ERROR_PREFIX)).toBe(true);
    expect(JSON.parse(err.message.slice(BRIDGE_ERROR_PREFIX.length))).toMatchObject({ code: 'BAD_INPUT' });
    expect(invoked.map((i) => i.channel)).toEqual(['api:app.info', 'api:settings.set']);
  });

  it('listens only to the contract events, and unsubscribes', () => {
    const { exposed, listeners } = loadPreload();
    const off = exposed.api!.on!(EVENTS[0], () => undefined) as () => void;
    expect([...listeners.keys()]).toEqual([`event:${EVENTS[0]}`]);
    off();
    expect(listeners.size).toBe(0);
    expect(() => exposed.api!.on!('not-an-event', () => undefined)).toThrow(/unknown event/);
  });
});
