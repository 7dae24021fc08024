/**
 * One test per migration, in Signal Desktop's way: a database at version N−1 holding rows as the
 * app of that version wrote them, migration N run alone, then the rows as they must be afterwards,
 * and the plan of the query each new index was made for.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { LATEST_VERSION, MIGRATIONS } from '../../../src-main/core/db/migrations';
import { salesRates } from '../../../src-main/core/auto/predict';
import { seenAtOf, seenByOf } from '../../../src-main/core/stock/seen';
import { columns, databaseAt, indexes, migrateTo, queryPlan, type Db } from '../../helpers/migrations';
import { call } from '../../helpers/channels';
import { tempDir, withApp } from '../../helpers/tempApp';

const AT = '2026-09-01T02:00:00.000Z';
/** A plan step that searches through the named index (covering or not). */
const viaIndex = (name: string) => new RegExp(`SEARCH \\w+ USING (COVERING )?INDEX ${name} \\(`);
let db: Db | null = null;
const at = (version: number): Db => (db = databaseAt(version));
afterEach(() => {
  db?.close();
  db = null;
});

/** The v3 catalogue: one ERP SKU in two warehouses, one product with two listing SKUs, one linked. */
function seedStock(d: Db): void {
  d.exec(`
    INSERT INTO stock_erp_warehouses (id, name, active, seen_at) VALUES ('W1', '义乌仓', 1, '${AT}'), ('W2', '深圳仓', 1, '${AT}');
    INSERT INTO stock_store_warehouses (id, name, erp_warehouse_id, created_at, updated_at) VALUES (1, '义乌仓', 'W1', '${AT}', '${AT}');
    INSERT INTO stock_categories (name, sync_enabled, first_seen_at) VALUES ('杯子', 1, '${AT}');
    INSERT INTO stock_erp_skus (sku, name, status, category, seen_at) VALUES ('CUP-RED', '红色马克杯', '在售', '杯子', '${AT}');
    INSERT INTO stock_sync_runs (id, strategy, trigger, status, started_at, finished_at, rows_read) VALUES (1, 'full', 'schedule', 'ok', '${AT}', '${AT}', 2);
    INSERT INTO stock_levels (sku, erp_warehouse_id, available, safety, seen_at, run_id, changed_at) VALUES ('CUP-RED', 'W1', 15, 2, '${AT}', 1, '${AT}'), ('CUP-RED', 'W2', 0, 0, '${AT}', 1, '${AT}');
    INSERT INTO stock_listings (product_id, title, product_type, product_status, seen_at) VALUES ('1005006285123457', '红色马克杯 350ml', 0, 'ONLINE', '${AT}');
    INSERT INTO stock_listing_skus (id, product_id, sku_id, seller_sku, sku_stock, bind_status, sc_item_id, seen_at, resolve_status)
      VALUES (1, '1005006285123457', '12000038291740001', 'CUP-RED', 13, 2, '900001', '${AT}', 'exact'),
             (2, '1005006285123457', '12000038291740002', 'CUP-BLUE', 0, 4, '900002', '${AT}', 'unresolved');
    INSERT INTO stock_sku_links (listing_sku_id, erp_sku, method, linked_at) VALUES (1, 'CUP-RED', 'exact', '${AT}');
    INSERT INTO stock_listing_warehouses (listing_sku_id, store_warehouse_id, linked_at) VALUES (1, 1, '${AT}');
  `);
}

/**
 * Every way a listing SKU's bind state changes, on the seeded catalogue (listing SKU 1 bound, 2 with
 * its unbind refused): for the tests of the counts triggers keep (migrations 21 and 23).
 */
function bindStateChanges(d: Db): [string, () => void][] {
  const insert = d.prepare(
    `INSERT INTO stock_listing_skus (product_id, sku_id, seller_sku, bind_status, seen_at) VALUES ('1005006285123457', ?, ?, ?, '${AT}')
     ON CONFLICT(product_id, sku_id) DO UPDATE SET bind_status = excluded.bind_status`,
  );
  return [
    ['a bound SKU added', () => insert.run('3', 'CUP-3', 2)],
    ['an unbound one added', () => insert.run('4', 'CUP-4', 1)],
    ['bound → in review', () => d.prepare('UPDATE stock_listing_skus SET bind_status = 3 WHERE id = 1').run()],
    ['bound → refused (still bound)', () => insert.run('3', 'CUP-3', 4)],
    ['unbound → bound by an upsert', () => insert.run('4', 'CUP-4', 2)],
    ['the same state again', () => d.prepare('UPDATE stock_listing_skus SET bind_status = bind_status').run()],
    ['a bound SKU deleted', () => d.prepare('DELETE FROM stock_listing_skus WHERE id = 2').run()],
    ['an unbound one deleted', () => d.prepare('DELETE FROM stock_listing_skus WHERE id = 1').run()],
    ['the product deleted (cascade)', () => d.prepare("DELETE FROM stock_listings WHERE product_id = '1005006285123457'").run()],
  ];
}

function seedExit(d: Db): void {
  d.exec(`
    INSERT INTO exit_case (id, store_key, created_at, updated_at, reason, reason_text, readiness, submitted_on, application_no)
      VALUES (1, 'default', '${AT}', '${AT}', 'own', '工厂转做内销', '{"orders":{"answer":"open","note":"还有 3 单在途","at":"${AT}"}}', '2026-09-01', 'TD-1');
    INSERT INTO exit_disposal (case_id, sku, on_hand, on_hand_source, method, quantity, note)
      VALUES (1, 'CUP-RED', 15, 'seller', 'sell_through', 10, NULL), (1, 'CUP-RED', 15, 'seller', 'liquidate', 5, '清仓给本地超市');
    INSERT INTO exit_event (case_id, at, kind, text, text_en) VALUES (1, '${AT}', 'open', '开始退店', 'Exit started');
  `);
}

