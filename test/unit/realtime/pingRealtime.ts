// A tiny API ("ping" mutation, "onPing" subscription) behind the real-time server on a bare HTTP
// server, and a client that opens an API-key connection: the fixture the realtime unit suites share.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { vi } from 'vitest';
import WebSocket from 'ws';
import type { AuthConfig } from '../../../local/appsync/auth/authenticate.ts';
import { LOCAL_REGION } from '../../../local/awsConfig.ts';
import { createAppSyncEngine } from '../../../local/appsync/engine/createAppSyncEngine.ts';
import type { AppSyncEngine } from '../../../local/appsync/engine/createAppSyncEngine.ts';
import { createRealtimeServer } from '../../../local/appsync/realtime/createRealtimeServer.ts';
import type { RealtimeServer } from '../../../local/appsync/realtime/createRealtimeServer.ts';
import { createSubscriptionHub } from '../../../local/appsync/realtime/subscriptionHub.ts';
import type { SubscriptionHub } from '../../../local/appsync/realtime/subscriptionHub.ts';
import type { InternalFaultSink } from '../../../local/http/internalFaults.ts';

export const KEY = 'da2-ping';
const apiKeys = [{ value: KEY, expires: Math.floor(Date.now() / 1000) + 3600 }];
const schema = `type Query { x: Int }
  type Mutation { ping(n: Int): Pong }
  type Pong { n: Int }
  type Subscription { onPing(n: Int): Pong @aws_subscribe(mutations: ["ping"]) }`;

/** A server frame as the tests read it. */
export type Frame = { type: string; id?: string; payload?: any };

/** The engine for the ping API (API key only, no resolvers). */
export function pingEngine(): AppSyncEngine {
  return createAppSyncEngine({
    api: {
      logicalId: 'Api',
      apiId: 'localapi',
      name: 'ping',
      schema,
      defaultAuth: { mode: 'API_KEY' },
      additionalAuth: [],
      apiKeys,
      environmentVariables: {},
      dataSources: [],
      functions: [],
      resolvers: [],
    },
    dataSources: new Map(),
  });
}

/** Serves `engine` over the real-time protocol on 127.0.0.1:0. */
export async function serveRealtime(
  engine: AppSyncEngine,
  options: { keepAliveMs: number; hub?: SubscriptionHub; faults?: InternalFaultSink },
) {
  const auth: AuthConfig = { defaultAuth: { mode: 'API_KEY' }, additionalAuth: [], apiKeys, region: LOCAL_REGION };
  const realtime: RealtimeServer = createRealtimeServer({
    engine,
    auth,
    hub: options.hub ?? createSubscriptionHub(),
    keepAliveMs: options.keepAliveMs,
    faults: options.faults,
  });
  const server = http.createServer((_req, res) => res.end());
  server.on('upgrade', realtime.handleUpgrade);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    realtime,
    server,
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql/realtime`,
    close: async () => {
      await realtime.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Opens an API-key connection and sends connection_init; frames collect as they arrive. */
export async function openConnection(url: string): Promise<{ ws: WebSocket; frames: Frame[] }> {
  const ws = new WebSocket(url, ['graphql-ws'], { headers: { 'x-api-key': KEY } });
  const frames: Frame[] = [];
  ws.on('message', (raw: Buffer) => frames.push(JSON.parse(raw.toString()) as Frame));
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  ws.send(JSON.stringify({ type: 'connection_init' }));
  return { ws, frames };
}

/** Waits until `check` holds (polled every 10 ms); fails the test if it still does not after 5 s. */
export async function until(check: () => boolean): Promise<void> {
  await vi.waitFor(
    () => {
      if (!check()) throw new Error('the awaited frames never arrived');
    },
    { timeout: 5_000, interval: 10 },
  );
}
