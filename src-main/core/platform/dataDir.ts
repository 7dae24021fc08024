/** Where the app keeps its data when no --data folder is given: the same folder Electron calls userData. */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const APP_FOLDER = 'choice-seller-desk';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.CSD_DATA) return resolve(env.CSD_DATA);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER);
}

/** `--data DIR` from an argv, if given. */
export function dataDirFromArgv(argv: string[]): string | undefined {
  const i = argv.indexOf('--data');
  const next = i >= 0 ? argv[i + 1] : undefined;
  if (next) return resolve(next);
  const eq = argv.find((a) => a.startsWith('--data='));
  return eq ? resolve(eq.slice('--data='.length)) : undefined;
}
