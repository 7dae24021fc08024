/**
 * The switch in the tray menu, as plain menu items (core never imports electron; the shape matches
 * Electron's MenuItemConstructorOptions). The tray rebuilds its menu on each open, so it shows the
 * switch as the database has it, whoever flipped it last, and the risk model's headline.
 */
import type { App } from '../app';
import { readAutoSettings } from './settings';
import { setSwitch } from './switch';
import { riskSummary } from './risk';

export type TrayItem =
  | { label: string; type: 'checkbox'; checked: boolean; click: () => void }
  /** A line of text (the risk headline), the same words as the dashboard's. */
  | { label: string; type: 'normal'; enabled: false };

export function autoTrayItems(app: App): TrayItem[] {
  if (!app.db.open) return [];
  const on = readAutoSettings(app.db).enabled;
  const risk = riskSummary(app.db, app.clock.now());
  return [
    {
      label: on ? '自动绑定/解绑：已开启（点击关闭）' : '自动绑定/解绑：已关闭（点击开启）',
      type: 'checkbox',
      checked: on,
      click: () => {
        try {
          setSwitch(app, !on, '托盘菜单 tray menu');
        } catch (err) {
          app.log.error('tray switch failed', { error: String(err) });
        }
      },
    },
    { label: `超卖风险：${risk.headline.zh}`, type: 'normal', enabled: false },
  ];
}
