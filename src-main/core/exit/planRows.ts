/**
 * ④② 处理库存 at a real store's size: the plan is kept row by row as the seller types it. A row
 * that adds up exactly to the stock on hand becomes lines in exit_disposal; any other row is kept
 * as a draft with its own error, so 999 good rows are never lost to one typo. Every row is read
 * against the live stock when shown, so a stock change marks only the rows it touches.
 */
import type { Db } from '../db/open';
import {
  DISPOSAL_METHODS,
  type Bilingual,
  type DisposalMethod,
  type DisposalRowInput,
  type DisposalRowState,
  type DisposalRowView,
} from '../../../src-shared/channels/exit';
import { DISPOSAL_LABEL } from './texts';
import { stockOnHand, tableExists } from './storeData';

export const MAX_QTY = 100_000_000;

export type QtyRead = { value: number } | { error: Bilingual };

/**
 * A quantity as the seller typed it: full-width digits (１２), thousands separators and spaces are
 * read; empty is 0; a negative, a decimal or anything else is refused with what was typed, never
 * turned into 0.
 */
export function readQty(text: string | number | null | undefined, what: Bilingual): QtyRead {
  if (text === null || text === undefined) return { value: 0 };
  const raw = String(text);
  // NFKC turns full-width digits and the full-width minus into ASCII ones.
  const s = raw
    .normalize('NFKC')
    .replace(/[\s,，]/g, '')
    .replace(/[−–]/g, '-');
  if (s === '') return { value: 0 };
  if (/^-\d+(\.\d+)?$/.test(s)) {
    return { error: { zh: `${what.zh}不能是负数（填的是“${raw}”）。`, en: `${what.en} cannot be negative (you typed "${raw}").` } };
  }
  if (/^\d+\.\d+$/.test(s) && !/^\d+\.0+$/.test(s)) {
    return {
      error: { zh: `${what.zh}必须是整数件数（填的是“${raw}”）。`, en: `${what.en} must be a whole number of units (you typed "${raw}").` },
    };
  }
  const m = /^(\d+)(\.0+)?$/.exec(s);
  if (!m)
    return {
      error: {
        zh: `${what.zh}“${raw}”不是数量，请填写整数，例如 12。`,
        en: `${what.en} "${raw}" is not a quantity; enter a whole number such as 12.`,
      },
    };
  const n = Number(m[1]);
  if (n > MAX_QTY) return { error: { zh: `${what.zh}“${raw}”太大了，请检查。`, en: `${what.en} "${raw}" is too large; check it.` } };
  return { value: n };
}

const emptyCells = (): Record<DisposalMethod, string> => ({ sell_through: '', return_factory: '', liquidate: '', other: '' });

interface LineRow {
  sku: string;
  on_hand: number;
  on_hand_source: 'app' | 'seller';
  method: DisposalMethod;
  quantity: number;
  note: string | null;
}
interface DraftRow {
  sku: string;
  on_hand_text: string | null;
  cells: string;
  note: string | null;
}

/** The live stock per SKU with its warehouses, or null when the app has no stock data. */
export function liveStock(db: Db): Map<string, { onHand: number; warehouses: { name: string; quantity: number }[] }> | null {
  const rows = stockOnHand(db);
  if (!rows) return null;
  const m = new Map<string, { onHand: number; warehouses: { name: string; quantity: number }[] }>();
  for (const r of rows) {
    const x = m.get(r.sku) ?? { onHand: 0, warehouses: [] };
    x.onHand += r.quantity;
    x.warehouses.push({ name: r.warehouse ?? '', quantity: r.quantity });
    m.set(r.sku, x);
  }
  return m;
}

export function categories(db: Db): Map<string, string> {
  if (!tableExists(db, 'stock_erp_skus')) return new Map();
  const cols = (db.prepare('PRAGMA table_info(stock_erp_skus)').all() as { name: string }[]).map((c) => c.name);
  if (!cols.includes('category')) return new Map();
  return new Map(db.prepare('SELECT sku, category FROM stock_erp_skus').raw().all() as [string, string][]);
}

