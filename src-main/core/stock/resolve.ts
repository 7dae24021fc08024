/**
 * Resolves every listing SKU (线上SKU) to an ERP SKU, in the seller's order of trust: a manual link,
 * then an exact match after folding, then the SKU rules in order. An ambiguous answer links nothing
 * (binding the wrong goods is worse than asking): it is reported as a conflict for the seller.
 */
import { insertFlat } from '../db/bulk';
import type { Db } from '../db/open';
import type { CaseRule, ResolveStatus, ResolveSummary, SkuRule, SkuRuleSpec } from '../../../src-shared/types/stock';
import { foldSku } from './folding';
import { buildErpIndex, keyFilter, mayBeKey, type ErpIndex, type KeyFilter } from './erpIndex';
import { clearedPatterns, trustClearedPatterns, VERDICT_BASIS } from './regexVerdicts';
import { compileRule, type CompiledRule } from './skuRules';

export interface Resolution {
  status: ResolveStatus;
  erpSku: string | null;
  ruleId: number | null;
  /** For unresolved and conflicting ones: why, and the candidates. */
  detail: { zh: string; en: string; candidates?: string[] } | null;
}

/** Printable ASCII: folding leaves every piece of such a folded SKU as it is, but for the trim. */
const PLAIN_ASCII = /^[\x20-\x7E]*$/;
/** Where a span rule's output is in the folded SKU (see CompiledRule.span). */
const AT = new Int32Array(2);

/**
 * The last index's key filter: a pass asks for the same index 100k times (a WeakMap look-up each).
 * Held weakly, so a finished pass's index is not kept alive.
 */
let lastIndex: WeakRef<ErpIndex> | null = null;
let lastFilter: KeyFilter | null = null;
function filterFor(index: ErpIndex): KeyFilter {
  if (lastIndex?.deref() !== index || lastFilter === null) {
    lastFilter = keyFilter(index);
    lastIndex = new WeakRef(index);
  }
  return lastFilter;
}

/** foldSku of a piece of a plain-ASCII folded SKU: only spaces at its ends can go. */
function trimSpaces(piece: string): string {
  return piece.length > 0 && (piece.charCodeAt(0) === 32 || piece.charCodeAt(piece.length - 1) === 32) ? piece.trim() : piece;
}

/**
 * Pure and fast: Maps only, each listing SKU folded once, each rule applied once, and no string or
 * array per rule that cannot match (every rule still runs: two rules naming different ERP SKUs are
 * a conflict, so the first match does not end the search).
 */
