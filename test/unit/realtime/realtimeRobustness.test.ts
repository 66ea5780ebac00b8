// The realtime server under misbehaving clients: malformed frames, resets and racing stop/start
// must neither crash the process nor leave a subscription registered twice.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AuthConfig } from '../../../local/appsync/auth/authenticate.ts';
import { createAppSyncEngine } from '../../../local/appsync/engine/createAppSyncEngine.ts';
import type { AppSyncEngine } from '../../../local/appsync/engine/createAppSyncEngine.ts';
import { createRealtimeServer } from '../../../local/appsync/realtime/createRealtimeServer.ts';
import type { RealtimeServer } from '../../../local/appsync/realtime/createRealtimeServer.ts';
import { createSubscriptionHub } from '../../../local/appsync/realtime/subscriptionHub.ts';

const KEY = 'da2-robust';
const apiKeys = [{ value: KEY, expires: Math.floor(Date.now() / 1000) + 3600 }];
const schema = `type Query { x: Int }
  type Mutation { ping(n: Int): Pong }
  type Pong { n: Int }
  type Subscription { onPing(n: Int): Pong @aws_subscribe(mutations: ["ping"]) }`;

const hub = createSubscriptionHub();
// Starts wait here, in order, while a test holds them, to let a stop or close overtake the resolver.
const holds: Promise<void>[] = [];
let server: http.Server;
let realtime: RealtimeServer;
let url: string;

