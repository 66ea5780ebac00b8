// One WebSocket connection speaking AppSync's real-time protocol (docs/appsync-facts.md §8.2): connection_init
// authenticates the connection's header object, then each start authenticates its own
// authorization, resolves its subscription at subscribe time and is registered for fan-out.
import type { WebSocket } from 'ws';
import { authenticateRequest } from '../auth/authenticate.ts';
import type { AuthConfig } from '../auth/authenticate.ts';
import type { RequestHeaders } from '../auth/requestHeaders.ts';
import type { AppSyncEngine, GraphQLRequest } from '../engine/createAppSyncEngine.ts';
import type { ResolvedSubscription, SubscriptionErrorEntry } from '../engine/resolveSubscription.ts';
import { isHeaderObject } from './connectionHeaders.ts';
import { connectionAck, connectionError, errorMessage, unsupportedMessage } from './protocolMessages.ts';
import type { ServerMessage } from './protocolMessages.ts';
import { isSubscriptionFilter } from './subscriptionFilter.ts';

// Subscriptions per connection: AppSync's default service quota [O].
export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 100;

/** A registered subscription and how to reach its client. */
export interface LiveSubscription {
  id: string;
  subscription: ResolvedSubscription;
  send(message: ServerMessage): void;
}

/** Where live subscriptions are kept for fan-out (the realtime server's registry). */
export interface SubscriptionRegistry {
  add(live: LiveSubscription): void;
  remove(live: LiveSubscription): void;
}

/** Everything one connection needs. */
export interface RealtimeConnectionOptions {
  socket: WebSocket;
  /** The header object from the upgrade request (query, subprotocol or plain headers). */
  connectHeaders: RequestHeaders;
  sourceIp: string;
  engine: AppSyncEngine;
  auth: AuthConfig;
  registry: SubscriptionRegistry;
  keepAliveMs: number;
}

interface Pending {
  pending: true;
}

const isPending = (entry: LiveSubscription | Pending): entry is Pending => 'pending' in entry;

interface StartMessage {
  id?: unknown;
  payload?: { data?: unknown; extensions?: { authorization?: unknown } };
}

