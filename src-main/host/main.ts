/**
 * `npm run start:web`: the app in the browser, for machines where Electron cannot run. Built into
 * out/main/host.js (scripts/run-built.mjs runs it, rebuilding first when a source is newer).
 * Options: --data DIR, --port N, --token T (tests), --renderer DIR (a renderer built elsewhere, for
 * the benchmarks: out/ is shared with every build in the tree).
 */
import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import type { App } from '../core/app';
import { dataDirFromArgv, defaultDataDir } from '../core/platform/dataDir';
import { startWebHost } from './server';
import { readPublicSettings } from '../core/platform/settingsFile';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main() {
  const dataDir = dataDirFromArgv(process.argv) ?? defaultDataDir();
  // Built, this file is out/main/host.js beside out/renderer; run from source (tsx), src-main/host/.
  const built = [join(__dirname, '../renderer'), join(__dirname, '../../out/renderer')].find((d) => existsSync(join(d, 'index.html')));
  const rendererDir = resolve(arg('--renderer') ?? built ?? join(__dirname, '../renderer'));
  if (!existsSync(join(rendererDir, 'index.html'))) {
    process.stderr.write('找不到界面文件，请先运行 npm run build。 / The UI is not built: run npm run build first.\n');
    process.exit(2);
  }
  // The core (database, services, schemas: most of a start) is required and opened by the host once
  // it listens and the browser has the page (server.ts), so its opening overlaps the page's own start.
  let opened: Promise<App> | undefined;
  let settle!: { ok: (app: App) => void; fail: (err: unknown) => void };
  const outcome = new Promise<App>((ok, fail) => (settle = { ok, fail }));
  const openApp = () => {
    if (!opened) {
      opened = import('../core/app').then(({ createApp, startBackground }) => {
        const app = createApp({ dataDir, host: 'web' });
        // A long-running host: the schedule, the sender and the hourly jobs run while it is open.
        startBackground(app);
        return app;
      });
      opened.then(settle.ok, settle.fail);
    }
    return opened;
  };
  const host = await startWebHost(openApp, {
    rendererDir,
    settings: () => readPublicSettings(dataDir),
    port: arg('--port') ? Number(arg('--port')) : undefined,
    token: arg('--token'),
  });
  process.stdout.write(`全托管卖家助手已在浏览器模式启动，请打开 / Open the app at: ${host.openUrl}\n`);
  process.stdout.write(`数据文件夹 Data folder: ${dataDir}\n`);
  // The link opens the app once (a second opening is refused): Enter here prints a fresh one.
  if (process.stdin.isTTY) {
    process.stdout.write('链接只能打开一次；关闭页面后按回车获取新链接。 / The link opens once; press Enter for a new one.\n');
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', () => process.stdout.write(`新链接 New link: ${host.newLaunchUrl()}\n`));
  }
  const stop = async () => {
    await host.close();
    await (await opened?.catch(() => undefined))?.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  // A data folder that cannot be opened (another copy holds it, a damaged database) ends the host,
  // as before, though now after the link is printed.
  await outcome;
}

void main().catch((err: unknown) => {
  process.stderr.write(`启动失败 Failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
