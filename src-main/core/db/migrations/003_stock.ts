import type { Migration } from './index';

/**
 * Stock setup (自动绑定&解绑, first half): warehouses and their pairing, ERP categories with the sync
 * switch, ERP SKUs, last-known stock, listing SKUs as the marketplace reports them, SKU rules and
 * links, listing→warehouse links and sync runs. The bind/unbind engine (next issue) reads these:
 * mapped (stock_sku_links) + linked (stock_listing_warehouses → stock_store_warehouses paired with a
 * matching name) + synced category (stock_categories.sync_enabled) + known, non-stale stock.
 */
export const m003_stock: Migration = {
  version: 3,
  name: 'stock: warehouses, categories, ERP SKUs, stock, listings, SKU rules and links, sync runs',
  up(db) {
    db.exec(`
      -- Warehouses as the stock source (ERP/Tongtool/file) reports them. id is the source's own id.
      CREATE TABLE stock_erp_warehouses (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,               -- exactly as the source spells it
        active INTEGER NOT NULL DEFAULT 1,
        seen_at TEXT NOT NULL,
        -- incremental reads ask for changes since this time (UTC ISO); null until a full read saw it
        changes_cursor TEXT
      );

      -- Warehouses of the fully-managed store / listing system (托管店铺仓库). The seller adds them or
      -- reuses one; pairing points at the ERP warehouse whose stock feeds it. The real system stops
      -- syncing silently unless both names are equal character for character, so the engine must only
      -- trust a pair whose names match (see warehouseNames.ts); the mismatch is stored, not hidden.
      CREATE TABLE stock_store_warehouses (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        erp_warehouse_id TEXT REFERENCES stock_erp_warehouses(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      -- ERP产品分类 with the sync switch. '' is the bucket for SKUs the ERP gives no category.
      CREATE TABLE stock_categories (
        name TEXT PRIMARY KEY,
        sync_enabled INTEGER NOT NULL DEFAULT 1,
        first_seen_at TEXT NOT NULL,
        toggled_at TEXT
      );

      -- ERP SKUs with ERP商品名称, ERP产品状态, ERP类目.
      CREATE TABLE stock_erp_skus (
        sku TEXT PRIMARY KEY,             -- exactly as the ERP spells it
        name TEXT,
        status TEXT,
        category TEXT NOT NULL DEFAULT '',
        seen_at TEXT NOT NULL
      );
      CREATE INDEX stock_erp_skus_category ON stock_erp_skus(category);

      -- Last-known stock per (ERP SKU, ERP warehouse). A SKU missing from a full read keeps these
      -- figures and gets stale = 1: unknown is not zero, and a failed read never writes here at all.
      CREATE TABLE stock_levels (
        sku TEXT NOT NULL,
        erp_warehouse_id TEXT NOT NULL,
        available INTEGER NOT NULL,
        safety INTEGER NOT NULL DEFAULT 0,
        seen_at TEXT NOT NULL,            -- when a run last saw this figure
        run_id INTEGER NOT NULL,          -- the run that last saw it
        changed_at TEXT NOT NULL,         -- when the figure last changed value
        stale INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (sku, erp_warehouse_id)
      ) WITHOUT ROWID;
      CREATE INDEX stock_levels_warehouse ON stock_levels(erp_warehouse_id, stale);

      -- Fully-managed products and their SKUs as the marketplace reports them.
      CREATE TABLE stock_listings (
        product_id TEXT PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        product_type INTEGER NOT NULL DEFAULT 0,   -- 0 warehouse, 1 JIT, 2 overseas
        product_status TEXT NOT NULL DEFAULT '',
        seen_at TEXT NOT NULL
      );
      CREATE TABLE stock_listing_skus (
        id INTEGER PRIMARY KEY,
        product_id TEXT NOT NULL REFERENCES stock_listings(product_id) ON DELETE CASCADE,
        sku_id TEXT NOT NULL,
        seller_sku TEXT NOT NULL,         -- 线上SKU as published (may be obfuscated)
        sku_stock INTEGER NOT NULL DEFAULT 0,
        bind_status INTEGER NOT NULL CHECK (bind_status IN (1,2,3,4)),
        sc_item_id TEXT,
        seen_at TEXT NOT NULL,
        -- set by resolve: 'manual'|'exact'|'rule'|'unresolved'|'conflict' and, for the last two, why
        resolve_status TEXT NOT NULL DEFAULT 'unresolved',
        resolve_detail TEXT,              -- JSON: candidates, missing ERP SKU, …
        UNIQUE (product_id, sku_id)
      );
      CREATE INDEX stock_listing_skus_seller_sku ON stock_listing_skus(seller_sku);
      CREATE INDEX stock_listing_skus_status ON stock_listing_skus(resolve_status);

      -- SKU混淆规则, applied in position order.
      CREATE TABLE stock_sku_rules (
        id INTEGER PRIMARY KEY,
        position INTEGER NOT NULL,
        kind TEXT NOT NULL,
        params TEXT NOT NULL,             -- JSON, validated by skuRules.ts
        label TEXT NOT NULL DEFAULT '',
        enabled INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      -- Listing SKU → ERP SKU with the method that produced it. Manual links are only ever removed by
      -- the seller; resolve rewrites the others.
      CREATE TABLE stock_sku_links (
        listing_sku_id INTEGER PRIMARY KEY REFERENCES stock_listing_skus(id) ON DELETE CASCADE,
        erp_sku TEXT NOT NULL,
        method TEXT NOT NULL CHECK (method IN ('manual','exact','rule')),
        rule_id INTEGER,
        linked_at TEXT NOT NULL
      );
      CREATE INDEX stock_sku_links_erp ON stock_sku_links(erp_sku);

      -- 关联仓库: listing SKU → store warehouse, each made by a batch so a batch can be undone.
      CREATE TABLE stock_link_batches (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        store_warehouse_id INTEGER NOT NULL,
        selection TEXT NOT NULL,          -- JSON: the filter or ids the seller chose
        linked INTEGER NOT NULL,
        undone_at TEXT
      );
      CREATE TABLE stock_listing_warehouses (
        listing_sku_id INTEGER NOT NULL REFERENCES stock_listing_skus(id) ON DELETE CASCADE,
        store_warehouse_id INTEGER NOT NULL REFERENCES stock_store_warehouses(id) ON DELETE CASCADE,
        batch_id INTEGER REFERENCES stock_link_batches(id),
        linked_at TEXT NOT NULL,
        PRIMARY KEY (listing_sku_id, store_warehouse_id)
      ) WITHOUT ROWID;
      CREATE INDEX stock_listing_warehouses_batch ON stock_listing_warehouses(batch_id);

      -- One row per stock read (scheduled, manual, CLI, file import).
      CREATE TABLE stock_sync_runs (
        id INTEGER PRIMARY KEY,
        strategy TEXT NOT NULL CHECK (strategy IN ('full','incremental','import')),
        reason TEXT NOT NULL DEFAULT '',  -- why this strategy was chosen, shown to the seller
        trigger TEXT NOT NULL CHECK (trigger IN ('schedule','manual','cli','import')),
        status TEXT NOT NULL CHECK (status IN ('running','ok','failed','cancelled')),
        started_at TEXT NOT NULL,
        finished_at TEXT,
        pages INTEGER NOT NULL DEFAULT 0,
        rows_read INTEGER NOT NULL DEFAULT 0,
        rows_written INTEGER NOT NULL DEFAULT 0,
        rows_changed INTEGER NOT NULL DEFAULT 0,
        rows_skipped_category INTEGER NOT NULL DEFAULT 0,
        rows_stale INTEGER NOT NULL DEFAULT 0,
        errors TEXT NOT NULL DEFAULT '[]' -- JSON: [{ message, messageEn, code }]
      );
      CREATE INDEX stock_sync_runs_started ON stock_sync_runs(started_at);

      -- Stock settings (interval, full-read period, case rule): one JSON value per key.
      CREATE TABLE stock_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `);
  },
};
