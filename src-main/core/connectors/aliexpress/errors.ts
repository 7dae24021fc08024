/**
 * AliExpress failures as typed errors the app can act on. The `error_response` body
 * ({type, code, msg, sub_code, sub_msg, request_id}), business failures inside a result (each API
 * names its own fields: bind/unBind `err_code/err_message`, products.list and item.query
 * `error_code/error_msg`) and a body whose shape is not the published one all end here.
 */
import type { z } from 'zod';
import { ConnectorError, type FailureKind } from '../retry';
import { fieldPath } from './schemas';

export interface IopErrorBody {
  type?: string;
  code?: string;
  msg?: string;
  sub_code?: string;
  sub_msg?: string;
  request_id?: string;
}

const AUTH_CODES = new Set([
  'IllegalAccessToken',
  'IllegalRefreshToken',
  'InvalidCode',
  'MissingAccessToken',
  'AccessTokenExpired',
  'InsufficientPermission',
]);
const LIMIT_CODES = new Set(['ApiCallLimit', 'AppCallLimit', 'AppWhiteIpLimit', 'FrequencyLimit']);
const CONFIG_CODES = new Set(['IncompleteSignature', 'InvalidAppKey', 'MissingAppKey', 'InvalidSignature']);

export function classifyIop(body: IopErrorBody): FailureKind {
  const code = body.code ?? '';
  if (AUTH_CODES.has(code)) return 'AUTH';
  if (LIMIT_CODES.has(code)) return 'RATE_LIMIT';
  if (CONFIG_CODES.has(code)) return 'PERMANENT';
  if (body.type === 'ISP' || body.type === 'SYSTEM' || /^isp\.|ServiceUnavailable|InternalError|Timeout/i.test(code)) return 'TRANSIENT';
  return 'PERMANENT';
}

/** "This ban will last 3 more seconds" → 3000 ms. */
function banMs(msg: string | undefined): number | undefined {
  const m = /last (\d+) more second/i.exec(msg ?? '');
  return m ? Number(m[1]) * 1000 : undefined;
}

export function iopError(body: IopErrorBody): ConnectorError {
  const kind = classifyIop(body);
  const code = body.code ?? 'Unknown';
  const said = [body.msg, body.sub_msg].filter(Boolean).join('；');
  const ref = body.request_id ? `（请求号 ${body.request_id}）` : '';
  const refEn = body.request_id ? ` (request ${body.request_id})` : '';
  const remote = { system: 'aliexpress' as const, code, subCode: body.sub_code, requestId: body.request_id, retryAfterMs: banMs(body.msg) };
  switch (kind) {
    case 'AUTH':
      return new ConnectorError(
        'AUTH',
        `速卖通授权已失效或无效（${code}）${ref}。请到“连接设置”重新授权店铺，授权后自动继续。`,
        `The AliExpress authorisation is expired or invalid (${code})${refEn}. Authorise the store again in Connection settings; work resumes after that.`,
        remote,
      );
    case 'RATE_LIMIT':
      return new ConnectorError(
        'RATE_LIMIT',
        `速卖通接口调用太频繁，被暂时限流（${code}）${ref}。程序会放慢速度并稍后自动重试，无需操作。`,
        `AliExpress is throttling calls (${code})${refEn}. The app slows down and retries later; nothing to do.`,
        remote,
      );
    case 'TRANSIENT':
      return new ConnectorError(
        'TRANSIENT',
        `速卖通服务暂时出错（${code}${said ? `：${said}` : ''}）${ref}。程序会稍后自动重试。`,
        `AliExpress had a temporary error (${code}${said ? `: ${said}` : ''})${refEn}. The app retries later.`,
        remote,
      );
    default:
      return new ConnectorError(
        'PERMANENT',
        CONFIG_CODES.has(code)
          ? `速卖通拒绝了请求：签名或 App Key 不正确（${code}）${ref}。请在“连接设置”核对 App Key 和 App Secret。`
          : `速卖通拒绝了这个操作（${code}${said ? `：${said}` : ''}）${ref}。已记录，不会自动重试；请按提示处理后再试。`,
        CONFIG_CODES.has(code)
          ? `AliExpress refused the request: wrong signature or App Key (${code})${refEn}. Check the App Key and App Secret in Connection settings.`
          : `AliExpress refused the operation (${code}${said ? `: ${said}` : ''})${refEn}. Recorded and not retried; fix the cause and try again.`,
        remote,
      );
  }
}

/** Business failures inside a result body, whatever the API calls its code and message fields. */
const TRANSIENT_BUSINESS = new Set(['SYSTEM_BUSY', 'SYSTEM_ERROR', 'REVIEW_SYSTEM_BUSY']);

export function businessError(failure: { code?: string | null; message?: string | null }, requestId?: string | null): ConnectorError {
  const code = failure.code || 'BUSINESS_FAILED';
  const transient = TRANSIENT_BUSINESS.has(code);
  return iopError({ type: transient ? 'ISP' : 'ISV', code, msg: failure.message ?? undefined, request_id: requestId ?? undefined });
}

/**
 * A body that does not have the published shape: a renamed or missing field, named, so the first
 * call against a store whose API changed says exactly what differs. Not retried: asking again gets
 * the same shape.
 */
export function wireShapeError(call: string, err: z.ZodError): ConnectorError {
  const first = err.issues[0];
  const field = first ? fieldPath(first.path) : '(body)';
  const why = first?.message ?? 'unexpected shape';
  const more = err.issues.length > 1 ? err.issues.length - 1 : 0;
  return new ConnectorError(
    'PERMANENT',
    `速卖通接口 ${call} 的返回格式与公开文档不一致：字段 ${field}（${why}）${more ? `，另有 ${more} 处不一致` : ''}。程序没有使用这次的数据，也不会据此绑定或解绑。请把这条信息发给客服。`,
    `AliExpress ${call} answered in a shape that differs from the published one: field ${field} (${why})${more ? `, and ${more} more` : ''}. Nothing from this answer was used and nothing is bound or unbound on it. Send this message to support.`,
    { system: 'aliexpress', code: 'WIRE_SHAPE', subCode: field },
  );
}
