import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli';
import { tempDir } from '../../helpers/tempApp';
import { createApp } from '../../../src-main/core/app';
import type { ProbeReport } from '../../../src-shared/channels/connect';

describe('cli demo and connect test', () => {
  it('seeds the demo store, and a later process restarts it from the seed and tests OK', () => {
    const dir = tempDir();
    const demo = runCli(['demo', '--data', dir, '--size', '1000', '--seed', '99', '--json']);
    expect(demo.code, demo.stderr).toBe(0);
    const out = JSON.parse(demo.stdout) as { status: { mode: string; demo: { seed: number } }; test: { ok: boolean } };
    expect(out.status.mode).toBe('demo');
    expect(out.status.demo.seed).toBe(99);
    expect(out.test.ok).toBe(true);

    const test = runCli(['connect', 'test', '--data', dir, '--json']);
    expect(test.code, test.stderr).toBe(0);
    const report = JSON.parse(test.stdout) as {
      ok: boolean;
      aliexpress: { listingCount: number };
      stockSource: { kind: string; warehouses: { name: string }[] };
    };
    expect(report.ok).toBe(true);
    expect(report.stockSource.kind).toBe('demo');
    expect(report.stockSource.warehouses.map((w) => w.name)).toContain('东莞２号仓');
    expect(report.aliexpress.listingCount).toBeGreaterThan(100);
  });

  it('connect probe on the demo store: the text names each call and the fields that came back; --json gives the same calls', () => {
    const dir = tempDir();
    expect(runCli(['demo', '--data', dir, '--size', '1000', '--seed', '7', '--json']).code).toBe(0);
    const json = runCli(['connect', 'probe', '--data', dir, '--json']);
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as ProbeReport;
    expect(report).toMatchObject({ ok: true, mode: 'demo' });
    expect(report.calls).toHaveLength(6);
    expect(report.calls.every((c) => c.outcome === 'answered' && c.fields.length > 0)).toBe(true);

    const text = runCli(['connect', 'probe', '--data', dir]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('所有接口都按文档返回');
    for (const c of report.calls) {
      expect(text.stdout).toContain(`[${c.system}] ${c.call}`);
      // The fields that came back, by name, not only their count.
      expect(text.stdout).toContain(`返回的字段 Fields returned (${c.fields.length}): ${c.fields.join(', ')}`);
    }
    expect(text.stdout).toContain('result.product_list[].search_sku_info_list[].sku_id');
    expect(text.stdout).toMatch(/脱敏样本.*probe-.*\.json/);
  });

  it('reports what failed, with exit code 1, when live mode has no keys', async () => {
    const dir = tempDir();
    const app = createApp({ dataDir: dir, host: 'cli' });
    app.settings.set('mode', 'live');
    await app.close();
    const r = runCli(['connect', 'test', '--data', dir, '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      ok: boolean;
      aliexpress: { checks: { step: string; ok: boolean; code: string; message: string }[] };
      stockSource: { checks: { step: string; ok: boolean }[] };
    };
    expect(report.ok).toBe(false);
    expect(report.aliexpress.checks).toEqual([expect.objectContaining({ step: 'keys', ok: false, code: 'AUTH' })]);
    expect(report.aliexpress.checks[0]!.message).toContain('App Key');
    expect(report.stockSource.checks).toEqual([expect.objectContaining({ step: 'source', ok: false })]);
  });
});
