import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli';
import { tempDir, withApp } from '../../helpers/tempApp';
import { autoTrayItems } from '../../../src-main/core/auto/tray';
import { readAutoSettings } from '../../../src-main/core/auto/settings';

const dir = tempDir('desk-auto-cli-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cli auto', () => {
  it('on, status, held, confirm and off share one switch stored in the data folder', () => {
    const on = runCli(['auto', 'on', '--data', dir, '--json', '--note', '测试']);
    expect(on.code, on.stderr).toBe(0);
    expect(JSON.parse(on.stdout).settings.enabled).toBe(true);
    const status = runCli(['auto', 'status', '--data', dir, '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({
      settings: { enabled: true, rebindThreshold: 1, massUnbindShare: 0.2 },
      counts: { held: 0 },
    });
    const held = runCli(['auto', 'held', '--data', dir, '--json']);
    expect(JSON.parse(held.stdout)).toEqual([]);
    const missing = runCli(['auto', 'confirm', '42', '--data', dir, '--json']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stderr.trim().split('\n')[0]!).error.code).toBe('NOT_FOUND');
    const bad = runCli(['auto', 'reject', 'abc', '--data', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('BAD_INPUT');
    const off = runCli(['auto', 'off', '--data', dir]);
    expect(off.code).toBe(0);
    expect(off.stdout).toContain('关 OFF');
  });

  it('the tray item shows and flips the same switch, and the flip is audited', async () => {
    await withApp((app) => {
      expect(readAutoSettings(app.db).enabled).toBe(false);
      const [item, risk] = autoTrayItems(app);
      expect(item).toMatchObject({ type: 'checkbox', checked: false });
      expect(risk).toMatchObject({ type: 'normal', label: '超卖风险：没有超卖风险' });
      if (item?.type !== 'checkbox') throw new Error('the switch is a checkbox');
      item.click();
      expect(readAutoSettings(app.db).enabled).toBe(true);
      expect(autoTrayItems(app)[0]).toMatchObject({ checked: true });
      const row = app.db.prepare("SELECT actor, subject FROM audit_log WHERE kind = 'auto.switch'").get();
      expect(row).toEqual({ actor: 'seller', subject: 'on' });
    });
  });
});