/** Every row of the plan with its state against the live stock, in SKU order. */
export function planRows(db: Db, caseId: number): DisposalRowView[] {
  const live = liveStock(db);
  const cats = categories(db);
  const lines = db
    .prepare('SELECT sku, on_hand, on_hand_source, method, quantity, note FROM exit_disposal WHERE case_id = ? ORDER BY id')
    .all(caseId) as LineRow[];
  const drafts = db.prepare('SELECT sku, on_hand_text, cells, note FROM exit_disposal_draft WHERE case_id = ?').all(caseId) as DraftRow[];
  const out = new Map<string, DisposalRowView>();
  const base = (sku: string): DisposalRowView => {
    const l = live?.get(sku);
    return {
      sku,
      onHand: l ? l.onHand : live ? 0 : null,
      onHandSource: live ? 'app' : 'seller',
      savedOnHand: null,
      category: cats.get(sku) ?? null,
      warehouses: l?.warehouses ?? [],
      cells: emptyCells(),
      note: null,
      planned: 0,
      state: 'unplanned',
      errors: [],
    };
  };
  if (live) for (const sku of live.keys()) out.set(sku, base(sku));
  for (const l of lines) {
    const r = out.get(l.sku) ?? base(l.sku);
    r.state = 'ok';
    r.savedOnHand = l.on_hand;
    r.onHandSource = l.on_hand_source;
    if (l.on_hand_source === 'seller') r.onHand = l.on_hand;
    r.cells[l.method] = String(Number(r.cells[l.method] || 0) + l.quantity);
    r.planned += l.quantity;
    r.note = l.note ?? r.note;
    out.set(l.sku, r);
  }
  for (const r of out.values()) {
    if (r.state === 'ok' && r.onHandSource === 'app' && r.onHand !== r.savedOnHand) {
      r.state = 'changed';
      r.errors.push({
        zh: `库存从 ${r.savedOnHand} 件变为 ${r.onHand} 件，请重新分配这一行。`,
        en: `Stock changed from ${r.savedOnHand} to ${r.onHand}; plan this row again.`,
      });
    }
  }
  for (const d of drafts) {
    const r = out.get(d.sku) ?? base(d.sku);
    const cells = { ...emptyCells(), ...(JSON.parse(d.cells) as Partial<Record<DisposalMethod, string>>) };
    const checked = checkRow({ sku: d.sku, cells, ...(d.on_hand_text !== null ? { onHand: d.on_hand_text } : {}) }, live);
    r.cells = cells;
    r.note = d.note;
    r.state = 'draft';
    r.planned = checked.planned;
    if (checked.onHandSource === 'seller') {
      r.onHandSource = 'seller';
      r.onHand = checked.onHand;
    }
    r.errors = checked.errors.length ? checked.errors : [{ zh: '还没有填完。', en: 'Not filled in yet.' }];
    out.set(d.sku, r);
  }
  return [...out.values()].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
}

export function countStates(rows: DisposalRowView[]): Record<DisposalRowState, number> {
  const c: Record<DisposalRowState, number> = { unplanned: 0, draft: 0, ok: 0, changed: 0 };
  for (const r of rows) c[r.state]++;
  return c;
}

export interface CheckedRow {
  onHand: number | null;
  onHandSource: 'app' | 'seller';
  lines: { method: DisposalMethod; quantity: number }[];
  planned: number;
  errors: Bilingual[];
}

/** A typed row read against the live stock: its lines when it adds up, its errors when not. */
export function checkRow(input: DisposalRowInput, live: ReturnType<typeof liveStock>): CheckedRow {
  const errors: Bilingual[] = [];
  const fromApp = live?.get(input.sku);
  let onHand: number | null = fromApp ? fromApp.onHand : null;
  let onHandSource: 'app' | 'seller' = fromApp ? 'app' : 'seller';
  if (!fromApp) {
    if (live && (input.onHand === undefined || input.onHand === '')) {
      // The app has stock data and none for this SKU: nothing is on hand.
      onHand = 0;
      onHandSource = 'app';
    } else if (input.onHand === undefined || String(input.onHand).trim() === '') {
      errors.push({
        zh: '应用里没有它的库存数据，请填写现有库存。',
        en: 'The app has no stock figure for it; enter the quantity on hand.',
      });
    } else {
      const q = readQty(input.onHand, { zh: '现有库存', en: 'On hand' });
      if ('error' in q) errors.push(q.error);
      else onHand = q.value;
    }
  }
  const lines: { method: DisposalMethod; quantity: number }[] = [];
  let planned = 0;
  for (const m of DISPOSAL_METHODS) {
    const q = readQty(input.cells[m], DISPOSAL_LABEL[m]);
    if ('error' in q) errors.push(q.error);
    else if (q.value > 0) {
      lines.push({ method: m, quantity: q.value });
      planned += q.value;
    }
  }
  if (!errors.length && onHand !== null && planned !== onHand) {
    const diff = planned - onHand;
    errors.push({
      zh: `处理数量合计 ${planned} 件，现有库存 ${onHand} 件，${diff > 0 ? '多' : '少'}了 ${Math.abs(diff)} 件。`,
      en: `The plan covers ${planned} units but ${onHand} are on hand (${Math.abs(diff)} ${diff > 0 ? 'too many' : 'missing'}).`,
    });
  }
  return { onHand, onHandSource, lines, planned, errors };
}

