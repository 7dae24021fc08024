/**
 * The exit timeline is the seller's record of what they did: saving a step again with nothing
 * changed is not something they did, so it adds no entry; a changed value still does.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/core/platform/clock';
import type { ExitCaseView } from '../../../src-shared/channels/exit';
import { withApp } from '../../helpers/tempApp';
import { call } from '../../helpers/channels';

const clock = () => new ManualClock(Date.UTC(2026, 8, 28, 2));
const texts = (v: ExitCaseView) => v.timeline.map((e) => e.text.zh);

describe('exit timeline', () => {
  it('saving the same reason again adds no entry; a changed reason or wording does', () =>
    withApp(
      async (app) => {
        await call(app, 'exit.setReason', { reason: 'competition', reasonText: '同款标品价格战' });
        let v = await call(app, 'exit.setReason', { reason: 'competition', reasonText: '同款标品价格战' });
        expect(texts(v)).toEqual(['开始办理退店：我的全托管店铺', '退店原因：市场竞争激烈']);
        v = await call(app, 'exit.setReason', { reason: 'competition', reasonText: '同款标品价格战，利润太低' });
        v = await call(app, 'exit.setReason', { reason: 'own', reasonText: '工厂转做内销' });
        v = await call(app, 'exit.setReason', { reason: 'own', reasonText: '工厂转做内销' });
        expect(texts(v).slice(1)).toEqual(['退店原因：市场竞争激烈', '退店原因：市场竞争激烈', '退店原因：工厂转做内销']);
        expect(v.prepare).toMatchObject({ reason: 'own', reasonText: '工厂转做内销' });
      },
      { clock: clock() },
    ));

  it('confirming an agreement again adds no entry and keeps when it was first confirmed; unconfirming still does', () => {
    const clk = clock();
    return withApp(
      async (app) => {
        let v = await call(app, 'exit.confirmAgreement', { key: 'agreement', confirmed: true });
        const first = v.prepare.agreement[0]!.confirmedAt;
        clk.advance(60_000);
        v = await call(app, 'exit.confirmAgreement', { key: 'agreement', confirmed: true });
        expect(v.prepare.agreement[0]).toMatchObject({ confirmed: true, confirmedAt: first });
        expect(texts(v).slice(1)).toEqual(['已确认：我已仔细阅读退店协议']);
        v = await call(app, 'exit.confirmAgreement', { key: 'agreement', confirmed: false });
        v = await call(app, 'exit.confirmAgreement', { key: 'agreement', confirmed: false });
        expect(texts(v).slice(1)).toEqual(['已确认：我已仔细阅读退店协议', '取消确认：我已仔细阅读退店协议']);
      },
      { clock: clk },
    );
  });
});