function seedDeposit(d: Db): void {
  d.exec(`
    INSERT INTO deposit_case (id, store_key, created_at, updated_at, status, deposit_fen, checks)
      VALUES (1, 'default', '${AT}', '${AT}', 'refundable', 1000000, '{"disputes":{"answer":"clear","note":"纠纷都已结案","at":"${AT}"}}');
    INSERT INTO deposit_violation (case_id, description, penalty_fen, created_at) VALUES (1, '虚假发货', 50000, '${AT}');
    INSERT INTO deposit_event (case_id, at, kind, text, text_en) VALUES (1, '${AT}', 'open', '开始申请退保证金', 'Refund case opened');
  `);
}

function seedAuto(d: Db): void {
  d.exec(`
    INSERT INTO auto_runs (id, at, trigger, switch_on, stock_run_id, status) VALUES (1, '${AT}', 'stock', 1, 1, 'done'), (2, '${AT}', 'stock', 1, 1, 'held');
    INSERT INTO auto_decisions (id, run_id, listing_sku_id, at, outcome, sellable, detail) VALUES (1, 1, 1, '${AT}', 'unbind', 0, '{"reason":"stock_out"}');
    INSERT INTO auto_actions (id, decision_id, run_id, listing_sku_id, product_id, sku_id, sc_item_id, kind, state, attempts, next_try_at, created_at, updated_at)
      VALUES (1, 1, 1, 1, '1005006285123457', '12000038291740001', '900001', 'unbind', 'queued', 0, 1788228000000, '${AT}', '${AT}'),
             (2, NULL, 2, 2, '1005006285123457', '12000038291740002', '900002', 'bind', 'held', 0, 1788228000000, '${AT}', '${AT}');
    INSERT INTO auto_pins (listing_sku_id, mode, note, pinned_at) VALUES (2, 'always_bound', '大促主推', '${AT}');
    INSERT INTO auto_stockouts (listing_sku_id, first_seen_at) VALUES (1, '${AT}');
  `);
}