beforeAll(async () => {
  const real = createAppSyncEngine({
    api: {
      logicalId: 'Api', name: 'robust', schema, defaultAuth: { mode: 'API_KEY' }, additionalAuth: [],
      apiKeys, environmentVariables: {}, dataSources: [], functions: [], resolvers: [],
    },
    dataSources: new Map(),
  });
  const engine: AppSyncEngine = {
    schema: real.schema,
    execute: (request, caller) => real.execute(request, caller),
    async resolveSubscription(request, caller) {
      await holds.shift();
      return real.resolveSubscription(request, caller);
    },
  };
  const auth: AuthConfig = { defaultAuth: { mode: 'API_KEY' }, additionalAuth: [], apiKeys, region: 'us-east-1' };
  realtime = createRealtimeServer({ engine, auth, hub, keepAliveMs: 60_000 });
  server = http.createServer((_req, res) => res.end());
  server.on('upgrade', realtime.handleUpgrade);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/graphql/realtime`;
});

afterAll(async () => {
  await realtime.close();
  await new Promise((resolve) => server.close(resolve));
});

type Frame = { type: string; id?: string; payload?: { data?: unknown } };

async function open(): Promise<{ ws: WebSocket; frames: Frame[] }> {
  const ws = new WebSocket(url, ['graphql-ws'], { headers: { 'x-api-key': KEY } });
  const frames: Frame[] = [];
  ws.on('message', (raw: Buffer) => frames.push(JSON.parse(raw.toString()) as Frame));
  ws.on('error', () => undefined);
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
  ws.send(JSON.stringify({ type: 'connection_init' }));
  await until(() => frames.some((f) => f.type === 'connection_ack'));
  return { ws, frames };
}

const until = async (check: () => boolean): Promise<void> => {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
};

const start = (ws: WebSocket, id: string, n?: number): void =>
  ws.send(JSON.stringify({ id, type: 'start', payload: { data: JSON.stringify({ query: 'subscription ($n: Int) { onPing(n: $n) { n } }', variables: { n } }), extensions: { authorization: { 'x-api-key': KEY } } } }));

function held(): () => void {
  let release = (): void => undefined;
  holds.push(new Promise<void>((resolve) => { release = resolve; }));
  return release;
}

const settle = (): Promise<unknown> => new Promise((r) => setTimeout(r, 50));

// A raw client frame the server must reject: FIN + the given opcode, masked, with this payload.
function rawFrame(opcode: number, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | payload.length, 0, 0, 0, 0]), payload]);
}

async function closeCodeAfterRaw(frame: Buffer): Promise<number> {
  const { ws } = await open();
  const closed = new Promise<number>((resolve) => ws.once('close', resolve));
  (ws as unknown as { _socket: { write(b: Buffer): void } })._socket.write(frame);
  return closed;
}

describe('realtime server robustness', () => {
  it('survives a frame with a reserved opcode: the connection is closed with 1002 and the server keeps serving', async () => {
    expect(await closeCodeAfterRaw(rawFrame(0x3, Buffer.alloc(0)))).toBe(1002);
    const { ws, frames } = await open();
    expect(frames[0]?.type).toBe('connection_ack');
    ws.close();
  });

  it('survives a text frame that is not valid UTF-8 (closed with 1007)', async () => {
    expect(await closeCodeAfterRaw(rawFrame(0x1, Buffer.from([0xff, 0xfe])))).toBe(1007);
  });

  it('survives a client resetting a refused (wrong path) upgrade', () => {
    const socket = new PassThrough();
    const req = { url: '/elsewhere', headers: {}, socket: { remoteAddress: '127.0.0.1' } } as unknown as http.IncomingMessage;
    realtime.handleUpgrade(req, socket, Buffer.alloc(0));
    expect(() => socket.emit('error', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).not.toThrow();
  });

  it('a stop and a new start with the same id while the first start is still resolving: the new start is the one that lives', async () => {
    const { ws, frames } = await open();
    const releaseFirst = held();
    const releaseSecond = held();
    start(ws, 'same', 1);
    ws.send(JSON.stringify({ type: 'stop', id: 'same' }));
    await until(() => frames.some((f) => f.type === 'complete'));
    start(ws, 'same', 2);
    await settle();
    releaseFirst();
    await settle();
    releaseSecond();
    await until(() => frames.some((f) => f.type === 'start_ack'));
    await settle();
    hub.publish([{ fieldName: 'ping', value: { n: 1 } }]);
    hub.publish([{ fieldName: 'ping', value: { n: 2 } }]);
    await until(() => frames.some((f) => f.type === 'data'));
    await settle();
    expect(frames.filter((f) => f.type === 'start_ack')).toHaveLength(1);
    expect(frames.filter((f) => f.type === 'data')).toEqual([{ type: 'data', id: 'same', payload: { data: { onPing: { n: 2 } } } }]);
    ws.close();
  });

  it('a socket closed while its start is still resolving never receives or keeps a subscription', async () => {
    const { ws, frames } = await open();
    const release = held();
    start(ws, 'late');
    ws.close();
    await new Promise((resolve) => ws.once('close', resolve));
    release();
    await settle();
    expect(() => hub.publish([{ fieldName: 'ping', value: { n: 2 } }])).not.toThrow();
    expect(frames.filter((f) => f.type === 'start_ack' || f.type === 'data')).toEqual([]);
  });

  it('close() ends every open connection', async () => {
    const server2 = http.createServer();
    const rt = createRealtimeServer({ engine: createAppSyncEngine({ api: { logicalId: 'A', name: 'a', schema, defaultAuth: { mode: 'API_KEY' }, additionalAuth: [], apiKeys, environmentVariables: {}, dataSources: [], functions: [], resolvers: [] }, dataSources: new Map() }), auth: { defaultAuth: { mode: 'API_KEY' }, additionalAuth: [], apiKeys, region: 'us-east-1' }, hub: createSubscriptionHub() });
    server2.on('upgrade', rt.handleUpgrade);
    await new Promise<void>((resolve) => server2.listen(0, '127.0.0.1', resolve));
    const ws = new WebSocket(`ws://127.0.0.1:${(server2.address() as AddressInfo).port}/graphql/realtime`, ['graphql-ws'], { headers: { 'x-api-key': KEY } });
    await new Promise((resolve) => ws.once('open', resolve));
    const closed = new Promise((resolve) => ws.once('close', resolve));
    await rt.close();
    await closed;
    await new Promise((resolve) => server2.close(resolve));
    expect(ws.readyState).toBe(WebSocket.CLOSED);
  });
});
