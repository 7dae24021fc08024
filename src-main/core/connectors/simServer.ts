/**
 * The loopback HTTP server both simulators share: 127.0.0.1, an OS-chosen port, in-process, and a
 * close that drops kept-alive sockets so tests and the app never hang on exit.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface SimReply {
  status?: number;
  json?: unknown;
  /** A body written by the simulator itself, sent as is (AliExpress ids above 2^53 as exact digits). */
  text?: string;
  redirect?: string;
  /** Destroy the socket without answering (a dropped connection). */
  drop?: boolean;
  /** Delay in real milliseconds before answering (latency fault). */
  delayMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startSimServer(handle: (req: SimRequest) => SimReply | Promise<SimReply>): Promise<RunningServer> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      const sreq: SimRequest = {
        method: req.method ?? 'GET',
        path: u.pathname,
        query: u.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      void (async () => {
        let reply: SimReply;
        try {
          reply = await handle(sreq);
        } catch (err) {
          reply = { status: 500, json: { error: String(err) } };
        }
        if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
        if (reply.drop) {
          req.socket.destroy();
          return;
        }
        if (reply.redirect) {
          res.writeHead(reply.status ?? 302, { location: reply.redirect });
          res.end();
          return;
        }
        const text = reply.text ?? (reply.json === undefined ? '' : JSON.stringify(reply.json));
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json;charset=UTF-8' });
        res.end(text);
      })();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Fault queues shared by both simulators: each fault fires `times` times, optionally on one call only. */
export type Fault =
  | { kind: 'latency'; ms: number }
  | { kind: 'http5xx'; status?: number }
  | { kind: 'drop' }
  | { kind: 'rateLimit' }
  | { kind: 'expiredToken' }
  | { kind: 'shortPage' }
  | { kind: 'duplicatePage' }
  /** Answer with this protocol error code (e.g. Tongtool 527, AliExpress 'ISP.ServiceUnavailable'). */
  | { kind: 'code'; code: string | number };

export class FaultQueue {
  private items: { fault: Fault; times: number; call?: string }[] = [];
  add(fault: Fault, opts: { times?: number; call?: string } = {}): void {
    this.items.push({ fault, times: opts.times ?? 1, call: opts.call });
  }
  clear(): void {
    this.items = [];
  }
  /** The next fault for this call, if any (consumes one use). */
  take(call: string, kinds?: Fault['kind'][]): Fault | undefined {
    const i = this.items.findIndex((f) => (!f.call || f.call === call) && (!kinds || kinds.includes(f.fault.kind)));
    if (i < 0) return undefined;
    const item = this.items[i]!;
    item.times -= 1;
    if (item.times <= 0) this.items.splice(i, 1);
    return item.fault;
  }
}

/** A simulator on its own loopback server: start it, read its url, stop it. */
export abstract class LoopbackSimulator {
  private server: RunningServer | null = null;

  protected abstract handle(req: SimRequest): SimReply | Promise<SimReply>;

  get url(): string {
    if (!this.server) throw new Error('simulator not started');
    return this.server.url;
  }

  async start(): Promise<this> {
    this.server = await startSimServer((r) => this.handle(r));
    return this;
  }

  async stop(): Promise<void> {
    await this.server?.close();
    this.server = null;
  }
}
