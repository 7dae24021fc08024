/**
 * The web host as src-main/host/main.ts starts it (createApp + startWebHost), serving a renderer
 * built for this bench run: out/ is shared with everyone building and testing in this tree, and a
 * half-written out/renderer would measure nothing. `tsx bench/webHost.ts --data DIR --renderer DIR`.
 */
import { createApp } from '../src-main/core/app';
import { startWebHost } from '../src-main/host/server';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  if (i < 0) throw new Error(`missing ${name}`);
  return process.argv[i + 1];
};

async function main() {
  const app = createApp({ dataDir: arg('--data'), host: 'web' });
  const host = await startWebHost(app, { rendererDir: arg('--renderer') });
  process.stdout.write(`Open the app at: ${host.openUrl}\n`);
  const stop = async () => {
    await host.close();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main().catch((err: unknown) => {
  process.stderr.write(`web host failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(2);
});
