/**
 * Connection settings: which AliExpress store and which stock source the app talks to. Nothing
 * here ever carries a secret back: keys appear masked ("30****34"), tokens only as expiry times.
 */
import { z } from 'zod';
import { channel, empty, label, says } from '../channel';
import type { Bilingual } from '../bilingual';

export interface ChoiceChannelInfo {
  channelSellerId: string;
  channel: string;
  businessType: string;
}

export type StockSourceKind = 'tongtool' | 'file' | 'demo';

export interface ConnectStatus {
  /** demo: the built-in simulators; live: the seller's real store. */
  mode: 'demo' | 'live';
  aliexpress: {
    configured: boolean;
    /**
     * The seller's own App Key and App Secret are saved. In demo mode `configured` and
     * `appKeyMasked` speak of the demo's keys, and this says whether the store can be authorised
     * (which leaves demo mode).
     */
    keysSaved: boolean;
    appKeyMasked: string | null;
    gatewayUrl: string;
    authorized: boolean;
    /** UTC ISO */
    tokenExpiresAt: string | null;
    refreshExpiresAt: string | null;
    /** Refreshed this long before expiry. */
    refreshMarginMinutes: number;
    account: string | null;
    channel: ChoiceChannelInfo | null;
  };
  stockSource: {
    kind: StockSourceKind | null;
    tongtool: {
      configured: boolean;
      appKeyMasked: string | null;
      baseUrl: string;
      merchantIdMasked: string | null;
      quotaUsedThisMinute: number | null;
    };
  };
  demo: { size: number; seed: number; quotaPerMinute: number; reviewMode: 'instant' | 'review' | 'refuse' } | null;
  /** Where secrets are kept, said plainly on screen. */
  secretStore: { location: string; encrypted: boolean; protection: Bilingual };
  /** Live mode only: the last probe of the real APIs (run by hand or by the first connection test). */
  lastProbe: ProbeReport | null;
}

export interface ConnectionCheck {
  /** keys | token | channel | listings | merchant | warehouses | file */
  step: string;
  ok: boolean;
  message: string;
  messageEn: string;
  /** The error code when a step failed (AUTH, RATE_LIMIT, TRANSIENT, PERMANENT…) and the remote one. */
  code?: string;
  remoteCode?: string;
}

export interface ConnectTestReport {
  ok: boolean;
  mode: 'demo' | 'live';
  aliexpress: { ok: boolean; checks: ConnectionCheck[]; channel: ChoiceChannelInfo | null; listingCount: number | null };
  stockSource: {
    ok: boolean;
    kind: StockSourceKind | null;
    checks: ConnectionCheck[];
    warehouses: { id: string; name: string; active: boolean }[];
  };
  /**
   * Live mode only: the read-only probe, run by itself after the first successful connection test
   * (and whenever a check met an answer of another shape), so the first connection to a real store
   * says exactly what differs.
   */
  probe?: ProbeReport;
}

/** One call of the read-only live probe: what came back against what wire.md says it carries. */
export interface ProbeCall {
  system: 'aliexpress' | 'tongtool';
  /** The API's own name (global.seller.relation.query, warehouseQuery, …). */
  call: string;
  /** answered: the call answered and every field the app needs came back; differs: it answered but fields the app needs are missing; failed: no usable answer. */
  outcome: 'answered' | 'differs' | 'failed' | 'skipped';
  message: string;
  messageEn: string;
  code?: string;
  remoteCode?: string;
  /** Field paths such as `result.product_list[].search_sku_info_list[].sku_id`. */
  fields: string[];
  missing: string[];
  /** Missing and needed by the app: these would break the engine. */
  missingRequired: string[];
  unknown: string[];
  ms: number;
}

export interface ProbeReport {
  /** Every call answered with every field the app needs. */
  ok: boolean;
  mode: 'demo' | 'live';
  /** UTC ISO */
  at: string;
  calls: ProbeCall[];
  /** The redacted answers saved for support (ids and names masked), in the data folder. */
  samplePath: string | null;
}

const key = z
  .string()
  .trim()
  .min(4)
  .max(128)
  .regex(
    /^[\x21-\x7e]+$/,
    says(
      '{label} 只能是英文字母、数字和符号，不能有空格或全角字符',
      '{label} may hold only letters, digits and symbols, with no spaces or full-width characters',
    ),
  );
const url = z.url({ protocol: /^https?$/ }).max(300);

export const connectChannels = {
  'connect.status': channel(empty).returns<ConnectStatus>(),
  'connect.saveAliExpress': channel(
    z
      .object({
        appKey: key.meta(label('App Key')),
        appSecret: key.meta(label('App Secret')),
        gatewayUrl: url.meta(label('网关地址', 'Gateway URL')).optional(),
        refreshMarginMinutes: z
          .number()
          .int()
          .min(5)
          .max(7 * 24 * 60)
          .meta(label('提前刷新授权的分钟数', 'Minutes to refresh before expiry'))
          .optional(),
      })
      .strict(),
  ).returns<ConnectStatus>(),
  'connect.saveTongtool': channel(
    z
      .object({
        appKey: key.meta(label('通途 App Key', 'Tongtool App Key')),
        appSecret: key.meta(label('通途 App Secret', 'Tongtool App Secret')),
        baseUrl: url.meta(label('通途地址', 'Tongtool URL')).optional(),
      })
      .strict(),
  ).returns<ConnectStatus>(),
  'connect.setStockSource': channel(
    z.object({ kind: z.enum(['tongtool', 'file']).meta(label('库存来源', 'Stock source')) }).strict(),
  ).returns<ConnectStatus>(),
  'connect.authorizeUrl': channel(
    z.object({ redirectUri: url.meta(label('授权回调地址', 'Authorisation return address')) }).strict(),
  ).returns<{ url: string; state: string }>(),
  'connect.exchangeCode': channel(
    z
      .object({
        code: z.string().trim().min(4).max(512).meta(label('授权码', 'Authorisation code')),
        state: z.string().max(128).meta(label('授权请求', 'Authorisation request')).optional(),
      })
      .strict(),
  ).returns<ConnectStatus>(),
  'connect.test': channel(empty).returns<ConnectTestReport>(),
  /** Read-only: the smallest read of each call the app makes, nothing written to either system. */
  'connect.probe': channel(empty).returns<ProbeReport>(),
  'connect.useDemo': channel(
    z
      .object({
        size: z
          .union([z.literal(1000), z.literal(10000), z.literal(100000)])
          .meta(label('演示店铺规模', 'Demo store size'))
          .default(1000),
        seed: z
          .number()
          .int()
          .min(1)
          .max(2 ** 31 - 1)
          .meta(label('演示数据种子', 'Demo data seed'))
          .optional(),
        quotaPerMinute: z.number().int().min(1).max(600).meta(label('每分钟调用次数上限', 'Calls per minute')).optional(),
        reviewMode: z.enum(['instant', 'review', 'refuse']).meta(label('解绑审核方式', 'Unbind review')).optional(),
      })
      .strict(),
  ).returns<ConnectStatus>(),
};
