/**
 * ④② 处理库存: the disposal plan must account for every unit on hand, SKU by SKU. A plan whose
 * quantities do not add up is refused whole, with every SKU that is off and by how much, because
 * a half-saved plan is exactly how stock gets forgotten in a warehouse after the store is gone.
 */
import { AppError } from '../../../src-shared/errors';
import type { DisposalItem, DisposalPlanInput } from '../../../src-shared/channels/exit';

export function validatePlan(input: DisposalPlanInput, appOnHand: Map<string, number> | null): DisposalItem[] {
  const problems: { path: string; message: string; messageEn: string }[] = [];
  const seen = new Set<string>();
  const items: DisposalItem[] = [];
  input.items.forEach((item, i) => {
    const path = `items.${i}`;
    if (seen.has(item.sku)) {
      problems.push({
        path,
        message: `SKU ${item.sku} 在计划里出现了两次，请合并成一行。`,
        messageEn: `SKU ${item.sku} appears twice in the plan; merge it into one entry.`,
      });
      return;
    }
    seen.add(item.sku);
    const fromApp = appOnHand?.get(item.sku);
    const onHand = fromApp ?? item.onHand;
    if (onHand === undefined) {
      problems.push({
        path,
        message: `SKU ${item.sku}：应用里没有它的库存数据，请填写现有库存数量。`,
        messageEn: `SKU ${item.sku}: the app has no stock figure for it; enter the quantity on hand.`,
      });
      return;
    }
    const planned = item.lines.reduce((n, l) => n + l.quantity, 0);
    if (planned !== onHand) {
      const diff = planned - onHand;
      problems.push({
        path,
        message: `SKU ${item.sku}：处理数量合计 ${planned} 件，现有库存 ${onHand} 件，${diff > 0 ? '多' : '少'}了 ${Math.abs(diff)} 件。`,
        messageEn: `SKU ${item.sku}: the plan covers ${planned} units but ${onHand} are on hand (${Math.abs(diff)} ${diff > 0 ? 'too many' : 'missing'}).`,
      });
      return;
    }
    items.push({
      sku: item.sku,
      onHand,
      onHandSource: fromApp !== undefined ? 'app' : 'seller',
      lines: item.lines.map((l) => ({ method: l.method, quantity: l.quantity, note: l.note || null })),
      planned,
    });
  });
  if (problems.length) {
    throw new AppError(
      'BAD_INPUT',
      `库存处理计划没有保存：${problems.map((p) => p.message).join(' ')}每个SKU的处理数量必须正好等于现有库存，请修改后再保存。`,
      `The disposal plan was not saved: ${problems.map((p) => p.messageEn).join(' ')} Each SKU's quantities must add up exactly to what is on hand; correct it and save again.`,
      problems,
    );
  }
  return items;
}

/** SKUs the app knows are on hand but the plan leaves out, or whose stock changed since it was planned. */
export function planGaps(plan: DisposalItem[], appOnHand: Map<string, number> | null): { unplanned: string[]; changed: string[] } {
  if (!appOnHand) return { unplanned: [], changed: [] };
  const planned = new Map(plan.map((p) => [p.sku, p]));
  const unplanned = [...appOnHand.keys()].filter((sku) => !planned.has(sku));
  const changed = plan.filter((p) => p.onHandSource === 'app' && (appOnHand.get(p.sku) ?? 0) !== p.onHand).map((p) => p.sku);
  return { unplanned, changed };
}
