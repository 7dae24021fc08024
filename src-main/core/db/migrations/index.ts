/**
 * Numbered migrations. Append only: never edit one that has shipped. Each domain owns its own file.
 */
import type Database from 'better-sqlite3';
import { m001_foundation } from './001_foundation';
import { m002_connectors } from './002_connectors';
import { m003_stock } from './003_stock';
import { m004_exit } from './004_exit';
import { m005_deposit } from './005_deposit';
import { m006_auto } from './006_auto';
import { m007_notices_en } from './007_notices_en';
import { m008_listing_wire } from './008_listing_wire';
import { m009_auto_lanes } from './009_auto_lanes';
import { m010_auto_history } from './010_auto_history';
import { m011_prerequisites } from './011_prerequisites';
import { m012_exit_plan_drafts } from './012_exit_plan_drafts';
import { m013_stock_counting } from './013_stock_counting';
import { m014_stock_sales } from './014_stock_sales';
import { m015_listing_looks } from './015_listing_looks';
import { m016_auto_changed } from './016_auto_changed';
import { m017_notices_key } from './017_notices_key';
import { m018_stock_bulk_marks } from './018_stock_bulk_marks';
import { m019_auto_sku_state } from './019_auto_sku_state';
import { m020_stock_seen } from './020_stock_seen';
import { m021_auto_bound_count } from './021_auto_bound_count';
import { m022_auto_risk_kind } from './022_auto_risk_kind';
import { m023_auto_bind_counts } from './023_auto_bind_counts';
import { m024_estimated_dates } from './024_estimated_dates';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: Migration[] = [
  m001_foundation,
  m002_connectors,
  m003_stock,
  m004_exit,
  m005_deposit,
  m006_auto,
  m007_notices_en,
  m008_listing_wire,
  m009_auto_lanes,
  m010_auto_history,
  m011_prerequisites,
  m012_exit_plan_drafts,
  m013_stock_counting,
  m014_stock_sales,
  m015_listing_looks,
  m016_auto_changed,
  m017_notices_key,
  m018_stock_bulk_marks,
  m019_auto_sku_state,
  m020_stock_seen,
  m021_auto_bound_count,
  m022_auto_risk_kind,
  m023_auto_bind_counts,
  m024_estimated_dates,
];

export const LATEST_VERSION = MIGRATIONS.reduce((v, m) => Math.max(v, m.version), 0);
