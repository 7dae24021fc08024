/**
 * 确认退店成功 while listing SKUs still show bound in the app: refused by default (the store may
 * still sell), and recorded when the seller confirms that Seller Center shows the store as exited,
 * for exactly the SKUs listed — an unbind the platform refused, or a store closed before the
 * listings were refreshed, would otherwise keep the case from ever being done.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/core/platform/clock';
import { readAutoSettings, writeAutoSettings } from '../../../src-main/core/auto/settings';
import { withApp } from '../../helpers/tempApp';
import { call, refused } from '../../helpers/channels';
import { seedStock } from './seed';

const clock = () => new ManualClock(Date.UTC(2026, 9, 20, 2));

describe('确认退店成功 with listing SKUs still bound', () => {
  it('refuses without the confirmation, refuses one given for another count, and records the exit with the SKUs named, then switches automation off', () =>
    withApp(
      async (app) => {
        // One unbind the platform refused, one still bound when the store closed, one unbound.
        seedStock(
          app,
          [],
          [
            { sku: 'X-CUP-PINK', bind: 4 },
            { sku: 'X-CUP-RED', bind: 2 },
            { sku: 'X-CUP-BLUE', bind: 1 },
          ],
        );
        writeAutoSettings(app.db, { enabled: true }, new Date(app.clock.now()).toISOString());
        await call(app, 'exit.setReason', { reason: 'competition' });
        await call(app, 'exit.submit', { submittedOn: '2026-09-28', applicationNo: 'TD-1' });
        let v = await call(app, 'exit.review', { outcome: 'approved', decidedOn: '2026-10-12' });
        expect(v.done.stillBound.map((r) => [r.sku, r.note?.zh])).toEqual([
          ['X-CUP-PINK', '商品 100500 · 解绑被拒绝'],
          ['X-CUP-RED', '商品 100500 · 已绑定'],
        ]);

        // The default stays: a bound SKU refuses, and the refusal says how to record it anyway.
        let error = await refused(app, 'exit.confirmDone', { confirmedOn: '2026-10-20', storeStatus: '已退店' });
        expect(error.code).toBe('CONFLICT');
        expect(error.message).toContain(
          '还有 2 个线上SKU处于绑定状态，店铺仍在销售，不能确认退店成功：X-CUP-PINK（商品 100500 · 解绑被拒绝）',
        );
        expect(error.message).toContain('请勾选“卖家中心已显示已退店”，确认这 2 个SKU后照样记录');
        expect(error.messageEn).toContain('tick "Seller Center shows the store as exited" to confirm these 2 SKU(s)');

        // A confirmation given for another list (one SKU) does not stretch to cover two.
        error = await refused(app, 'exit.confirmDone', { confirmedOn: '2026-10-20', storeStatus: '已退店', stillBound: 1 });
        expect(error.code).toBe('CONFLICT');
        expect(error.message).toMatch(/^您确认的是 1 个仍显示绑定的线上SKU，现在是 2 个：X-CUP-PINK/);
        expect(error.messageEn).toMatch(/^You confirmed 1 listing SKU\(s\) still shown bound, but there are now 2/);
        v = (await call(app, 'exit.get', {})).case!;
        expect(v.done.confirmedOn).toBeNull();
        expect(readAutoSettings(app.db).enabled).toBe(true);

        // Confirmed for these two: recorded, the SKUs in the timeline, and the switch-off follows.
        v = await call(app, 'exit.confirmDone', { confirmedOn: '2026-10-20', storeStatus: '已退店', stillBound: 2 });
        expect(v.stage).toBe('after');
        expect(v.done).toMatchObject({ confirmedOn: '2026-10-20', storeStatus: '已退店' });
        const done = v.timeline.at(-1)!;
        expect(done.kind).toBe('done');
        expect(done.text.zh).toBe(
          '2026-10-20 退店成功，卖家中心店铺状态：已退店。卖家确认：卖家中心的店铺状态显示已退店，但本程序里仍有 2 个线上SKU显示绑定：X-CUP-PINK（商品 100500 · 解绑被拒绝）、X-CUP-RED（商品 100500 · 已绑定）',
        );
        expect(done.text.en).toContain(
          'The seller confirmed that Seller Center shows the store as exited, though 2 listing SKU(s) still show bound',
        );
        const audit = app.db.prepare("SELECT detail FROM audit_log WHERE kind = 'exit.done'").pluck().get() as string;
        expect(JSON.parse(audit)).toMatchObject({
          stillBound: 2,
          skus: [
            { sku: 'X-CUP-PINK', state: '商品 100500 · 解绑被拒绝' },
            { sku: 'X-CUP-RED', state: '商品 100500 · 已绑定' },
          ],
        });
        expect(readAutoSettings(app.db).enabled).toBe(false);
        expect(app.db.prepare("SELECT count(*) FROM audit_log WHERE kind = 'auto.switch' AND subject = 'off'").pluck().get()).toBe(1);
      },
      { clock: clock() },
    ));
});
