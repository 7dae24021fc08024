/** The auto bind & unbind channels over the engine, the outbox and the dashboard queries. */
import type { App } from '../app';
import type { DomainHandlers } from '../dispatch';
import { BLOCKING_REASONS, type autoChannels, type DecisionReason } from '../../../src-shared/channels/auto';
import { writeAudit } from '../audit';
import { plan } from './engine';
import { countPlan } from './planCounts';
import { heldOf, toView } from './decisionView';
import { autoService, requireRun } from './service';
import { setSwitch } from './switch';
import { writeAutoSettings } from './settings';
import { answerHeldRun, heldRuns, listAutoRuns } from './runs';
import { listActions } from './outbox';
import { retryAction, setPins } from './pins';
import { autoStatus, dashboard } from './dashboard';
import { riskModel } from './risk';
import { coverage } from './coverage';
import { listRobots, robotText, sendRobots, setRobot } from './robots';
import { exportAudit, listAudit } from './auditLog';
import { demoDrain, demoInfo, demoRestock, demoReviewMode, demoSellOut, demoSkus } from './demoTools';

/** Reasons that mean the SKU is outside automation until the seller fixes something. */
export const BLOCKING: DecisionReason[] = BLOCKING_REASONS;

export function autoHandlers(app: App): DomainHandlers<typeof autoChannels> {
  const service = autoService(app);
  return {
    'auto.status': () => autoStatus(app),
    'auto.setSwitch': ({ on, note }) => {
      setSwitch(app, on, note);
      return autoStatus(app);
    },
    'auto.settings.set': (patch) => {
      const now = new Date(app.clock.now()).toISOString();
      const s = writeAutoSettings(app.db, patch, now);
      writeAudit(app.db, app.clock, { actor: 'seller', kind: 'auto.settings', detail: patch });
      app.events.emit('changed', { topic: 'auto' });
      service.edited();
      return s;
    },
    'auto.run': ({ sync, send }) => service.runOnce({ sync, send }),
    'auto.dryRun': ({ only, search, page, pageSize }) => {
      const p = plan(app.db, undefined, app.clock.now());
      const counts = countPlan(p);
      const needle = search?.toLowerCase();
      let rows = p.skus.filter((s) =>
        only === 'all'
          ? true
          : only === 'changes'
            ? // A held unbind is a change too: it goes out once the seller confirms (the held run points here for the whole list).
              s.add !== null || s.cancel.length > 0 || heldOf(s) !== null
            : BLOCKING.includes(s.decision.reason) || s.decision.reason === 'pinned',
      );
      if (needle)
        rows = rows.filter(
          (s) => s.input.sellerSku.toLowerCase().includes(needle) || (s.input.erpSku ?? '').toLowerCase().includes(needle),
        );
      // With the switch off these are exactly the "would do" list.
      return { rows: rows.slice((page - 1) * pageSize, page * pageSize).map(toView), total: rows.length, counts };
    },
    'auto.held.list': () => heldRuns(app.db),
    'auto.held.confirm': async ({ runId, note }) => {
      const r = requireRun(answerHeldRun(app, runId, 'confirm', note), runId);
      service.kick();
      return r;
    },
    'auto.held.reject': ({ runId, note }) => requireRun(answerHeldRun(app, runId, 'reject', note), runId),
    'auto.runs.list': ({ page, pageSize }) => listAutoRuns(app.db, page, pageSize),
    'auto.pin.set': ({ listingSkuIds, mode, note }) => {
      const r = setPins(app, listingSkuIds, mode, note);
      service.edited();
      return r;
    },
    'auto.actions.list': ({ state, page, pageSize }) => listActions(app.db, { state, page, pageSize }),
    'auto.action.retry': ({ actionId }) => retryAction(app, actionId),
    'auto.action.retryAt': ({ actionId, at }) => retryAction(app, actionId, Date.parse(at)),
    'auto.risk': () => riskModel(app.db, app.clock.now()),
    'auto.coverage': () => coverage(app.db),
    'auto.robots.list': () => listRobots(app),
    'auto.robots.set': (x) => setRobot(app, x),
    'auto.robots.test': () =>
      sendRobots(
        app,
        robotText({
          title: '测试消息 / test message',
          body: '这是一条测试消息：收到它说明群机器人设置正确。 This is a test: the group robot is set up right.',
        }),
      ),
    'auto.dashboard': () => dashboard(app),
    'auto.audit.list': (q) => listAudit(app.db, q),
    'auto.audit.export': (q) => exportAudit(app.db, q),
    'auto.demo.info': () => demoInfo(app),
    'auto.demo.skus': ({ search, limit }) => demoSkus(app, search, limit),
    'auto.demo.sellOut': ({ listingSkuId }) => demoSellOut(app, listingSkuId),
    'auto.demo.drain': ({ erpWarehouseId }) => demoDrain(app, erpWarehouseId),
    'auto.demo.restock': (input) => demoRestock(app, input),
    'auto.demo.reviewMode': ({ mode }) => demoReviewMode(app, mode),
  };
}
