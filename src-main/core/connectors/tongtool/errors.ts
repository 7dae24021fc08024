/**
 * Tongtool's error codes as typed errors with what a seller can do about each. 523 is handled by
 * the client (refresh the token, retry once) before it ever becomes an error here.
 */
import { ConnectorError } from '../retry';

export const TT_CODES = { OK: 200, BAD_SIGN: 519, TOKEN_EXPIRED: 523, BAD_PARAMS: 525, QUOTA: 526, SYSTEM: 527, UNKNOWN: 999999 } as const;

export function tongtoolError(code: number, message: string | undefined): ConnectorError {
  const said = message ? `：${message}` : '';
  const saidEn = message ? `: ${message}` : '';
  const remote = { system: 'tongtool' as const, code: String(code) };
  switch (code) {
    case 519:
      return new ConnectorError(
        'AUTH',
        `通途拒绝了签名（519${said}）。通常是 App Secret 填错或已在通途重置。请到“连接设置”重新填写通途的 App Key 和 App Secret。`,
        `Tongtool rejected the signature (519${saidEn}). Usually the App Secret is wrong or was reset in Tongtool. Re-enter the Tongtool App Key and App Secret in Connection settings.`,
        remote,
      );
    case 523:
      return new ConnectorError(
        'AUTH',
        `通途令牌已过期，重新获取后仍被拒绝（523${said}）。请在“连接设置”点击“测试连接”；如仍失败，请重新填写通途密钥。`,
        `The Tongtool token expired and a fresh one was refused too (523${saidEn}). Click "Test connection" in Connection settings; if it still fails, re-enter the Tongtool keys.`,
        remote,
      );
    case 525:
      return new ConnectorError(
        'PERMANENT',
        `通途说请求参数不正确（525${said}）。这次读取已停止，库存保持上次已知的数量；请把日志发给客服。`,
        `Tongtool says the request parameters are wrong (525${saidEn}). This read stopped and stock keeps its last known figures; send the log to support.`,
        remote,
      );
    case 526:
      return new ConnectorError(
        'RATE_LIMIT',
        `通途接口调用超过每分钟 5 次的限额（526）。程序会排队等待下一分钟自动继续，无需操作；如果您还用其他软件调用同一个通途账号，同步会更慢。`,
        `Over Tongtool's quota of 5 calls a minute (526). The app waits for the next minute and continues by itself; other software using the same Tongtool account makes syncs slower.`,
        { ...remote, retryAfterMs: 60_000 },
      );
    case 527:
      return new ConnectorError(
        'TRANSIENT',
        `通途系统暂时出错（527${said}）。不是您的设置问题，程序会稍后自动重试。`,
        `Tongtool had a system error (527${saidEn}). Not a problem with your settings; the app retries later.`,
        remote,
      );
    case 999999:
      return new ConnectorError(
        'TRANSIENT',
        `通途返回未知错误（999999${said}）。程序会稍后自动重试；如果一直出现，请联系通途客服确认账号状态。`,
        `Tongtool returned an unknown error (999999${saidEn}). The app retries later; if it keeps happening, ask Tongtool support to check the account.`,
        remote,
      );
    default:
      return new ConnectorError(
        'PERMANENT',
        `通途拒绝了请求（${code}${said}）。已记录；请检查通途账号和密钥，或把日志发给客服。`,
        `Tongtool refused the request (${code}${saidEn}). Recorded; check the Tongtool account and keys, or send the log to support.`,
        remote,
      );
  }
}
