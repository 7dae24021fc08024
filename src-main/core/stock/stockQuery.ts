/** Server-side pages of ERP SKUs and stock figures, and the wizard's overview counts. */
import type { Db } from '../db/open';
import type { Bilingual } from '../../../src-shared/bilingual';
import type { ErpSkuRow, Page, StockLevelRow, StockOverview } from '../../../src-shared/types/stock';
import { seenAtOf, seenByOf } from './seen';
import { likeAnywhere, sqlPage, whereOf } from './sqlPage';
import { checkWarehouseName } from './warehouseNames';

export function erpSkuPage(
  db: Db,
  f: { text?: string; category?: string; status?: string; staleOnly?: boolean },
  page: number,
  pageSize: number,
): Page<ErpSkuRow> {
  const w = whereOf([
    f.text?.trim() && ["(e.sku LIKE ? ESCAPE '\\' OR e.name LIKE ? ESCAPE '\\')", likeAnywhere(f.text), likeAnywhere(f.text)],
    f.category !== undefined && ['e.category = ?', f.category],
    f.status && ['e.status = ?', f.status],
    f.staleOnly && ['EXISTS (SELECT 1 FROM stock_levels l WHERE l.sku = e.sku AND l.stale = 1)'],
  ]);
  return sqlPage(
    db,
    {
      count: `SELECT count(*) AS n FROM stock_erp_skus e ${w.sql}`,
      rows: `SELECT e.sku, e.name, e.status, e.category, coalesce(c.sync_enabled, 1) AS sync_enabled,
         (SELECT sum(available) FROM stock_levels l WHERE l.sku = e.sku) AS available,
         (SELECT sum(safety) FROM stock_levels l WHERE l.sku = e.sku) AS safety,
         (SELECT max(stale) FROM stock_levels l WHERE l.sku = e.sku) AS stale,
         (SELECT max(${seenAtOf('l')}) FROM stock_levels l WHERE l.sku = e.sku) AS seen_at
       FROM stock_erp_skus e LEFT JOIN stock_categories c ON c.name = e.category ${w.sql}
       ORDER BY e.sku`,
    },
    w.params,
    page,
    pageSize,
    (r: {
      sku: string;
      name: string | null;
      status: string | null;
      category: string;
      sync_enabled: number;
      available: number | null;
      safety: number | null;
      stale: number | null;
      seen_at: string | null;
    }) => ({
      sku: r.sku,
      name: r.name,
      status: r.status,
      category: r.category,
      syncEnabled: r.sync_enabled === 1,
      available: r.available,
      safety: r.safety,
      stale: r.stale === 1,
      seenAt: r.seen_at,
    }),
  );
}

export function levelPage(
  db: Db,
  f: { text?: string; erpWarehouseId?: string; staleOnly?: boolean },
  page: number,
  pageSize: number,
): Page<StockLevelRow> {
  const w = whereOf([
    f.text?.trim() && ["l.sku LIKE ? ESCAPE '\\'", likeAnywhere(f.text)],
    f.erpWarehouseId && ['l.erp_warehouse_id = ?', f.erpWarehouseId],
    f.staleOnly && ['l.stale = 1'],
  ]);
  return sqlPage(
    db,
    {
      count: `SELECT count(*) AS n FROM stock_levels l ${w.sql}`,
      rows: `SELECT l.sku, l.erp_warehouse_id, l.available, l.safety, ${seenAtOf('l')} AS seen_at, l.changed_at,
         ${seenByOf('l')} AS run_id, l.stale, w.name AS wname FROM stock_levels l LEFT JOIN stock_erp_warehouses w ON w.id = l.erp_warehouse_id ${w.sql}
       ORDER BY l.sku, l.erp_warehouse_id`,
    },
    w.params,
    page,
    pageSize,
    (r: {
      sku: string;
      erp_warehouse_id: string;
      wname: string | null;
      available: number;
      safety: number;
      seen_at: string;
      changed_at: string;
      run_id: number;
      stale: number;
    }) => ({
      sku: r.sku,
      erpWarehouseId: r.erp_warehouse_id,
      erpWarehouseName: r.wname,
      available: r.available,
      safety: r.safety,
      seenAt: r.seen_at,
      changedAt: r.changed_at,
      runId: r.run_id,
      stale: r.stale === 1,
    }),
  );
}

