import type { Migration } from './index';

/**
 * Auto bind & unbind (自动绑定&解绑, second half): the engine's settings and switch, per listing SKU
 * pins, decision runs (held runs wait here for the seller), the decisions, the outbox of bind/unbind
 * actions the sender drains, and stock-out episodes for the dashboard's stock-out → unbind chart.
 * The engine reads the stock tables of migration 3; it only writes bind_status there (the marketplace
 * state it learned), so every screen shows the same state.
 */
export const m006_auto: Migration = {
  version: 6,
  name: 'auto: switch and settings, pins, runs, decisions, outbox, stock-out episodes',
  up(db) {
    db.exec(`
      -- Engine settings and the switch, one JSON value per key, in the database so the CLI, the web
      -- host and Electron agree on whether automation is on.
      CREATE TABLE auto_settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      -- 自动 (absent row) / 始终绑定 / 始终解绑 per listing SKU. Pinned SKUs are never touched by the engine.
      CREATE TABLE auto_pins (
        listing_sku_id INTEGER PRIMARY KEY REFERENCES stock_listing_skus(id) ON DELETE CASCADE,
        mode TEXT NOT NULL CHECK (mode IN ('always_bound','always_unbound')),
        note TEXT NOT NULL DEFAULT '',
        pinned_at TEXT NOT NULL
      );

      -- One decision pass over the catalogue. A pass whose unbinds trip the mass-unbind gate is
      -- 'held' until the seller confirms or rejects it.
      CREATE TABLE auto_runs (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        trigger TEXT NOT NULL,            -- 'stock' | 'manual' | 'cli' | 'switch' | 'schedule'
        switch_on INTEGER NOT NULL,       -- 0: decisions are only "would do"
        stock_run_id INTEGER,             -- the stock read the decisions rest on
        status TEXT NOT NULL CHECK (status IN ('done','held','confirmed','rejected')),
        counts TEXT NOT NULL DEFAULT '{}',-- JSON: considered, bind, unbind, would…, blocked by reason
        gate TEXT,                        -- JSON: why the run was held (share, count, limits)
        decided_at TEXT,                  -- when the seller confirmed or rejected
        decided_by TEXT,
        note TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX auto_runs_status ON auto_runs(status, id);

      -- Decisions that change something (or would, with the switch off), with the figures behind them.
      CREATE TABLE auto_decisions (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL REFERENCES auto_runs(id),
        listing_sku_id INTEGER NOT NULL,
        at TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('bind','unbind','would_bind','would_unbind','held_unbind')),
        sellable INTEGER,
        detail TEXT NOT NULL DEFAULT '{}' -- JSON: per warehouse available/safety/stale, threshold, status
      );
      CREATE INDEX auto_decisions_run ON auto_decisions(run_id);
      CREATE INDEX auto_decisions_sku ON auto_decisions(listing_sku_id, id);

      -- The outbox. Written in the decision's transaction; the sender drains it. 'sent' means the
      -- request may have left without an answer (a crash): the sender re-reads the bind status first.
      CREATE TABLE auto_actions (
        id INTEGER PRIMARY KEY,
        decision_id INTEGER REFERENCES auto_decisions(id),
        run_id INTEGER,
        listing_sku_id INTEGER NOT NULL,
        product_id TEXT NOT NULL,
        sku_id TEXT NOT NULL,
        sc_item_id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('bind','unbind')),
        actor TEXT NOT NULL DEFAULT 'auto',
        state TEXT NOT NULL CHECK (state IN ('held','queued','sent','review','done','refused','failed','cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_try_at INTEGER NOT NULL,     -- epoch ms: when the sender may send or poll next
        last_error TEXT,
        market_message TEXT,              -- the marketplace's own words (refusals, reviews)
        sends INTEGER NOT NULL DEFAULT 0, -- requests that left for the marketplace (exactly-once check)
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        sent_at TEXT,
        finished_at TEXT
      );
      CREATE INDEX auto_actions_open ON auto_actions(state, next_try_at);
      CREATE INDEX auto_actions_sku ON auto_actions(listing_sku_id, id);
      CREATE INDEX auto_actions_finished ON auto_actions(finished_at);

      -- Stock-out episodes per listing SKU: when the engine first saw sellable 0, when the unbind
      -- took effect, when stock came back. Feeds the oversell-risk list and the reaction-time chart.
      CREATE TABLE auto_stockouts (
        id INTEGER PRIMARY KEY,
        listing_sku_id INTEGER NOT NULL,
        first_seen_at TEXT NOT NULL,      -- the decision pass that first saw sellable 0
        stock_changed_at TEXT,            -- when the stock read recorded the figure change
        unbound_at TEXT,                  -- when the marketplace reported it unbound
        ended_at TEXT                     -- stock came back (or the SKU left automation)
      );
      CREATE UNIQUE INDEX auto_stockouts_open ON auto_stockouts(listing_sku_id) WHERE ended_at IS NULL;
      CREATE INDEX auto_stockouts_seen ON auto_stockouts(first_seen_at);
    `);
  },
};
