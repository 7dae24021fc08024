/**
 * One real app process on a shared data folder, for the one-engine-per-folder test: opens the app as
 * the host it is told to be (a web host or the CLI), points it at the test's simulators and does one
 * sync → decide → send, then holds the folder open for HOLD_MS. A process that finds the folder in
 * use prints the refusal and exits 3, as the web host and the CLI do.
 */
import { createApp, DataFolderInUseError, startBackground } from '../../../src-main/core/app';
import { call } from '../../helpers/channels';
import { wireApp } from '../auto/store';

async function main(): Promise<void> {
  const host = (process.env.ENGINE_HOST ?? 'cli') as 'web' | 'cli';
  let app;
  try {
    app = createApp({ dataDir: process.env.ENGINE_DATA as string, host });
    if (host === 'web') startBackground(app);
  } catch (err) {
    if (!(err instanceof DataFolderInUseError)) throw err;
    process.stdout.write(`${JSON.stringify({ refused: true, message: err.messageZh, messageEn: err.messageEn, holder: err.holder })}\n`);
    process.exitCode = 3;
    return;
  }
  try {
    await wireApp(app, {
      aeUrl: process.env.ENGINE_AE as string,
      ttUrl: process.env.ENGINE_TT as string,
      tokens: JSON.parse(process.env.ENGINE_TOKENS as string),
      perMinute: 1000,
    });
    process.stdout.write(`${JSON.stringify({ locked: true, pid: process.pid })}\n`);
    const r = await call(app, 'auto.run', { sync: true, send: true });
    process.stdout.write(`${JSON.stringify({ report: r })}\n`);
    const hold = Number(process.env.ENGINE_HOLD_MS ?? 0);
    if (hold) await new Promise((res) => setTimeout(res, hold));
  } finally {
    await app.close();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(String(err instanceof Error ? err.stack : err));
  process.exitCode = 2;
});