export function resolveOne(
  sellerSku: string,
  manualErpSku: string | undefined,
  index: ErpIndex,
  rules: CompiledRule[],
  caseRule: CaseRule,
): Resolution {
  if (manualErpSku !== undefined) return { status: 'manual', erpSku: manualErpSku, ruleId: null, detail: null };
  const folded = foldSku(sellerSku, caseRule);
  // index.get, not lookup(): no array per listing SKU and rule in the hot loop (100k × 10 rules).
  const hit = index.get(folded);
  if (typeof hit === 'string') return { status: 'exact', erpSku: hit, ruleId: null, detail: null };
  if (hit !== undefined) {
    const exact = hit;
    return {
      status: 'conflict',
      erpSku: null,
      ruleId: null,
      detail: {
        zh: `与多个ERP SKU相同（只差大小写或全角半角）：${exact.join('、')}。请手动关联。`,
        en: `Equals several ERP SKUs (differing only in case or width): ${exact.join(', ')}. Link it by hand.`,
        candidates: exact,
      },
    };
  }
  // The first ERP SKU a rule found and that rule (no object per SKU).
  let firstErp: string | null = null;
  let firstRule = 0;
  let candidates: string[] | null = null;
  // The first rule whose output is no ERP SKU, for the explanation: kept as a position in `folded`
  // (or as the string, when it had to be built) and named only if nothing else resolves.
  let missingRule = -1;
  let missingOut: string | null = null;
  let missingAt = 0;
  let missingEnd = 0;
  // A plain-ASCII folded SKU is already trimmed, NFKC and (insensitive) upper case, and so is every
  // piece of it except for spaces at its ends: folding a piece is trimming it. Rules whose output is
  // such a piece are tested by position against the index's key filter (length, first and last
  // character), and a string is built only when some ERP SKU could be it (most candidates are
  // refused without an allocation or a hash).
  const plain = rules.length > 0 && PLAIN_ASCII.test(folded);
  const filter = rules.length > 0 ? filterFor(index) : null;
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r] as CompiledRule;
    let out: string;
    if (plain && rule.span) {
      if (!rule.span(folded, AT)) continue;
      let a = AT[0] as number;
      let b = AT[1] as number;
      while (a < b && folded.charCodeAt(a) === 32) a++;
      while (b > a && folded.charCodeAt(b - 1) === 32) b--;
      if (a === b) continue;
      if (!mayBeKey(filter as KeyFilter, folded, a, b)) {
        if (missingRule < 0) {
          missingRule = r;
          missingAt = a;
          missingEnd = b;
        }
        continue;
      }
      out = a === 0 && b === folded.length ? folded : folded.slice(a, b);
    } else {
      const raw = rule.apply(folded);
      if (raw === null) continue;
      // A regex's output is its capture group, a piece of `folded` too.
      out = plain && rule.spec.kind === 'regex' ? trimSpaces(raw) : foldSku(raw, caseRule);
      if (!out) continue;
    }
    const hits = mayBeKey(filter as KeyFilter, out, 0, out.length) ? index.get(out) : undefined;
    if (hits === undefined) {
      if (missingRule < 0) {
        missingRule = r;
        missingOut = out;
      }
      continue;
    }
    // One ERP SKU is stored as a string, several as an array (no array per unique key).
    const n = typeof hits === 'string' ? 1 : hits.length;
    for (let j = 0; j < n; j++) {
      const h = typeof hits === 'string' ? hits : hits[j]!;
      if (firstErp === null) {
        firstErp = h;
        firstRule = rule.id;
      } else if (h !== firstErp) {
        candidates ??= [firstErp];
        if (!candidates.includes(h)) candidates.push(h);
      }
    }
  }
  const missing =
    missingRule < 0
      ? null
      : {
          out: missingOut ?? folded.slice(missingAt, missingEnd),
          label: (rules[missingRule] as CompiledRule).label || `#${(rules[missingRule] as CompiledRule).id}`,
        };
  if (candidates)
    return {
      status: 'conflict',
      erpSku: null,
      ruleId: null,
      detail: {
        zh: `规则解析出多个ERP SKU：${candidates.join('、')}。请调整规则或手动关联。`,
        en: `The rules parse it to several ERP SKUs: ${candidates.join(', ')}. Adjust the rules or link it by hand.`,
        candidates,
      },
    };
  if (firstErp !== null) return { status: 'rule', erpSku: firstErp, ruleId: firstRule, detail: null };
  if (missing)
    return {
      status: 'unresolved',
      erpSku: null,
      ruleId: null,
      detail: {
        zh: `规则“${missing.label}”解析为“${missing.out}”，但ERP里没有这个SKU。`,
        en: `Rule "${missing.label}" parses it to "${missing.out}", but the ERP has no such SKU.`,
        candidates: [],
      },
    };
  return {
    status: 'unresolved',
    erpSku: null,
    ruleId: null,
    detail: { zh: 'ERP里没有相同的SKU，也没有规则能解析它。', en: 'No equal ERP SKU, and no rule parses it.' },
  };
}

export function loadRules(db: Db, opts: { enabledOnly?: boolean } = {}): SkuRule[] {
  const rows = db.prepare(`SELECT * FROM stock_sku_rules ${opts.enabledOnly ? 'WHERE enabled = 1' : ''} ORDER BY position, id`).all() as {
    id: number;
    position: number;
    kind: string;
    params: string;
    label: string;
    enabled: number;
  }[];
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    label: r.label,
    enabled: r.enabled === 1,
    spec: { kind: r.kind, ...JSON.parse(r.params) } as SkuRuleSpec,
  }));
}

export function loadErpIndex(db: Db, caseRule: CaseRule): ErpIndex {
  const skus = db.prepare('SELECT sku FROM stock_erp_skus').pluck().all() as string[];
  return buildErpIndex(skus, caseRule);
}

/** stock_settings key (not a seller setting: readStockSettings ignores it) holding the inputs of the last resolve. */
const RESOLVED_INPUTS_KEY = 'resolvedInputs';

/**
 * What a mapping depends on, in a few cheap aggregates: the ERP SKU set (SKUs are only ever added,
 * so count and last rowid move with it), the listing SKUs (added, or renamed by a listing refresh,
 * which re-resolves itself anyway), the enabled rules in order, the case rule and the manual links.
 * Stock figures, names, categories and bind states are not in it: they never change a mapping.
 */
export function mappingInputs(db: Db, caseRule: CaseRule): string {
  const erp = db.prepare('SELECT count(*), coalesce(max(rowid), 0) FROM stock_erp_skus').raw().get() as unknown[];
  const listing = db
    .prepare('SELECT count(*), coalesce(max(id), 0), total(length(seller_sku)) FROM stock_listing_skus')
    .raw()
    .get() as unknown[];
  const rules = db
    .prepare(
      "SELECT group_concat(id || ':' || kind || ':' || params || ':' || label, '|') FROM (SELECT * FROM stock_sku_rules WHERE enabled = 1 ORDER BY position, id)",
    )
    .pluck()
    .get() as string | null;
  const manual = db
    .prepare(
      "SELECT count(*), total(listing_sku_id), group_concat(listing_sku_id || '=' || erp_sku, '|') FROM stock_sku_links WHERE method = 'manual'",
    )
    .raw()
    .get() as unknown[];
  return JSON.stringify([caseRule, erp, listing, rules, manual]);
}

