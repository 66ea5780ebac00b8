// Servers that must listen before what they serve exists: the Lambda Invoke endpoint (cognito-local
// needs its URL to start) and the GraphQL endpoint (functions' GRAPHQL_URL names its port). Until
// the real handler is attached they answer 503, and refuse WebSocket handshakes.
import http from 'node:http';
import { createLambdaInvokeHandler } from '../lambda/index.ts';
import type { LambdaRunner } from '../lambda/index.ts';
import type { UpgradeListener } from '../http/dualProtocolServer.ts';
import type { InternalFaultSink } from '../http/internalFaults.ts';
import { httpEndpoint, stopServer } from '../http/serverLifecycle.ts';

/** A request listener that forwards to a handler attached later, 503 until then. */
export function lateHandler(): { listener: http.RequestListener; attach(handler: http.RequestListener): void } {
  let handler: http.RequestListener | undefined;
  return {
    listener: (req, res) => {
      if (handler) return handler(req, res);
      res
        .writeHead(503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ message: 'The local stack is still starting.' }));
    },
    attach(next) {
      handler = next;
    },
  };
}

/** An 'upgrade' listener forwarding to a server attached later; until then handshakes are refused (socket dropped). */
export function lateUpgrade(): { listener: UpgradeListener; attach(server: { handleUpgrade: UpgradeListener }): void } {
  let target: { handleUpgrade: UpgradeListener } | undefined;
  return {
    listener: (req, socket, head) => (target ? target.handleUpgrade(req, socket, head) : socket.destroy()),
    attach(server) {
      target = server;
    },
  };
}

/** The listening Lambda Invoke endpoint; 503 until a runner is attached. */
export interface LambdaInvokeEndpoint {
  endpoint: string;
  attach(runner: LambdaRunner): void;
  close(): Promise<void>;
}

/** The Lambda Invoke API endpoint cognito-local sends triggers to; the runner is attached later. */
export async function listenLambdaInvoke(
  host: string,
  port: number,
  faults?: InternalFaultSink,
): Promise<LambdaInvokeEndpoint> {
  const late = lateHandler();
  const server = http.createServer(late.listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    endpoint: httpEndpoint(server, host),
    attach: (runner: LambdaRunner) => late.attach(createLambdaInvokeHandler(runner, faults)),
    close: () => stopServer(server),
  };
}