/**
 * Saves rows as typed, each on its own: a row that adds up replaces the SKU's lines, any other is
 * kept as a draft (and the SKU's old lines go, so it counts as not planned until it adds up).
 */
export function saveRows(
  db: Db,
  caseId: number,
  rows: DisposalRowInput[],
  now: string,
): { ok: number; problems: { sku: string; errors: Bilingual[] }[] } {
  const live = liveStock(db);
  const delLines = db.prepare('DELETE FROM exit_disposal WHERE case_id = ? AND sku = ?');
  const delDraft = db.prepare('DELETE FROM exit_disposal_draft WHERE case_id = ? AND sku = ?');
  const insLine = db.prepare(
    'INSERT INTO exit_disposal (case_id, sku, on_hand, on_hand_source, method, quantity, note) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const putDraft = db.prepare(
    `INSERT INTO exit_disposal_draft (case_id, sku, on_hand_text, cells, note, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT(case_id, sku) DO UPDATE SET on_hand_text = excluded.on_hand_text, cells = excluded.cells, note = excluded.note, updated_at = excluded.updated_at`,
  );
  let ok = 0;
  const problems: { sku: string; errors: Bilingual[] }[] = [];
  for (const r of rows) {
    const c = checkRow(r, live);
    const note = r.note?.trim() || null;
    delLines.run(caseId, r.sku);
    // The 现有库存 of a SKU the app holds stock for is the app's figure (an exported plan carries it
    // in every row), not something the seller typed.
    const onHandTyped = c.onHandSource === 'seller' && !!String(r.onHand ?? '').trim();
    const empty = DISPOSAL_METHODS.every((m) => !String(r.cells[m] ?? '').trim()) && !onHandTyped && !note;
    if (!c.errors.length && c.onHand !== null) {
      delDraft.run(caseId, r.sku);
      // A SKU with nothing on hand needs no line beyond "0 to sell through" to count as planned.
      const lines = c.lines.length ? c.lines : [{ method: 'sell_through' as const, quantity: 0 }];
      lines.forEach((l, i) => insLine.run(caseId, r.sku, c.onHand, c.onHandSource, l.method, l.quantity, i === 0 ? note : null));
      ok++;
    } else if (empty && c.onHandSource === 'app') {
      // Clearing every cell of an app SKU takes it back to "not planned", not to a draft.
      delDraft.run(caseId, r.sku);
    } else {
      const cells = Object.fromEntries(DISPOSAL_METHODS.map((m) => [m, String(r.cells[m] ?? '')]));
      putDraft.run(caseId, r.sku, r.onHand !== undefined ? String(r.onHand) : null, JSON.stringify(cells), note, now);
      problems.push({ sku: r.sku, errors: c.errors });
    }
  }
  return { ok, problems };
}

export type BulkScope = { kind: 'remaining' } | { kind: 'category'; value: string } | { kind: 'warehouse'; value: string };

/**
 * One choice for many SKUs: each SKU in scope gets what is not yet planned of it (for a warehouse,
 * at most what that warehouse holds of it) added to `method`. Rows already adding up are left as
 * they are; the result is saved like typed rows.
 */
export function bulkRows(db: Db, caseId: number, method: DisposalMethod, scope: BulkScope): DisposalRowInput[] {
  const rows = planRows(db, caseId);
  const out: DisposalRowInput[] = [];
  for (const r of rows) {
    if (r.onHandSource !== 'app' || r.onHand === null || r.state === 'ok') continue;
    let cap = r.onHand;
    if (scope.kind === 'category' && (r.category ?? '') !== scope.value) continue;
    if (scope.kind === 'warehouse') {
      const w = r.warehouses.find((x) => x.name === scope.value);
      if (!w) continue;
      cap = w.quantity;
    }
    const cells = { ...r.cells };
    let planned = 0;
    for (const m of DISPOSAL_METHODS) {
      const q = readQty(cells[m], DISPOSAL_LABEL[m]);
      if ('value' in q) planned += q.value;
    }
    // A changed row starts again from its cells; one that now plans too much is left for the seller.
    const add = Math.min(cap, r.onHand - planned);
    if (add <= 0 && !(r.onHand === 0 && planned === 0)) continue;
    const cur = readQty(cells[method], DISPOSAL_LABEL[method]);
    if ('error' in cur) continue;
    cells[method] = String(cur.value + Math.max(add, 0));
    out.push({ sku: r.sku, cells, ...(r.note ? { note: r.note } : {}) });
  }
  return out;
}
