import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../../../src-main/core/platform/clock';
import { AliExpressSimulator } from '../../../src-main/core/connectors/aliexpress/simulator';
import { TongtoolSimulator } from '../../../src-main/core/connectors/tongtool/simulator';
import { buildCatalogue } from '../../../src-main/core/connectors/demo/catalogue';
import type { ConnectStatus, ConnectTestReport, ProbeReport } from '../../../src-shared/channels/connect';
import { runCliAsync } from '../../helpers/cli';
import { tempDir } from '../../helpers/tempApp';

const AE_KEY = '34567812';
const AE_SECRET = 'AeSecret-CLI-5c1d2e3f4a';
const TT_KEY = 'ttkey-cli-4455';
const TT_SECRET = 'TtSecret-CLI-9e8d7c6b5a';

/** Support sets a live store up from a terminal, each step a separate process on one data folder. */
describe('cli connect: a live store set up end to end', () => {
  let ae: AliExpressSimulator;
  let tt: TongtoolSimulator;
  const dir = tempDir();
  const cli = (args: string[], input?: string) => runCliAsync([...args, '--data', dir], { input });

  beforeAll(async () => {
    const cat = buildCatalogue(1000, 5);
    ae = await new AliExpressSimulator({
      clock: systemClock,
      appKey: AE_KEY,
      appSecret: AE_SECRET,
      products: cat.products.slice(0, 25),
    }).start();
    tt = await new TongtoolSimulator({
      clock: systemClock,
      appKey: TT_KEY,
      appSecret: TT_SECRET,
      warehouses: cat.erpWarehouses,
      goods: cat.goods.slice(0, 40),
      stock: cat.stock.slice(0, 80),
    }).start();
  });
  afterAll(async () => {
    await ae.stop();
    await tt.stop();
  });

  it('keys (secret from stdin), authorisation code with its state, Tongtool, source, test', async () => {
    const keys = await cli(
      ['connect', 'aliexpress', '--app-key', AE_KEY, '--app-secret', '-', '--gateway', ae.url, '--json'],
      `${AE_SECRET}\n`,
    );
    expect(keys.code, keys.stderr).toBe(0);

    const link = await cli(['connect', 'authorize-url', '--redirect', 'http://127.0.0.1:1/cb', '--json']);
    expect(link.code, link.stderr).toBe(0);
    const { url, state } = JSON.parse(link.stdout) as { url: string; state: string };
    const loc = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
    expect(loc.searchParams.get('state')).toBe(state);

    // A state this data folder never issued is refused, and nothing is saved.
    const forged = await cli(['connect', 'authorize', '--code', loc.searchParams.get('code')!, '--state', 'not-ours', '--json']);
    expect(forged.code).toBe(1);
    expect(forged.stderr).toContain('state');

    const auth = await cli(['connect', 'authorize', '--code', loc.searchParams.get('code')!, '--state', state, '--json']);
    expect(auth.code, auth.stderr).toBe(0);
    const authed = JSON.parse(auth.stdout) as ConnectStatus;
    expect(authed).toMatchObject({
      mode: 'live',
      aliexpress: { gatewayUrl: ae.url, authorized: true, channel: { businessType: 'ONE_STOP_SERVICE' } },
    });

    const ttKeys = await cli(['connect', 'tongtool', '--app-key', TT_KEY, '--app-secret', TT_SECRET, '--base-url', tt.url, '--json']);
    expect(ttKeys.code, ttKeys.stderr).toBe(0);
    expect((JSON.parse(ttKeys.stdout) as ConnectStatus).stockSource.kind).toBe('tongtool');

    const test = await cli(['connect', 'test', '--json']);
    expect(test.code, test.stderr).toBe(0);
    const report = JSON.parse(test.stdout) as ConnectTestReport;
    expect(report.ok).toBe(true);
    expect(report.stockSource.warehouses.length).toBeGreaterThan(0);
    expect(report.stockSource.warehouses.every((w) => w.id !== '' && w.name !== '')).toBe(true);
    // The first successful live test probed the real APIs once by itself, read only.
    expect(report.probe?.calls.map((c) => c.outcome)).toEqual(['answered', 'answered', 'answered', 'answered', 'answered', 'answered']);
    expect(ae.calls.map((c) => c.method).filter((m) => m.startsWith('aliexpress.ascp.item.'))).toEqual([]);

    const file = await cli(['connect', 'source', 'file', '--json']);
    expect((JSON.parse(file.stdout) as ConnectStatus).stockSource.kind).toBe('file');
    const bad = await cli(['connect', 'source', 'excel']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('tongtool');

    // The secrets went to the secret store only: not in the database, not in the log.
    const log = readFileSync(join(dir, 'logs', 'main.log'), 'utf8');
    expect(log).not.toContain(AE_SECRET);
    expect(log).not.toContain(TT_SECRET);
    expect(readFileSync(join(dir, 'desk.sqlite')).includes(AE_SECRET)).toBe(false);
  }, 120_000);

  it('connect probe --json on the live store: each call with the fields that came back; a refused call exits 1', async () => {
    // The source is the file import now (the test above ends there): the Tongtool calls are skipped
    // and say why, and the quota of 5 a minute, spent by the test above, is not waited for.
    const json = await cli(['connect', 'probe', '--json']);
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout) as ProbeReport;
    expect(report).toMatchObject({ ok: true, mode: 'live' });
    expect(report.calls.map((c) => [c.call, c.outcome])).toEqual([
      ['global.seller.relation.query', 'answered'],
      ['aliexpress.choice.products.list', 'answered'],
      ['warehouseQuery', 'skipped'],
      ['stocksQuery', 'skipped'],
      ['stocksChangeQuery', 'skipped'],
      ['goodsQuery', 'skipped'],
    ]);
    expect(report.calls[1]!.fields).toEqual(expect.arrayContaining(['result.product_list[].search_sku_info_list[].sku_id']));

    ae.inject({ kind: 'code', code: 'ISV.PermissionDenied' }, { call: 'aliexpress.choice.products.list', times: 1 });
    const refused = await cli(['connect', 'probe', '--json']);
    expect(refused.code).toBe(1);
    const r = JSON.parse(refused.stdout) as ProbeReport;
    expect(r.ok).toBe(false);
    expect(r.calls[1]).toMatchObject({ outcome: 'failed', remoteCode: 'ISV.PermissionDenied' });
  }, 120_000);
});
