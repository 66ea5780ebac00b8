// The real-time row: `subscribers` WebSocket connections subscribed to onProfileEvent for one
// username (API key, AppSync's real-time protocol), then one saveProfile by the owner. The event
// travels as deployed: the profiles table's stream, the publish function, publishProfileEvent over
// IAM, then the fan-out. Delivery time is counted from the moment the save is sent.
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { DEFAULT_LOCAL_PASSWORD, getLocalTokens } from '../local/index.ts';
import type { LocalOutputs } from '../local/index.ts';
import { percentile } from './measure.ts';
import { seedProfile } from './seed.ts';

/** Deliveries of one event to every subscriber. */
export interface FanOutResult {
  subscribers: number;
  delivered: number;
  p50: number;
  p99: number;
  last: number;
}

const SUBSCRIPTION = 'subscription S($u: String!) { onProfileEvent(username: $u) { username kind profile } }';
const SAVE = 'mutation S($i: ProfileInput!) { saveProfile(input: $i) { username } }';

// `seen` picks the frame among those of its type: the seed's own save publishes an event too, which
// may still be on its way when the subscribers start.
function waitFor(ws: WebSocket, type: string, timeoutMs: number, seen = (_raw: string) => true): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (raw: WebSocket.RawData) => {
      const text = raw.toString();
      const frame = JSON.parse(text) as { type: string; payload?: unknown };
      if (frame.type === 'error' || frame.type === 'connection_error')
        reject(new Error(`real-time error: ${JSON.stringify(frame.payload)}`));
      if (frame.type !== type || !seen(text)) return;
      clearTimeout(timer);
      ws.off('message', onMessage);
      resolve();
    };
    ws.on('message', onMessage);
  });
}

/** Opens one subscriber; resolves once its subscription is acknowledged. */
async function subscribe(outputs: LocalOutputs, username: string): Promise<WebSocket> {
  const url = new URL(outputs.graphqlUrl);
  const header = { host: url.host, 'x-api-key': outputs.apiKey };
  const realtime = outputs.realtimeUrl.replace(/^wss:/, 'ws:');
  const encoded = encodeURIComponent(Buffer.from(JSON.stringify(header)).toString('base64'));
  const ws = new WebSocket(`${realtime}?header=${encoded}&payload=e30=`, ['graphql-ws']);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const acked = waitFor(ws, 'connection_ack', 10_000);
  ws.send(JSON.stringify({ type: 'connection_init' }));
  await acked;
  const started = waitFor(ws, 'start_ack', 10_000);
  const data = JSON.stringify({ query: SUBSCRIPTION, variables: { u: username } });
  ws.send(
    JSON.stringify({ id: randomUUID(), type: 'start', payload: { data, extensions: { authorization: header } } }),
  );
  await started;
  return ws;
}

/** Subscribes `subscribers` clients to one username, saves its profile once, and times every delivery. */
export async function measureFanOut(
  outputs: LocalOutputs,
  subscribers: number,
  timeoutMs = 30_000,
): Promise<FanOutResult> {
  const seeded = await seedProfile(outputs, 0);
  const tokens = await getLocalTokens({
    cognitoEndpoint: outputs.cognitoEndpoint,
    userPoolId: outputs.userPoolId,
    clientId: outputs.userPoolClientId,
    region: outputs.region,
    email: `${seeded.username}@example.com`,
    password: DEFAULT_LOCAL_PASSWORD,
  });
  const sockets: WebSocket[] = [];
  try {
    // In groups of 20, so the handshakes do not all land at once.
    for (let i = 0; i < subscribers; i += 20) {
      const group = Math.min(20, subscribers - i);
      sockets.push(...(await Promise.all(Array.from({ length: group }, () => subscribe(outputs, seeded.username)))));
    }
    const marker = `saved once, seen by all ${randomUUID()}`;
    const sentAt = performance.now();
    const deliveries = sockets.map((ws) =>
      waitFor(ws, 'data', timeoutMs, (text) => text.includes(marker)).then(() => performance.now() - sentAt),
    );
    const res = await fetch(outputs.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: tokens.accessToken },
      body: JSON.stringify({
        query: SAVE,
        variables: { i: { username: seeded.username, bio: marker } },
      }),
    });
    const body = (await res.json()) as { errors?: unknown };
    if (res.status !== 200 || body.errors)
      throw new Error(`saveProfile answered ${res.status}: ${JSON.stringify(body)}`);
    const settled = await Promise.allSettled(deliveries);
    const times = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : [])).sort((a, b) => a - b);
    return {
      subscribers,
      delivered: times.length,
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      last: times.at(-1) ?? Number.NaN,
    };
  } finally {
    for (const ws of sockets) ws.terminate();
  }
}
