/** Plain data of a stock file import (文件导入): what the file held, before and after the seller confirms. */

import type { Bilingual } from '../bilingual';
import { uploadMaxBase64, uploadMaxBytes } from '../uploads';

export const STOCK_FILE_FIELDS = ['sku', 'warehouse', 'available', 'safety', 'category', 'productName', 'status'] as const;
export type StockFileField = (typeof STOCK_FILE_FIELDS)[number];

/** The largest stock file, as the upload table (src-shared/uploads) sets it, for the window to check before sending. */
export const STOCK_UPLOAD_MAX_BYTES = uploadMaxBytes('stock.import');
export const STOCK_UPLOAD_MAX_BASE64 = uploadMaxBase64('stock.import');

/** A column chosen by its header text or by its 0-based position. */
export type StockFileMapping = Partial<Record<StockFileField, string | number>>;

export interface StockFileReport {
  fileName: string;
  format: 'csv' | 'xlsx';
  encoding: string;
  /** XLSX: every sheet's name ([] for CSV) and the one read. */
  sheets: string[];
  sheet: string | null;
  headers: string[];
  /** The line of the header, as the seller sees it in the file. */
  headerLine: number;
  /** The column (0-based) each field was read from; null when none. */
  mapping: Record<StockFileField, number | null>;
  missing: StockFileField[];
  /** The columns must be chosen before anything can be imported. */
  needsMapping: boolean;
  /** The first lines under the header, to choose columns by what they hold. */
  sample: string[][];
  dataLines: number;
  accepted: number;
  /** Accepted after folding full-width characters or trimming spaces. */
  normalised: number;
  /** The first 1,000 rejected lines; rejectedTotal counts them all. */
  rejected: { line: number; reason: Bilingual; sku?: string }[];
  rejectedTotal: number;
  /** The warehouses the accepted rows name, with their SKU counts: the file replaces their stock. */
  warehouses: { name: string; skus: number }[];
  /** Why nothing can be imported, saying what the file holds; null when rows can be. */
  problem: Bilingual | null;
  applied: boolean;
  runId: number | null;
  rowsChanged: number;
}

export interface StockImportStatus {
  lastImportAt: string | null;
  fileName: string | null;
  rowsRead: number;
  /** Hours since the last import (whole hours), null before the first. */
  ageHours: number | null;
  /** Older than staleAfterHours: the stock the automation acts on may no longer be true. */
  stale: boolean;
  staleAfterHours: number;
}

/** The watched folder of the file stock source, and what its last look found. */
export interface WatchFolderStatus {
  /** Absolute path the seller gave, null when no folder is watched. */
  folder: string | null;
  /** Whether the folder exists now (null when none is set). */
  reachable: boolean | null;
  /** It is looked in on the stock schedule: every this many minutes. */
  everyMinutes: number;
  checkedAt: string | null;
  /** The file last taken from it. */
  fileName: string | null;
  /**
   * imported: written; unchanged: the newest file was already imported; refused: nothing usable, not
   * written; waiting: the newest file may still be being written (problem says why), looked at again soon.
   */
  outcome: 'imported' | 'unchanged' | 'refused' | 'waiting' | 'no_file' | 'missing_folder' | null;
  accepted: number;
  rejectedTotal: number;
  /** The first rejected lines of the last file, as the upload report names them. */
  rejected: StockFileReport['rejected'];
  rowsChanged: number;
  problem: Bilingual | null;
}
