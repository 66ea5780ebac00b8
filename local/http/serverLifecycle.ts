// The two things every local HTTP service does with its server: name its URL, and stop it.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** `http://host:port` of a listening server (IPv6 hosts bracketed). */
export function httpEndpoint(server: Server, host: string): string {
  const port = (server.address() as AddressInfo).port;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/** Stops accepting and drops open connections, resolving once the server is closed. */
export function stopServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    // SDK clients keep connections alive; without this close() waits for them to time out.
    server.closeAllConnections();
  });
}
