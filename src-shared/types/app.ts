/** Domain types that cross the process boundary. Plain data only. */
import type { Bilingual } from '../bilingual';

export type Language = 'zh-CN' | 'en-US';

export interface AppSettings {
  language: Language;
  firstRunDone: boolean;
  /** demo: the built-in simulators stand in for AliExpress and the ERP. */
  mode: 'demo' | 'live';
  storeName: string;
}

export interface AppInfo {
  name: string;
  version: string;
  dataDir: string;
  dbFile: string;
  schemaVersion: number;
  /** Where the app runs: electron, web host or CLI. */
  host: 'electron' | 'web' | 'cli';
  /** Rows per database table, by table name: for the CLI's `info` and support. */
  rowCounts: Record<string, number>;
  /** The same data as the seller reads it (库存记录, 通知 …), for the help screen. */
  stored: StoredData[];
  lastBackup: string | null;
}

/** One kind of data the app keeps, in the seller's words, and how many records of it. */
export interface StoredData {
  what: Bilingual;
  rows: number;
}

export interface Notice {
  id: number;
  at: string;
  level: 'info' | 'success' | 'warning' | 'error';
  /** In both languages (a notice stored before notices had English shows its Chinese in both). */
  title: Bilingual;
  body: Bilingual;
  read: boolean;
}

/** A notice's words in one language. */
export interface NoticeText {
  title: string;
  body?: string;
}

export interface TaskProgress {
  task: string;
  done: number;
  total: number | null;
  message?: string;
  finished?: boolean;
}
