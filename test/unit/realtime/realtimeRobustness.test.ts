// The realtime server under misbehaving clients: malformed frames, resets and racing stop/start
// must neither crash the process nor leave a subscription registered twice.
import type http from 'node:http';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AppSyncEngine } from '../../../local/appsync/engine/createAppSyncEngine.ts';
import type { RealtimeServer } from '../../../local/appsync/realtime/createRealtimeServer.ts';
import { createSubscriptionHub } from '../../../local/appsync/realtime/subscriptionHub.ts';
import type { Frame } from './pingRealtime.ts';
import { KEY, openConnection, pingEngine, serveRealtime, until } from './pingRealtime.ts';

const hub = createSubscriptionHub();
// Starts wait here, in order, while a test holds them, to let a stop or close overtake the resolver.
const holds: Promise<void>[] = [];
// How many starts reached the resolver, and how many came back from it: what the tests wait for.
let resolving = 0;
let resolved = 0;
let served: Awaited<ReturnType<typeof serveRealtime>>;
let realtime: RealtimeServer;
let url: string;

beforeAll(async () => {
  const real = pingEngine();
  const engine: AppSyncEngine = {
    schema: real.schema,
    execute: (request, caller) => real.execute(request, caller),
    async resolveSubscription(request, caller) {
      resolving++;
      await holds.shift();
      try {
        return await real.resolveSubscription(request, caller);
      } finally {
        resolved++;
      }
    },
  };
  served = await serveRealtime(engine, { keepAliveMs: 60_000, hub });
  ({ realtime, url } = served);
});

afterAll(() => served.close());

async function open(): Promise<{ ws: WebSocket; frames: Frame[] }> {
  const connection = await openConnection(url);
  connection.ws.on('error', () => undefined);
  await until(() => connection.frames.some((f) => f.type === 'connection_ack'));
  return connection;
}

const start = (ws: WebSocket, id: string, n?: number): void =>
  ws.send(
    JSON.stringify({
      id,
      type: 'start',
      payload: {
        data: JSON.stringify({ query: 'subscription ($n: Int) { onPing(n: $n) { n } }', variables: { n } }),
        extensions: { authorization: { 'x-api-key': KEY } },
      },
    }),
  );

function held(): () => void {
  let release = (): void => undefined;
  holds.push(
    new Promise<void>((resolve) => {
      release = resolve;
    }),
  );
  return release;
}

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
    const req = {
      url: '/elsewhere',
      headers: {},
      socket: { remoteAddress: '127.0.0.1' },
    } as unknown as http.IncomingMessage;
    realtime.handleUpgrade(req, socket, Buffer.alloc(0));
    expect(() =>
      socket.emit('error', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })),
    ).not.toThrow();
  });

  it('a stop and a new start with the same id while the first start is still resolving: the new start is the one that lives', async () => {
    const { ws, frames } = await open();
    const releaseFirst = held();
    const releaseSecond = held();
    const before = { resolving, resolved };
    start(ws, 'same', 1);
    ws.send(JSON.stringify({ type: 'stop', id: 'same' }));
    await until(() => frames.some((f) => f.type === 'complete'));
    start(ws, 'same', 2);
    await until(() => resolving === before.resolving + 2);
    releaseFirst();
    await until(() => resolved === before.resolved + 1);
    releaseSecond();
    await until(() => frames.some((f) => f.type === 'start_ack'));
    // One socket delivers in order: a start_ack of the first start, or a delivery for n: 1, would
    // arrive before the delivery for n: 2.
    hub.publish([{ fieldName: 'ping', value: { n: 1 } }]);
    hub.publish([{ fieldName: 'ping', value: { n: 2 } }]);
    await until(() => frames.some((f) => f.type === 'data'));
    expect(frames.filter((f) => f.type === 'start_ack')).toHaveLength(1);
    expect(frames.filter((f) => f.type === 'data')).toEqual([
      { type: 'data', id: 'same', payload: { data: { onPing: { n: 2 } } } },
    ]);
    ws.close();
  });

  it('a socket closed while its start is still resolving never receives or keeps a subscription', async () => {
    const { ws, frames } = await open();
    const release = held();
    const before = { resolving, resolved };
    start(ws, 'late');
    await until(() => resolving === before.resolving + 1);
    ws.close();
    await new Promise((resolve) => ws.once('close', resolve));
    release();
    await until(() => resolved === before.resolved + 1);
    expect(() => hub.publish([{ fieldName: 'ping', value: { n: 2 } }])).not.toThrow();
    expect(frames.filter((f) => f.type === 'start_ack' || f.type === 'data')).toEqual([]);
  });

  it('close() ends every open connection', async () => {
    const other = await serveRealtime(pingEngine(), { keepAliveMs: 60_000 });
    const { ws } = await openConnection(other.url);
    const closed = new Promise((resolve) => ws.once('close', resolve));
    await other.close();
    await closed;
    expect(ws.readyState).toBe(WebSocket.CLOSED);
  });
});
