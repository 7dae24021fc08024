import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../../src-main/core/platform/clock';
import { call } from '../../helpers/channels';
import { checkSourceFailing } from '../../../src-main/core/auto/notify';
import { startStore, setUpStock, productOf, skuIdOf, type TestStore } from './store';

let store: TestStore | null = null;
const servers: Server[] = [];
afterEach(async () => {
  await store?.stop();
  store = null;
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

const MIN = 60_000;

interface Received {
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

/** A loopback receiver that answers as the platform does (200 with its own success code), or fails. */
async function receiver(answer: (r: Received) => { status: number; json: unknown }): Promise<{ url: string; got: Received[] }> {
  const got: Received[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      const r = { path: u.pathname, query: u.searchParams, body: JSON.parse(raw || '{}') as Record<string, unknown> };
      got.push(r);
      const a = answer(r);
      res.writeHead(a.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(a.json));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, got };
}

describe('group robots: 企业微信, 钉钉, 飞书', () => {
  it('a refused unbind reaches each robot in its published format, signed as each platform checks it', async () => {
    const DING_SECRET = 'SECdingtalk0123456789';
    const FEISHU_SECRET = 'feishu-secret-abc';
    const wecom = await receiver(() => ({ status: 200, json: { errcode: 0, errmsg: 'ok' } }));
    // 钉钉 checks: timestamp (ms) close to now, sign = base64(HmacSHA256(secret, timestamp + "\n" + secret)).
    const ding = await receiver((r) => {
      const ts = r.query.get('timestamp') ?? '';
      const want = createHmac('sha256', DING_SECRET).update(`${ts}\n${DING_SECRET}`).digest('base64');
      return r.query.get('sign') === want
        ? { status: 200, json: { errcode: 0, errmsg: 'ok' } }
        : { status: 200, json: { errcode: 310000, errmsg: 'sign not match' } };
    });
    // 飞书 checks: sign = base64(HmacSHA256(key = timestamp + "\n" + secret, message = "")), timestamp in seconds.
    const feishu = await receiver((r) => {
      const ts = String(r.body.timestamp ?? '');
      const want = createHmac('sha256', `${ts}\n${FEISHU_SECRET}`).update('').digest('base64');
      return r.body.sign === want
        ? { status: 200, json: { code: 0, msg: 'success' } }
        : { status: 200, json: { code: 19021, msg: 'sign match fail or timestamp is not within one hour from current time' } };
    });

    store = await startStore({
      skus: [
        ['W1', 5],
        ['W2', 5],
        ['W3', 5],
      ],
      reviewMode: 'refuse',
      reviewMs: 10 * MIN,
    });
    const clock = store.clock as ManualClock;
    const { app, market } = await store.open();
    await setUpStock(app, market);
    await call(app, 'auto.robots.set', { kind: 'wecom', enabled: true, url: `${wecom.url}/cgi-bin/webhook/send?key=KEY-1` });
    await call(app, 'auto.robots.set', {
      kind: 'dingtalk',
      enabled: true,
      url: `${ding.url}/robot/send?access_token=TOKEN-1`,
      secret: DING_SECRET,
    });
    const views = await call(app, 'auto.robots.set', {
      kind: 'feishu',
      enabled: true,
      url: `${feishu.url}/open-apis/bot/v2/hook/HOOK-1`,
      secret: FEISHU_SECRET,
    });
    expect(views.map((v) => [v.kind, v.enabled, v.hasSecret])).toEqual([
      ['wecom', true, false],
      ['dingtalk', true, true],
      ['feishu', true, true],
    ]);
    // The addresses are secrets: the view only hints at them, and the database never holds them.
    expect(JSON.stringify(views)).not.toContain('TOKEN-1');
    expect(JSON.stringify(app.db.prepare('SELECT * FROM auto_settings').all())).not.toMatch(/TOKEN-1|HOOK-1|KEY-1|SECdingtalk/);

    // The engine forwards the notices (auto service); the test only waits for the receivers.
    await call(app, 'auto.setSwitch', { on: true });
    clock.advance(5 * MIN);
    store.tt.setStock('W1', 'W1', 0);
    clock.advance(MIN);
    await call(app, 'auto.run', { sync: true, send: true });
    clock.advance(15 * MIN);
    expect((await call(app, 'auto.run', { sync: false, send: true })).send.refused).toBe(1);
    await expect.poll(() => wecom.got.length + ding.got.length + feishu.got.length).toBe(3);
    await expect
      .poll(async () => (await call(app, 'auto.robots.list', {})).filter((v) => v.lastAt !== null).map((v) => v.kind))
      .toEqual(['wecom', 'dingtalk', 'feishu']);

    expect(wecom.got).toHaveLength(1);
    expect(wecom.got[0]!.path).toBe('/cgi-bin/webhook/send');
    expect(wecom.got[0]!.query.get('key')).toBe('KEY-1');
    expect(wecom.got[0]!.body).toMatchObject({ msgtype: 'text', text: { content: expect.stringContaining('解绑被拒绝：W1') } });
    expect(ding.got).toHaveLength(1);
    expect(ding.got[0]!.query.get('access_token')).toBe('TOKEN-1');
    expect(Math.abs(Number(ding.got[0]!.query.get('timestamp')) - clock.now())).toBeLessThan(3600_000);
    expect(ding.got[0]!.body).toMatchObject({ msgtype: 'text', text: { content: expect.stringContaining('解绑被拒绝：W1') } });
    expect(feishu.got).toHaveLength(1);
    expect(feishu.got[0]!.body).toMatchObject({ msg_type: 'text', content: { text: expect.stringContaining('解绑被拒绝：W1') } });
    expect(String(feishu.got[0]!.body.timestamp)).toBe(String(Math.floor(clock.now() / 1000)));
    // Every platform took it (the receivers answer an error code when a signature does not match).
    expect((await call(app, 'auto.robots.list', {})).map((v) => v.lastError)).toEqual([null, null, null]);
    expect(store.ae.bindState(productOf('W1'), skuIdOf('W1'))).toBe(4);
  });

  it('a failing robot never blocks the engine, and says why on its settings; a failing stock source is told after an hour', async () => {
    const broken = await receiver(() => ({ status: 500, json: { errcode: -1, errmsg: 'system busy' } }));
    store = await startStore({
      skus: [
        ['X1', 5],
        ['X2', 5],
        ['X3', 5],
      ],
    });
    const clock = store.clock as ManualClock;
    const { app, market } = await store.open();
    await setUpStock(app, market);
    await call(app, 'auto.robots.set', { kind: 'wecom', enabled: true, url: `${broken.url}/cgi-bin/webhook/send?key=K` });
    await call(app, 'auto.robots.set', { kind: 'dingtalk', enabled: true, url: 'http://127.0.0.1:9/robot/send?access_token=T' }); // nothing listens there
    await call(app, 'auto.settings.set', { massUnbindCount: 1, massUnbindShare: 1 });
    await call(app, 'auto.setSwitch', { on: true });
    clock.advance(5 * MIN);
    store.tt.setStock('X1', 'W1', 0);
    store.tt.setStock('X2', 'W1', 0);
    clock.advance(MIN);
    // A held mass unbind is forwarded; the run itself is written before any robot answers.
    const r = await call(app, 'auto.run', { sync: true, send: true });
    expect(r.run?.status).toBe('held');
    await expect
      .poll(async () => (await call(app, 'auto.robots.list', {})).filter((v) => v.enabled && v.lastError !== null).map((v) => v.kind))
      .toEqual(['wecom', 'dingtalk']);
    const views = await call(app, 'auto.robots.list', {});
    expect(views.find((v) => v.kind === 'wecom')?.lastError).toContain('500');
    expect(views.find((v) => v.kind === 'dingtalk')?.lastError).toBeTruthy();
    expect(broken.got[0]!.body).toMatchObject({ text: { content: expect.stringContaining('自动解绑已暂停') } });
    // Confirming the held run still unbinds at once, robots broken or not.
    await call(app, 'auto.held.confirm', { runId: r.run!.id });
    expect((await call(app, 'auto.run', { sync: false, send: true })).send.done).toBe(2);

    // The ERP goes away: after an hour of failed reads the seller is told, once, and the robot too.
    store.tt.inject({ kind: 'code', code: 527 }, { times: 1000 });
    clock.advance(5 * MIN);
    await call(app, 'auto.run', { sync: true, send: false });
    expect(checkSourceFailing(app)).toBe(false);
    clock.advance(61 * MIN);
    await call(app, 'auto.run', { sync: true, send: false });
    expect(app.db.prepare("SELECT count(*) FROM notices WHERE title = '库存读取持续失败'").pluck().get()).toBe(1);
    expect(checkSourceFailing(app)).toBe(false);
    await expect
      .poll(() => broken.got.some((g) => String((g.body.text as { content: string }).content).includes('库存读取持续失败')))
      .toBe(true);
  });
});
