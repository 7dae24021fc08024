/** The ordered list of SKU rules: save, delete, reorder, and preview on the real listing SKUs. */
import type { Db } from '../db/open';
import { AppError } from '../../../src-shared/errors';
import type { CaseRule, RulePreview, SkuRule, SkuRuleSpec } from '../../../src-shared/types/stock';
import { compileRule, ruleOutcome, validateRule } from './skuRules';
import { loadErpIndex, loadRules } from './resolve';

function paramsOf(spec: SkuRuleSpec): string {
  const { kind: _kind, ...rest } = spec;
  return JSON.stringify(rest);
}

/** The rule's meaning, whatever order its fields came in: two rules with the same key do the same thing. */
function specKey(spec: SkuRuleSpec): string {
  return JSON.stringify(Object.entries(spec).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * A second copy of a rule resolves nothing the first does not (the first one already applies), so
 * it is refused: it only lengthens the list and is what a double click on 保存规则 leaves behind.
 */
function refuseDuplicate(db: Db, spec: SkuRuleSpec, id: number | undefined): void {
  const rules = loadRules(db);
  const i = rules.findIndex((r) => r.id !== id && specKey(r.spec) === specKey(spec));
  if (i < 0) return;
  throw new AppError(
    'CONFLICT',
    `已有一条完全相同的规则（第 ${i + 1} 条），不用再保存一次。`,
    `Rule ${i + 1} is already exactly this rule; there is no need to save it again.`,
  );
}

export function saveRule(db: Db, input: { id?: number; label: string; enabled: boolean; spec: SkuRuleSpec }, now: string): SkuRule {
  validateRule(input.spec);
  refuseDuplicate(db, input.spec, input.id);
  if (input.id !== undefined) {
    const r = db
      .prepare('UPDATE stock_sku_rules SET kind = ?, params = ?, label = ?, enabled = ?, updated_at = ? WHERE id = ?')
      .run(input.spec.kind, paramsOf(input.spec), input.label, input.enabled ? 1 : 0, now, input.id);
    if (!r.changes)
      throw new AppError(
        'NOT_FOUND',
        `规则 #${input.id} 不存在，可能已被删除。`,
        `Rule #${input.id} does not exist; it may have been deleted.`,
      );
    return loadRules(db).find((x) => x.id === input.id) as SkuRule;
  }
  const pos = (db.prepare('SELECT coalesce(max(position), 0) + 1 AS p FROM stock_sku_rules').get() as { p: number }).p;
  const id = Number(
    db
      .prepare('INSERT INTO stock_sku_rules (position, kind, params, label, enabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(pos, input.spec.kind, paramsOf(input.spec), input.label, input.enabled ? 1 : 0, now, now).lastInsertRowid,
  );
  return loadRules(db).find((x) => x.id === id) as SkuRule;
}

export function deleteRule(db: Db, id: number): void {
  if (!db.prepare('DELETE FROM stock_sku_rules WHERE id = ?').run(id).changes)
    throw new AppError('NOT_FOUND', `规则 #${id} 不存在。`, `Rule #${id} does not exist.`);
}

export function reorderRules(db: Db, ids: number[]): SkuRule[] {
  const existing = loadRules(db).map((r) => r.id);
  if (existing.length !== ids.length || existing.some((id) => !ids.includes(id)))
    throw new AppError('CONFLICT', '规则列表已经变化，请刷新后再调整顺序。', 'The rule list changed; reload it and reorder again.');
  const stmt = db.prepare('UPDATE stock_sku_rules SET position = ? WHERE id = ?');
  db.transaction(() => ids.forEach((id, i) => stmt.run(i + 1, id)))();
  return loadRules(db);
}

/**
 * What a rule would do to the stored listing SKUs, before it is saved: how many it resolves, which
 * it parses to an ERP SKU that does not exist, which become ambiguous, and which it would send to a
 * different ERP SKU than they have now.
 */
export function previewRule(db: Db, spec: SkuRuleSpec, caseRule: CaseRule, sampleSize: number): RulePreview {
  const rule = compileRule({ id: 0, label: '', spec }, caseRule);
  const index = loadErpIndex(db, caseRule);
  const rows = db
    .prepare(
      `SELECT s.id, s.seller_sku, k.erp_sku, k.method FROM stock_listing_skus s
       LEFT JOIN stock_sku_links k ON k.listing_sku_id = s.id ORDER BY s.id`,
    )
    .raw()
    .all() as [number, string, string | null, string | null][];
  const p: RulePreview = {
    tested: rows.length,
    applied: 0,
    found: 0,
    missing: 0,
    ambiguous: 0,
    newlyResolved: 0,
    conflictsWithExisting: 0,
    samples: [],
  };
  const interesting: RulePreview['samples'] = [];
  const plain: RulePreview['samples'] = [];
  for (const [id, sellerSku, erpSku, method] of rows) {
    const o = ruleOutcome(rule, sellerSku, index, caseRule);
    if (o.status === 'no_match') continue;
    p.applied++;
    const sample = { ...o, listingSkuId: id, currentErpSku: erpSku, currentMethod: method };
    if (o.status === 'found') {
      p.found++;
      if (!erpSku) {
        p.newlyResolved++;
        if (plain.length < sampleSize) plain.push(sample);
      } else if (erpSku !== o.erpSkus[0]) {
        p.conflictsWithExisting++;
        if (interesting.length < sampleSize) interesting.push(sample);
      }
    } else {
      if (o.status === 'missing') p.missing++;
      if (o.status === 'ambiguous') p.ambiguous++;
      if (interesting.length < sampleSize) interesting.push(sample);
    }
  }
  p.samples = [...interesting, ...plain].slice(0, sampleSize);
  return p;
}
