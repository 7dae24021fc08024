/**
 * Tongtool's error codes (tongtool.go, with the platform's own words) as typed errors with what a
 * seller can do about each. 523 is handled by the client (refresh the token, retry once) before it
 * ever becomes an error here.
 */
import type { Bilingual } from '../../../../src-shared/bilingual';
import { ConnectorError } from '../retry';

export const TT_CODES = {
  OK: 200,
  BAD_SIGN: 519,
  TOKEN_EXPIRED: 523,
  NOT_GRANTED: 524,
  BAD_PARAMS: 525,
  QUOTA: 526,
  SYSTEM: 527,
  ACCOUNT_EXPIRED: 999999,
} as const;

/** What each call is for, in the seller's words, so a 524 can say which interface to tick. */
const PURPOSE: Record<string, Bilingual> = {
  warehouseQuery: { zh: '查询仓库', en: 'warehouse list' },
  stocksQuery: { zh: '查询库存', en: 'stock query' },
  stocksChangeQuery: { zh: '查询库存变动', en: 'stock changes' },
  goodsQuery: { zh: '查询商品', en: 'goods query' },
};

/** `call` is the interface that was refused (for 524's message). */
export function tongtoolError(code: number, message: string | undefined, call?: string): ConnectorError {
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
    case 524: {
      const { zh, en } = (call && PURPOSE[call]) || { zh: '', en: '' };
      const name = call ? `${call}${zh ? `（${zh}）` : ''}` : '所调用的接口';
      const nameEn = call ? `${call}${en ? ` (${en})` : ''}` : 'the interface called';
      return new ConnectorError(
        'PERMANENT',
        `通途没有把接口 ${name} 授权给本应用（524${said}）。请登录通途开放平台，在本应用的接口权限里勾选 ${call ?? '该接口'} 并保存，然后在“连接设置”点击“测试连接”。在此之前库存保持上次已知的数量。`,
        `Tongtool has not granted the interface ${nameEn} to this app (524${saidEn}). Sign in to the Tongtool open platform, tick ${call ?? 'that interface'} in this app's interface permissions and save, then click "Test connection" in Connection settings. Until then stock keeps its last known figures.`,
        remote,
      );
    }
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
      // tongtool.go: AccountExpiredError. Retrying cannot help; the seller has to renew.
      return new ConnectorError(
        'AUTH',
        `通途账号已过期（999999${said}）。请续费通途账号或本应用，或联系通途客服确认账号状态，然后在“连接设置”点击“测试连接”。在此之前库存保持上次已知的数量。`,
        `The Tongtool account has expired (999999${saidEn}). Renew the Tongtool account or this app, or ask Tongtool support to check the account, then click "Test connection" in Connection settings. Until then stock keeps its last known figures.`,
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

/** A body that does not have the shape wire.md gives: the read stops, naming the call and the field. */
export function tongtoolShapeError(call: string, where: string): ConnectorError {
  return new ConnectorError(
    'PERMANENT',
    `通途接口 ${call} 返回的内容和预期不一样（${where}）。可能是通途改了接口字段。这次读取已停止，库存保持上次已知的数量；请在“连接设置”点击“检查真实接口”，并把结果发给客服。`,
    `Tongtool's ${call} answered in an unexpected shape (${where}). Tongtool may have renamed a field. This read stopped and stock keeps its last known figures; run "Check the real API" in Connection settings and send the result to support.`,
    { system: 'tongtool', code: 'BAD_SHAPE' },
  );
}
