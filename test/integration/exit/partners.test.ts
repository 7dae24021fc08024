/**
 * The partners table (④③): one record per partner, and a save (the table saves one column at a
 * time) keeps what it does not carry.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/core/platform/clock';
import type { ExitCaseView, ExitPartner } from '../../../src-shared/channels/exit';
import { withApp } from '../../helpers/tempApp';
import { call, refused } from '../../helpers/channels';

const clock = () => new ManualClock(Date.UTC(2026, 9, 12, 2));
const partner = (v: ExitCaseView, name: string): ExitPartner => v.procedures.partners.find((p) => p.name === name)!;

describe('exit partners: a save keeps what it does not carry', () => {
  it('a status or reference saved from the table keeps the note stored on the partner; null clears a field', () =>
    withApp(
      async (app) => {
        let v = await call(app, 'exit.savePartner', {
          kind: 'logistics',
          name: '菜鸟国际物流',
          status: 'active',
          reference: 'CN-0888',
          note: '对接人王经理 13800001111',
        });
        const { id } = partner(v, '菜鸟国际物流');
        // What the table sends when the status changes: the columns it shows, not the note.
        v = await call(app, 'exit.savePartner', {
          id,
          kind: 'logistics',
          name: '菜鸟国际物流',
          status: 'terminated',
          statusOn: '2026-10-12',
          reference: 'CN-0888',
        });
        expect(partner(v, '菜鸟国际物流')).toMatchObject({
          status: 'terminated',
          statusOn: '2026-10-12',
          reference: 'CN-0888',
          note: '对接人王经理 13800001111',
        });
        // A reference saved on its own keeps the date and the note.
        v = await call(app, 'exit.savePartner', { id, kind: 'logistics', name: '菜鸟国际物流', status: 'terminated', reference: 'ZZ-1' });
        expect(partner(v, '菜鸟国际物流')).toMatchObject({ statusOn: '2026-10-12', reference: 'ZZ-1', note: '对接人王经理 13800001111' });
        // Clearing is said, not implied: null (or an empty text) clears a field.
        v = await call(app, 'exit.savePartner', {
          id,
          kind: 'logistics',
          name: '菜鸟国际物流',
          status: 'active',
          statusOn: null,
          reference: '',
          note: null,
        });
        expect(partner(v, '菜鸟国际物流')).toMatchObject({ status: 'active', statusOn: null, reference: null, note: null });
      },
      { clock: clock() },
    ));

  it('a termination saved without a date takes the date stored; one whose date is cleared is refused', () =>
    withApp(
      async (app) => {
        let v = await call(app, 'exit.savePartner', { kind: 'payment', name: '支付宝国际', status: 'notified', statusOn: '2026-10-10' });
        const { id } = partner(v, '支付宝国际');
        v = await call(app, 'exit.savePartner', { id, kind: 'payment', name: '支付宝国际', status: 'terminated' });
        expect(partner(v, '支付宝国际')).toMatchObject({ status: 'terminated', statusOn: '2026-10-10' });
        await expect(
          call(app, 'exit.savePartner', { id, kind: 'payment', name: '支付宝国际', status: 'terminated', statusOn: null }),
        ).rejects.toThrow('请填写与“支付宝国际”终止合作的日期');
      },
      { clock: clock() },
    ));
});

describe('exit partners: one record per partner', () => {
  it('a name already listed is refused, in both languages, also with spaces around it, typed full-width or in other letter case', () =>
    withApp(
      async (app) => {
        await call(app, 'exit.savePartner', { kind: 'logistics', name: 'SF Express 顺丰国际', status: 'active' });
        const before = (await call(app, 'exit.get', {})).case!;
        for (const name of ['SF Express 顺丰国际', '  SF Express 顺丰国际\u3000', 'ＳＦ　Ｅｘｐｒｅｓｓ 顺丰国际', 'sf express 顺丰国际']) {
          const e = await refused(app, 'exit.savePartner', { kind: 'other', name, status: 'active' });
          expect(e).toMatchObject({
            code: 'CONFLICT',
            message: '合作伙伴“SF Express 顺丰国际”（物流）已经在列表里了，不用再添加。要更新它的状态、日期或凭证号，请在列表里直接修改。',
            messageEn:
              'The partner "SF Express 顺丰国际" (Logistics) is already listed; there is no need to add it again. Change its status, date or reference in the list.',
          });
        }
        const after = (await call(app, 'exit.get', {})).case!;
        expect(after.procedures.partners).toEqual(before.procedures.partners);
        expect(after.timeline).toEqual(before.timeline);
        // Another name is another partner.
        const v = await call(app, 'exit.savePartner', { kind: 'logistics', name: 'SF Express 顺丰速运', status: 'active' });
        expect(v.procedures.partners.map((p) => p.name)).toEqual(['SF Express 顺丰国际', 'SF Express 顺丰速运']);
      },
      { clock: clock() },
    ));

  it('renaming a partner to one already listed is refused; a partner saved under its own name is not', () =>
    withApp(
      async (app) => {
        await call(app, 'exit.savePartner', { kind: 'payment', name: '连连支付', status: 'active' });
        let v = await call(app, 'exit.savePartner', { kind: 'payment', name: '支付宝国际', status: 'active' });
        const { id } = partner(v, '支付宝国际');
        const e = await refused(app, 'exit.savePartner', { id, kind: 'payment', name: '连连支付 ', status: 'active' });
        expect(e.message).toContain('合作伙伴“连连支付”（支付）已经在列表里了');
        v = await call(app, 'exit.savePartner', { id, kind: 'payment', name: '支付宝国际', status: 'notified', statusOn: '2026-10-12' });
        expect(partner(v, '支付宝国际')).toMatchObject({ status: 'notified' });
        // Two records an older version let in stay savable one by one (and removable).
        app.db
          .prepare("INSERT INTO exit_partner (case_id, kind, name, status, updated_at) VALUES (?, 'payment', '连连支付', 'active', ?)")
          .run(v.id, new Date().toISOString());
        v = (await call(app, 'exit.get', {})).case!;
        const twins = v.procedures.partners.filter((p) => p.name === '连连支付');
        expect(twins).toHaveLength(2);
        v = await call(app, 'exit.savePartner', { id: twins[1]!.id, kind: 'payment', name: '连连支付', status: 'not_needed' });
        expect(v.procedures.partners.filter((p) => p.name === '连连支付').map((p) => p.status)).toEqual(['active', 'not_needed']);
      },
      { clock: clock() },
    ));
});
