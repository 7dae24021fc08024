/**
 * Where the stock domain gets its outside systems: a StockSource (Tongtool, file, demo) and the
 * Marketplace. The connectors build them from the seller's saved connections; a test or benchmark
 * may set its own for one app (setStockPorts).
 */
import type { App } from '../app';
import type { StockSource } from './source';
import type { Marketplace } from '../connectors/marketplace';
import { connectors } from '../connectors/service';

export interface StockPorts {
  source(): StockSource | null | Promise<StockSource | null>;
  marketplace?(): Marketplace | null | Promise<Marketplace | null>;
}

export function setStockPorts(app: App, ports: StockPorts | null): void {
  app.services.stockPorts.ports = ports;
}

/** The ports set for this app, else the connections the seller saved (demo or live). */
export function getStockPorts(app: App): StockPorts | null {
  const h = app.services.stockPorts;
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
