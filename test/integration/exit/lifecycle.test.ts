/**
 * End to end: the fit check for a trader, then a full exit from reason to done on a synced store,
 * closing and re-opening the app on the same data folder after every step; the review reminder on
 * the due working day; the paperwork printed to PDF; the export ZIP; the wipe.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { createApp, type App } from '../../../src-main/core/app';
import { ManualClock } from '../../../src-main/core/platform/clock';
import { openPdfRenderer } from '../../../src-main/core/exit/pdf';
import { exportCase } from '../../../src-main/core/exit/handlers';
import type { ExitCaseView } from '../../../src-shared/channels/exit';
import { tempDir } from '../../helpers/tempApp';
import { call, refused } from '../../helpers/channels';
import { seedStock } from './seed';
import { pdfText } from './pdfText';

const STORE = '义乌好物工厂店';
const SECRETS = {
  'aliexpress.appSecret': 'ae-secret-9f8e7d6c5b4a',
  'aliexpress.accessToken': 'tok-50000001a2b3c4d5e6f',
  'tongtool.appSecret': 'tt-secret-0123456789',
};

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? allFiles(p) : [p];
  });
}

describe('store exit, start to finish', () => {
  const dataDir = tempDir('exit-e2e-');
  // Monday 2026-09-28, 10:00 in Beijing.
  const clock = new ManualClock(Date.UTC(2026, 8, 28, 2));
  let app: App = createApp({ dataDir, host: 'cli', clock });
  afterAll(async () => {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Closes the app, opens a new one on the same folder, and checks the case came back whole. */
  async function restartKeeps(v: ExitCaseView): Promise<ExitCaseView> {
    await app.close();
    app = createApp({ dataDir, host: 'cli', clock });
    const again = (await call(app, 'exit.get', {})).case!;
    expect(again).toEqual(v);
    return again;
  }

  it('walks every step and survives a restart after each', async () => {
    app.settings.set('storeName', STORE);
    for (const [k, v] of Object.entries(SECRETS)) app.secrets.set(k, v);
    seedStock(
      app,
      [
        { sku: 'CUP-RED', warehouse: '义乌仓', available: 15 },
        { sku: 'CUP-BLUE', warehouse: '义乌仓', available: 6 },
      ],
      [{ sku: 'X-CUP-RED', bind: 1 }],
    );

    // Step 0: the fit check for a trader of standard products points toward the exit.
    const fit = await call(app, 'fit.save', {
      makesGoods: false,
      crossBorderExperience: true,
      supplyEdge: 'none',
      capital: 'limited',
      productKind: 'standard',
      invited: false,
      numbers: { unitCostFen: 3000, supplyPriceFen: 3150, ownPriceFen: 6990, ownFeesFen: 2040 },
    });
    expect(fit).toMatchObject({ sellerType: 'trader_listing', verdict: 'squeezed', suggestExit: true });
    expect(fit.margin?.differenceFen).toBe(150 - 1950);

    // 1 准备
    let v = await call(app, 'exit.open', { fitResultId: fit.id! });
    expect(v.fit).toMatchObject({ id: fit.id, sellerType: 'trader_listing' });
    expect(v.stage).toBe('prepare');
    expect(v.prepare.sellerCenterPath.zh).toContain('店铺管理 → 店铺设置 → 店铺退店');
    v = await restartKeeps(v);
    v = await call(app, 'exit.setReason', { reason: 'competition', reasonText: '同款标品价格战' });
    expect(v.submit.applicationText).toContain(`本店铺“${STORE}”因电商市场竞争日益激烈`);
    expect(v.submit.drafted).toBe(true);
    v = await restartKeeps(v);
    for (const key of ['agreement', 'process', 'notes'] as const) v = await call(app, 'exit.confirmAgreement', { key, confirmed: true });
    for (const key of ['orders', 'disputes', 'debts'] as const) v = await call(app, 'exit.answerReadiness', { key, answer: 'clear' });
    expect(v.stage).toBe('submit');
    v = await restartKeeps(v);

    // 2 提交申请: the seller's edit to the drafted text is kept across a restart, and is what is sent.
    const edited = `${v.submit.applicationText}\n另附说明：库存已安排退回工厂。`;
    v = await call(app, 'exit.saveApplicationText', { applicationText: edited });
    expect(v.submit).toMatchObject({ applicationText: edited, drafted: false });
    v = await restartKeeps(v);
    // On the eve of National Day, so review is due on the 调休 Saturday.
    clock.set(Date.UTC(2026, 8, 30, 2));
    v = await call(app, 'exit.submit', { submittedOn: '2026-09-30', applicationNo: 'TD20260930001' });
    expect(v.stage).toBe('review');
    expect(v.submit.applicationText).toBe(edited);
    // Once sent, the text is the one sent: changing it means recording the submission again.
    expect((await refused(app, 'exit.saveApplicationText', { applicationText: '改过的文字' })).code).toBe('CONFLICT');
    expect(v.review).toMatchObject({ dueOn: '2026-10-10', outcome: 'pending', dueError: null });
    v = await restartKeeps(v);

    // 3 平台审核: no reminder before the due day, one on it, never twice.
    clock.set(Date.UTC(2026, 9, 9, 2));
    expect(await call(app, 'exit.remind', {})).toEqual({ reminded: false });
    clock.set(Date.UTC(2026, 9, 10, 1));
    expect(await call(app, 'exit.remind', {})).toEqual({ reminded: true });
    expect(await call(app, 'exit.remind', {})).toEqual({ reminded: false });
    const notices = await call(app, 'notices.list', { limit: 10 });
    expect(notices[0]!.title.zh).toContain('退店审核已到期');
    expect(notices[0]!.body.zh).toContain('2026-10-10');
    v = (await call(app, 'exit.get', {})).case!;
    v = await restartKeeps(v);
    v = await call(app, 'exit.review', { outcome: 'approved', decidedOn: '2026-10-10', note: '平台短信通知' });
    expect(v.stage).toBe('procedures');
    v = await restartKeeps(v);

    // 4 办理退店手续
    v = await call(app, 'exit.linkDeposit', {});
    expect(v.procedures.deposit.state).toBe('linked');
    expect(v.procedures.deposit.caseId).toBeGreaterThan(0);
    v = await restartKeeps(v);
    const bad = await refused(app, 'exit.setDisposal', {
      items: [
        { sku: 'CUP-RED', lines: [{ method: 'sell_through', quantity: 10 }] },
        { sku: 'CUP-BLUE', lines: [{ method: 'liquidate', quantity: 6 }] },
      ],
    });
    expect(bad.code).toBe('BAD_INPUT');
    v = await call(app, 'exit.setDisposal', {
      items: [
        {
          sku: 'CUP-RED',
          lines: [
            { method: 'sell_through', quantity: 10 },
            { method: 'return_factory', quantity: 5, note: '退回义乌工厂' },
          ],
        },
        { sku: 'CUP-BLUE', lines: [{ method: 'liquidate', quantity: 6 }] },
      ],
    });
    expect(v.procedures.disposalComplete).toBe(true);
    // Deposit linked and stock planned, but no partner recorded yet: not done, and it says why.
    expect(v.stage).toBe('procedures');
    expect(v.openItems.map((o) => o.zh).join('\n')).toContain('还没有登记物流、支付等合作伙伴');
    v = await restartKeeps(v);
    v = await call(app, 'exit.savePartner', { kind: 'logistics', name: '菜鸟上门揽收', status: 'active', reference: 'CN-2025-0888' });
    v = await call(app, 'exit.savePartner', {
      kind: 'payment',
      name: '支付宝国际',
      status: 'terminated',
      statusOn: '2026-10-12',
      reference: 'ALI-77',
    });
    expect(v.stage).toBe('procedures');
    v = await restartKeeps(v);
    v = await call(app, 'exit.savePartner', {
      id: v.procedures.partners[0]!.id,
      kind: 'logistics',
      name: '菜鸟上门揽收',
      status: 'terminated',
      statusOn: '2026-10-13',
      reference: 'CN-2025-0888',
    });
    v = await call(app, 'exit.addQuestion', { question: '仓内剩余库存何时退回？' });
    v = await call(app, 'exit.answerQuestion', { id: v.procedures.questions[0]!.id, answer: '审核通过后7天内安排退仓' });
    expect(v.stage).toBe('done');
    v = await restartKeeps(v);

    // 5 退店成功
    v = await call(app, 'exit.confirmDone', { confirmedOn: '2026-10-15', storeStatus: '已退店' });
    expect(v.stage).toBe('after');
    v = await restartKeeps(v);

    // 6 退店后
    for (const key of ['stock', 'deposit', 'partners', 'privacy'] as const) v = await call(app, 'exit.setAfter', { key, done: true });
    v = await restartKeeps(v);
    expect(v.timeline.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['opened', 'reason', 'submitted', 'reminder', 'review', 'deposit', 'disposal', 'partner', 'done', 'after']),
    );
  });

  it('prints the paperwork to PDF with the store name, reason and dates, A4 and page numbers', async () => {
    const { documents } = await call(app, 'exit.paperwork', {});
    expect(documents.map((d) => d.name)).toEqual([
      '01-退店申请',
      '02-库存处理清单',
      '03-终止合作通知-01-菜鸟上门揽收',
      '03-终止合作通知-02-支付宝国际',
      '04-退店清单',
    ]);
    for (const d of documents) {
      expect(d.html).toContain('size: A4');
      expect(d.html).toContain('counter(page)');
      expect(d.html).toContain('"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif');
    }
    const opened = await openPdfRenderer();
    if (!('renderer' in opened)) throw new Error(`no browser for PDF: ${opened.reason.en}`);
    try {
      const texts: Record<string, string> = {};
      for (const d of documents) {
        const pdf = await opened.renderer.pdf(d.html);
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        // A4 is 595 × 842 points.
        expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]/);
        texts[d.name] = pdfText(pdf);
      }
      const app1 = texts['01-退店申请'];
      expect(app1).toContain(STORE);
      expect(app1).toContain('市场竞争激烈');
      expect(app1).toContain('2026年9月30日');
      expect(app1).toContain('TD20260930001');
      expect(app1).toContain('2026年10月10日');
      expect(app1).toMatch(/第 ?1 ?页/);
      expect(texts['02-库存处理清单']).toContain('退回工厂');
      expect(texts['03-终止合作通知-01-菜鸟上门揽收']).toContain('菜鸟上门揽收');
      expect(texts['03-终止合作通知-01-菜鸟上门揽收']).toContain('2026年10月15日');
      expect(texts['04-退店清单']).toContain('2026年10月15日');
    } finally {
      await opened.renderer.close();
    }
  });

  it('exports a ZIP that opens and lists every file, then wipes every credential from the data folder', async () => {
    const pdfDir = join(dataDir, 'pdf-out');
    mkdirSync(pdfDir);
    const { documents } = await call(app, 'exit.paperwork', {});
    const opened = await openPdfRenderer();
    if (!('renderer' in opened)) throw new Error(opened.reason.en);
    try {
      for (const d of documents) (await import('node:fs')).writeFileSync(join(pdfDir, `${d.name}.pdf`), await opened.renderer.pdf(d.html));
    } finally {
      await opened.renderer.close();
    }

    // A wipe before the export is refused.
    const early = await refused(app, 'exit.wipe', { confirm: STORE });
    expect(early.code).toBe('CONFLICT');

    // From the screen: a download, and no copy left in the data folder.
    const dl = await call(app, 'exit.export', { download: true });
    expect(dl.file).toBeNull();
    expect(dl.fileName).toMatch(new RegExp(`^退店导出-${STORE}-\\d{8}-\\d{6}\\.zip$`));
    expect(Object.keys(unzipSync(new Uint8Array(Buffer.from(dl.contentBase64!, 'base64')))).sort()).toEqual(dl.entries);
    expect((await call(app, 'exit.get', {})).case!.after).toMatchObject({ exportFile: dl.fileName, exportsInDataFolder: [] });

    // From the CLI without --out: a copy inside the data folder, which the wipe will name.
    const out = await exportCase(app, { pdfDir });
    expect(out.file!.startsWith(join(dataDir, 'exports'))).toBe(true);
    expect((await call(app, 'exit.get', {})).case!.after.exportsInDataFolder).toEqual([out.file]);
    const zip = unzipSync(new Uint8Array(readFileSync(out.file!)));
    const names = Object.keys(zip).sort();
    expect(names).toEqual(out.entries);
    for (const d of documents) {
      expect(names).toContain(`documents/${d.name}.html`);
      expect(names).toContain(`documents/${d.name}.pdf`);
    }
    // Each table's file is named in the seller's words, as the help screen names it.
    for (const n of [
      'case.json',
      'README.txt',
      'stock/库存记录（每个SKU在每个仓库的最新可用库存）.csv',
      'stock/库存记录（每个SKU在每个仓库的最新可用库存）.json',
      'audit/操作记录（谁在什么时候做了什么）.csv',
      'audit/操作记录（谁在什么时候做了什么）.json',
      'exit/退店案件.json',
      'deposit/退保证金案件.csv',
      'data/自动绑定&解绑的开关和设置.csv',
    ]) {
      expect(names).toContain(n);
    }
    // No table name where the seller looks: only the app's own bookkeeping keeps one, in its own folder.
    const tables = app.db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .pluck()
      .all() as string[];
    for (const n of names.filter((x) => !x.startsWith('程序自用/'))) {
      for (const t of tables) expect(n).not.toContain(t);
    }
    expect(names).toContain('程序自用/tongtool_quota_calls.csv');
    // README lists every file, and tells support which table each one holds.
    const readme = strFromU8(zip['README.txt']!);
    for (const n of names.filter((x) => x !== 'README.txt')) expect(readme).toContain(n);
    expect(readme).toContain('stock_levels → stock/库存记录（每个SKU在每个仓库的最新可用库存）.csv / .json');
    // The export's time in China time, as the seller reads it, never an ISO UTC stamp.
    expect(readme).toContain(
      `导出时间 Exported: ${new Date(clock.now() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')}（北京时间 Beijing time）`,
    );
    expect(readme).not.toMatch(/\d{2}:\d{2}:\d{2}(\.\d+)?Z/);
    expect(JSON.parse(strFromU8(zip['case.json']!)).case.submit.applicationNo).toBe('TD20260930001');
    expect(strFromU8(zip['stock/库存记录（每个SKU在每个仓库的最新可用库存）.csv']!)).toContain('CUP-RED,W-义乌仓,15');
    const everything = Object.values(zip)
      .map((b) => Buffer.from(b).toString('latin1') + strFromU8(b))
      .join('\n');
    for (const s of Object.values(SECRETS)) expect(everything).not.toContain(s);

    // The confirmation must be the store name, typed exactly.
    const wrong = await refused(app, 'exit.wipe', { confirm: '确认' });
    expect(wrong.message).toContain('没有清除任何数据');
    expect(app.secrets.names().sort()).toEqual(Object.keys(SECRETS).sort());

    await app.backupNow();
    const wiped = await call(app, 'exit.wipe', { confirm: STORE });
    expect(wiped.removedSecrets.sort()).toEqual(Object.keys(SECRETS).sort());
    expect(app.secrets.names()).toEqual([]);
    // The export kept in the data folder is deleted with the rest (the exit screen said so before the wipe).
    expect(wiped.exportsLeft).toEqual([]);
    expect(existsSync(out.file!)).toBe(false);
    const notice = app.db.prepare("SELECT level, body FROM notices WHERE title LIKE '已清除账号凭证%'").get() as {
      level: string;
      body: string;
    };
    expect(notice.level).toBe('success');
    expect(notice.body).toContain('数据文件夹里的退店导出文件 1 个');
    expect(notice.body).not.toContain(out.file!);

    await app.close();
    for (const f of allFiles(dataDir)) {
      const bytes = readFileSync(f);
      for (const s of Object.values(SECRETS)) {
        expect(bytes.includes(Buffer.from(s, 'utf8')), `${s} found in ${f}`).toBe(false);
        expect(bytes.includes(Buffer.from(s, 'utf16le')), `${s} found in ${f}`).toBe(false);
      }
    }
    app = createApp({ dataDir, host: 'cli', clock });
    const v = (await call(app, 'exit.get', {})).case!;
    expect(v.after.wipedAt).toBe(wiped.at);
    const audit = app.db.prepare("SELECT detail FROM audit_log WHERE kind = 'exit.wipe'").all() as { detail: string }[];
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail).removedSecretNames.sort()).toEqual(Object.keys(SECRETS).sort());
  });
});