/** Runs the protocol on one accepted socket until it closes. */
export function serveRealtimeConnection(options: RealtimeConnectionOptions): void {
  const { socket, registry } = options;
  let state: 'new' | 'initialising' | 'ready' | 'closed' = 'new';
  let keepAlive: NodeJS.Timeout | undefined;
  // Ids taken by a start in progress (its own token, so a start stopped and reused while resolving
  // cannot claim the newer start's place) or registered: a reused id is an error [D].
  const ids = new Map<string, LiveSubscription | Pending>();

  // A function, so that checks after an await are not narrowed away by the compiler.
  const isClosed = (): boolean => state === 'closed';
  const send = (message: ServerMessage): void => {
    if (!isClosed()) socket.send(JSON.stringify(message));
  };

  async function init(): Promise<void> {
    state = 'initialising';
    // IAM connect signatures cover POST <graphql url>/connect with the body "{}" [D].
    const result = await authenticateRequest(
      {
        method: 'POST',
        path: '/graphql/connect',
        headers: options.connectHeaders,
        body: '{}',
        sourceIp: options.sourceIp,
      },
      options.auth,
    );
    if (isClosed()) return;
    if (!result.ok) {
      send(connectionError(result));
      socket.close(1000);
      return;
    }
    state = 'ready';
    send(connectionAck());
    // A live API sends the first keep-alive right after the ack, then about every 60 s [O].
    send({ type: 'ka' });
    keepAlive = setInterval(() => send({ type: 'ka' }), options.keepAliveMs);
  }

  async function start(message: StartMessage): Promise<void> {
    const id = message.id;
    if (typeof id !== 'string' || id === '')
      return send(errorMessage([{ errorType: 'BadRequestException', message: 'A start message needs an id.' }]));
    if (ids.has(id))
      return send(
        errorMessage(
          [
            {
              errorType: 'DuplicatedOperationError',
              message: `Subscription id ${id} is already in use on this connection.`,
            },
          ],
          id,
        ),
      );
    if (ids.size >= MAX_SUBSCRIPTIONS_PER_CONNECTION) {
      return send(
        errorMessage(
          [
            {
              errorType: 'LimitExceededError',
              message: `At most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions per connection.`,
            },
          ],
          id,
        ),
      );
    }
    const pending: Pending = { pending: true };
    ids.set(id, pending);
    const errors = await register(id, pending, message.payload);
    // A start that was stopped meanwhile has nothing left to report.
    if (errors && ids.get(id) === pending) {
      ids.delete(id);
      send(errorMessage(errors, id));
    }
  }

  async function register(
    id: string,
    pending: Pending,
    payload: StartMessage['payload'],
  ): Promise<SubscriptionErrorEntry[] | undefined> {
    const data = payload?.data;
    const request = typeof data === 'string' ? parseRequest(data) : undefined;
    if (!request)
      return [
        { errorType: 'BadRequestException', message: 'payload.data must be a JSON string of {query, variables}.' },
      ];
    const authorization = payload?.extensions?.authorization;
    // Each start is signed on its own: POST <graphql url> with the data string as body [D].
    const auth = await authenticateRequest(
      {
        method: 'POST',
        path: '/graphql',
        headers: isHeaderObject(authorization) ? authorization : {},
        body: data as string,
        sourceIp: options.sourceIp,
      },
      options.auth,
    );
    if (!auth.ok) return auth.body.errors;
    const resolution = await options.engine.resolveSubscription(request, {
      authMode: auth.authMode,
      identity: auth.identity,
      headers: isHeaderObject(authorization) ? authorization : {},
      cognitoGroups: auth.cognitoGroups,
    });
    if (!resolution.ok) return resolution.errors;
    const { filter } = resolution.subscription;
    if (filter !== undefined && filter !== null && !isSubscriptionFilter(filter)) {
      return [
        {
          errorType: 'BadRequestException',
          message:
            'extensions.setSubscriptionFilter was given something that is not a {filterGroup:[{filters:[…]}]} filter.',
        },
      ];
    }
    // A stop or close while the start was in flight wins.
    if (isClosed() || ids.get(id) !== pending) return undefined;
    const live: LiveSubscription = { id, subscription: resolution.subscription, send };
    ids.set(id, live);
    registry.add(live);
    send({ type: 'start_ack', id });
    return undefined;
  }

  function stop(id: unknown): void {
    if (typeof id !== 'string')
      return send(errorMessage([{ errorType: 'BadRequestException', message: 'A stop message needs an id.' }]));
    const live = ids.get(id);
    if (live && !isPending(live)) registry.remove(live);
    ids.delete(id);
    send({ type: 'complete', id });
  }

  socket.on('message', (raw, isBinary) => {
    let message: { type?: unknown; id?: unknown } | undefined;
    try {
      message = isBinary ? undefined : (JSON.parse(raw.toString()) as typeof message);
    } catch {
      message = undefined;
    }
    const type = message?.type;
    if (state === 'new' && type === 'connection_init') {
      void init().catch((error: unknown) => fail(error));
      return;
    }
    // Anything sent before connection_ack is ignored [D].
    if (state !== 'ready') return;
    if (type === 'connection_init') return;
    if (type === 'start') {
      void start(message as StartMessage).catch((error: unknown) =>
        fail(error, typeof message?.id === 'string' ? message.id : undefined),
      );
    } else if (type === 'stop') {
      stop(message?.id);
    } else {
      send(unsupportedMessage());
    }
  });

  // Invalid frames (bad opcode, invalid UTF-8, too large) make ws emit 'error' and close the
  // socket with the matching code; without a listener that error would end the whole process.
  socket.on('error', () => undefined);

  socket.on('close', () => {
    state = 'closed';
    clearInterval(keepAlive);
    for (const live of ids.values()) if (!isPending(live)) registry.remove(live);
    ids.clear();
  });

  // An emulator bug must not look like an AWS answer (createGraphqlHttpHandler does the same).
  function fail(error: unknown, id?: string): void {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`local AppSync realtime: internal error: ${error instanceof Error ? error.stack : message}\n`);
    if (id !== undefined) ids.delete(id);
    send(errorMessage([{ errorType: 'InternalFailure', message: `Local AppSync emulator error: ${message}` }], id));
  }
}

function parseRequest(data: string): GraphQLRequest | undefined {
  try {
    const parsed = JSON.parse(data) as Partial<GraphQLRequest> | null;
    if (!parsed || typeof parsed.query !== 'string') return undefined;
    const variables = parsed.variables !== null && typeof parsed.variables === 'object' ? parsed.variables : undefined;
    return {
      query: parsed.query,
      variables,
      operationName: typeof parsed.operationName === 'string' ? parsed.operationName : undefined,
    };
  } catch {
    return undefined;
  }
}
