/**
 * Numbered migrations. Append only: never edit one that has shipped. Each domain owns its own file.
 */
import type Database from 'better-sqlite3';
import { m001_foundation } from './001_foundation';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: Migration[] = [m001_foundation];

export const LATEST_VERSION = MIGRATIONS.reduce((v, m) => Math.max(v, m.version), 0);
