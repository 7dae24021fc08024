/**
 * Group robots (企业微信, 钉钉, 飞书) tell the seller wherever they are about what needs them: a
 * refused unbind, a held mass unbind, a stock source failing for too long, an authorisation about to
 * expire. They follow the in-app notices (the same words), each robot in its own published webhook
 * format and signature. A robot that fails is logged and shown on its settings; it never holds up
 * the engine (nothing waits for it, and each request has a short timeout).
 */
import { createHmac } from 'node:crypto';
import type { App } from '../app';
import type { Notice } from '../../../src-shared/types/app';
import type { RobotKind, RobotView } from '../../../src-shared/types/auto';

export const ROBOT_KINDS: RobotKind[] = ['wecom', 'dingtalk', 'feishu'];
const TIMEOUT_MS = 5_000;
const CONFIG_KEY = 'robots';

/** The notices a robot forwards, by the start of their Chinese title. */
const FORWARDED = ['解绑被拒绝：', '自动解绑已暂停', '库存读取持续失败', '速卖通授权即将过期', '速卖通授权已过期', '解绑审核超时：'];

interface RobotConfig {
  enabled: boolean;
  lastAt?: string;
  lastError?: string | null;
}
type Config = Partial<Record<RobotKind, RobotConfig>>;

const secretName = (k: RobotKind, part: 'url' | 'secret') => `robot.${k}.${part}`;

function readConfig(app: App): Config {
  const row = app.db.prepare('SELECT value FROM auto_settings WHERE key = ?').get(CONFIG_KEY) as { value: string } | undefined;
  try {
    return row ? (JSON.parse(row.value) as Config) : {};
  } catch {
    return {};
  }
}

function writeConfig(app: App, c: Config): void {
  app.db
    .prepare(
      'INSERT INTO auto_settings (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    )
    .run(CONFIG_KEY, JSON.stringify(c), new Date(app.clock.now()).toISOString());
}

export function listRobots(app: App): RobotView[] {
  const c = readConfig(app);
  return ROBOT_KINDS.map((kind) => {
    const url = app.secrets.get(secretName(kind, 'url'));
    let hint: string | null = null;
    if (url) {
      try {
        hint = `${new URL(url).host}…${url.slice(-4)}`;
      } catch {
        hint = '…';
      }
    }
    return {
      kind,
      enabled: !!c[kind]?.enabled && !!url,
      urlHint: hint,
      hasSecret: !!app.secrets.get(secretName(kind, 'secret')),
      lastAt: c[kind]?.lastAt ?? null,
      lastError: c[kind]?.lastError ?? null,
    };
  });
}

/** Sets one robot: the webhook address and signing secret go to the secret store, never the database. */
export function setRobot(app: App, x: { kind: RobotKind; enabled: boolean; url?: string; secret?: string }): RobotView[] {
  if (x.url !== undefined) {
    if (x.url) app.secrets.set(secretName(x.kind, 'url'), x.url);
    else app.secrets.delete(secretName(x.kind, 'url'));
  }
  if (x.secret !== undefined) {
    if (x.secret) app.secrets.set(secretName(x.kind, 'secret'), x.secret);
    else app.secrets.delete(secretName(x.kind, 'secret'));
  }
  const c = readConfig(app);
  c[x.kind] = { ...c[x.kind], enabled: x.enabled };
  writeConfig(app, c);
  return listRobots(app);
}

/** One robot's request, as its platform publishes it. */
export function robotRequest(
  kind: RobotKind,
  url: string,
  secret: string | undefined,
  text: string,
  nowMs: number,
): { url: string; body: string } {
  if (kind === 'wecom') {
    // 企业微信群机器人: the key is in the address; no signature.
    return { url, body: JSON.stringify({ msgtype: 'text', text: { content: text } }) };
  }
  if (kind === 'dingtalk') {
    // 钉钉自定义机器人 加签: sign = urlencode(base64(HmacSHA256(secret, timestamp + "\n" + secret))), timestamp in ms, both in the query.
    let signed = url;
    if (secret) {
      const ts = String(nowMs);
      const sign = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64');
      signed += `${url.includes('?') ? '&' : '?'}timestamp=${ts}&sign=${encodeURIComponent(sign)}`;
    }
    return { url: signed, body: JSON.stringify({ msgtype: 'text', text: { content: text } }) };
  }
  // 飞书自定义机器人 签名校验: sign = base64(HmacSHA256(key = timestamp + "\n" + secret, message = "")), timestamp in seconds, both in the body.
  const body: Record<string, unknown> = { msg_type: 'text', content: { text } };
  if (secret) {
    const ts = String(Math.floor(nowMs / 1000));
    body.timestamp = ts;
    body.sign = createHmac('sha256', `${ts}\n${secret}`).update('').digest('base64');
  }
  return { url, body: JSON.stringify(body) };
}

/** Whether the platform's answer says the message was taken (each answers 200 with its own error codes). */
function accepted(kind: RobotKind, status: number, json: Record<string, unknown> | null): string | null {
  if (status < 200 || status >= 300) return `HTTP ${status}`;
  if (!json) return null;
  const code = kind === 'feishu' ? (json.code ?? json.StatusCode ?? 0) : (json.errcode ?? 0);
  if (code !== 0) return `${String(code)} ${String(json.msg ?? json.errmsg ?? json.StatusMessage ?? '')}`.trim();
  return null;
}

/** Sends a text to every enabled robot; resolves when all have answered or timed out. Never throws. */
export async function sendRobots(app: App, text: string): Promise<{ kind: RobotKind; error: string | null }[]> {
  const robots = listRobots(app).filter((r) => r.enabled);
  const results = await Promise.all(
    robots.map(async (r) => {
      const url = app.secrets.get(secretName(r.kind, 'url'))!;
      const req = robotRequest(r.kind, url, app.secrets.get(secretName(r.kind, 'secret')), text, app.clock.now());
      let error: string | null;
      try {
        const res = await fetch(req.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json; charset=utf-8' },
          body: req.body,
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        const raw = await res.text();
        let json: Record<string, unknown> | null = null;
        try {
          json = raw ? (JSON.parse(raw) as Record<string, unknown>) : null;
        } catch {
          json = null;
        }
        error = accepted(r.kind, res.status, json);
      } catch (err) {
        error = err instanceof Error ? err.message : String(err);
      }
      if (error) app.log.warn('group robot failed', { kind: r.kind, error });
      return { kind: r.kind, error };
    }),
  );
  if (results.length && app.db.open) {
    const c = readConfig(app);
    const at = new Date(app.clock.now()).toISOString();
    for (const x of results) c[x.kind] = { ...c[x.kind], enabled: c[x.kind]?.enabled ?? false, lastAt: at, lastError: x.error };
    writeConfig(app, c);
  }
  return results;
}

/** The robots' text for a notice: its Chinese title and body, under the app's name. */
export function robotText(n: { title: string; body: string }): string {
  return `【全托管卖家助手】${n.title}\n${n.body}`;
}

/**
 * Forwards the notices robots are for. Returns the unsubscribe. The send runs detached: the code
 * that added the notice (the sender, the engine) has already moved on.
 */
export function forwardNoticesToRobots(app: App, onSent?: (p: Promise<unknown>) => void): () => void {
  return app.events.on('notice', (n: Notice) => {
    if (!FORWARDED.some((p) => n.title.zh.startsWith(p))) return;
    if (!app.db.open || !listRobots(app).some((r) => r.enabled)) return;
    const p = sendRobots(app, robotText({ title: n.title.zh, body: n.body.zh })).catch(() => undefined);
    onSent?.(p);
  });
}
