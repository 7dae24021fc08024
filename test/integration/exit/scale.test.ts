/**
 * The exit at a real store's size, on the demo store with 1,000 SKUs: the disposal plan filled with
 * two bulk choices and one Excel round trip (full-width digits read, a negative refused at its
 * row, a bad row kept as a draft while the rest is saved), a stock change marking only its row;
 * then "unbind all for the exit" through the auto engine's outbox, 确认退店成功 refused while any
 * SKU is bound and accepted after, the switch off, and the wipe leaving no connection behind.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createApp, type App } from '../../../src-main/core/app';
import { ManualClock } from '../../../src-main/core/platform/clock';
import { connectors } from '../../../src-main/core/connectors/service';
import { autoService } from '../../../src-main/core/auto/service';
import { tempDir } from '../../helpers/tempApp';
import { call, refused } from '../../helpers/channels';
import { answerNone } from './seed';

const MIN = 60_000;

describe('exit at 1,000 SKUs on the demo store', () => {
  const dataDir = tempDir('exit-scale-');
  // Monday 2026-09-28, 10:00 in Beijing.
  const clock = new ManualClock(Date.UTC(2026, 8, 28, 2));
  const app: App = createApp({ dataDir, host: 'cli', clock });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('fills the plan with two bulk choices and one Excel round trip, row by row', { timeout: 120_000 }, async () => {
    await call(app, 'connect.useDemo', { size: 1000, reviewMode: 'instant' });
    expect((await call(app, 'auto.run', { sync: true, send: false })).stockRun?.status).toBe('ok');
    await call(app, 'sku.listings.refresh', {});
    await call(app, 'exit.open', {});

    const first = await call(app, 'exit.disposalRows', { page: 1, pageSize: 50 });
    expect(first.fromApp).toBe(true);
    const total = first.total;
    expect(total).toBeGreaterThan(500);
    expect(first.rows).toHaveLength(50);
    expect(first.counts.unplanned).toBe(total);
    expect(first.warehouses.length).toBeGreaterThan(0);

    // Bulk 1: everything in one warehouse goes back to the factory.
    const wh = first.warehouses[0]!;
    const t0 = Date.now();
    const b1 = await call(app, 'exit.bulkDisposal', { method: 'return_factory', scope: { kind: 'warehouse', value: wh } });
    expect(b1.saved).toBeGreaterThan(0);
    // Bulk 2: whatever is left of every SKU is sold through.
    await call(app, 'exit.bulkDisposal', { method: 'sell_through', scope: { kind: 'remaining' } });
    const bulkMs = Date.now() - t0;
    const afterBulk = await call(app, 'exit.disposalRows', { page: 1, pageSize: 1, filter: 'open' });
    expect(afterBulk.counts.ok).toBe(total);
    expect(afterBulk.total).toBe(0);
    // A SKU held in that warehouse and another: its units are split between the two choices.
    const split = (await call(app, 'exit.disposalRows', { page: 1, pageSize: 500 })).rows.find(
      (r) => r.warehouses.length > 1 && r.warehouses.some((w) => w.name === wh),
    );
    if (split) {
      const inWh = split.warehouses.find((w) => w.name === wh)!.quantity;
      expect(Number(split.cells.return_factory)).toBe(inWh);
      expect(Number(split.cells.sell_through)).toBe(split.onHand! - inWh);
    }

    // The Excel round trip: three rows changed in the spreadsheet, one of them wrongly.
    const x = await call(app, 'exit.exportPlan', {});
    expect(x.rows).toBe(total);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.contentBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const head = (ws.getRow(1).values as string[]).slice(1);
    const col = (h: string) => head.indexOf(h) + 1;
    const rowsWithStock: { line: number; sku: string; onHand: number }[] = [];
    ws.eachRow((r, line) => {
      if (line > 1 && Number(r.getCell(col('现有库存')).value) >= 3)
        rowsWithStock.push({ line, sku: String(r.getCell(1).value), onHand: Number(r.getCell(col('现有库存')).value) });
    });
    const [a, b, c] = rowsWithStock;
    if (!a || !b || !c) throw new Error('the catalogue needs three SKUs with stock');
    const fullWidth = (n: number) => String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const set = (line: number, cells: Record<string, string | number>) => {
      for (const h of ['继续销售至售罄', '退回工厂', '清仓处理', '其他'])
        ws.getRow(line).getCell(col(h)).value = (cells[h] ?? '') as string;
    };
    set(a.line, { 清仓处理: fullWidth(a.onHand) }); // full-width digits, all liquidated
    set(b.line, { 继续销售至售罄: 1, 其他: b.onHand - 1 });
    set(c.line, { 清仓处理: '-3', 继续销售至售罄: c.onHand }); // a negative: refused at its row
    const edited = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const imp = await call(app, 'exit.importPlan', { contentBase64: edited });
    expect(imp.saved).toBe(total);
    expect(imp.ok).toBe(total - 1);
    expect(imp.problems).toHaveLength(1);
    expect(imp.problems[0]).toMatchObject({ sku: c.sku, line: c.line });
    expect(imp.problems[0]!.errors[0]!.zh).toContain('不能是负数');
    expect(imp.problems[0]!.errors[0]!.zh).toContain('-3');

    const rowOf = async (sku: string) =>
      (await call(app, 'exit.disposalRows', { page: 1, pageSize: 5, search: sku })).rows.find((r) => r.sku === sku)!;
    expect((await rowOf(a.sku)).cells.liquidate).toBe(String(a.onHand));
    expect((await rowOf(a.sku)).state).toBe('ok');
    expect((await rowOf(b.sku)).cells).toMatchObject({ sell_through: '1', other: String(b.onHand - 1) });
    // The bad row keeps what was typed (not 0) and says why; the plan is not complete with it.
    const bad = await rowOf(c.sku);
    expect(bad).toMatchObject({ state: 'draft', cells: { liquidate: '-3', sell_through: String(c.onHand) } });
    let v = (await call(app, 'exit.get', {})).case!;
    expect(v.procedures.disposalComplete).toBe(false);
    expect(v.procedures.disposalCounts.draft).toBe(1);

    // Typed again in the window: a half-typed row is saved as a draft, the finished one completes the plan.
    const half = await call(app, 'exit.saveDisposalRows', { rows: [{ sku: c.sku, cells: { liquidate: '1' } }] });
    expect(half.problems[0]!.errors[0]!.zh).toContain(`少了 ${c.onHand - 1} 件`);
    await call(app, 'exit.saveDisposalRows', { rows: [{ sku: c.sku, cells: { liquidate: '１', sell_through: fullWidth(c.onHand - 1) } }] });
    v = (await call(app, 'exit.get', {})).case!;
    expect(v.procedures.disposalComplete).toBe(true);
    expect(v.procedures.disposalCounts).toMatchObject({ ok: total, draft: 0, unplanned: 0, changed: 0 });
    console.log(`exit plan: ${total} SKUs, two bulk choices in ${bulkMs} ms`);

    // Stock moves for one SKU: only that row is marked, the others stay done.
    const demo = await connectors(app).demo();
    const target = (await rowOf(a.sku)).warehouses[0]!;
    const whId = demo.catalogue.erpWarehouses.find((w) => w.name === target.name || w.id === target.name)!.id;
    clock.advance(10 * MIN);
    demo.tongtool.sim.setStock(a.sku, whId, target.quantity + 5, 0);
    clock.advance(MIN);
    expect((await call(app, 'auto.run', { sync: true, send: false })).stockRun?.status).toBe('ok');
    const moved = await call(app, 'exit.disposalRows', { page: 1, pageSize: 10, filter: 'open' });
    expect(moved.rows.map((r) => r.sku)).toEqual([a.sku]);
    expect(moved.rows[0]!.state).toBe('changed');
    expect(moved.rows[0]!.errors[0]!.zh).toContain(`库存从 ${a.onHand} 件变为 ${a.onHand + 5} 件`);
    expect(moved.counts.ok).toBe(total - 1);
  });

  it(
    'refuses 确认退店成功 while SKUs are bound, unbinds all through the outbox with one confirmation, then accepts',
    { timeout: 120_000 },
    async () => {
      await call(app, 'exit.setReason', { reason: 'competition' });
      await answerNone(app);
      await call(app, 'exit.submit', { submittedOn: '2026-09-28', applicationNo: 'TD-1' });
      await call(app, 'exit.review', { outcome: 'approved', decidedOn: '2026-09-28' });

      const boundBefore = app.db.prepare('SELECT count(*) FROM stock_listing_skus WHERE bind_status IN (2,3,4)').pluck().get() as number;
      expect(boundBefore).toBeGreaterThan(100);
      const no = await refused(app, 'exit.confirmDone', { confirmedOn: '2026-09-29', storeStatus: '已退店' });
      expect(no.code).toBe('CONFLICT');
      expect(no.message).toContain(`还有 ${boundBefore} 个线上SKU处于绑定状态`);
      const someBound = app.db
        .prepare('SELECT seller_sku FROM stock_listing_skus WHERE bind_status = 2 ORDER BY seller_sku LIMIT 1')
        .pluck()
        .get() as string;
      expect(no.message).toContain(someBound);

      await call(app, 'auto.setSwitch', { on: true });
      const req = await call(app, 'exit.unbindAll', {});
      expect(req.runId).not.toBeNull();
      expect(req.unbinds).toBe(app.db.prepare('SELECT count(*) FROM stock_listing_skus WHERE bind_status IN (2,4)').pluck().get());
      // Asked once, with the count; nothing is sent before the answer.
      let v = (await call(app, 'exit.get', {})).case!;
      expect(v.procedures.unbind).toMatchObject({ heldRunId: req.runId, heldCount: req.unbinds });
      const held = await call(app, 'auto.held.list', {});
      expect(held.find((h) => h.id === req.runId)?.gate?.unbinds).toBe(req.unbinds);
      // Asking again does not make a second run.
      expect((await call(app, 'exit.unbindAll', {})).runId).toBe(req.runId);
      const demo = await connectors(app).demo();
      expect(
        demo.aliexpress.sim.bindState(
          ...(app.db.prepare('SELECT product_id, sku_id FROM stock_listing_skus WHERE seller_sku = ?').raw().get(someBound) as [
            string,
            string,
          ]),
        ),
      ).toBe(2);

      await call(app, 'exit.confirmUnbindAll', { runId: req.runId! });
      // A pass of the engine does not bind anything back while the unbinds wait or after.
      await call(app, 'auto.run', { sync: true, send: false });
      const rep = await autoService(app).drain();
      expect(rep.skipped ?? null).toBeNull();
      for (
        let i = 0;
        i < 5 &&
        (app.db.prepare("SELECT count(*) FROM auto_actions WHERE state IN ('queued','sent','review')").pluck().get() as number) > 0;
        i++
      ) {
        clock.advance(5 * MIN);
        await autoService(app).drain();
      }
      const left = app.db.prepare('SELECT count(*) FROM stock_listing_skus WHERE bind_status IN (2,3,4)').pluck().get();
      expect(left).toBe(0);
      expect(
        demo.aliexpress.sim.bindState(
          ...(app.db.prepare('SELECT product_id, sku_id FROM stock_listing_skus WHERE seller_sku = ?').raw().get(someBound) as [
            string,
            string,
          ]),
        ),
      ).toBe(1);
      const sentBy = app.db
        .prepare("SELECT DISTINCT actor FROM auto_actions a JOIN auto_runs r ON r.id = a.run_id WHERE r.trigger = 'exit'")
        .pluck()
        .all();
      expect(sentBy).toEqual(['seller']);
      await call(app, 'auto.run', { sync: true, send: true });
      expect(app.db.prepare('SELECT count(*) FROM stock_listing_skus WHERE bind_status IN (2,3,4)').pluck().get()).toBe(0);

      v = await call(app, 'exit.confirmDone', { confirmedOn: '2026-09-29', storeStatus: '已退店' });
      expect(v.stage).toBe('after');
      expect(app.db.prepare("SELECT value FROM auto_settings WHERE key = 'enabled'").pluck().get()).toBe('false');
    },
  );

  it('the wipe disconnects for real and says what it removed', { timeout: 60_000 }, async () => {
    const before = await call(app, 'connect.status', {});
    expect(before.aliexpress.authorized).toBe(true);
    await call(app, 'exit.export', { download: true });
    const w = await call(app, 'exit.wipe', { confirm: (await call(app, 'exit.get', {})).case!.after.wipeConfirmText });
    expect(w.removed.map((x) => x.zh).join('；')).toContain('演示店铺的连接');
    expect(w.removed.map((x) => x.zh).join('；')).toContain('自动绑定/解绑开关');
    const s = await call(app, 'connect.status', {});
    expect(s.mode).toBe('live');
    expect(s.aliexpress).toMatchObject({ configured: false, authorized: false, appKeyMasked: null, account: null, channel: null });
    expect(s.stockSource.kind).toBeNull();
    expect(s.stockSource.tongtool).toMatchObject({ configured: false, appKeyMasked: null, merchantIdMasked: null });
    expect(app.db.prepare('SELECT count(*) FROM auto_settings').pluck().get()).toBe(0);
    const test = await call(app, 'connect.test', {});
    expect(test.ok).toBe(false);
  });
});
