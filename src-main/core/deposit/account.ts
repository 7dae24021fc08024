/**
 * The bound Alipay account (绑定的支付宝账号): a phone number or an e-mail address. It is personal
 * information, so it is recorded once and only ever shown masked (138****5678, a***@163.com).
 */
import { AppError } from '../../../src-shared/errors';

const PHONE = /^(?:\+?86[-\s]?)?(1\d{10})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Folds what the seller typed into the account as Alipay knows it, or refuses it. */
export function normaliseAlipayAccount(input: string): string {
  const s = input.normalize('NFKC').trim();
  const phone = PHONE.exec(s.replace(/[\s-]/g, ''));
  if (phone) return phone[1]!;
  if (EMAIL.test(s)) return s.toLowerCase();
  throw new AppError(
    'BAD_INPUT',
    `支付宝账号“${s.slice(0, 40)}”不像手机号或邮箱。请填写店铺绑定的支付宝登录账号（在全托管服务中心的保证金页面可以看到），例如 13812345678 或 name@163.com。`,
    `The Alipay account "${s.slice(0, 40)}" is neither a phone number nor an e-mail. Enter the Alipay login bound to the store (shown on the deposit page of the fully-managed service centre), e.g. 13812345678 or name@163.com.`,
    [
      {
        path: 'alipayAccount',
        message: '请填写店铺绑定的支付宝手机号或邮箱，例如 13812345678 或 name@163.com',
        messageEn: 'Enter the Alipay phone number or e-mail bound to the store, e.g. 13812345678 or name@163.com',
      },
    ],
  );
}

export function maskAlipayAccount(account: string): string {
  if (/^1\d{10}$/.test(account)) return `${account.slice(0, 3)}****${account.slice(-4)}`;
  const at = account.indexOf('@');
  if (at > 0) return `${account[0]}***${account.slice(at)}`;
  return account.length <= 4 ? '****' : `${account.slice(0, 2)}****${account.slice(-2)}`;
}
