/** The `connect.*` channels: the settings screen's view of the connections. */
import type { App } from '../app';
import type { DomainHandlers } from '../dispatch';
import type { connectChannels } from '../../../src-shared/channels/connect';
import { connectors } from './service';
import { probeConnections } from './probe/liveProbe';

export function connectHandlers(app: App): DomainHandlers<typeof connectChannels> {
  const svc = () => connectors(app);
  return {
    'connect.status': () => svc().status(),
    'connect.saveAliExpress': (input) => svc().saveAliExpress(input),
    'connect.saveTongtool': (input) => svc().saveTongtool(input),
    'connect.setStockSource': ({ kind }) => svc().setStockSource(kind),
    'connect.authorizeUrl': ({ redirectUri }) => svc().authorizeUrl(redirectUri),
    'connect.exchangeCode': ({ code, state }) => svc().exchangeCode(code, state),
    'connect.test': () => svc().test(() => probeConnections(app)),
    'connect.probe': async () => svc().keepProbe(await probeConnections(app)),
    'connect.useDemo': (input) => svc().useDemo(input),
  };
}
