/**
 * Where the stock domain gets its outside systems: a StockSource (Tongtool, file, demo) and the
 * Marketplace. The connectors build them; the app wiring hands them over here, either per app
 * (setStockPorts) or through one factory registered at start-up (registerStockPortsFactory), so
 * the CLI, the web host and Electron all find the same ones.
 */
import type { App } from '../app';
import type { StockSource } from './source';
import type { Marketplace } from '../connectors/marketplace';
import { connectors } from '../connectors/service';

export interface StockPorts {
  source(): StockSource | null | Promise<StockSource | null>;
  marketplace?(): Marketplace | null | Promise<Marketplace | null>;
}

type Factory = (app: App) => StockPorts | null;
let factory: Factory | null = null;

export function registerStockPortsFactory(f: Factory | null): void {
  factory = f;
}

function holder(app: App): { ports: StockPorts | null } {
  return app.service('stock.ports', () => ({ ports: null as StockPorts | null }));
}

export function setStockPorts(app: App, ports: StockPorts | null): void {
  holder(app).ports = ports;
}

/** The ports set for this app, else the factory's, else the connections the seller saved (demo or live). */
export function getStockPorts(app: App): StockPorts | null {
  const h = holder(app);
  if (!h.ports && factory) h.ports = factory(app);
  h.ports ??= {
    source: () => connectors(app).stockSource(),
    marketplace: () => connectors(app).marketplace(),
  };
  return h.ports;
}

/** The stock source, or null when none is connected (status screens must not fail for that). */
export async function trySource(app: App): Promise<StockSource | null> {
  try {
    return (await getStockPorts(app)?.source()) ?? null;
  } catch {
    return null;
  }
}

/** A stock file parser (CSV/XLSX → rows + rejected rows); the connectors' files/ module provides it. */
export type StockFileParser = (
  fileName: string,
  content: Buffer,
) => Promise<{ rows: import('./source').StockRow[]; rejected: { line: number; reason: string; reasonEn?: string; raw?: string }[] }>;

let fileParser: StockFileParser | null = null;

export function registerStockFileParser(p: StockFileParser | null): void {
  fileParser = p;
}

export function getStockFileParser(): StockFileParser | null {
  return fileParser;
}
