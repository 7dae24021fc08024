/**
 * A real app process for the crash test: opens the data folder, points at the simulators the test
 * runs, and does one `auto run` (decide and send). The test kills it with SIGKILL mid-way.
 */
import { createApp } from '../../../src-main/core/app';
import { call } from '../../helpers/channels';
import { wireApp } from './store';

async function main(): Promise<void> {
  const app = createApp({ dataDir: process.env.AUTO_DATA as string, host: 'cli' });
  await wireApp(app, {
    aeUrl: process.env.AUTO_AE as string,
    ttUrl: process.env.AUTO_TT as string,
    tokens: JSON.parse(process.env.AUTO_TOKENS as string),
  });
  const r = await call(app, 'auto.run', { sync: false, send: true });
  process.stdout.write(`${JSON.stringify(r)}\n`);
  await app.close();
}

main().catch((err: unknown) => {
  process.stderr.write(String(err instanceof Error ? err.stack : err));
  process.exitCode = 2;
});
