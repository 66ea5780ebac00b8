// AppSync's real-time endpoint (docs/appsync-facts.md §8) at /graphql/realtime, the path Amplify JS v6 derives
// for a custom endpoint (§9.1), served on the API's own port over ws:// and wss:// through the
// HTTP servers' 'upgrade' event. Successful mutations published on the hub fan out to every
// matching subscription (deliveryMessage.ts).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { isObjectType } from 'graphql';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { stderrFaults } from '../../http/internalFaults.ts';
import type { InternalFaultSink } from '../../http/internalFaults.ts';
import type { AuthConfig } from '../auth/authenticate.ts';
import type { AppSyncEngine, MutationResult } from '../engine/createAppSyncEngine.ts';
import { REALTIME_SUBPROTOCOL, connectionHeaders } from './connectionHeaders.ts';
import { deliveryMessage } from './deliveryMessage.ts';
import { LiveSubscriptions } from './liveSubscriptions.ts';
import { serveRealtimeConnection } from './realtimeConnection.ts';
import { subscribedMutations } from './subscribedMutations.ts';
import type { SubscriptionHub } from './subscriptionHub.ts';

/** The realtime path on the API's port. */
export const REALTIME_PATH = '/graphql/realtime';
// AppSync's keep-alive interval, as probed on a live API [O].
const DEFAULT_KEEP_ALIVE_MS = 60_000;

/** What the realtime server needs. */
export interface RealtimeServerOptions {
  engine: AppSyncEngine;
  auth: AuthConfig;
  hub: SubscriptionHub;
  /** Between `ka` messages; injectable so tests need not wait a minute. */
  keepAliveMs?: number;
  /** Where the emulator's own faults go (default: stderr). */
  faults?: InternalFaultSink;
}

/** A realtime server: the 'upgrade' listener for the API's HTTP servers, and how to stop it. */
export interface RealtimeServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

/** Creates the realtime endpoint over an engine and a hub; it serves once its upgrade handler is attached. */
export function createRealtimeServer(options: RealtimeServerOptions): RealtimeServer {
  const registry = new LiveSubscriptions();
  const unsubscribe = options.hub.subscribe(fanOut(options, registry));
  const wss = new WebSocketServer({
    noServer: true,
    // Echo graphql-ws when offered. Otherwise no subprotocol goes back and the socket is dropped:
    // a probe offering only graphql-transport-ws got no protocol and a 1006 close [O].
    handleProtocols: (protocols) => (protocols.has(REALTIME_SUBPROTOCOL) ? REALTIME_SUBPROTOCOL : false),
  });
  return {
    handleUpgrade(req, socket, head) {
      if (new URL(req.url ?? '/', 'http://localhost').pathname !== REALTIME_PATH) return refuseUpgrade(socket);
      wss.handleUpgrade(req, socket, head, (ws) => accept(ws, req, options, registry));
    },
    async close() {
      unsubscribe();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

/** The hub listener: each published result goes to every live subscription on the fields linked to its mutation. */
function fanOut(options: RealtimeServerOptions, registry: LiveSubscriptions): (result: MutationResult) => void {
  const { schema } = options.engine;
  const subscriptionType = schema.getSubscriptionType();
  const linked = subscribedMutations(schema);
  return (result) => {
    for (const fieldName of linked.get(result.fieldName) ?? []) {
      const field = isObjectType(subscriptionType) ? subscriptionType.getFields()[fieldName] : undefined;
      if (!field) continue;
      for (const live of registry.on(fieldName)) {
        try {
          const message = deliveryMessage(live.id, live.subscription, field, result.value, schema);
          if (message) live.send(message);
        } catch (error) {
          // One subscriber's failure must not cost the others the event; it is an emulator bug.
          (options.faults ?? stderrFaults)({
            component: 'AppSync real-time',
            activity: `delivering to subscription ${live.id}`,
            error,
          });
        }
      }
    }
  };
}

// Node's HTTP server drops its own 'error' listener from upgraded sockets: a client reset would
// otherwise crash the process.
function refuseUpgrade(socket: Duplex): void {
  socket.on('error', () => socket.destroy());
  socket.end(
    `HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nThe real-time endpoint is ${REALTIME_PATH}.\n`,
  );
}

function accept(
  ws: WebSocket,
  req: IncomingMessage,
  options: RealtimeServerOptions,
  registry: LiveSubscriptions,
): void {
  if (ws.protocol !== REALTIME_SUBPROTOCOL) {
    ws.terminate();
    return;
  }
  serveRealtimeConnection({
    socket: ws,
    connectHeaders: connectionHeaders(req),
    sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
    engine: options.engine,
    auth: options.auth,
    registry,
    keepAliveMs: options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS,
    faults: options.faults,
  });
}