/**
 * Re-resolves only when something a mapping depends on changed since the last resolve (a stock read
 * mostly changes figures, which never change a mapping). Returns null when nothing needed doing.
 */
export function resolveIfChanged(db: Db, caseRule: CaseRule, now: string): ResolveSummary | null {
  const stored = db.prepare('SELECT value FROM stock_settings WHERE key = ?').pluck().get(RESOLVED_INPUTS_KEY) as string | undefined;
  if (stored !== undefined && stored === mappingInputs(db, caseRule)) return null;
  return resolveAndStore(db, caseRule, now);
}

/**
 * stock_settings key (not a seller setting) holding the regex patterns of the enabled rules that
 * recheck cleared, with the basis it cleared them under (skuRules VERDICT_BASIS). Without it the
 * first resolve after every start re-ran recheck in process, on the main thread: 0.7 s for one
 * simple pattern on an idle PC, seconds on a busy one. A pattern not in it is checked as before.
 */
const CLEARED_KEY = 'regexCleared';

function readCleared(db: Db): string[] {
  if (VERDICT_BASIS === null) return [];
  const v = db.prepare('SELECT value FROM stock_settings WHERE key = ?').pluck().get(CLEARED_KEY) as string | undefined;
  if (v === undefined) return [];
  try {
    const o = JSON.parse(v) as { basis?: unknown; patterns?: unknown };
    return o.basis === VERDICT_BASIS && Array.isArray(o.patterns) ? o.patterns.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}

function writeCleared(db: Db, patterns: string[]): void {
  if (VERDICT_BASIS === null) return;
  const value = JSON.stringify({ basis: VERDICT_BASIS, patterns: [...new Set(patterns)].sort() });
  db.prepare(
    'INSERT INTO stock_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value WHERE value IS NOT excluded.value',
  ).run(CLEARED_KEY, value);
}

/** Fewer changed rows than this are written one statement per row (no TEMP tables to set up). */
const BULK_FROM = 256;

/**
 * Writes a pass's changes: `links` (listing SKU id, ERP SKU, method, rule id), `drops` (ids whose
 * non-manual link goes), `statuses` (id, status, detail). Many rows (a first resolve, a rule change)
 * go through TEMP tables and one merge statement per concern, as persistRead does: a statement per
 * row cost most of a full pass in crossings between JavaScript and SQLite. The link triggers
 * (auto_changed marks) fire per row either way.
 */
function writeChanges(db: Db, now: string, links: unknown[], drops: number[], statuses: unknown[]): void {
  const upsert = `ON CONFLICT(listing_sku_id) DO UPDATE SET erp_sku = excluded.erp_sku, method = excluded.method,
       rule_id = excluded.rule_id, linked_at = excluded.linked_at`;
  if (links.length / 4 + drops.length + statuses.length / 3 < BULK_FROM) {
    const upsertLink = db.prepare(
      `INSERT INTO stock_sku_links (listing_sku_id, erp_sku, method, rule_id, linked_at) VALUES (?, ?, ?, ?, ?) ${upsert}`,
    );
    const dropLink = db.prepare("DELETE FROM stock_sku_links WHERE listing_sku_id = ? AND method != 'manual'");
    const setStatus = db.prepare('UPDATE stock_listing_skus SET resolve_status = ?, resolve_detail = ? WHERE id = ?');
    for (let k = 0; k < links.length; k += 4) upsertLink.run(links[k], links[k + 1], links[k + 2], links[k + 3], now);
    for (const id of drops) dropLink.run(id);
    for (let k = 0; k < statuses.length; k += 3) setStatus.run(statuses[k + 1], statuses[k + 2], statuses[k]);
    return;
  }
  db.exec(`DROP TABLE IF EXISTS temp.resolve_links; DROP TABLE IF EXISTS temp.resolve_drops; DROP TABLE IF EXISTS temp.resolve_status;
    CREATE TEMP TABLE resolve_links (id INTEGER PRIMARY KEY, erp_sku TEXT NOT NULL, method TEXT NOT NULL, rule_id INTEGER);
    CREATE TEMP TABLE resolve_drops (id INTEGER PRIMARY KEY);
    CREATE TEMP TABLE resolve_status (id INTEGER PRIMARY KEY, status TEXT NOT NULL, detail TEXT)`);
  if (links.length) {
    insertFlat(db, 'temp.resolve_links', ['id', 'erp_sku', 'method', 'rule_id'], links);
    // WHERE true: an upsert from a SELECT needs it to parse ON CONFLICT.
    db.prepare(
      `INSERT INTO stock_sku_links (listing_sku_id, erp_sku, method, rule_id, linked_at)
       SELECT id, erp_sku, method, rule_id, ? FROM temp.resolve_links WHERE true ORDER BY id ${upsert}`,
    ).run(now);
  }
  if (drops.length) {
    insertFlat(db, 'temp.resolve_drops', ['id'], drops);
    db.exec("DELETE FROM stock_sku_links WHERE listing_sku_id IN (SELECT id FROM temp.resolve_drops) AND method != 'manual'");
  }
  if (statuses.length) {
    insertFlat(db, 'temp.resolve_status', ['id', 'status', 'detail'], statuses);
    db.exec(`UPDATE stock_listing_skus SET resolve_status = r.status, resolve_detail = r.detail
      FROM temp.resolve_status r WHERE r.id = stock_listing_skus.id`);
  }
  db.exec('DROP TABLE temp.resolve_links; DROP TABLE temp.resolve_drops; DROP TABLE temp.resolve_status');
}

/**
 * Resolves every stored listing SKU and stores the outcome in one transaction. Manual links are
 * kept as they are; the others are rewritten only where the answer changed.
 */
export function resolveAndStore(db: Db, caseRule: CaseRule, now: string): ResolveSummary {
  const stored = loadRules(db, { enabledOnly: true });
  const patterns = stored.flatMap((r) => (r.spec.kind === 'regex' ? [r.spec.pattern] : []));
  if (patterns.length) trustClearedPatterns(readCleared(db));
  const rules = stored.map((r) => compileRule(r, caseRule, { saved: true }));
  const index = loadErpIndex(db, caseRule);
  const listing = db
    .prepare(
      `SELECT s.id, s.seller_sku, s.resolve_status, s.resolve_detail, l.erp_sku, l.method, l.rule_id
         FROM stock_listing_skus s LEFT JOIN stock_sku_links l ON l.listing_sku_id = s.id`,
    )
    .raw()
    .all() as [number, string, string, string | null, string | null, string | null, number | null][];

  // What changed, written after the pass (see writeChanges): links to (re)write, links to drop, statuses.
  const links: (string | number | null)[] = [];
  const drops: number[] = [];
  const statuses: (string | number | null)[] = [];

  const summary: ResolveSummary = {
    total: listing.length,
    byMethod: { manual: 0, exact: 0, rule: 0 },
    byRule: [],
    unresolved: 0,
    conflicting: 0,
    unresolvedSample: [],
    conflictSample: [],
  };
  const perRule = new Map<number, number>();
  db.transaction(() => {
    for (const [id, sellerSku, curStatus, curDetail, curErp, curMethod, curRule] of listing) {
      const r = resolveOne(sellerSku, curMethod === 'manual' ? (curErp as string) : undefined, index, rules, caseRule);
      const detail = r.detail ? JSON.stringify(r.detail) : null;
      if (r.status === 'manual') summary.byMethod.manual++;
      else if (r.status === 'exact' || r.status === 'rule') {
        summary.byMethod[r.status]++;
        if (r.status === 'rule') perRule.set(r.ruleId as number, (perRule.get(r.ruleId as number) ?? 0) + 1);
        if (curErp !== r.erpSku || curMethod !== r.status || (curRule ?? null) !== r.ruleId) links.push(id, r.erpSku, r.status, r.ruleId);
      } else {
        if (curMethod && curMethod !== 'manual') drops.push(id);
        if (r.status === 'conflict') {
          summary.conflicting++;
          if (summary.conflictSample.length < 20)
            summary.conflictSample.push({
              listingSkuId: id,
              sellerSku,
              candidates: r.detail?.candidates ?? [],
              reason: r.detail?.zh ?? '',
            });
        } else {
          summary.unresolved++;
          if (summary.unresolvedSample.length < 20)
            summary.unresolvedSample.push({ listingSkuId: id, sellerSku, reason: r.detail?.zh ?? '' });
        }
      }
      if (curStatus !== r.status || curDetail !== detail) statuses.push(id, r.status, detail);
    }
    writeChanges(db, now, links, drops, statuses);
    if (patterns.length) writeCleared(db, clearedPatterns(patterns));
    // Remember what this mapping was computed from (after the writes above: manual links are read as stored).
    db.prepare('INSERT INTO stock_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(
      RESOLVED_INPUTS_KEY,
      mappingInputs(db, caseRule),
    );
  })();
  const labels = new Map(rules.map((r) => [r.id, r.label]));
  summary.byRule = [...perRule].map(([ruleId, count]) => ({ ruleId, label: labels.get(ruleId) ?? '', count }));
  return summary;
}
