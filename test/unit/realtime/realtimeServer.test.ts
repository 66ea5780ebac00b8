// The realtime server on a bare HTTP server with a tiny API: the keep-alive interval and the
// per-connection subscription limit (docs/appsync-facts.md §8.2, §8.5).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_SUBSCRIPTIONS_PER_CONNECTION } from '../../../local/appsync/realtime/subscriptionStart.ts';
import { KEY, openConnection, pingEngine, serveRealtime, until } from './pingRealtime.ts';

let served: Awaited<ReturnType<typeof serveRealtime>>;
let url: string;

beforeAll(async () => {
  served = await serveRealtime(pingEngine(), { keepAliveMs: 50 });
  url = served.url;
});

afterAll(() => served.close());

const open = () => openConnection(url);

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
      ws.send(
        JSON.stringify({
          id: `s${i}`,
          type: 'start',
          payload: { data, extensions: { authorization: { 'x-api-key': KEY } } },
        }),
      );
    }
    await until(
      () =>
        frames.filter((f) => f.type === 'start_ack' || f.type === 'error').length > MAX_SUBSCRIPTIONS_PER_CONNECTION,
    );
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
