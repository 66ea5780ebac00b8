// The realtime server on a bare HTTP server with a tiny API: the keep-alive interval and the
// per-connection subscription limit (appsync-fidelity.md §8.2, §8.5).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AuthConfig } from '../../../local/appsync/auth/authenticate.ts';
import { createAppSyncEngine } from '../../../local/appsync/engine/createAppSyncEngine.ts';
import { createRealtimeServer } from '../../../local/appsync/realtime/createRealtimeServer.ts';
import type { RealtimeServer } from '../../../local/appsync/realtime/createRealtimeServer.ts';
import { MAX_SUBSCRIPTIONS_PER_CONNECTION } from '../../../local/appsync/realtime/realtimeConnection.ts';
import { createSubscriptionHub } from '../../../local/appsync/realtime/subscriptionHub.ts';

const KEY = 'da2-unit';
const apiKeys = [{ value: KEY, expires: Math.floor(Date.now() / 1000) + 3600 }];
const schema = `type Query { x: Int }
  type Mutation { ping(n: Int): Pong }
  type Pong { n: Int }
  type Subscription { onPing(n: Int): Pong @aws_subscribe(mutations: ["ping"]) }`;

let server: http.Server;
let realtime: RealtimeServer;
let url: string;

beforeAll(async () => {
  const engine = createAppSyncEngine({
    api: {
      logicalId: 'Api', name: 'unit', schema, defaultAuth: { mode: 'API_KEY' }, additionalAuth: [],
      apiKeys, environmentVariables: {}, dataSources: [], functions: [], resolvers: [],
    },
    dataSources: new Map(),
  });
  const auth: AuthConfig = { defaultAuth: { mode: 'API_KEY' }, additionalAuth: [], apiKeys, region: 'us-east-1' };
  realtime = createRealtimeServer({ engine, auth, hub: createSubscriptionHub(), keepAliveMs: 50 });
  server = http.createServer((_req, res) => res.end());
  server.on('upgrade', realtime.handleUpgrade);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql/realtime`;
});

afterAll(async () => {
  await realtime.close();
  await new Promise((resolve) => server.close(resolve));
});

async function open(): Promise<{ ws: WebSocket; frames: { type: string; id?: string; payload?: any }[] }> {
  const ws = new WebSocket(url, ['graphql-ws'], { headers: { 'x-api-key': KEY } });
  const frames: { type: string; id?: string }[] = [];
  ws.on('message', (raw) => frames.push(JSON.parse(raw.toString())));
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  ws.send(JSON.stringify({ type: 'connection_init' }));
  return { ws, frames };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
};

describe('realtime server', () => {
  it('sends ka right after the ack and then every keepAliveMs', async () => {
    const { ws, frames } = await open();
    await until(() => frames.filter((f) => f.type === 'ka').length >= 3);
    expect(frames[0]?.type).toBe('connection_ack');
    expect(frames.slice(1, 4).map((f) => f.type)).toEqual(['ka', 'ka', 'ka']);
    ws.close();
  });

  it(`refuses subscription ${MAX_SUBSCRIPTIONS_PER_CONNECTION + 1} on one connection`, async () => {
    const { ws, frames } = await open();
    await until(() => frames.some((f) => f.type === 'connection_ack'));
    const data = JSON.stringify({ query: 'subscription { onPing { n } }' });
    for (let i = 0; i <= MAX_SUBSCRIPTIONS_PER_CONNECTION; i++) {
      ws.send(JSON.stringify({ id: `s${i}`, type: 'start', payload: { data, extensions: { authorization: { 'x-api-key': KEY } } } }));
    }
    await until(() => frames.filter((f) => f.type === 'start_ack' || f.type === 'error').length > MAX_SUBSCRIPTIONS_PER_CONNECTION);
    expect(frames.filter((f) => f.type === 'start_ack')).toHaveLength(MAX_SUBSCRIPTIONS_PER_CONNECTION);
    const refused = frames.find((f) => f.type === 'error');
    expect(refused?.payload.errors[0].errorType).toBe('LimitExceededError');
    ws.close();
  });

  it('closes a connection that offers no graphql-ws subprotocol', async () => {
    const ws = new WebSocket(url);
    const code = await new Promise<number>((resolve) => ws.once('close', resolve));
    expect(code).toBe(1006);
  });
});
