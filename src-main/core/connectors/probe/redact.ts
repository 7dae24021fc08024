/**
 * The probe's sample for support: the live answers with what identifies the seller masked (ids,
 * names, titles, SKUs), and what support needs to read kept (field names, enumerations such as
 * bind_status or business_type, counts and quantities, error codes and messages).
 */
import { mask } from '../../platform/redact';

/** Values kept as they are: enumerations, flags, quantities and the platforms' own words. */
const KEEP =
  /(^|_)(status|type|success|code|msg|message|channel|currency|count|page|size|quantity|stocks?|threshold|version)$|Status$|Type$|Quantity$|Stock$|^(code|message|datas|pageNo|pageSize|changeQuantity|sub_code|sub_msg|err_code|err_message|error_code|error_msg)$/i;

const maskValue = mask;

export function redactSample(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.slice(0, 3).map((v) => redactSample(v, key));
  if (value && typeof value === 'object') {
    // lossless-json's numbers: keep the digit count, mask the digits unless they are a quantity.
    if ('isLosslessNumber' in value) {
      const digits = String(value);
      return KEEP.test(key) ? Number(digits) : maskValue(digits);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactSample(v, k)]));
  }
  if (typeof value === 'string') return KEEP.test(key) ? value : maskValue(value);
  if (typeof value === 'number') return KEEP.test(key) ? value : maskValue(String(value));
  return value;
}
