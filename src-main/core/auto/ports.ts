/**
 * Where the engine finds the marketplace and the stock source: the stock domain's ports when the
 * host set them (tests, or the app's wiring), else the connections the seller saved (demo or live).
 */
import type { App } from '../app';
import type { Marketplace } from '../connectors/marketplace';
import { connectors } from '../connectors/service';
import { getStockPorts, setStockPorts } from '../stock/ports';

/** Sets the stock ports from the saved connections when nobody has; a missing source is null. */
export function ensurePorts(app: App): void {
  if (getStockPorts(app)) return;
  setStockPorts(app, {
    source: async () => {
      try {
        return await connectors(app).stockSource();
      } catch {
        return null;
      }
    },
    marketplace: () => connectors(app).marketplace(),
  });
}

export async function marketplaceOf(app: App): Promise<Marketplace | null> {
  ensurePorts(app);
  try {
    return (await getStockPorts(app)?.marketplace?.()) ?? null;
  } catch (err) {
    app.log.warn('marketplace unavailable for auto bind/unbind', { error: String(err) });
    return null;
  }
}
