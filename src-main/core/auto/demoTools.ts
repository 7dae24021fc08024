/**
 * 演示工具: what a seller trying the demo store wants to see the engine do — one SKU sells out, a
 * whole warehouse runs dry, stock comes back, AliExpress reviews or refuses an unbind. Each tool
 * changes only the in-process simulators (never the app's own tables), exactly as a real ERP or
 * marketplace would change; the next stock sync is what shows it to the engine, so the demo runs
 * through the same read → decide → send path as a real store.
 */
import type { App } from '../app';
import type { Db } from '../db/open';
import { writeAudit } from '../audit';
import { connectors } from '../connectors/service';
import type { DemoStore } from '../connectors/demo/startDemo';
import type { TtSimStock } from '../connectors/tongtool/simulator';
import { foldSku } from '../stock/folding';
import { AppError } from '../../../src-shared/errors';
import type { BindStatus, DemoSkuOption, DemoToolResult, DemoToolsView } from '../../../src-shared/channels/auto';
import { BIND_STATUS } from '../../../src-shared/bindStatus';

const NEXT_ZH = '下一步：点“立即同步库存”，引擎读到新库存后会按规则绑定或解绑。';
const NEXT_EN = 'Next: click "Sync stock now"; once the engine reads the new stock it binds or unbinds by the rules.';

/** The demo store, or a clear refusal: these tools must never touch a real store. */
async function demoStore(app: App): Promise<DemoStore> {
  const c = connectors(app);
  if (c.mode !== 'demo')
    throw new AppError(
      'CONFLICT',
      '演示工具只能在演示店铺里使用：现在连接的是您的真实店铺，模拟卖光或清空仓库会让人误以为真实库存变了。如需体验，请在“连接设置”里切换到演示店铺。',
      'Demo tools only work on the demo store: you are connected to your real store, where a simulated sell-out would look like a real stock change. To try them, switch to the demo store in Connection settings.',
    );
  return c.demo();
}

interface ListingFacts {
  sellerSku: string;
  erpSku: string;
}

function listingFacts(db: Db, listingSkuId: number): ListingFacts {
  const r = db
    .prepare(
      'SELECT s.seller_sku, k.erp_sku FROM stock_listing_skus s LEFT JOIN stock_sku_links k ON k.listing_sku_id = s.id WHERE s.id = ?',
    )
    .raw()
    .get(listingSkuId) as [string, string | null] | undefined;
  if (!r)
    throw new AppError(
      'NOT_FOUND',
      `线上SKU #${listingSkuId} 不存在。请刷新页面后重新选择。`,
      `Listing SKU #${listingSkuId} does not exist. Reload and choose again.`,
    );
  if (!r[1])
    throw new AppError(
      'CONFLICT',
      `线上SKU ${r[0]} 还没有关联ERP SKU，模拟它卖光也不会影响任何库存。请先在“库存自动绑定/解绑 → SKU关联”里关联它，或选择另一个。`,
      `Listing SKU ${r[0]} is not mapped to an ERP SKU, so selling it out changes no stock. Map it under Stock → SKU mapping first, or choose another.`,
    );
  return { sellerSku: r[0], erpSku: r[1] };
}

/** The simulator's rows of one ERP SKU (matched as the stock domain matches: folded). */
function simRows(demo: DemoStore, erpSku: string): TtSimStock[] {
  const exact = demo.tongtool.sim.allStock().filter((s) => s.sku === erpSku);
  if (exact.length) return exact;
  const f = foldSku(erpSku);
  return demo.tongtool.sim.allStock().filter((s) => foldSku(s.sku) === f);
}

function warehouseOf(demo: DemoStore, id: string): { id: string; name: string } {
  const w = demo.tongtool.sim.warehouses().find((x) => x.id === id);
  if (!w)
    throw new AppError(
      'NOT_FOUND',
      `演示ERP里没有仓库 ${id}。请刷新页面后重新选择。`,
      `The demo ERP has no warehouse ${id}. Reload and choose again.`,
    );
  return w;
}

function done(app: App, kind: string, subject: string, detail: Record<string, unknown>, r: DemoToolResult): DemoToolResult {
  writeAudit(app.db, app.clock, {
    actor: 'seller',
    kind: `auto.demo.${kind}`,
    subject,
    detail: { ...detail, changed: r.changed, demo: true },
  });
  app.events.emit('changed', { topic: 'auto' });
  return r;
}

export async function demoInfo(app: App): Promise<DemoToolsView> {
  if (connectors(app).mode !== 'demo') return { demo: false, reviewMode: 'instant', warehouses: [] };
  const demo = await demoStore(app);
  const paired = new Map(
    (
      app.db.prepare('SELECT erp_warehouse_id, name FROM stock_store_warehouses WHERE erp_warehouse_id IS NOT NULL').raw().all() as [
        string,
        string,
      ][]
    ).map(([id, n]) => [id, n]),
  );
  const stock = demo.tongtool.sim.allStock();
  return {
    demo: true,
    reviewMode: demo.aliexpress.sim.reviewMode,
    warehouses: demo.tongtool.sim.warehouses().map((w) => {
      const rows = stock.filter((s) => s.warehouseId === w.id);
      return {
        id: w.id,
        name: w.name,
        active: w.active,
        skus: rows.length,
        soldOut: rows.filter((s) => s.available <= s.safety).length,
        pairedWith: paired.get(w.id) ?? null,
      };
    }),
  };
}

