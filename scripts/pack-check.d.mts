/** Types for scripts/pack-check.mjs, for the tests that import it. */
export const CONFIG_FILE: string;
export const ASAR_BUDGET_BYTES: number;
export const SQLITE_BINARIES: string[];
export const FUSE_NAMES: string[];
export const WANTED_FUSES: Record<string, boolean>;
export function validateConfig(configFile?: string): Promise<
  Record<string, unknown> & {
    appId?: string;
    executableName?: string;
    npmRebuild?: boolean;
    asarUnpack?: string[];
    win?: { icon?: string; target?: unknown; requestedExecutionLevel?: string };
    nsis?: Record<string, unknown>;
    electronFuses?: Record<string, boolean>;
  }
>;
export type PackPlatform = 'linux' | 'win';
export function makeStandInElectron(dir: string, platform?: PackPlatform): string;
export function readFuses(executable: string): Record<string, boolean>;
export function pack(outDir: string, platform?: PackPlatform): { appDir: string; output: string };
export interface ExeResources {
  strings: Record<string, string>;
  icons: number[][];
  integrity: { file: string; alg: string; value: string }[] | null;
}
export function exeResources(executable: string): ExeResources;
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
  exe: ExeResources | null;
  locales: string[];
}
export function inspect(appDir: string, platform?: PackPlatform): PackReport;
export function packagesRequiredBy(sources: string[]): Set<string>;
