// AppSync's real-time endpoint (docs/appsync-facts.md §8) at /graphql/realtime, the path Amplify JS v6 derives
// for a custom endpoint (§9.1), served on the API's own port over ws:// and wss:// through the
// HTTP servers' 'upgrade' event. Successful mutations published on the hub fan out to every
// matching subscription.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { isObjectType } from 'graphql';
import type { GraphQLField } from 'graphql';
import { WebSocketServer } from 'ws';
import type { AuthConfig } from '../auth/authenticate.ts';
import type { AppSyncEngine, MutationResult } from '../engine/createAppSyncEngine.ts';
import { REALTIME_SUBPROTOCOL, connectionHeaders } from './connectionHeaders.ts';
import { matchesArguments } from './argumentFilter.ts';
import { errorMessage } from './protocolMessages.ts';
import { serveRealtimeConnection } from './realtimeConnection.ts';
import type { LiveSubscription } from './realtimeConnection.ts';
import { shapeSubscriptionPayload } from './shapeSubscriptionPayload.ts';
import { subscribedMutations } from './subscribedMutations.ts';
import { isSubscriptionFilter, matchesSubscriptionFilter } from './subscriptionFilter.ts';
import type { SubscriptionHub } from './subscriptionHub.ts';

/** The realtime path on the API's port. */
export const REALTIME_PATH = '/graphql/realtime';
// AppSync's keep-alive interval, as probed on a live API [O].
const DEFAULT_KEEP_ALIVE_MS = 60_000;
// Subscription payload limit [D]; what AppSync does with a larger one is not documented [?].
export const MAX_PAYLOAD_BYTES = 240 * 1024;

/** What the realtime server needs. */
export interface RealtimeServerOptions {
  engine: AppSyncEngine;
  auth: AuthConfig;
  hub: SubscriptionHub;
  /** Between `ka` messages; injectable so tests need not wait a minute. */
  keepAliveMs?: number;
}

/** A realtime server: the 'upgrade' listener for the API's HTTP servers, and how to stop it. */
export interface RealtimeServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): Promise<void>;
}

/** Creates the realtime endpoint over an engine and a hub; it serves once its upgrade handler is attached. */
export function createRealtimeServer(options: RealtimeServerOptions): RealtimeServer {
  const { engine } = options;
  const subscriptionType = engine.schema.getSubscriptionType();
  const linked = subscribedMutations(engine.schema);
  const byField = new Map<string, Set<LiveSubscription>>();
  const registry = {
    add: (live: LiveSubscription) => {
      const set = byField.get(live.subscription.fieldName) ?? new Set<LiveSubscription>();
      set.add(live);
      byField.set(live.subscription.fieldName, set);
    },
    remove: (live: LiveSubscription) => byField.get(live.subscription.fieldName)?.delete(live),
  };

  const deliver = (result: MutationResult): void => {
    for (const fieldName of linked.get(result.fieldName) ?? []) {
      const field = isObjectType(subscriptionType) ? subscriptionType.getFields()[fieldName] : undefined;
      if (!field) continue;
      for (const live of byField.get(fieldName) ?? []) {
        try {
          deliverTo(live, field, result);
        } catch (error) {
          // One subscriber's failure must not cost the others the event; it is an emulator bug.
          process.stderr.write(
            `local AppSync real-time: delivery to subscription ${live.id} failed: ${error instanceof Error ? error.stack : String(error)}\n`,
          );
        }
      }
    }
  };
  const deliverTo = (live: LiveSubscription, field: GraphQLField<unknown, unknown>, result: MutationResult): void => {
    const { subscription } = live;
    // An enhanced filter replaces argument filtering; the two never run together [D].
    const matches = isSubscriptionFilter(subscription.filter)
      ? matchesSubscriptionFilter(subscription.filter, result.value)
      : matchesArguments(subscription.arguments, result.value);
    if (!matches) return;
    const data = {
      [subscription.responseKey]: shapeSubscriptionPayload(result.value, field.type, {
        schema: engine.schema,
        ...subscription,
      }),
    };
    const message = { type: 'data' as const, id: live.id, payload: { data } };
    if (Buffer.byteLength(JSON.stringify(message.payload)) > MAX_PAYLOAD_BYTES) {
      live.send(
        errorMessage(
          [
            {
              errorType: 'LimitExceededError',
              message: `The subscription payload exceeds ${MAX_PAYLOAD_BYTES / 1024} KB and was not delivered.`,
            },
          ],
          live.id,
        ),
      );
      return;
    }
    live.send(message);
  };
  const unsubscribe = options.hub.subscribe(deliver);

  const wss = new WebSocketServer({
    noServer: true,
    // Echo graphql-ws when offered. Otherwise no subprotocol goes back and the socket is dropped:
    // a probe offering only graphql-transport-ws got no protocol and a 1006 close [O].
    handleProtocols: (protocols) => (protocols.has(REALTIME_SUBPROTOCOL) ? REALTIME_SUBPROTOCOL : false),
  });

  return {
    handleUpgrade(req, socket, head) {
      if (new URL(req.url ?? '/', 'http://localhost').pathname !== REALTIME_PATH) {
        // Node's HTTP server drops its own 'error' listener from upgraded sockets: a client reset
        // would otherwise crash the process.
        socket.on('error', () => socket.destroy());
        socket.end(
          `HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nThe real-time endpoint is ${REALTIME_PATH}.\n`,
        );
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (ws.protocol !== REALTIME_SUBPROTOCOL) {
          ws.terminate();
          return;
        }
        serveRealtimeConnection({
          socket: ws,
          connectHeaders: connectionHeaders(req),
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
          engine,
          auth: options.auth,
          registry,
          keepAliveMs: options.keepAliveMs ?? DEFAULT_KEEP_ALIVE_MS,
        });
      });
    },
    async close() {
      unsubscribe();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
