/**
 * The ERP SKUs a resolve pass matches against, keyed by their folded form, with a cheap filter that
 * turns most non-keys away before a string is built or hashed.
 */
import type { CaseRule } from '../../../src-shared/types/stock';
import { foldSku } from './folding';

/** ERP SKUs keyed by their folded form; several ERP SKUs can fold to one key (abc-1 / ABC-1). */
export type ErpIndex = Map<string, string | string[]>;

export function buildErpIndex(erpSkus: Iterable<string>, caseRule: CaseRule): ErpIndex {
  const index: ErpIndex = new Map();
  for (const sku of erpSkus) {
    const k = foldSku(sku, caseRule);
    const cur = index.get(k);
    if (cur === undefined) index.set(k, sku);
    else if (typeof cur === 'string') index.set(k, [cur, sku]);
    else cur.push(sku);
  }
  return index;
}

/**
 * A cheap "could it be a key" test for an index: one bit per (length, first character, last
 * character), each folded to a few bits (length mod 32, code mod 128). A candidate whose bit is
 * clear is in no case a key; one whose bit is set is looked up. Resolve tests a rule's output
 * against it by position, before building and hashing the string.
 */
export type KeyFilter = Uint32Array;

const filterOf = new WeakMap<ErpIndex, KeyFilter>();

function keyBit(len: number, first: number, last: number): number {
  return ((len & 31) << 14) | ((first & 127) << 7) | (last & 127);
}

/** Built once per index (an index is not changed after buildErpIndex; a pass loads a new one). */
export function keyFilter(index: ErpIndex): KeyFilter {
  let bits = filterOf.get(index);
  if (!bits) {
    bits = new Uint32Array(1 << 14);
    for (const k of index.keys()) {
      const b = keyBit(k.length, k.charCodeAt(0), k.charCodeAt(k.length - 1));
      bits[b >>> 5] = (bits[b >>> 5] as number) | (1 << (b & 31));
    }
    filterOf.set(index, bits);
  }
  return bits;
}

/** False when s.slice(start, end) (non-empty) is certainly not a key of the filter's index. */
export function mayBeKey(bits: KeyFilter, s: string, start: number, end: number): boolean {
  const b = keyBit(end - start, s.charCodeAt(start), s.charCodeAt(end - 1));
  return (((bits[b >>> 5] as number) >>> (b & 31)) & 1) === 1;
}

export function lookup(index: ErpIndex, folded: string): string[] {
  const hit = index.get(folded);
  return hit === undefined ? [] : typeof hit === 'string' ? [hit] : hit;
}
