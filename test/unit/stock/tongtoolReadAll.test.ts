/** TongtoolStockSource.readAll's normalisation: one row per (SKU, warehouse), in first-seen order, the last figure kept. */
import { describe, expect, it } from 'vitest';
import { TT_PAGE_SIZE, type TongtoolClient, type TtStockRow } from '../../../src-main/core/connectors/tongtool/client';
import { TongtoolStockSource } from '../../../src-main/core/connectors/tongtool/stockSource';

const W = [
  { warehouseId: 'W1', warehouseName: '义乌仓', status: '1' },
  { warehouseId: 'W2', warehouseName: '深圳仓', status: '1' },
];

function source(pages: TtStockRow[][]): TongtoolStockSource {
  const client = {
    warehouseQuery: async (n: number) => (n === 1 ? W : []),
    stocksQuery: async (n: number) => (pages[n - 1] ?? []).map((r) => ({ ...r })),
  };
  return new TongtoolStockSource(client as unknown as TongtoolClient, 'tongtool');
}

describe('tongtool full read normalisation', () => {
  it('a pair sent again on a later page keeps its first place and its last figure; warehouses matched by id or name', async () => {
    const fill = Array.from({ length: TT_PAGE_SIZE - 2 }, (_, i) => ({
      goodsSku: `F-${i}`,
      warehouseIdKey: 'W2',
      availableStockQuantity: i,
    }));
    const rows = await source([
      [
        { goodsSku: 'A', warehouseIdKey: 'W1', availableStockQuantity: 5, safetyStock: 1, intransitStockQuantity: 3 },
        { goodsSku: 'A', warehouseName: '深圳仓', availableStockQuantity: 7 },
        ...fill,
      ],
      [
        { goodsSku: 'A', warehouseIdKey: 'W1', availableStockQuantity: 4 },
        { goodsSku: 'B', warehouseIdKey: 'W9', warehouseName: '外仓' },
      ],
    ]).readAll();
    expect(rows).toHaveLength(TT_PAGE_SIZE + 1);
    expect(rows[0]).toEqual({ sku: 'A', warehouseId: 'W1', warehouseName: '义乌仓', available: 4, safety: 0 });
    expect(rows[1]).toEqual({ sku: 'A', warehouseId: 'W2', warehouseName: '深圳仓', available: 7, safety: 0 });
    // A warehouse warehouseQuery did not list is kept under its own key; a blank figure stays unknown.
    expect(rows.at(-1)).toEqual({ sku: 'B', warehouseId: 'W9', warehouseName: '外仓', available: Number.NaN, safety: 0 });
    const first = await source([[{ goodsSku: 'A', warehouseIdKey: 'W1', availableStockQuantity: 5, intransitStockQuantity: 3 }]]).readAll();
    expect(first).toEqual([{ sku: 'A', warehouseId: 'W1', warehouseName: '义乌仓', available: 5, safety: 0, inTransit: 3 }]);
  });
});
