// AppSync's real-time protocol against the running local stack (docs/appsync-facts.md §8, §9): the
// three ways to pass the auth header, ws:// and wss:// on the API's port, subscribe-time
// validation and authorization, and fan-out of publishProfileEvent sent over HTTP with IAM.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import { graphqlClient, sigV4Headers } from '../../support/graphqlClient.ts';
import { LOCAL_CREDENTIALS } from '../../../local/index.ts';

const stack = inject('localStack');
const api = graphqlClient(stack.graphqlUrl, stack.region);
const host = new URL(stack.graphqlUrl).host;
const wsUrl = stack.realtimeUrl.replace(/^wss:/, 'ws:');
const suffix = randomUUID().slice(0, 8);
const apiKeyHeader = { host, 'x-api-key': stack.apiKey };
const LOCAL_IAM = { ...LOCAL_CREDENTIALS };

// Any frame the server sends, read loosely: tests assert on its parts.
type Frame = { type: string; id?: string; payload?: any };

interface RealtimeClient {
  ws: WebSocket;
  next(type?: string, timeoutMs?: number): Promise<Frame>;
  send(message: unknown): void;
  received: Frame[];
}

const base64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64');
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function connect(url: string, protocols: string[], options: WebSocket.ClientOptions = {}): Promise<RealtimeClient> {
  const ws = new WebSocket(url, protocols, options);
  const received: Frame[] = [];
  const waiters: { type?: string; resolve: (frame: Frame) => void }[] = [];
  let cursor = 0;
  const pump = () => {
    for (let i = 0; i < waiters.length; i++) {
      const waiter = waiters[i]!;
      const index = received.findIndex((frame, at) => at >= cursor && (!waiter.type || frame.type === waiter.type));
      if (index >= 0) {
        cursor = index + 1;
        waiters.splice(i--, 1);
        waiter.resolve(received[index]!);
      }
    }
  };
  ws.on('message', (raw) => {
    received.push(JSON.parse(raw.toString()) as Frame);
    pump();
  });
  const client: RealtimeClient = {
    ws,
    received,
    send: (message) => ws.send(JSON.stringify(message)),
    next: (type, timeoutMs = 5_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${type ?? 'message'} within ${timeoutMs} ms; got ${JSON.stringify(received)}`)),
          timeoutMs,
        );
        waiters.push({ type, resolve: (frame) => (clearTimeout(timer), resolve(frame)) });
        pump();
      }),
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(client));
    ws.once('error', reject);
  });
}

async function initialised(
  url: string,
  protocols: string[],
  options?: WebSocket.ClientOptions,
): Promise<RealtimeClient> {
  const client = await connect(url, protocols, options);
  client.send({ type: 'connection_init' });
  return client;
}

const withHeaderQuery = (header: unknown) => `${wsUrl}?header=${encodeURIComponent(base64(header))}&payload=e30=`;

const EVENT_FIELDS = '__typename username kind renamedTo profile occurredAt';
const subscriptionData = (username: string, selection = EVENT_FIELDS) =>
  JSON.stringify({
    query: `subscription S($u: String!) { onProfileEvent(username: $u) { ${selection} } }`,
    variables: { u: username },
  });

function start(
  client: RealtimeClient,
  data: string,
  authorization: Record<string, string> = apiKeyHeader,
  id: string = randomUUID(),
): string {
  client.send({ id, type: 'start', payload: { data, extensions: { authorization } } });
  return id;
}

const PUBLISH =
  'mutation P($input: ProfileEventInput!) { publishProfileEvent(input: $input) { username kind occurredAt } }';
const publish = (username: string) =>
  api.postSigned(PUBLISH, {
    input: {
      username,
      kind: 'UPDATED',
      renamedTo: 'never-selected',
      profile: '{"bio":"hi"}',
      occurredAt: '2025-01-02T03:04:05.000Z',
    },
  });

describe('handshake', () => {
  it('acknowledges a header passed as ?header=…&payload=e30=, echoes graphql-ws and sends a keep-alive at once', async () => {
    const client = await initialised(withHeaderQuery(apiKeyHeader), ['graphql-ws']);
    expect(client.ws.protocol).toBe('graphql-ws');
    expect(await client.next()).toEqual({ type: 'connection_ack', payload: { connectionTimeoutMs: 300000 } });
    expect(await client.next()).toEqual({ type: 'ka' });
    client.ws.close();
  });

  it('acknowledges Amplify v6’s header-<base64url> subprotocol over wss:// on the same port', async () => {
    const client = await initialised(stack.realtimeUrl, ['graphql-ws', `header-${base64url(apiKeyHeader)}`], {
      ca: readFileSync(stack.tlsCertificate),
    });
    expect(client.ws.protocol).toBe('graphql-ws');
    expect((await client.next()).type).toBe('connection_ack');
    client.ws.close();
  });

  it('acknowledges credentials sent as plain upgrade headers', async () => {
    const client = await initialised(wsUrl, ['graphql-ws'], { headers: { 'x-api-key': stack.apiKey } });
    expect((await client.next()).type).toBe('connection_ack');
    client.ws.close();
  });

  it('acknowledges an IAM header signed for POST /graphql/connect with body {}', async () => {
    const signed = await sigV4Headers(`${stack.graphqlUrl}/connect`, '{}', stack.region, LOCAL_IAM);
    const client = await initialised(withHeaderQuery({ ...signed, host }), ['graphql-ws']);
    expect((await client.next()).type).toBe('connection_ack');
    client.ws.close();
  });

  it('gives no subprotocol back to a client that does not offer graphql-ws, so the handshake fails', async () => {
    await expect(connect(withHeaderQuery(apiKeyHeader), ['graphql-transport-ws'])).rejects.toThrow(/no subprotocol/i);
  });

  it('answers a bad API key with connection_error and closes the socket', async () => {
    const client = await initialised(withHeaderQuery({ host, 'x-api-key': 'da2-not-a-key' }), ['graphql-ws']);
    const closed = new Promise<number>((resolve) => client.ws.once('close', resolve));
    const frame = await client.next();
    expect(frame.type).toBe('connection_error');
    expect(frame.payload.errors[0]).toMatchObject({
      errorType: 'com.amazonaws.deepdish.graphql.auth#UnauthorizedException',
      message: 'You are not authorized to make this call.',
    });
    expect(typeof frame.payload.errors[0].errorCode).toBe('number');
    await closed;
  });
});

describe('start', () => {
  it('answers an invalid subscription document with an error for that id, in AppSync validation words', async () => {
    const client = await initialised(withHeaderQuery(apiKeyHeader), ['graphql-ws']);
    await client.next('connection_ack');
    const id = start(client, JSON.stringify({ query: 'subscription { onProfileEvent(username: "x") { nope } }' }));
    const frame = await client.next('error');
    expect(frame.id).toBe(id);
    expect(frame.payload.errors[0].message).toBe(
      "Validation error of type FieldUndefined: Field 'nope' in type 'ProfileEvent' is undefined @ 'onProfileEvent/nope'",
    );
    client.ws.close();
  });

  it('refuses a query on the realtime channel as UnsupportedOperation', async () => {
    const client = await initialised(withHeaderQuery(apiKeyHeader), ['graphql-ws']);
    await client.next('connection_ack');
    start(client, JSON.stringify({ query: '{ usernameAvailable(username: "x") { available } }' }));
    expect((await client.next('error')).payload.errors[0]).toEqual({
      errorType: 'UnsupportedOperation',
      message: 'query not supported through the realtime channel',
    });
    client.ws.close();
  });

  it('refuses a reused id while the first subscription is live', async () => {
    const client = await initialised(withHeaderQuery(apiKeyHeader), ['graphql-ws']);
    await client.next('connection_ack');
    const id = start(client, subscriptionData(`dup-${suffix}`));
    await client.next('start_ack');
    start(client, subscriptionData(`dup-${suffix}`), apiKeyHeader, id);
    const frame = await client.next('error');
    expect(frame.id).toBe(id);
    expect(frame.payload.errors[0].errorType).toBe('DuplicatedOperationError');
    client.ws.close();
  });

  it('answers an unknown message type with UnsupportedOperation', async () => {
    const client = await initialised(withHeaderQuery(apiKeyHeader), ['graphql-ws']);
    await client.next('connection_ack');
    client.send({ id: 'x', type: 'subscribe', payload: {} });
    expect((await client.next('error')).payload.errors[0]).toEqual({
      errorType: 'UnsupportedOperation',
      message: 'unknown not supported through the realtime channel',
    });
    client.ws.close();
  });
});

describe('fan-out of publishProfileEvent', () => {
  it('delivers to a subscriber of that username, whatever its case, and not to a subscriber of another name', async () => {
    const name = `ada-${suffix}`;
    const otherName = `bob-${suffix}`;
    const client = await initialised(withHeaderQuery(apiKeyHeader), ['graphql-ws']);
    await client.next('connection_ack');
    const adaId = start(client, subscriptionData(name.toUpperCase()));
    expect(await client.next('start_ack')).toEqual({ type: 'start_ack', id: adaId });
    const signedStart = subscriptionData(otherName);
    const iamAuthorization = { ...(await sigV4Headers(stack.graphqlUrl, signedStart, stack.region, LOCAL_IAM)), host };
    const bobId = start(client, signedStart, iamAuthorization);
    expect(await client.next('start_ack')).toEqual({ type: 'start_ack', id: bobId });

    const published = await publish(name);
    expect(published.body.errors).toBeUndefined();
    const frame = await client.next('data');
    // The mutation selected username, kind and occurredAt only: renamedTo and profile come back null.
    expect(frame).toEqual({
      type: 'data',
      id: adaId,
      payload: {
        data: {
          onProfileEvent: {
            __typename: 'ProfileEvent',
            username: name,
            kind: 'UPDATED',
            renamedTo: null,
            profile: null,
            occurredAt: '2025-01-02T03:04:05.000Z',
          },
        },
      },
    });

    await publish(otherName);
    const next = await client.next('data');
    expect(next.id).toBe(bobId);
    expect(client.received.filter((f) => f.type === 'data').map((f) => f.id)).toEqual([adaId, bobId]);
    client.ws.close();
  });

  it('answers stop with complete and delivers nothing more for that id', async () => {
    const name = `cy-${suffix}`;
    const client = await initialised(withHeaderQuery(apiKeyHeader), ['graphql-ws']);
    await client.next('connection_ack');
    const stopped = start(client, subscriptionData(name, 'username'));
    await client.next('start_ack');
    const live = start(client, subscriptionData(name, 'kind'));
    await client.next('start_ack');
    client.send({ type: 'stop', id: stopped });
    expect(await client.next('complete')).toEqual({ type: 'complete', id: stopped });

    await publish(name);
    expect(await client.next('data')).toEqual({
      type: 'data',
      id: live,
      payload: { data: { onProfileEvent: { kind: 'UPDATED' } } },
    });
    expect(client.received.filter((f) => f.type === 'data' && f.id === stopped)).toEqual([]);
    client.ws.close();
  });

  it('keeps publishProfileEvent IAM-only: an API-key caller gets the field Unauthorized over HTTP', async () => {
    const response = await api.post(
      PUBLISH,
      { input: { username: `x-${suffix}`, kind: 'UPDATED', occurredAt: '2025-01-02T03:04:05.000Z' } },
      { 'x-api-key': stack.apiKey },
    );
    expect(response.body.data).toEqual({ publishProfileEvent: null });
    expect(response.body.errors[0]).toMatchObject({
      errorType: 'Unauthorized',
      message: 'Not Authorized to access publishProfileEvent on type Mutation',
    });
  });
});