export function overview(db: Db, sourceConfigured: boolean): StockOverview {
  const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  const pairs = db
    .prepare('SELECT s.name, e.name AS erp FROM stock_store_warehouses s JOIN stock_erp_warehouses e ON e.id = s.erp_warehouse_id')
    .all() as { name: string; erp: string }[];
  const statuses = Object.fromEntries(
    (
      db.prepare('SELECT resolve_status AS s, count(*) AS n FROM stock_listing_skus GROUP BY resolve_status').all() as {
        s: string;
        n: number;
      }[]
    ).map((r) => [r.s, r.n]),
  );
  const c: StockOverview['counts'] = {
    erpWarehouses: n('SELECT count(*) AS n FROM stock_erp_warehouses'),
    storeWarehouses: n('SELECT count(*) AS n FROM stock_store_warehouses'),
    pairedOk: pairs.filter((p) => checkWarehouseName(p.name, p.erp).match).length,
    categories: n('SELECT count(*) AS n FROM stock_categories'),
    categoriesOff: n('SELECT count(*) AS n FROM stock_categories WHERE sync_enabled = 0'),
    erpSkus: n('SELECT count(*) AS n FROM stock_erp_skus'),
    stockRows: n('SELECT count(*) AS n FROM stock_levels'),
    staleRows: n('SELECT count(*) AS n FROM stock_levels WHERE stale = 1'),
    listingSkus: n('SELECT count(*) AS n FROM stock_listing_skus'),
    resolved: (statuses.manual ?? 0) + (statuses.exact ?? 0) + (statuses.rule ?? 0),
    byMethod: { manual: statuses.manual ?? 0, exact: statuses.exact ?? 0, rule: statuses.rule ?? 0 },
    unresolved: statuses.unresolved ?? 0,
    conflicting: statuses.conflict ?? 0,
    linkedToWarehouse: n('SELECT count(DISTINCT listing_sku_id) AS n FROM stock_listing_warehouses'),
  };
  const okRun = n("SELECT count(*) AS n FROM stock_sync_runs WHERE status = 'ok'");
  const step = (key: StockOverview['steps'][number]['key'], todo: Bilingual[]) => ({ key, done: todo.length === 0, todo });
  const wTodo: Bilingual[] = [];
  if (!sourceConfigured) wTodo.push({ zh: '连接库存来源（通途、文件或演示）', en: 'Connect a stock source (Tongtool, file or demo)' });
  if (c.erpWarehouses === 0) wTodo.push({ zh: '同步一次，读取ERP仓库', en: 'Sync once to read the ERP warehouses' });
  if (c.storeWarehouses === 0) wTodo.push({ zh: '添加或复用一个店铺仓库', en: 'Add or reuse a store warehouse' });
  if (pairs.length > c.pairedOk)
    wTodo.push({
      zh: `${pairs.length - c.pairedOk} 个仓库名称不完全一致，需要改正`,
      en: `${pairs.length - c.pairedOk} paired warehouse names differ and must be fixed`,
    });
  if (c.storeWarehouses > pairs.length)
    wTodo.push({
      zh: `${c.storeWarehouses - pairs.length} 个店铺仓库还没有配对`,
      en: `${c.storeWarehouses - pairs.length} store warehouses are not paired`,
    });
  const catTodo: Bilingual[] =
    c.categories === 0 ? [{ zh: '同步一次库存以读取ERP分类', en: 'Sync stock once to read the ERP categories' }] : [];
  const schedTodo: Bilingual[] = okRun === 0 ? [{ zh: '完成第一次库存同步', en: 'Complete a first stock sync' }] : [];
  const mapTodo: Bilingual[] = [];
  if (c.listingSkus === 0) mapTodo.push({ zh: '从速卖通读取线上商品', en: 'Read the listings from AliExpress' });
  if (c.unresolved)
    mapTodo.push({ zh: `${c.unresolved} 个线上SKU还没有关联ERP SKU`, en: `${c.unresolved} listing SKUs have no ERP SKU yet` });
  if (c.conflicting)
    mapTodo.push({
      zh: `${c.conflicting} 个线上SKU对应多个ERP SKU，需要确认`,
      en: `${c.conflicting} listing SKUs match several ERP SKUs and need a decision`,
    });
  const linkTodo: Bilingual[] = [];
  if (c.listingSkus > c.linkedToWarehouse)
    linkTodo.push({
      zh: `${c.listingSkus - c.linkedToWarehouse} 个线上SKU还没有关联仓库`,
      en: `${c.listingSkus - c.linkedToWarehouse} listing SKUs are not linked to a warehouse`,
    });
  if (c.listingSkus === 0) linkTodo.push({ zh: '先读取线上商品', en: 'Read the listings first' });
  return {
    counts: c,
    steps: [
      step('warehouses', wTodo),
      step('categories', catTodo),
      step('schedule', schedTodo),
      step('mapping', mapTodo),
      step('linking', linkTodo),
    ],
  };
}
