// The two things every local HTTP service does with its server: name its URL, and stop it.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** `http://host:port` of a listening server, for clients on this machine (see urlHost). */
export function httpEndpoint(server: Server, host: string): string {
  const port = (server.address() as AddressInfo).port;
  return `http://${urlHost(host)}:${port}`;
}

/**
 * The host part of a URL for a server listening on `host`: IPv6 bracketed, and a wildcard address
 * (0.0.0.0, ::), which clients cannot connect to by name everywhere, as the loopback address.
 */
export function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** Stops accepting and drops open connections, resolving once the server is closed. */
export function stopServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    // SDK clients keep connections alive; without this close() waits for them to time out.
    server.closeAllConnections();
  });
}
