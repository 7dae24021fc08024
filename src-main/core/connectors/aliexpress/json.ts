/**
 * JSON as the AliExpress wire carries it. product_id, sku_id, sc_item_id and channel_seller_id are
 * Java Longs and real sku_ids have 17 digits, above 2^53: `JSON.parse` would turn one SKU into its
 * neighbour (12000023995222161 → …160). So bodies are read with every number kept as its exact
 * digits (a LosslessNumber), and JSON parameters are written with ids as exact digits.
 */
import { isLosslessNumber, LosslessNumber, parse, stringify } from 'lossless-json';

export { isLosslessNumber, LosslessNumber };

/** Parses a body losslessly; undefined when it is not JSON at all. */
export function parseWire(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}

/** A Java Long written into a JSON parameter: the digits as a JSON number, never a JS number. */
export function wireLong(digits: string): LosslessNumber {
  if (!/^\d+$/.test(digits)) throw new RangeError(`not an id: ${digits}`);
  return new LosslessNumber(digits);
}

/** The JSON text of an object-valued parameter (the SDK sends each as one JSON string). */
export function writeWireJson(value: unknown): string {
  return stringify(value) ?? '';
}
