/**
 * ④② 处理库存 and the unbinds that go with it, as steps of the exit case: the plan saved whole or
 * row by row, filled in bulk, through Excel, and the one held run that unbinds every listing SKU.
 */
import { AppError } from '../../../src-shared/errors';
import type {
  DisposalMethod,
  DisposalPlanInput,
  DisposalRowInput,
  DisposalRowState,
  DisposalRowsPage,
  DisposalSaveResult,
  ExitCaseView,
  ExitUnbindAllResult,
} from '../../../src-shared/channels/exit';
import { DISPOSAL_LABEL } from './texts';
import { onHandBySku } from './storeData';
import { validatePlan } from './disposal';
import { bulkRows, countStates, planRows, saveRows, type BulkScope } from './planRows';
import { planWorkbook, readPlanWorkbook, sameAsShown } from './planExcel';
import { confirmUnbindAll, requestUnbindAll, unbindState } from './unbindAll';
import { readDisposal } from './exitChildren';
import type { ExitKernel } from './exitView';
import type { Bilingual } from '../../../src-shared/bilingual';
import { formatCount } from '../../../src-shared/count';

export class DisposalPlan {
  constructor(private readonly k: ExitKernel) {}

  private get db() {
    return this.k.app.db;
  }

  setDisposal(plan: DisposalPlanInput): ExitCaseView {
    const items = validatePlan(plan, onHandBySku(this.db));
    const r0 = this.k.ensure();
    const saved =
      JSON.stringify(items) === JSON.stringify(readDisposal(this.k.app, r0.id)) &&
      !this.db.prepare('SELECT 1 FROM exit_disposal_draft WHERE case_id = ?').get(r0.id);
    return this.k.changeUnlessSaved(r0, saved, (r) => {
      this.db.prepare('DELETE FROM exit_disposal WHERE case_id = ?').run(r.id);
      this.db.prepare('DELETE FROM exit_disposal_draft WHERE case_id = ?').run(r.id);
      const ins = this.db.prepare(
        'INSERT INTO exit_disposal (case_id, sku, on_hand, on_hand_source, method, quantity, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      for (const it of items) for (const l of it.lines) ins.run(r.id, it.sku, it.onHand, it.onHandSource, l.method, l.quantity, l.note);
      const units = items.reduce((n, i) => n + i.onHand, 0);
      this.k.event(r.id, 'disposal', {
        zh: `保存库存处理计划：${formatCount(items.length)} 个SKU，共 ${formatCount(units)} 件`,
        en: `Disposal plan saved: ${formatCount(items.length)} SKUs, ${formatCount(units)} units`,
      });
    });
  }

  /** The plan a page at a time (1,000 SKUs and more), optionally only the rows that need the seller. */
  disposalRows(q: { page: number; pageSize: number; filter?: 'all' | 'open' | DisposalRowState; search?: string }): DisposalRowsPage {
    const all = planRows(this.db, this.k.ensure().id);
    const search = q.search?.trim().toLowerCase();
    const rows = all.filter(
      (x) =>
        (!q.filter || q.filter === 'all' || (q.filter === 'open' ? x.state !== 'ok' : x.state === q.filter)) &&
        (!search || x.sku.toLowerCase().includes(search)),
    );
    return {
      rows: rows.slice((q.page - 1) * q.pageSize, q.page * q.pageSize),
      total: rows.length,
      counts: countStates(all),
      fromApp: all.some((x) => x.onHandSource === 'app'),
      categories: [...new Set(all.map((x) => x.category).filter((c): c is string => c !== null))].sort(),
      warehouses: [...new Set(all.flatMap((x) => x.warehouses.map((w) => w.name)))].sort(),
    };
  }

  /** Rows saved as typed, each on its own (drafts keep their text and show their error). */
  saveDisposalRows(rows: DisposalRowInput[], event?: Bilingual): DisposalSaveResult {
    let res: ReturnType<typeof saveRows> = { ok: 0, problems: [] };
    this.k.write(this.k.ensure(), (r) => {
      res = saveRows(this.db, r.id, rows, this.k.now());
      // A bulk fill with nothing left in scope, or a workbook imported back as exported, saved nothing.
      if (event && rows.length) this.k.event(r.id, 'disposal', event, { rows: rows.length, ok: res.ok, drafts: res.problems.length });
    });
    return { saved: rows.length, ok: res.ok, problems: res.problems, skipped: [] };
  }

  /** One disposal for all remaining SKUs, or for those of a category or a warehouse. */
  bulkDisposal(method: DisposalMethod, scope: BulkScope): DisposalSaveResult {
    const r = this.k.ensure();
    if (!planRows(this.db, r.id).some((x) => x.onHandSource === 'app')) {
      throw new AppError(
        'CONFLICT',
        '应用里没有库存数据，无法批量填写。请先同步库存，或逐行填写现有库存和处理方式。',
        'The app has no stock data, so there is nothing to fill in bulk. Sync the stock first, or fill in each row.',
      );
    }
    const rows = bulkRows(this.db, r.id, method, scope);
    const label = DISPOSAL_LABEL[method];
    const where =
      scope.kind === 'remaining'
        ? { zh: '所有未处理的SKU', en: 'all remaining SKUs' }
        : scope.kind === 'category'
          ? { zh: `品类“${scope.value || '未分类'}”的SKU`, en: `SKUs in category "${scope.value || 'none'}"` }
          : { zh: `仓库“${scope.value}”里的库存`, en: `stock in warehouse "${scope.value}"` };
    return this.saveDisposalRows(rows, {
      zh: `批量处理：${where.zh}（${rows.length} 个SKU）→ ${label.zh}`,
      en: `Bulk: ${where.en} (${rows.length} SKUs) → ${label.en}`,
    });
  }

  async exportPlan(): Promise<{ fileName: string; contentBase64: string; rows: number }> {
    return planWorkbook(planRows(this.db, this.k.ensure().id));
  }

  async importPlan(contentBase64: string): Promise<DisposalSaveResult> {
    // The case is opened only when a line is saved: a workbook refused whole leaves no case behind.
    const shown = new Map(planRows(this.db, this.k.row()?.id ?? 0).map((r) => [r.sku, r]));
    const closed = [...shown.values()].some((r) => r.onHandSource === 'app');
    const read = await readPlanWorkbook(contentBase64, { skus: shown.keys(), closed });
    const lineOf = new Map(read.rows.map((x) => [x.sku, x.line]));
    // Lines left as exported are not saved again: re-importing an untouched export changes nothing
    // (a row whose stock changed keeps saying so, a draft keeps its text).
    const edited = read.rows.filter((x) => !sameAsShown(x, shown.get(x.sku)));
    const leftOk =
      read.rows.filter((x) => shown.get(x.sku)?.state === 'ok').length - edited.filter((x) => shown.get(x.sku)?.state === 'ok').length;
    const res = this.saveDisposalRows(
      edited.map(({ line: _line, ...row }) => row),
      {
        zh: `从 Excel 导入库存处理计划：${read.rows.length} 行，其中 ${edited.length} 行有改动`,
        en: `Disposal plan imported from Excel: ${read.rows.length} rows, ${edited.length} of them changed`,
      },
    );
    return {
      saved: read.rows.length,
      ok: res.ok + leftOk,
      problems: res.problems.map((p) => ({ ...p, line: lineOf.get(p.sku) })),
      skipped: read.skipped,
    };
  }

  /** 为退店解绑全部SKU: one held run with every unbind, for the seller to confirm once. */
  unbindAll(): ExitUnbindAllResult {
    const r = this.k.ensure();
    // Asked again while its run waits for the seller, the request returns that run: the timeline has it.
    const held = unbindState(this.k.app)?.heldRunId ?? null;
    const res = requestUnbindAll(this.k.app);
    this.k.write(r, () => {
      if (res.runId && res.runId !== held && res.pinned + res.unbinds > 0) {
        this.k.event(r.id, 'unbind', {
          zh: `为退店解绑全部SKU：${res.unbinds} 个线上SKU等待确认（运行 #${res.runId}）`,
          en: `Unbind all for the exit: ${res.unbinds} listing SKUs await confirmation (run #${res.runId})`,
        });
      }
    });
    return res;
  }

  confirmUnbindAll(runId: number): ExitCaseView {
    confirmUnbindAll(this.k.app, runId);
    return this.k.change(this.k.ensure(), (r) => {
      this.k.event(r.id, 'unbind', {
        zh: `已确认解绑全部SKU（运行 #${runId}），解绑经发送队列逐个发送`,
        en: `Unbind all confirmed (run #${runId}); the unbinds go out through the outbox`,
      });
    });
  }
}
