/**
 * Where the engine finds the marketplace: the stock domain's ports (set by the host or tests, else
 * the connections the seller saved). A marketplace that cannot be built (no keys, not authorised)
 * means nothing can be sent yet: null, and the outbox waits.
 */
import type { App } from '../app';
import type { Marketplace } from '../connectors/marketplace';
import { getStockPorts } from '../stock/ports';

export async function marketplaceOf(app: App): Promise<Marketplace | null> {
  try {
    return (await getStockPorts(app)?.marketplace?.()) ?? null;
  } catch (err) {
    app.log.warn('marketplace unavailable for auto bind/unbind', { error: String(err) });
    return null;
  }
}
