/** The five setup steps through the contract, as the wizard drives them, on real SQLite. */
import { afterEach, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { App } from '../../../src-main/core/app';
import { call } from '../../helpers/channels';
import { FixtureMarketplace, FixtureSource, makeApp } from './fixtures';

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function store() {
  const source = new FixtureSource();
  source.warehouses = [{ id: 'W1', name: '深圳仓', active: true }];
  for (const sku of ['ABC-1', 'ABC-2', 'ABC-3', 'XYZ-9']) source.set(sku, 'W1', 5);
  const market = new FixtureMarketplace();
  market.add('P1', 'S1', 'abc-1'); // exact after folding
  market.add('P1', 'S2', 'HK-ABC-2'); // prefix rule
  market.add('P2', 'S3', 'HK-ＡＢＣ-3'); // prefix rule, full-width
  market.add('P3', 'S4', 'mystery'); // manual
  const made = makeApp({ source, market });
  app = made.app;
  await call(app, 'stock.sync.now', { wait: true });
  await call(app, 'sku.listings.refresh', {});
  return { app: made.app, source, market, clock: made.clock };
}

const byStatus = async (a: App) =>
  Object.fromEntries((await call(a, 'sku.listings.page', { pageSize: 500 })).rows.map((r) => [r.sellerSku, [r.resolveStatus, r.erpSku]]));

describe('stock setup wizard, end to end through the contract', () => {
  it('step 1: a warehouse-name near-miss is explained and fixed with the exact name', async () => {
    const { app } = await store();
    const saved = await call(app, 'stock.warehouses.save', { name: '深圳仓 ', erpWarehouseId: 'W1' });
    const w = saved.view.store[0]!;
    expect(w.check?.match).toBe(false);
    expect(w.check?.issues[0]).toMatchObject({ kind: 'trailing_space' });
    expect(w.check?.exactName).toBe('深圳仓');
    expect((await call(app, 'stock.overview', {})).steps[0]).toMatchObject({ key: 'warehouses', done: false });
    const fixed = await call(app, 'stock.warehouses.rename', { storeWarehouseId: w.id, name: w.check!.exactName });
    expect(fixed.store[0]!.check).toMatchObject({ match: true, issues: [] });
    // an existing warehouse is reused, not duplicated
    const again = await call(app, 'stock.warehouses.save', { name: '深圳仓' });
    expect(again).toMatchObject({ id: w.id, reused: true });
    expect((await call(app, 'stock.overview', {})).steps[0]).toMatchObject({ done: true });
  });

  it('step 4: exact, a previewed prefix rule making unresolved SKUs fall, a manual link that survives re-sync and rule changes', async () => {
    const { app, clock } = await store();
    let summary = await call(app, 'sku.resolve', {});
    expect(summary).toMatchObject({ total: 4, byMethod: { exact: 1, rule: 0, manual: 0 }, unresolved: 3 });

    const preview = await call(app, 'sku.rules.preview', { spec: { kind: 'strip_prefix', text: 'HK-' } });
    expect(preview).toMatchObject({ tested: 4, applied: 2, found: 2, newlyResolved: 2, missing: 0 });
    // preview stores nothing
    expect((await call(app, 'stock.overview', {})).counts.unresolved).toBe(3);

    const saved = await call(app, 'sku.rules.save', { label: '去掉HK-', spec: { kind: 'strip_prefix', text: 'HK-' } });
    expect(saved.summary).toMatchObject({ byMethod: { exact: 1, rule: 2 }, unresolved: 1 });
    expect(saved.summary?.byRule).toEqual([{ ruleId: saved.rule.id, label: '去掉HK-', count: 2 }]);

    const unresolved = await call(app, 'sku.listings.page', { filter: { resolveStatus: ['unresolved'] } });
    expect(unresolved.rows.map((r) => r.sellerSku)).toEqual(['mystery']);
    const hits = await call(app, 'sku.erpSkus.search', { q: 'xyz' });
    expect(hits[0]!.sku).toBe('XYZ-9');
    const linked = await call(app, 'sku.link', { listingSkuId: unresolved.rows[0]!.id, erpSku: 'XYZ-9' });
    expect(linked).toMatchObject({ resolveStatus: 'manual', erpSku: 'XYZ-9', method: 'manual' });

    // a manual link beats a rule, and survives a re-sync and rule changes
    await call(app, 'sku.rules.save', { label: 'my', spec: { kind: 'regex', pattern: '^m(.*)$' } });
    clock.advance(60_000);
    await call(app, 'stock.sync.now', { wait: true, strategy: 'full' });
    await call(app, 'sku.rules.delete', { id: saved.rule.id });
    summary = await call(app, 'sku.resolve', {});
    expect(await byStatus(app)).toMatchObject({
      mystery: ['manual', 'XYZ-9'],
      'abc-1': ['exact', 'ABC-1'],
      'HK-ABC-2': ['unresolved', null],
    });
    expect(summary.byMethod.manual).toBe(1);

    await expect(call(app, 'sku.link', { listingSkuId: unresolved.rows[0]!.id, erpSku: 'NOPE' })).rejects.toMatchObject({
      payload: { code: 'NOT_FOUND' },
    });
    await call(app, 'sku.unlink', { listingSkuId: unresolved.rows[0]!.id });
    expect((await byStatus(app)).mystery![0]).toBe('unresolved');
  });

  it('shows a conflict when rules disagree, and links nothing for it', async () => {
    const { app, source, clock } = await store();
    source.set('HK', 'W1', 1);
    clock.advance(60_000);
    await call(app, 'stock.sync.now', { wait: true, strategy: 'full' });
    await call(app, 'sku.rules.save', { spec: { kind: 'strip_prefix', text: 'HK-' } });
    const s = (await call(app, 'sku.rules.save', { spec: { kind: 'before', separator: '-' } })).summary;
    expect(s).toMatchObject({ conflicting: 2, byMethod: { rule: 0, exact: 1 } });
    expect(s?.conflictSample[0]!.candidates).toEqual(['ABC-2', 'HK']);
    const rows = await call(app, 'sku.listings.page', { filter: { resolveStatus: ['conflict'] } });
    expect(rows.rows.map((r) => [r.sellerSku, r.erpSku])).toEqual([
      ['HK-ABC-2', null],
      ['HK-ＡＢＣ-3', null],
    ]);
    expect(rows.rows[0]!.resolveDetail?.zh).toContain('多个ERP SKU');
    const bad = await call(app, 'sku.rules.preview', { spec: { kind: 'strip_end', count: 1 } });
    expect(bad.missing).toBeGreaterThan(0);
    expect(bad.samples.find((x) => x.status === 'missing')?.note?.zh).toContain('ERP里没有');
    await expect(call(app, 'sku.rules.save', { spec: { kind: 'regex', pattern: '^(a+)+$' } })).rejects.toMatchObject({
      payload: { code: 'BAD_INPUT' },
    });
  });

  it('refuses a second copy of a rule (a double-clicked save), whatever its label or field order, and an edit into a copy', async () => {
    const { app } = await store();
    const first = await call(app, 'sku.rules.save', { label: '把“_”换成“-”', spec: { kind: 'replace', from: '_', to: '-' } });
    const copy = call(app, 'sku.rules.save', { label: 'again', spec: { kind: 'replace', to: '-', from: '_' } });
    await expect(copy).rejects.toMatchObject({
      payload: { code: 'CONFLICT', message: '已有一条完全相同的规则（第 1 条），不用再保存一次。' },
    });
    expect(await call(app, 'sku.rules.list', {})).toHaveLength(1);
    // Another rule is still saved, and saving a rule unchanged is not a copy of itself.
    const other = await call(app, 'sku.rules.save', { spec: { kind: 'replace', from: '_', to: '' } });
    await call(app, 'sku.rules.save', { id: first.rule.id, label: 'renamed', spec: { kind: 'replace', from: '_', to: '-' } });
    await expect(call(app, 'sku.rules.save', { id: other.rule.id, spec: { kind: 'replace', from: '_', to: '-' } })).rejects.toMatchObject({
      payload: { code: 'CONFLICT' },
    });
    expect((await call(app, 'sku.rules.list', {})).map((r) => r.label)).toEqual(['renamed', '']);
  });

  it('refuses a store warehouse name of spaces alone at its box, and keeps a real name exactly as typed', async () => {
    const { app } = await store();
    await expect(call(app, 'stock.warehouses.save', { name: '   ' })).rejects.toMatchObject({
      payload: {
        code: 'BAD_INPUT',
        issues: [expect.objectContaining({ path: 'name', message: '店铺仓库名称不能只有空格，请填写仓库的名字' })],
      },
    });
    expect((await call(app, 'stock.warehouses.list', {})).store).toEqual([]);
    const saved = await call(app, 'stock.warehouses.save', { name: ' 深圳仓 ' });
    expect(saved.view.store.map((w) => w.name)).toEqual([' 深圳仓 ']);
    await expect(call(app, 'stock.warehouses.rename', { storeWarehouseId: saved.id, name: ' ' })).rejects.toMatchObject({
      payload: { code: 'BAD_INPUT' },
    });
  });

  it('step 5: link listings to a warehouse with select-all-matching, then undo the batch', async () => {
    const { app } = await store();
    const { id: wid } = await call(app, 'stock.warehouses.save', { name: '深圳仓', erpWarehouseId: 'W1' });
    const first = await call(app, 'stock.listingWarehouses.link', { storeWarehouseId: wid, listingSkuIds: [1] });
    expect(first).toMatchObject({ linked: 1, alreadyLinked: 0 });
    const batch = await call(app, 'stock.listingWarehouses.link', { storeWarehouseId: wid, filter: { text: 'ABC' } });
    // 'abc-1' (already linked) and 'HK-ABC-2' match; the full-width one does not match the text 'ABC'
    expect(batch).toMatchObject({ linked: 1, alreadyLinked: 1 });
    expect((await call(app, 'sku.listings.page', { filter: { storeWarehouseId: wid } })).total).toBe(2);
    expect((await call(app, 'sku.listings.page', { filter: { storeWarehouseId: 0 } })).rows.map((r) => r.sellerSku)).toEqual([
      'HK-ＡＢＣ-3',
      'mystery',
    ]);
    const undone = await call(app, 'stock.linkBatches.undo', { batchId: batch.batchId });
    expect(undone.unlinked).toBe(1);
    // the link made before the batch stays
    expect((await call(app, 'sku.listings.page', { filter: { storeWarehouseId: wid } })).rows.map((r) => r.id)).toEqual([1]);
    await expect(call(app, 'stock.linkBatches.undo', { batchId: batch.batchId })).rejects.toMatchObject({ payload: { code: 'CONFLICT' } });
    const batches = await call(app, 'stock.linkBatches.list', {});
    expect(batches[0]).toMatchObject({ id: batch.batchId, linked: 1, storeWarehouseName: '深圳仓' });
    expect(batches[0]!.undoneAt).not.toBeNull();
  });

  it('exports the mapping to Excel and imports an edited copy as manual links, on confirmation only', async () => {
    const { app } = await store();
    const out = await call(app, 'sku.mapping.export', {});
    expect(out.rows).toBe(4);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.contentBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    let edited = 0;
    ws.eachRow((row, n) => {
      if (n > 1 && row.getCell(3).value === 'mystery') {
        row.getCell(5).value = 'ABC-3';
        edited = n;
      }
      if (n > 1 && row.getCell(3).value === 'HK-ABC-2') row.getCell(5).value = 'NOT-IN-ERP';
    });
    expect(edited).toBeGreaterThan(1);
    const content = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const dry = await call(app, 'sku.mapping.import', { contentBase64: content });
    expect(dry).toMatchObject({ rows: 4, linked: 1, applied: false });
    expect(dry.rejected).toEqual([
      expect.objectContaining({ reason: expect.objectContaining({ zh: expect.stringContaining('NOT-IN-ERP') }) }),
    ]);
    expect((await byStatus(app)).mystery![0]).toBe('unresolved');
    const done = await call(app, 'sku.mapping.import', { contentBase64: content, confirm: true });
    expect(done.applied).toBe(true);
    expect((await byStatus(app)).mystery).toEqual(['manual', 'ABC-3']);
    await expect(call(app, 'sku.mapping.import', { contentBase64: Buffer.from('not excel').toString('base64') })).rejects.toMatchObject({
      payload: { code: 'FILE_INVALID' },
    });
  });

  it('imports a parsed stock file: report first, write only on confirm, in one run', async () => {
    const { app } = await store();
    const csv = '商品编码,仓库,可用库存,安全库存\nABC-1,深圳仓,0,0\nABC-2,深圳仓,很多,0\n,深圳仓,1,0\n';
    const content = Buffer.from(csv).toString('base64');
    const dry = await call(app, 'stock.import', { fileName: 'stock.csv', contentBase64: content });
    expect(dry).toMatchObject({ accepted: 1, applied: false, runId: null });
    expect(dry.rejected.length).toBe(2);
    const before = app.db.prepare("SELECT available FROM stock_levels WHERE sku = 'ABC-1'").pluck().all();
    expect(before).toEqual([5]);
    const done = await call(app, 'stock.import', { fileName: 'stock.csv', contentBase64: content, confirm: true });
    expect(done).toMatchObject({ accepted: 1, applied: true, rowsChanged: 1 });
    const runs = await call(app, 'stock.runs.list', {});
    expect(runs.rows[0]).toMatchObject({ strategy: 'import', trigger: 'import', status: 'ok' });
  });
});
