import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeAudit } from '../../../src-main/core/audit';
import { exportAudit, kindText } from '../../../src-main/core/auto/auditLog';
import { outboxText, sendText } from '../../../src-main/cli/auto';
import { withApp } from '../../helpers/tempApp';

describe("action states in the seller's words, never 完成", () => {
  it("the audit Excel export says 已解绑 / 已绑定 / 审核中 / 被拒绝 / 失败 by the action's kind", async () => {
    await withApp(async (app) => {
      const outcomes: [string, 'bind' | 'unbind'][] = [
        ['done', 'unbind'],
        ['done', 'bind'],
        ['review', 'unbind'],
        ['refused', 'unbind'],
        ['failed', 'bind'],
      ];
      for (const [state, kind] of outcomes)
        writeAudit(app.db, app.clock, { actor: 'auto', kind: `auto.action.${state}`, subject: 'S1', detail: { actionId: 1, kind } });
      const out = await exportAudit(app.db, { autoOnly: true });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(out.contentBase64, 'base64') as unknown as ArrayBuffer);
      const kinds: string[] = [];
      wb.worksheets[0]!.eachRow((row, n) => n > 1 && kinds.push(String(row.getCell(3).value)));
      expect(kinds).toEqual([
        '已解绑 unbound',
        '已绑定 bound',
        '解绑审核中 unbind in review',
        '解绑被拒绝 unbind refused',
        '绑定失败 bind failed',
      ]);
      expect(kinds.join()).not.toContain('完成');
    });
    expect(kindText('auto.decision', {})).toBe('决定 decision');
  });

  it('the CLI send summary and outbox line use the same words', () => {
    const send = sendText({
      skipped: null,
      processed: 4,
      sent: 4,
      done: 3,
      unbound: 2,
      bound: 1,
      review: 1,
      refused: 0,
      failed: 0,
      cancelled: 0,
      deferred: 0,
    });
    expect(send).toContain('已提交 submitted 4');
    expect(send).toContain('已解绑 unbound 2');
    expect(send).toContain('已绑定 bound 1');
    expect(send).toContain('审核中 in review 1');
    const outbox = outboxText({ held: 0, queued: 1, sent: 2, review: 3, done: 4, refused: 5, failed: 6, cancelled: 0 });
    expect(outbox).toContain('已提交 submitted 2');
    expect(outbox).toContain('被拒绝 refused 5');
    expect(outbox).toContain('失败 failed 6');
    for (const text of [send, outbox]) expect(text).not.toMatch(/完成|done/);
  });
});