describe('migrations, one at a time', () => {
  it('the list is 1…N without gaps, so "database at N−1" is always a real version', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Array.from({ length: LATEST_VERSION }, (_, i) => i + 1));
    expect(LATEST_VERSION).toBe(24); // a new migration needs its own test below
  });

  it('1 foundation: an empty file gets the audit log and notices; notices default to unread with no body', () => {
    const d = at(0);
    migrateTo(d, 1);
    d.prepare("INSERT INTO notices (at, level, title) VALUES (?, 'warning', '库存同步失败')").run(AT);
    expect(d.prepare('SELECT title, body, read FROM notices').all()).toEqual([{ title: '库存同步失败', body: '', read: 0 }]);
    expect(() => d.prepare("INSERT INTO notices (at, level, title) VALUES (?, 'loud', 'x')").run(AT)).toThrow(/CHECK/);
    // The wipe looks the authorisation up by kind.
    expect(queryPlan(d, "SELECT detail FROM audit_log WHERE kind = 'connect.aliexpress.authorised'")).toContain(
      'USING INDEX audit_log_kind',
    );
  });

  it('2 connectors: keeps the audit log and notices, and the quota window is one index range', () => {
    const d = at(1);
    d.prepare("INSERT INTO audit_log (at, actor, kind, subject, detail) VALUES (?, 'seller', 'settings.set', 'storeName', '{}')").run(AT);
    d.prepare("INSERT INTO notices (at, level, title, read) VALUES (?, 'info', '欢迎使用', 1)").run(AT);
    migrateTo(d, 2);
    expect(d.prepare('SELECT actor, kind, subject FROM audit_log').all()).toEqual([
      { actor: 'seller', kind: 'settings.set', subject: 'storeName' },
    ]);
    expect(d.prepare('SELECT title, read FROM notices').all()).toEqual([{ title: '欢迎使用', read: 1 }]);
    expect(
      queryPlan(d, 'SELECT count(*) AS n FROM tongtool_quota_calls WHERE merchant_id = ? AND at > ? AND at <= ?', 'M1', 0, 1),
    ).toContain('USING COVERING INDEX tongtool_quota_calls_merchant (merchant_id=? AND at>? AND at<?)');
  });

  it('3 stock: keeps connection settings and quota slots; the catalogue lookups use their indexes', () => {
    const d = at(2);
    d.prepare('INSERT INTO connector_settings (key, value, updated_at) VALUES (\'tongtool\', \'{"merchantId":"M1"}\', ?)').run(AT);
    d.prepare("INSERT INTO tongtool_quota_calls (merchant_id, at) VALUES ('M1', 1788228000000)").run();
    migrateTo(d, 3);
    expect(d.prepare('SELECT key, value FROM connector_settings').all()).toEqual([{ key: 'tongtool', value: '{"merchantId":"M1"}' }]);
    expect(d.prepare('SELECT merchant_id, at FROM tongtool_quota_calls').all()).toEqual([{ merchant_id: 'M1', at: 1788228000000 }]);
    seedStock(d); // the new tables take the rows the first stock read writes
    expect(d.prepare('SELECT count(*) FROM stock_listing_skus').pluck().get()).toBe(2);
    expect(queryPlan(d, 'SELECT id FROM stock_listing_skus WHERE seller_sku = ?', 'CUP-RED')).toMatch(
      viaIndex('stock_listing_skus_seller_sku'),
    );
    expect(queryPlan(d, 'SELECT listing_sku_id FROM stock_sku_links WHERE erp_sku = ?', 'CUP-RED')).toMatch(
      viaIndex('stock_sku_links_erp'),
    );
    expect(queryPlan(d, 'SELECT sku FROM stock_erp_skus WHERE category = ?', '杯子')).toMatch(viaIndex('stock_erp_skus_category'));
  });

  it('4 exit: keeps the stock tables whole; a case timeline and plan are read through their case index', () => {
    const d = at(3);
    seedStock(d);
    migrateTo(d, 4);
    expect(d.prepare('SELECT sku, erp_warehouse_id, available, safety FROM stock_levels ORDER BY erp_warehouse_id').all()).toEqual([
      { sku: 'CUP-RED', erp_warehouse_id: 'W1', available: 15, safety: 2 },
      { sku: 'CUP-RED', erp_warehouse_id: 'W2', available: 0, safety: 0 },
    ]);
    expect(d.prepare('SELECT listing_sku_id, erp_sku, method FROM stock_sku_links').all()).toEqual([
      { listing_sku_id: 1, erp_sku: 'CUP-RED', method: 'exact' },
    ]);
    seedExit(d);
    expect(queryPlan(d, 'SELECT id, at, kind, text, text_en FROM exit_event WHERE case_id = ? ORDER BY id', 1)).toMatch(
      viaIndex('exit_event_case'),
    );
    // planRows.ts reads a case's lines in the order they were saved.
    expect(
      queryPlan(d, 'SELECT sku, on_hand, on_hand_source, method, quantity, note FROM exit_disposal WHERE case_id = ? ORDER BY id', 1),
    ).toMatch(viaIndex('exit_disposal_case'));
  });

  it('5 deposit: keeps an exit case (its deposit link has no foreign key, so it stays as it was)', () => {
    const d = at(4);
    seedStock(d);
    seedExit(d);
    d.prepare('UPDATE exit_case SET deposit_case_id = 7').run();
    migrateTo(d, 5);
    expect(d.prepare('SELECT store_key, reason, application_no, deposit_case_id FROM exit_case').all()).toEqual([
      { store_key: 'default', reason: 'own', application_no: 'TD-1', deposit_case_id: 7 },
    ]);
    expect(d.prepare('SELECT sum(quantity) FROM exit_disposal WHERE case_id = 1').pluck().get()).toBe(15);
    seedDeposit(d);
    expect(d.pragma('foreign_key_check')).toEqual([]);
    expect(queryPlan(d, 'SELECT id, at, kind, text, text_en FROM deposit_event WHERE case_id = ? ORDER BY id', 1)).toMatch(
      viaIndex('deposit_event_case'),
    );
    expect(
      queryPlan(d, 'SELECT id, description, penalty_fen, occurred_on FROM deposit_violation WHERE case_id = ? ORDER BY id', 1),
    ).toContain('USING INDEX deposit_violation_case');
  });

  it('6 auto: keeps listing SKUs (pins and actions point at them); held runs and open stock-outs are index lookups', () => {
    const d = at(5);
    seedStock(d);
    seedExit(d);
    seedDeposit(d);
    migrateTo(d, 6);
    expect(d.prepare('SELECT id, seller_sku, bind_status, resolve_status FROM stock_listing_skus ORDER BY id').all()).toEqual([
      { id: 1, seller_sku: 'CUP-RED', bind_status: 2, resolve_status: 'exact' },
      { id: 2, seller_sku: 'CUP-BLUE', bind_status: 4, resolve_status: 'unresolved' },
    ]);
    expect(d.prepare('SELECT status, deposit_fen FROM deposit_case').get()).toEqual({ status: 'refundable', deposit_fen: 1000000 });
    seedAuto(d);
    expect(d.pragma('foreign_key_check')).toEqual([]);
    // A second open stock-out episode for the same SKU is refused; a closed one is not.
    expect(() => d.prepare('INSERT INTO auto_stockouts (listing_sku_id, first_seen_at) VALUES (1, ?)').run(AT)).toThrow(/UNIQUE/);
    expect(queryPlan(d, "SELECT * FROM auto_runs WHERE status = 'held' ORDER BY id")).toContain('USING INDEX auto_runs_status');
    expect(queryPlan(d, 'SELECT listing_sku_id FROM auto_stockouts WHERE ended_at IS NULL')).toContain('auto_stockouts_open');
    expect(queryPlan(d, 'SELECT id FROM auto_actions WHERE listing_sku_id = ? ORDER BY id', 1)).toMatch(viaIndex('auto_actions_sku'));
  });

  it('7 notices in English: old notices keep their Chinese text and read flag, with empty English', () => {
    const d = at(6);
    d.exec(`
      INSERT INTO notices (id, at, level, title, body, read) VALUES
        (1, '${AT}', 'error', '库存同步失败', '通途接口连续 3 次超时', 0),
        (2, '${AT}', 'success', '已解绑 12 个SKU', '', 1);
    `);
    migrateTo(d, 7);
    expect(d.prepare('SELECT id, level, title, body, read, title_en, body_en FROM notices ORDER BY id').all()).toEqual([
      { id: 1, level: 'error', title: '库存同步失败', body: '通途接口连续 3 次超时', read: 0, title_en: '', body_en: '' },
      { id: 2, level: 'success', title: '已解绑 12 个SKU', body: '', read: 1, title_en: '', body_en: '' },
    ]);
    // A notice written by this version needs no English to be stored.
    d.prepare("INSERT INTO notices (at, level, title) VALUES (?, 'info', '只有中文')").run(AT);
    expect(d.prepare("SELECT title_en FROM notices WHERE title = '只有中文'").pluck().get()).toBe('');
  });

  it('8 listing wire: old listing SKUs keep bind status, links, pins and actions; SKU status is empty, no refuse reason', () => {
    const d = at(7);
    seedStock(d);
    seedAuto(d);
    migrateTo(d, 8);
    expect(
      d
        .prepare('SELECT id, seller_sku, bind_status, sc_item_id, sku_status, unbind_refuse_reason FROM stock_listing_skus ORDER BY id')
        .all(),
    ).toEqual([
      { id: 1, seller_sku: 'CUP-RED', bind_status: 2, sc_item_id: '900001', sku_status: '', unbind_refuse_reason: null },
      // Refused (4) before migration 8: the reason was never kept, so none is made up.
      { id: 2, seller_sku: 'CUP-BLUE', bind_status: 4, sc_item_id: '900002', sku_status: '', unbind_refuse_reason: null },
    ]);
    expect(d.prepare('SELECT listing_sku_id, erp_sku FROM stock_sku_links').all()).toEqual([{ listing_sku_id: 1, erp_sku: 'CUP-RED' }]);
    expect(d.prepare('SELECT listing_sku_id, mode FROM auto_pins').all()).toEqual([{ listing_sku_id: 2, mode: 'always_bound' }]);
    expect(d.prepare('SELECT count(*) FROM auto_actions').pluck().get()).toBe(2);
    expect(d.pragma('foreign_key_check')).toEqual([]);
  });

  it('9 auto lanes: queued actions survive, and the sender finds a due unbind through the new lane index', () => {
    const d = at(8);
    seedStock(d);
    seedAuto(d);
    // A restock wave: many queued binds ahead of one unbind.
    const ins = d.prepare(
      "INSERT INTO auto_actions (listing_sku_id, product_id, sku_id, sc_item_id, kind, state, next_try_at, created_at, updated_at) VALUES (?, 'P', ?, 'S', 'bind', 'queued', 1788228000000, ?, ?)",
    );
    for (let i = 0; i < 200; i++) ins.run(1000 + i, String(i), AT, AT);
    // The sender's query (sender.ts, urgentArrived), as it is written there.
    const urgent = `SELECT a.id FROM auto_actions a WHERE a.kind = 'unbind' AND a.state IN ('queued','sent') AND a.next_try_at <= ?
           AND NOT EXISTS (SELECT 1 FROM auto_actions b WHERE b.listing_sku_id = a.listing_sku_id AND b.id < a.id
                           AND b.state IN ('held','queued','sent','review'))
         LIMIT 20`;
    expect(queryPlan(d, urgent, 1788228000000)).not.toContain('auto_actions_lane');
    migrateTo(d, 9);
    expect(indexes(d, 'auto_actions')).toContain('auto_actions_lane');
    expect(d.prepare("SELECT count(*) FROM auto_actions WHERE state = 'queued'").pluck().get()).toBe(201);
    expect(d.prepare('SELECT id, kind, state FROM auto_actions WHERE id <= 2 ORDER BY id').all()).toEqual([
      { id: 1, kind: 'unbind', state: 'queued' },
      { id: 2, kind: 'bind', state: 'held' },
    ]);
    d.exec('ANALYZE');
    expect(queryPlan(d, urgent, 1788228000000).split('\n')[0]).toMatch(
      /SEARCH a USING INDEX auto_actions_lane \(kind=\? AND state=\? AND next_try_at<\?\)/,
    );
    expect(d.prepare(urgent).pluck().all(1788228000000)).toEqual([1]);
  });

  it('10 auto history: decisions survive; history starts empty (no rate is guessed) and is read by time', () => {
    const d = at(9);
    seedStock(d);
    seedAuto(d);
    migrateTo(d, 10);
    expect(d.prepare('SELECT id, run_id, outcome, sellable FROM auto_decisions').all()).toEqual([
      { id: 1, run_id: 1, outcome: 'unbind', sellable: 0 },
    ]);
    expect(columns(d, 'auto_stock_history')).toEqual(['listing_sku_id', 'at', 'sellable']);
    const now = 1788228000000;
    expect(d.prepare('SELECT count(*) FROM auto_stock_history').pluck().get()).toBe(0);
    expect(queryPlan(d, 'DELETE FROM auto_stock_history WHERE at < ?', now)).toMatch(viaIndex('auto_stock_history_at'));
    expect(queryPlan(d, 'SELECT sellable FROM auto_stock_history WHERE listing_sku_id = ? AND at >= ?', 1, now)).toContain(
      'USING INDEX auto_stock_history_sku (listing_sku_id=? AND at>?)',
    );
    // The rates read from it are checked at migration 14, whose table salesRates also reads.
  });

  it('11 prerequisites: answers kept in a deposit or exit case before the shared table still count', async () => {
    const dataDir = tempDir('desk-m11-');
    try {
      const d = databaseAt(10, join(dataDir, 'desk.sqlite'));
      seedStock(d);
      seedExit(d);
      seedDeposit(d);
      d.close();
      const m = databaseAt(10);
      migrateTo(m, 11);
      expect(m.prepare('SELECT count(*) FROM store_prerequisites').pluck().get()).toBe(0);
      expect(() =>
        m.prepare("INSERT INTO store_prerequisites (key, answer, answered_at, answered_in) VALUES ('refunds', 'clear', ?, 'exit')").run(AT),
      ).toThrow(/CHECK/);
      m.close();

      await withApp(
        async (app) => {
          expect(app.db.prepare('SELECT checks FROM deposit_case').pluck().get()).toContain('纠纷都已结案');
          const deposit = (await call(app, 'deposit.get', {})).case!;
          expect(deposit.checks.find((c) => c.key === 'disputes')).toMatchObject({
            answer: 'clear',
            source: 'seller',
            note: '纠纷都已结案',
          });
          const exit = (await call(app, 'exit.get', {})).case!;
          expect(exit.prepare.readiness.find((r) => r.key === 'orders')).toMatchObject({ source: 'seller' });
          expect(JSON.stringify(exit.prepare.readiness.find((r) => r.key === 'orders'))).toContain('还有 3 单在途');
        },
        { dataDir },
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('12 exit plan drafts: a plan saved as lines before drafts existed is still the plan, complete, with no drafts', async () => {
    const dataDir = tempDir('desk-m12-');
    try {
      const d = databaseAt(11, join(dataDir, 'desk.sqlite'));
      seedExit(d);
      d.close();
      const m = databaseAt(11);
      seedExit(m);
      migrateTo(m, 12);
      expect(m.prepare('SELECT method, quantity FROM exit_disposal ORDER BY id').all()).toEqual([
        { method: 'sell_through', quantity: 10 },
        { method: 'liquidate', quantity: 5 },
      ]);
      expect(m.prepare('SELECT count(*) FROM exit_disposal_draft').pluck().get()).toBe(0);
      // Drafts are read per case through their primary key.
      expect(queryPlan(m, 'SELECT sku, on_hand_text, cells, note FROM exit_disposal_draft WHERE case_id = ?', 1)).toContain(
        'USING INDEX sqlite_autoindex_exit_disposal_draft_1 (case_id=?)',
      );
      m.close();

      await withApp(
        async (app) => {
          const v = (await call(app, 'exit.get', {})).case!;
          expect(v.procedures.disposal).toEqual([
            {
              sku: 'CUP-RED',
              onHand: 15,
              onHandSource: 'seller',
              lines: [
                { method: 'sell_through', quantity: 10, note: null },
                { method: 'liquidate', quantity: 5, note: '清仓给本地超市' },
              ],
              planned: 15,
            },
          ]);
          expect(v.procedures.disposalComplete).toBe(true);
          expect(v.procedures.disposalCounts).toMatchObject({ ok: 1 });
        },
        { dataDir },
      );
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
  it('13 stock counting: old stock rows have no in-transit figure (unknown, not 0); store warehouses count available only, 100%', () => {
    const d = at(12);
    seedStock(d);
    migrateTo(d, 13);
    expect(
      d.prepare('SELECT sku, erp_warehouse_id, available, safety, in_transit FROM stock_levels ORDER BY erp_warehouse_id').all(),
    ).toEqual([
      { sku: 'CUP-RED', erp_warehouse_id: 'W1', available: 15, safety: 2, in_transit: null },
      { sku: 'CUP-RED', erp_warehouse_id: 'W2', available: 0, safety: 0, in_transit: null },
    ]);
    expect(d.prepare('SELECT id, name, erp_warehouse_id, count_in_transit, sync_percent FROM stock_store_warehouses').all()).toEqual([
      { id: 1, name: '义乌仓', erp_warehouse_id: 'W1', count_in_transit: 0, sync_percent: 100 },
    ]);
    // The settings stay in range whatever writes them.
    expect(() => d.prepare('UPDATE stock_store_warehouses SET sync_percent = 0 WHERE id = 1').run()).toThrow(/CHECK/);
    expect(() => d.prepare('UPDATE stock_store_warehouses SET count_in_transit = 2 WHERE id = 1').run()).toThrow(/CHECK/);
  });

  it('14 stock sales: starts empty (no sale is guessed); rates take the larger of the history and the change feed, pruned by time', () => {
    const d = at(13);
    seedStock(d);
    seedAuto(d);
    migrateTo(d, 14);
    expect(d.prepare('SELECT count(*) FROM stock_sales').pluck().get()).toBe(0);
    expect(d.prepare('SELECT count(*) FROM stock_change_seen').pluck().get()).toBe(0);
    const now = 1788228000000;
    expect(salesRates(d, now).size).toBe(0);
    expect(queryPlan(d, 'DELETE FROM stock_sales WHERE at < ?', now)).toMatch(viaIndex('stock_sales_at'));
    // The history says 6 sold over an hour (net figures: a restock inside a window hides sales)...
    const ins = d.prepare('INSERT INTO auto_stock_history (listing_sku_id, at, sellable) VALUES (?, ?, ?)');
    ins.run(1, now - 60 * 60_000, 10);
    ins.run(1, now - 30 * 60_000, 7);
    ins.run(1, now - 1 * 60_000, 4);
    expect(salesRates(d, now).get(1)).toBeCloseTo(6 / 60, 5);
    // ...the change feed saw 12 leave the linked warehouse over the same hour: the larger counts.
    d.prepare('INSERT INTO stock_sales (sku, erp_warehouse_id, at, sold) VALUES (?, ?, ?, ?)').run('CUP-RED', 'W1', now - 60 * 60_000, 12);
    // A sale in a warehouse the listing is not linked to is not its sale.
    d.prepare('INSERT INTO stock_sales (sku, erp_warehouse_id, at, sold) VALUES (?, ?, ?, ?)').run('CUP-RED', 'W2', now - 60 * 60_000, 100);
    expect(salesRates(d, now).get(1)).toBeCloseTo(12 / 60, 5);
  });
  it('15 listing looks: stored listings keep their SKUs, links and bind states; variation and image are empty until read again', () => {
    const d = at(14);
    seedStock(d);
    migrateTo(d, 15);
    expect(d.prepare('SELECT product_id, title, image_url FROM stock_listings').all()).toEqual([
      { product_id: '1005006285123457', title: '红色马克杯 350ml', image_url: null },
    ]);
    expect(d.prepare('SELECT id, sku_id, seller_sku, bind_status, variation FROM stock_listing_skus ORDER BY id').all()).toEqual([
      { id: 1, sku_id: '12000038291740001', seller_sku: 'CUP-RED', bind_status: 2, variation: null },
      { id: 2, sku_id: '12000038291740002', seller_sku: 'CUP-BLUE', bind_status: 4, variation: null },
    ]);
    expect(d.prepare('SELECT listing_sku_id, erp_sku FROM stock_sku_links').all()).toEqual([{ listing_sku_id: 1, erp_sku: 'CUP-RED' }]);
  });
  it('16 change marks: an upgraded store decides everything once; then a figure, an in-transit figure or a counting setting marks what it touches', () => {
    const d = at(15);
    seedStock(d);
    seedAuto(d);
    migrateTo(d, 16);
    const marks = () => d.prepare('SELECT listing_sku_id FROM auto_changed ORDER BY listing_sku_id').pluck().all();
    // 0 stands for every listing SKU: the first pass after the upgrade is a full one.
    expect(marks()).toEqual([0]);
    expect(d.prepare('SELECT count(*) FROM auto_sku_state').pluck().get()).toBe(0);
    d.exec('DELETE FROM auto_changed');
    // CUP-RED is linked to listing SKU 1 only.
    d.prepare("UPDATE stock_levels SET available = 0 WHERE sku = 'CUP-RED' AND erp_warehouse_id = 'W1'").run();
    expect(marks()).toEqual([1]);
    d.exec('DELETE FROM auto_changed');
    d.prepare("UPDATE stock_levels SET available = 0 WHERE sku = 'CUP-RED' AND erp_warehouse_id = 'W1'").run();
    expect(marks()).toEqual([]); // the same figure again moves nothing
    d.prepare("UPDATE stock_levels SET in_transit = 40 WHERE sku = 'CUP-RED' AND erp_warehouse_id = 'W1'").run();
    expect(marks()).toEqual([1]);
    d.exec('DELETE FROM auto_changed');
    d.prepare('UPDATE stock_store_warehouses SET sync_percent = 50 WHERE id = 1').run();
    expect(marks()).toEqual([0]);
  });

  it('17 notices key: old notices keep their text and read flag; those told once a while get the key their title stood for', () => {
    const d = at(16);
    d.exec(`
      INSERT INTO notices (id, at, level, title, body, read, title_en, body_en) VALUES
        (1, '${AT}', 'warning', '超卖风险每日小结', '有 2 个线上SKU可能超卖。', 1, 'Daily oversell-risk summary: refused 2', ''),
        (2, '${AT}', 'warning', '速卖通授权即将过期', '', 0, 'AliExpress authorisation expires soon', ''),
        (3, '${AT}', 'error', '自动绑定/解绑暂停：需要重新授权', '授权已失效', 0, '', ''),
        (4, '${AT}', 'warning', '解绑审核超时：CUP-RED', '', 0, 'Unbind review overdue: CUP-RED', ''),
        (5, '${AT}', 'error', '库存读取持续失败', '', 0, '', ''),
        (6, '${AT}', 'success', '已解绑 12 个SKU', '', 1, 'Unbound 12 SKUs', '');
    `);
    migrateTo(d, 17);
    expect(d.prepare('SELECT id, title, read, key FROM notices ORDER BY id').all()).toEqual([
      { id: 1, title: '超卖风险每日小结', read: 1, key: 'auto.dailyRisk' },
      { id: 2, title: '速卖通授权即将过期', read: 0, key: 'auto.tokenExpiring' },
      { id: 3, title: '自动绑定/解绑暂停：需要重新授权', read: 0, key: 'auto.authPaused' },
      { id: 4, title: '解绑审核超时：CUP-RED', read: 0, key: 'auto.reviewStuck:CUP-RED' },
      { id: 5, title: '库存读取持续失败', read: 0, key: 'stock.sourceFailing' },
      // Never looked up before: no key is made up.
      { id: 6, title: '已解绑 12 个SKU', read: 1, key: null },
    ]);
    expect(d.prepare('SELECT body, title_en FROM notices WHERE id = 1').get()).toEqual({
      body: '有 2 个线上SKU可能超卖。',
      title_en: 'Daily oversell-risk summary: refused 2',
    });
    expect(indexes(d, 'notices')).toContain('notices_key');
    expect(queryPlan(d, 'SELECT 1 FROM notices WHERE key = ? AND at > ?', 'auto.dailyRisk', AT)).toMatch(viaIndex('notices_key'));
  });

  it('18 stock bulk marks: figures and marks survive; a write marks through the triggers, unless a bulk write marks itself', () => {
    const d = at(17);
    seedStock(d);
    seedAuto(d);
    d.exec('DELETE FROM auto_changed');
    d.exec('INSERT INTO auto_changed (listing_sku_id) VALUES (2)'); // a mark a pass has not read yet
    migrateTo(d, 18);
    expect(d.prepare('SELECT sku, erp_warehouse_id, available, safety, stale FROM stock_levels ORDER BY erp_warehouse_id').all()).toEqual([
      { sku: 'CUP-RED', erp_warehouse_id: 'W1', available: 15, safety: 2, stale: 0 },
      { sku: 'CUP-RED', erp_warehouse_id: 'W2', available: 0, safety: 0, stale: 0 },
    ]);
    const marks = () => d.prepare('SELECT listing_sku_id FROM auto_changed ORDER BY listing_sku_id').pluck().all();
    expect(marks()).toEqual([2]);
    expect(d.prepare('SELECT count(*) FROM auto_changed_quiet').pluck().get()).toBe(0);
    // Any write outside a bulk stock write marks as migration 16 did: CUP-RED is linked to listing SKU 1.
    d.prepare("UPDATE stock_levels SET available = 3 WHERE sku = 'CUP-RED' AND erp_warehouse_id = 'W1'").run();
    expect(marks()).toEqual([1, 2]);
    d.prepare("UPDATE stock_levels SET available = 3 WHERE sku = 'CUP-RED' AND erp_warehouse_id = 'W1'").run();
    d.prepare("UPDATE stock_levels SET stale = 1 WHERE sku = 'CUP-RED' AND erp_warehouse_id = 'W2'").run();
    d.exec('DELETE FROM auto_changed');
    d.prepare(
      "INSERT INTO stock_levels (sku, erp_warehouse_id, available, safety, seen_at, run_id, changed_at) VALUES ('CUP-RED', 'W3', 1, 0, ?, 1, ?)",
    ).run(AT, AT);
    expect(marks()).toEqual([1]);
    // Inside a bulk write the triggers stand aside (it marks what it moved itself, in one statement).
    d.exec('DELETE FROM auto_changed');
    d.transaction(() => {
      d.exec('INSERT INTO auto_changed_quiet (id) VALUES (1)');
      d.prepare("UPDATE stock_levels SET available = 9 WHERE sku = 'CUP-RED'").run();
      d.exec('DELETE FROM auto_changed_quiet');
    })();
    expect(marks()).toEqual([]);
    expect(() => d.exec('INSERT INTO auto_changed_quiet (id) VALUES (2)')).toThrow(/CHECK/);
    // The bulk write's marks find the linked listing SKUs through the link index.
    expect(
      queryPlan(d, 'SELECT k.listing_sku_id FROM stock_levels m JOIN stock_sku_links k ON k.erp_sku = m.sku WHERE m.run_id = ?', 1),
    ).toMatch(viaIndex('stock_sku_links_erp'));
  });

  it('19 SKU state: the last recorded figure moves beside the last reason, the reason counts follow every change, pruning history marks nothing', () => {
    const d = at(18);
    seedStock(d);
    d.exec(`
      DELETE FROM auto_changed;
      INSERT INTO auto_sku_state (listing_sku_id, reason) VALUES (1, 'already_bound'), (2, 'already_bound');
      INSERT INTO auto_stock_history (listing_sku_id, at, sellable) VALUES (1, 100, 5), (1, 50, 3), (3, 100, 7);
    `);
    migrateTo(d, 19);
    expect(columns(d, 'auto_sku_state')).toContain('sellable');
    // The last one written (rowid order), not the latest time; a SKU with history and no reason gets a placeholder…
    expect(d.prepare('SELECT listing_sku_id, reason, sellable FROM auto_sku_state ORDER BY 1').all()).toEqual([
      { listing_sku_id: 1, reason: 'already_bound', sellable: 3 },
      { listing_sku_id: 2, reason: 'already_bound', sellable: null },
      { listing_sku_id: 3, reason: '', sellable: 7 },
    ]);
    // …and the first pass after the upgrade is a full one, which replaces it.
    const marks = () => d.prepare('SELECT listing_sku_id FROM auto_changed ORDER BY listing_sku_id').pluck().all();
    expect(marks()).toEqual([0]);
    const counts = () =>
      Object.fromEntries(d.prepare('SELECT reason, n FROM auto_reason_counts WHERE n > 0').raw().all() as [string, number][]);
    expect(counts()).toEqual({ already_bound: 2, '': 1 });
    d.exec(`
      INSERT INTO auto_sku_state (listing_sku_id, reason) VALUES (4, 'stock_out')
        ON CONFLICT(listing_sku_id) DO UPDATE SET reason = excluded.reason;
      INSERT INTO auto_sku_state (listing_sku_id, reason, sellable) VALUES (1, 'stock_out', 0), (3, 'already_bound', 7)
        ON CONFLICT(listing_sku_id) DO UPDATE SET reason = excluded.reason, sellable = excluded.sellable;
      UPDATE auto_sku_state SET sellable = 9 WHERE listing_sku_id = 2;
    `);
    expect(counts()).toEqual({ already_bound: 2, stock_out: 2 });
    d.exec('DELETE FROM auto_sku_state WHERE listing_sku_id = 4');
    expect(counts()).toEqual({ already_bound: 2, stock_out: 1 });
    expect(counts()).toEqual(
      Object.fromEntries(d.prepare('SELECT reason, count(*) FROM auto_sku_state GROUP BY reason').raw().all() as [string, number][]),
    );
    d.exec('DELETE FROM auto_changed; DELETE FROM auto_stock_history');
    expect(marks()).toEqual([]);
  });

  it('20 stock seen: stored figures keep their own sighting; a full read noted per warehouse is the later one for fresh figures only', () => {
    const d = at(19);
    seedStock(d);
    d.exec(`UPDATE stock_levels SET stale = 1 WHERE erp_warehouse_id = 'W2'`);
    migrateTo(d, 20);
    const seen = () =>
      d.prepare(`SELECT erp_warehouse_id AS w, ${seenAtOf('l')} AS seenAt, ${seenByOf('l')} AS runId FROM stock_levels l ORDER BY 1`).all();
    // Nothing noted yet: every figure's own seen_at and run.
    expect(d.prepare('SELECT count(*) FROM stock_levels_seen').pluck().get()).toBe(0);
    expect(seen()).toEqual([
      { w: 'W1', seenAt: AT, runId: 1 },
      { w: 'W2', seenAt: AT, runId: 1 },
    ]);
    // A later full read of both warehouses: the fresh figure was seen by it, the stale one was not.
    const later = '2026-09-01T03:00:00.000Z';
    d.prepare("INSERT INTO stock_levels_seen (erp_warehouse_id, run_id, seen_at) VALUES ('W1', 2, ?), ('W2', 2, ?)").run(later, later);
    expect(seen()).toEqual([
      { w: 'W1', seenAt: later, runId: 2 },
      { w: 'W2', seenAt: AT, runId: 1 },
    ]);
    // The figure's own sighting wins when it is the later one (an incremental read after the full read).
    d.prepare("UPDATE stock_levels SET seen_at = '2026-09-01T04:00:00.000Z', run_id = 3 WHERE erp_warehouse_id = 'W1'").run();
    expect(seen()[0]).toEqual({ w: 'W1', seenAt: '2026-09-01T04:00:00.000Z', runId: 3 });
  });

  it('21 bound count: the bound listing SKUs are counted as they were, and every insert, bind change and delete keeps the count; the reason index is gone', () => {
    const d = at(19);
    seedStock(d);
    expect(indexes(d, 'auto_sku_state')).toContain('auto_sku_state_reason');
    migrateTo(d, 21);
    expect(indexes(d, 'auto_sku_state')).not.toContain('auto_sku_state_reason');
    const kept = () => d.prepare('SELECT n FROM auto_bound_count').pluck().get();
    const counted = () => d.prepare('SELECT count(*) FROM stock_listing_skus WHERE bind_status IN (2, 4)').pluck().get();
    // Listing SKU 1 is bound (2), 2 has its unbind refused (4): both bound now.
    expect(kept()).toBe(2);
    const steps = bindStateChanges(d);
    for (const [what, step] of steps) {
      step();
      expect(kept(), what).toBe(counted());
    }
    expect(kept()).toBe(0);
  });
  it('22 risk kinds: existing states wait for a full pass (a mark for everything, kinds not worked out); each stored kind is counted through every insert, change and delete', () => {
    const d = at(21);
    seedStock(d);
    d.exec("INSERT INTO auto_sku_state (listing_sku_id, reason, sellable) VALUES (1, 'already_bound', 13), (2, 'unmapped', NULL)");
    migrateTo(d, 22);
    // Not worked out yet, and the next pass is a full one.
    expect(d.prepare('SELECT count(*) FROM auto_sku_state WHERE risk IS NULL').pluck().get()).toBe(2);
    expect(d.prepare('SELECT listing_sku_id FROM auto_changed').pluck().all()).toContain(0);
    const kept = () => Object.fromEntries(d.prepare('SELECT kind, n FROM auto_risk_counts WHERE n != 0').raw().all() as [string, number][]);
    const counted = () =>
      Object.fromEntries(
        d.prepare("SELECT risk, count(*) FROM auto_sku_state WHERE risk != '' GROUP BY risk").raw().all() as [string, number][],
      );
    const upsert = d.prepare(
      'INSERT INTO auto_sku_state (listing_sku_id, reason, risk) VALUES (?, ?, ?) ON CONFLICT(listing_sku_id) DO UPDATE SET risk = excluded.risk',
    );
    const steps: [string, () => void][] = [
      ['worked out: none and unmapped', () => (upsert.run(1, 'already_bound', ''), upsert.run(2, 'unmapped', 'unmapped'))],
      ['none → zero', () => upsert.run(1, 'already_bound', 'zero')],
      ['the same kind again', () => d.prepare('UPDATE auto_sku_state SET risk = risk').run()],
      ['zero → stale', () => upsert.run(1, 'already_bound', 'stale')],
      [
        'a SKU never decided, at risk',
        () => (
          d.exec(
            `INSERT INTO stock_listing_skus (id, product_id, sku_id, seller_sku, bind_status, seen_at) VALUES (3, '1005006285123457', '3', 'CUP-3', 2, '${AT}')`,
          ),
          upsert.run(3, 'stock_out', 'zero')
        ),
      ],
      ['stale → none', () => upsert.run(1, 'already_bound', '')],
      ['a listing SKU deleted (its state goes with it)', () => d.prepare('DELETE FROM stock_listing_skus WHERE id = 2').run()],
    ];
    for (const [what, step] of steps) {
      step();
      expect(kept(), what).toEqual(counted());
    }
    expect(kept()).toEqual({ zero: 1 });
  });
  it('23 bind counts: the listing SKUs by bind state are counted as they were, and every insert, bind change and delete keeps the counts', () => {
    const d = at(22);
    seedStock(d);
    migrateTo(d, 23);
    const kept = () =>
      Object.fromEntries(d.prepare('SELECT bind_status, n FROM auto_bind_counts WHERE n != 0').raw().all() as [number, number][]);
    const counted = () =>
      Object.fromEntries(
        d.prepare('SELECT bind_status, count(*) FROM stock_listing_skus GROUP BY bind_status').raw().all() as [number, number][],
      );
    // Listing SKU 1 is bound (2), 2 has its unbind refused (4).
    expect(kept()).toEqual({ 2: 1, 4: 1 });
    const steps = bindStateChanges(d);
    for (const [what, step] of steps) {
      step();
      expect(kept(), what).toEqual(counted());
    }
    expect(kept()).toEqual({});
  });

  it('24 estimated dates: a stored review due date and arrival window stay exact (they were), and the mark takes only 0 or 1', () => {
    const d = at(23);
    seedExit(d);
    seedDeposit(d);
    d.exec(`UPDATE exit_case SET review_due = '2026-09-04', review_outcome = 'pending';
      UPDATE deposit_case SET review_outcome = 'approved', decided_on = '2026-09-30', window_from = '2026-10-10', window_to = '2026-10-13';`);
    migrateTo(d, 24);
    expect(d.prepare('SELECT review_due, review_due_estimated FROM exit_case').get()).toEqual({
      review_due: '2026-09-04',
      review_due_estimated: 0,
    });
    expect(d.prepare('SELECT window_from, window_to, window_estimated FROM deposit_case').get()).toEqual({
      window_from: '2026-10-10',
      window_to: '2026-10-13',
      window_estimated: 0,
    });
    expect(() => d.prepare('UPDATE exit_case SET review_due_estimated = 2').run()).toThrow(/CHECK/);
    expect(() => d.prepare('UPDATE deposit_case SET window_estimated = NULL').run()).toThrow(/NOT NULL/);
  });
});
