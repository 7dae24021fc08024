/**
 * The one place connectors touch the network. A request that cannot complete (refused, dropped,
 * timed out, 5xx with no usable body) becomes a TRANSIENT ConnectorError; the body of anything else
 * goes back to the client, which knows its protocol's error shapes.
 */
import { ConnectorError } from './retry';
import { trackIo } from './wait';

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
}

export function httpRequest(system: 'aliexpress' | 'tongtool', url: string, init: Parameters<typeof send>[2]): Promise<HttpResponse> {
  return trackIo(() => send(system, url, init));
}

async function send(
  system: 'aliexpress' | 'tongtool',
  url: string,
  init: {
    method: 'GET' | 'POST';
    headers?: Record<string, string>;
    body?: string;
    timeoutMs?: number;
    signal?: AbortSignal;
    redirect?: 'follow' | 'manual' | 'error';
  },
): Promise<HttpResponse> {
  const timeout = AbortSignal.timeout(init.timeoutMs ?? 30_000);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  const name = system === 'aliexpress' ? '速卖通' : '通途';
  const nameEn = system === 'aliexpress' ? 'AliExpress' : 'Tongtool';
  let res: Response;
  try {
    res = await fetch(url, { method: init.method, headers: init.headers, body: init.body, signal, redirect: init.redirect });
  } catch (err) {
    if (init.signal?.aborted) throw new ConnectorError('CANCELLED', '操作已取消。', 'The operation was cancelled.', { system });
    const timedOut = timeout.aborted;
    throw new ConnectorError(
      'TRANSIENT',
      timedOut
        ? `连接${name}超时，没有收到回复。通常是网络慢或对方繁忙，程序会稍后自动重试；如一直失败，请检查网络。`
        : `连不上${name}（连接被拒绝或中断）。程序会稍后自动重试；如一直失败，请检查网络或代理设置。`,
      timedOut
        ? `${nameEn} did not answer in time. Usually a slow network or a busy server; the app retries later. If it keeps failing, check the network.`
        : `Could not reach ${nameEn} (connection refused or dropped). The app retries later; if it keeps failing, check the network or proxy.`,
      { system, code: timedOut ? 'TIMEOUT' : String((err as { cause?: { code?: string } }).cause?.code ?? 'NETWORK') },
    );
  }
  let text: string;
  try {
    text = await res.text();
  } catch {
    throw new ConnectorError(
      'TRANSIENT',
      `${name}的回复在传输中断开了。程序会稍后自动重试。`,
      `The reply from ${nameEn} was cut off. The app retries later.`,
      { system, code: 'BODY_DROPPED' },
    );
  }
  return { status: res.status, headers: res.headers, text };
}

export function serverErrorIfAny(system: 'aliexpress' | 'tongtool', r: HttpResponse, parsed: unknown): void {
  if (r.status >= 500 && (parsed === undefined || parsed === null)) {
    const name = system === 'aliexpress' ? '速卖通' : '通途';
    throw new ConnectorError(
      'TRANSIENT',
      `${name}服务器暂时出错（HTTP ${r.status}）。这不是您的设置问题，程序会稍后自动重试。`,
      `${system === 'aliexpress' ? 'AliExpress' : 'Tongtool'}'s server failed for a moment (HTTP ${r.status}). Not a problem with your settings; the app retries later.`,
      { system, code: `HTTP_${r.status}` },
    );
  }
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
