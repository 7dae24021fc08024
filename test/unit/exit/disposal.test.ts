import { describe, expect, it } from 'vitest';
import { planGaps, validatePlan } from '../../../src-main/core/exit/disposal';
import { AppError } from '../../../src-shared/errors';

describe('inventory disposal plan', () => {
  const onHand = new Map([
    ['A-1', 10],
    ['B-2', 4],
  ]);

  it('accepts a plan whose quantities add up to what the app says is on hand', () => {
    const items = validatePlan(
      {
        items: [
          {
            sku: 'A-1',
            lines: [
              { method: 'sell_through', quantity: 6 },
              { method: 'return_factory', quantity: 4 },
            ],
          },
          { sku: 'B-2', lines: [{ method: 'liquidate', quantity: 4 }] },
        ],
      },
      onHand,
    );
    expect(items.map((i) => [i.sku, i.onHand, i.onHandSource, i.planned])).toEqual([
      ['A-1', 10, 'app', 10],
      ['B-2', 4, 'app', 4],
    ]);
  });

  it('refuses quantities that do not add up, naming each SKU and the difference', () => {
    let err: AppError | undefined;
    try {
      validatePlan(
        {
          items: [
            { sku: 'A-1', lines: [{ method: 'sell_through', quantity: 7 }] },
            { sku: 'B-2', lines: [{ method: 'liquidate', quantity: 5 }] },
          ],
        },
        onHand,
      );
    } catch (e) {
      err = e as AppError;
    }
    expect(err?.code).toBe('BAD_INPUT');
    expect(err?.messageZh).toContain('SKU A-1：处理数量合计 7 件，现有库存 10 件，少了 3 件');
    expect(err?.messageZh).toContain('SKU B-2：处理数量合计 5 件，现有库存 4 件，多了 1 件');
    expect(err?.issues).toHaveLength(2);
  });

  it('uses the app’s figure over a typed one, and needs a typed one when the app has none', () => {
    expect(() => validatePlan({ items: [{ sku: 'A-1', onHand: 3, lines: [{ method: 'other', quantity: 3 }] }] }, onHand)).toThrow(
      /现有库存 10 件/,
    );
    expect(() => validatePlan({ items: [{ sku: 'Z-9', lines: [{ method: 'other', quantity: 3 }] }] }, null)).toThrow(/请填写现有库存数量/);
    const [z] = validatePlan({ items: [{ sku: 'Z-9', onHand: 3, lines: [{ method: 'other', quantity: 3 }] }] }, null);
    if (!z) throw new Error('validatePlan returned no item');
    expect(z.onHandSource).toBe('seller');
  });

  it('refuses a SKU listed twice', () => {
    expect(() =>
      validatePlan(
        {
          items: [
            { sku: 'Z', onHand: 1, lines: [{ method: 'other', quantity: 1 }] },
            { sku: 'Z', onHand: 1, lines: [{ method: 'other', quantity: 1 }] },
          ],
        },
        null,
      ),
    ).toThrow(/出现了两次/);
  });

  it('finds SKUs left out of the plan and SKUs whose stock changed since', () => {
    const plan = validatePlan({ items: [{ sku: 'A-1', lines: [{ method: 'sell_through', quantity: 10 }] }] }, onHand);
    expect(planGaps(plan, onHand)).toEqual({ unplanned: ['B-2'], changed: [] });
    expect(planGaps(plan, new Map([['A-1', 8]]))).toEqual({ unplanned: [], changed: ['A-1'] });
  });
});
