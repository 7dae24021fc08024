/**
 * The partners table (④③) saves one column at a time: a save keeps what it does not carry.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/core/platform/clock';
import type { ExitCaseView, ExitPartner } from '../../../src-shared/channels/exit';
import { withApp } from '../../helpers/tempApp';
import { call } from '../../helpers/channels';

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
