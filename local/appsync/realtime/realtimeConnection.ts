// One WebSocket connection speaking AppSync's real-time protocol (docs/appsync-facts.md §8.2): connection_init
// authenticates the connection's header object, then each start authenticates its own
// authorization, resolves its subscription at subscribe time and is registered for fan-out.
import type { RawData, WebSocket } from 'ws';
import { authenticateRequest } from '../auth/authenticate.ts';
import type { AuthConfig } from '../auth/authenticate.ts';
import type { RequestHeaders } from '../auth/requestHeaders.ts';
import type { AppSyncEngine } from '../engine/createAppSyncEngine.ts';
import type { ResolvedSubscription, SubscriptionErrorEntry } from '../engine/resolveSubscription.ts';
import { faultMessage, stderrFaults } from '../../http/internalFaults.ts';
import type { InternalFaultSink } from '../../http/internalFaults.ts';
import { isHeaderObject } from './connectionHeaders.ts';
import { connectionAck, connectionError, errorMessage, unsupportedMessage } from './protocolMessages.ts';
import type { ServerMessage } from './protocolMessages.ts';
import { BAD_START_PAYLOAD, filterRefusal, parseStartRequest, startRefusal } from './subscriptionStart.ts';

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
  /** Where the emulator's own faults go (default: stderr). */
  faults?: InternalFaultSink;
}

/** A start still resolving: its own token, so a start stopped and reused meanwhile cannot claim the newer start's place. */
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
  new RealtimeConnection(options).listen();
}

/** The protocol state of one socket: where it is in the handshake, and its subscriptions by id. */
class RealtimeConnection {
  private state: 'new' | 'initialising' | 'ready' | 'closed' = 'new';
  private keepAlive: NodeJS.Timeout | undefined;
  // Ids taken by a start in progress or registered: a reused id is an error [D].
  private readonly ids = new Map<string, LiveSubscription | Pending>();

  constructor(private readonly options: RealtimeConnectionOptions) {}

  listen(): void {
    const { socket } = this.options;
    socket.on('message', (raw, isBinary) => this.receive(raw, isBinary));
    // Invalid frames (bad opcode, invalid UTF-8, too large) make ws emit 'error' and close the
    // socket with the matching code; without a listener that error would end the whole process.
    socket.on('error', () => undefined);
    socket.on('close', () => this.closed());
  }

  // A method, so that checks after an await are not narrowed away by the compiler.
  private isClosed(): boolean {
    return this.state === 'closed';
  }

  private readonly send = (message: ServerMessage): void => {
    if (!this.isClosed()) this.options.socket.send(JSON.stringify(message));
  };

  private receive(raw: RawData, isBinary: boolean): void {
    let message: { type?: unknown; id?: unknown } | undefined;
    try {
      message = isBinary ? undefined : (JSON.parse(raw.toString()) as typeof message);
    } catch {
      message = undefined;
    }
    const type = message?.type;
    if (this.state === 'new' && type === 'connection_init') {
      void this.init().catch((error: unknown) => this.fail(error, 'connection_init'));
      return;
    }
    // Anything sent before connection_ack is ignored [D].
    if (this.state !== 'ready' || type === 'connection_init') return;
    if (type === 'start') {
      const id = typeof message?.id === 'string' ? message.id : undefined;
      void this.start(message as StartMessage).catch((error: unknown) => this.fail(error, `start ${id ?? ''}`, id));
    } else if (type === 'stop') {
      this.stop(message?.id);
    } else {
      this.send(unsupportedMessage());
    }
  }

  private async init(): Promise<void> {
    this.state = 'initialising';
    // IAM connect signatures cover POST <graphql url>/connect with the body "{}" [D].
    const result = await authenticateRequest(
      {
        method: 'POST',
        path: '/graphql/connect',
        headers: this.options.connectHeaders,
        body: '{}',
        sourceIp: this.options.sourceIp,
      },
      this.options.auth,
    );
    if (this.isClosed()) return;
    if (!result.ok) {
      this.send(connectionError(result));
      this.options.socket.close(1000);
      return;
    }
    this.state = 'ready';
    this.send(connectionAck());
    // A live API sends the first keep-alive right after the ack, then about every 60 s [O].
    this.send({ type: 'ka' });
    this.keepAlive = setInterval(() => this.send({ type: 'ka' }), this.options.keepAliveMs);
  }

  private async start(message: StartMessage): Promise<void> {
    const refusal = startRefusal(message.id, this.ids);
    if (refusal) return this.send(refusal);
    const id = message.id as string;
    const pending: Pending = { pending: true };
    this.ids.set(id, pending);
    const errors = await this.register(id, pending, message.payload);
    // A start that was stopped meanwhile has nothing left to report.
    if (errors && this.ids.get(id) === pending) {
      this.ids.delete(id);
      this.send(errorMessage(errors, id));
    }
  }

  /** Authenticates and resolves a start; registers it unless it was stopped meanwhile. Returns the errors that refuse it. */
  private async register(
    id: string,
    pending: Pending,
    payload: StartMessage['payload'],
  ): Promise<SubscriptionErrorEntry[] | undefined> {
    const request = parseStartRequest(payload?.data);
    if (!request) return BAD_START_PAYLOAD;
    const authorization = payload?.extensions?.authorization;
    const headers = isHeaderObject(authorization) ? authorization : {};
    // Each start is signed on its own: POST <graphql url> with the data string as body [D].
    const auth = await authenticateRequest(
      { method: 'POST', path: '/graphql', headers, body: payload?.data as string, sourceIp: this.options.sourceIp },
      this.options.auth,
    );
    if (!auth.ok) return auth.body.errors;
    const resolution = await this.options.engine.resolveSubscription(request, {
      authMode: auth.authMode,
      identity: auth.identity,
      headers,
      cognitoGroups: auth.cognitoGroups,
    });
    if (!resolution.ok) return resolution.errors;
    const refused = filterRefusal(resolution.subscription.filter);
    if (refused) return refused;
    // A stop or close while the start was in flight wins.
    if (this.isClosed() || this.ids.get(id) !== pending) return undefined;
    const live: LiveSubscription = { id, subscription: resolution.subscription, send: this.send };
    this.ids.set(id, live);
    this.options.registry.add(live);
    this.send({ type: 'start_ack', id });
    return undefined;
  }

  private stop(id: unknown): void {
    if (typeof id !== 'string')
      return this.send(errorMessage([{ errorType: 'BadRequestException', message: 'A stop message needs an id.' }]));
    const live = this.ids.get(id);
    if (live && !isPending(live)) this.options.registry.remove(live);
    this.ids.delete(id);
    this.send({ type: 'complete', id });
  }

  private closed(): void {
    this.state = 'closed';
    clearInterval(this.keepAlive);
    for (const live of this.ids.values()) if (!isPending(live)) this.options.registry.remove(live);
    this.ids.clear();
  }

  // An emulator bug must not look like an AWS answer (createGraphqlHttpHandler does the same).
  private fail(error: unknown, activity: string, id?: string): void {
    (this.options.faults ?? stderrFaults)({ component: 'AppSync real-time', activity, error });
    if (id !== undefined) this.ids.delete(id);
    this.send(
      errorMessage(
        [{ errorType: 'InternalFailure', message: `Local AppSync emulator error: ${faultMessage(error)}` }],
        id,
      ),
    );
  }
}
