// One HTTP server per loopback host, all on one port, so portal URLs differ only by host: shared by
// the portal farm (test/farm) and the farm of real markup (test/farm-real).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackHosts {
  port: number;
  stop(): Promise<void>;
}

/**
 * Listens on every host at `port` (0: the port the first server gets). `portKnown` runs once the
 * port is known and before the other hosts listen, so what the farm builds can carry it. A handler
 * that throws answers 500.
 */
export async function listenOnHosts(
  hosts: string[],
  port: number,
  handle: (index: number, req: IncomingMessage, res: ServerResponse) => Promise<void>,
  portKnown: (port: number) => void = () => {},
): Promise<LoopbackHosts> {
  const servers: Server[] = [];
  for (const [index, host] of hosts.entries()) {
    const server = createServer((req, res) => {
      handle(index, req, res).catch((error) => { res.statusCode = 500; res.end(String(error)); });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    servers.push(server);
    if (index === 0) {
      if (port === 0) port = (server.address() as AddressInfo).port;
      portKnown(port);
    }
  }
  return {
    port,
    stop: () => Promise.all(servers.map((s) => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); }))).then(() => {}),
  };
}
