/** Types for scripts/pack-check.mjs, for the tests that import it. */
export const CONFIG_FILE: string;
export const ASAR_BUDGET_BYTES: number;
export const SQLITE_BINARIES: string[];
export const FUSE_NAMES: string[];
export const WANTED_FUSES: Record<string, boolean>;
export function validateConfig(configFile?: string): Promise<Record<string, unknown> & {
  appId?: string;
  executableName?: string;
  npmRebuild?: boolean;
  asarUnpack?: string[];
  win?: { icon?: string; target?: unknown; requestedExecutionLevel?: string };
  nsis?: Record<string, unknown>;
  electronFuses?: Record<string, boolean>;
}>;
export function makeStandInElectron(dir: string): string;
export function readFuses(executable: string): Record<string, boolean>;
export function pack(outDir: string): { appDir: string; output: string };
export interface PackReport {
  problems: string[];
  asarFile: string;
  asarBytes: number;
  asarBudgetBytes: number;
  unpackedBytes: number;
  fileCount: number;
  modules: string[];
  unpackedBinary: string;
  executable: string;
  fuses: Record<string, boolean>;
  locales: string[];
}
export function inspect(appDir: string): PackReport;
