/**
 * The one switch (自动绑定/解绑 on/off for the whole store). Off: every pass still decides and shows
 * "would do", nothing is sent. On again: a fresh pass decides on the stock of that moment, and the
 * sender checks each queued action again before sending, so only what is still right goes out.
 */
import type { App } from '../app';
import { writeAudit } from '../audit';
import { readAutoSettings, writeAutoSettings } from './settings';
import { decideRun } from './engine';
import { autoService } from './service';

export function setSwitch(app: App, on: boolean, note = ''): void {
  const before = readAutoSettings(app.db).enabled;
  const now = new Date(app.clock.now()).toISOString();
  writeAutoSettings(app.db, { enabled: on }, now);
  if (before !== on) {
    writeAudit(app.db, app.clock, { actor: 'seller', kind: 'auto.switch', subject: on ? 'on' : 'off', detail: { on, before, note } });
    app.notices.add(
      on ? 'success' : 'warning',
      on
        ? { title: '自动绑定/解绑已开启', body: '从现在起，库存为0的线上SKU会自动解绑，库存回来后自动重新绑定。' }
        : {
            title: '自动绑定/解绑已关闭',
            body: '关闭期间仍会计算并显示“将会执行”的操作，但不会向速卖通发送任何绑定或解绑。库存为0时可能超卖。',
          },
      on
        ? {
            title: 'Auto bind/unbind is on',
            body: 'From now on listing SKUs at 0 stock are unbound automatically and bound again when stock returns.',
          }
        : {
            title: 'Auto bind/unbind is off',
            body: 'While off, the app still works out and shows what it would do, but sends no bind or unbind to AliExpress. Listings at 0 stock may oversell.',
          },
    );
  }
  if (on && !before) {
    decideRun(app, 'switch');
    autoService(app).kick();
  }
  app.events.emit('changed', { topic: 'auto' });
}
