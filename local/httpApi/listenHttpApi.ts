// Binds an HTTP API handler to a port (API Gateway serves HTTP APIs over TLS only; locally plain
// HTTP is enough, since no client library derives another URL from this one).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { stopServer } from '../http/serverLifecycle.ts';

/** A listening local HTTP API. */
export interface ListeningHttpApi {
  port: number;
  close(): Promise<void>;
}

/** Serves `handler` on host:port (0 = any free port). */
export async function listenHttpApi(
  handler: http.RequestListener,
  options: { port: number; host: string },
): Promise<ListeningHttpApi> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return { port: (server.address() as AddressInfo).port, close: () => stopServer(server) };
}