/** Mapped listing SKUs to pick from, linked and bound ones first (those show the engine at work). */
export async function demoSkus(app: App, search: string | undefined, limit: number): Promise<DemoSkuOption[]> {
  const demo = await demoStore(app);
  const like = search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = app.db
    .prepare(
      `SELECT s.id, s.seller_sku, k.erp_sku, s.bind_status,
              (SELECT group_concat(sw.name, '、') FROM stock_listing_warehouses lw JOIN stock_store_warehouses sw ON sw.id = lw.store_warehouse_id WHERE lw.listing_sku_id = s.id) AS whs
       FROM stock_listing_skus s JOIN stock_sku_links k ON k.listing_sku_id = s.id
       WHERE (? IS NULL OR s.seller_sku LIKE ? ESCAPE '\\' OR k.erp_sku LIKE ? ESCAPE '\\')
       ORDER BY (whs IS NULL), (s.bind_status <> ${BIND_STATUS.BOUND}), s.id LIMIT ?`,
    )
    .raw()
    .all(like, like, like, limit) as [number, string, string, number, string | null][];
  return rows.map(([listingSkuId, sellerSku, erpSku, bindStatus, whs]) => ({
    listingSkuId,
    sellerSku,
    erpSku,
    bindStatus: bindStatus as BindStatus,
    available: simRows(demo, erpSku).reduce((n, s) => n + s.available, 0),
    warehouses: whs ? whs.split('、') : [],
  }));
}

/** The ERP SKU behind one listing SKU sells its last piece in every warehouse. */
export async function demoSellOut(app: App, listingSkuId: number): Promise<DemoToolResult> {
  const demo = await demoStore(app);
  const { sellerSku, erpSku } = listingFacts(app.db, listingSkuId);
  const rows = simRows(demo, erpSku).filter((s) => s.available !== 0);
  for (const s of rows) demo.tongtool.sim.setStock(s.sku, s.warehouseId, 0);
  return done(
    app,
    'sellOut',
    sellerSku,
    { listingSkuId, erpSku, warehouses: rows.map((s) => s.warehouseId) },
    {
      changed: rows.length,
      zh: rows.length
        ? `已模拟：${sellerSku}（ERP SKU ${erpSku}）在 ${rows.length} 个仓库全部卖光，可用库存变为 0。${NEXT_ZH}`
        : `${sellerSku}（ERP SKU ${erpSku}）本来就没有库存，没有变化。`,
      en: rows.length
        ? `Simulated: ${sellerSku} (ERP SKU ${erpSku}) sold out in ${rows.length} warehouse(s); available stock is now 0. ${NEXT_EN}`
        : `${sellerSku} (ERP SKU ${erpSku}) had no stock already; nothing changed.`,
    },
  );
}

/** Every SKU of one ERP warehouse runs out at once (a campaign cleared it). */
export async function demoDrain(app: App, erpWarehouseId: string): Promise<DemoToolResult> {
  const demo = await demoStore(app);
  const w = warehouseOf(demo, erpWarehouseId);
  const n = demo.tongtool.sim.drainWarehouse(w.id);
  return done(
    app,
    'drain',
    w.name,
    { erpWarehouseId: w.id },
    {
      changed: n,
      zh: n
        ? `已模拟：${w.name.trim()}（${w.id}）的 ${n} 个SKU全部卖光。这会让很多线上SKU同时需要解绑，超过安全上限时会暂停并等您确认。${NEXT_ZH}`
        : `${w.name.trim()}（${w.id}）已经没有库存，没有变化。`,
      en: n
        ? `Simulated: all ${n} SKUs in ${w.name.trim()} (${w.id}) sold out. Many listing SKUs need unbinding at once; above the safety limit the run is held for your confirmation. ${NEXT_EN}`
        : `${w.name.trim()} (${w.id}) had no stock already; nothing changed.`,
    },
  );
}

/** Stock comes back: sold-out figures (available at or below safety stock) get `quantity` pieces. */
export async function demoRestock(
  app: App,
  input: { listingSkuId?: number; erpWarehouseId?: string; quantity: number },
): Promise<DemoToolResult> {
  const demo = await demoStore(app);
  const { quantity } = input;
  let rows: TtSimStock[];
  let label: string;
  let detail: Record<string, unknown>;
  if (input.listingSkuId !== undefined) {
    const f = listingFacts(app.db, input.listingSkuId);
    rows = simRows(demo, f.erpSku);
    label = f.sellerSku;
    detail = { listingSkuId: input.listingSkuId, erpSku: f.erpSku };
  } else {
    const w = warehouseOf(demo, input.erpWarehouseId!);
    rows = demo.tongtool.sim.allStock().filter((s) => s.warehouseId === w.id);
    label = w.name.trim();
    detail = { erpWarehouseId: w.id };
  }
  const out = rows.filter((s) => s.available <= s.safety);
  for (const s of out) demo.tongtool.sim.setStock(s.sku, s.warehouseId, s.safety + quantity);
  return done(
    app,
    'restock',
    label,
    { ...detail, quantity },
    {
      changed: out.length,
      zh: out.length
        ? `已模拟补货：${label} 的 ${out.length} 条无货库存各到货 ${quantity} 件（在安全库存之上）。${NEXT_ZH}`
        : `${label} 没有无货的库存，不需要补货。`,
      en: out.length
        ? `Simulated restock: ${out.length} sold-out figure(s) of ${label} each received ${quantity} pieces (above safety stock). ${NEXT_EN}`
        : `${label} has nothing sold out; no restock needed.`,
    },
  );
}

export async function demoReviewMode(app: App, mode: 'instant' | 'review' | 'refuse'): Promise<DemoToolsView> {
  const demo = await demoStore(app);
  demo.aliexpress.sim.setReviewMode(mode);
  writeAudit(app.db, app.clock, { actor: 'seller', kind: 'auto.demo.reviewMode', subject: mode, detail: { mode, demo: true } });
  app.events.emit('changed', { topic: 'auto' });
  return demoInfo(app);
}
