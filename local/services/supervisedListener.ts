// cognito-local and s3rver run inside the stack's own process (their request handlers and data
// stores are ours to assemble), so what can die on its own is their listening server: closed,
// or failed on a socket error. This listens with a request handler and keeps it listening: the
// supervisor (supervisor.ts) opens a new server on the same port over the same handler, so the
// data on disk and every in-memory cache of the service are as they were.
import { createServer } from 'node:http';
import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { httpEndpoint, stopServer } from '../http/serverLifecycle.ts';
import { supervise } from './supervisor.ts';
import type { ServiceInstance } from './supervisor.ts';

/** A service's request handler, listening and kept listening. */
export interface SupervisedListener {
  endpoint: string;
  port: number;
  /** The server listening now (a new one after a restart). */
  server(): Server;
  /** Closes it for good. */
  stop(): Promise<void>;
}

/** What to listen with, where, and whom to tell about a restart. */
export interface ListenerOptions {
  /** As the user knows it: "s3rver", "cognito-local". */
  name: string;
  app: RequestListener;
  host: string;
  /** 0: an ephemeral port, kept for every restart. */
  port: number;
  /** Where its data lives, for the log line. */
  where: string;
  notify?: (line: string) => void;
}

interface ListeningInstance extends ServiceInstance {
  server: Server;
}

/** Listens with `options.app` on host:port and re-listens on the same port whenever the server closes unasked. */
export async function listenSupervised(options: ListenerOptions): Promise<SupervisedListener> {
  const { name, app, host } = options;
  const first = await listenOnce(name, app, host, options.port);
  const port = (first.server.address() as AddressInfo).port;
  const endpoint = httpEndpoint(first.server, host);
  const supervised = supervise(first, {
    name,
    port,
    where: options.where,
    start: () => listenOnce(name, app, host, port),
    notify: options.notify ?? ((line) => void process.stderr.write(`${line}\n`)),
  });
  return { endpoint, port, server: () => supervised.current().server, stop: supervised.stop };
}

async function listenOnce(name: string, app: RequestListener, host: string, port: number): Promise<ListeningInstance> {
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`${name} cannot listen on ${host}:${port}: the port is in use.`, { cause: error })
          : error,
      );
    });
    server.listen(port, host, () => resolve());
  });
  const ended = new Promise<string>((resolve) => {
    server.once('close', () => resolve('its listening server closed'));
    server.on('error', (error) => {
      resolve(`its listening server failed: ${error.message}`);
      void stopServer(server);
    });
  });
  return { server, ended, stop: () => stopServer(server) };
}
