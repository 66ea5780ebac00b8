// The console's server-side helpers on the stack's API port (/_console/api/…): configuration,
// sign-in as local users through the real Cognito triggers, token refresh, the data view's tables
// and bucket, the resolver view, the live request log, and the page itself.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, inject, it } from 'vitest';
import { graphqlClient } from '../../support/graphqlClient.ts';

const stack = inject('localStack');
const origin = new URL(stack.consoleUrl).origin;
const graphql = graphqlClient(stack.graphqlUrl);
const unique = () => `cons${Math.random().toString(36).slice(2, 9)}`;

async function helper(path: string, init?: { method?: string; body?: unknown }) {
  const response = await fetch(`${origin}/_console/api${path}`, {
    method: init?.method ?? 'GET',
    headers: init?.body === undefined ? undefined : { 'content-type': 'application/json' },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function listedEmails(): Promise<string[]> {
  return (await helper('/users')).body.users.map((u: { email: string }) => u.email);
}

describe('console helpers', () => {
  it('describes the stack: API key, auth modes, region, bucket and endpoints', async () => {
    const { status, body } = await helper('/config');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      apiKey: stack.apiKey,
      region: stack.region,
      bucket: stack.bucket,
      graphqlPath: '/graphql',
      realtimePath: '/graphql/realtime',
      evaluateCodePath: '/v1/dataplane-evaluatecode',
      defaultAuthMode: 'AMAZON_COGNITO_USER_POOLS',
    });
    expect([...body.authModes].sort()).toEqual(['AMAZON_COGNITO_USER_POOLS', 'API_KEY', 'AWS_IAM']);
  });

  it('creates a user through the real triggers and signs them in', async () => {
    const username = unique();
    const email = `${username}@example.com`;
    const { status, body } = await helper('/users', { method: 'POST', body: { username, email } });
    expect(status).toBe(200);
    expect(body).toMatchObject({ email, created: true });
    // The post-confirmation trigger created the account and claimed the name.
    const me = await graphql.post('{ me { username email profileComplete } }', {}, { Authorization: body.idToken });
    expect(me.body.data.me).toEqual({ username, email, profileComplete: false });
    const listed = (await helper('/users')).body.users.find((u: { email: string }) => u.email === email);
    expect(listed).toMatchObject({ username, status: 'CONFIRMED' });
  });

  it('signs an existing user in again without creating anything', async () => {
    const username = unique();
    const email = `${username}@example.com`;
    await helper('/users', { method: 'POST', body: { username, email } });
    const before = (await listedEmails()).length;
    const again = await helper('/users', { method: 'POST', body: { email } });
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);
    expect((await listedEmails()).length).toBe(before);
  });

  it('refuses a username the pre-sign-up trigger refuses, and creates no user', async () => {
    const email = `${unique()}@example.com`;
    const { status, body } = await helper('/users', { method: 'POST', body: { username: 'admin', email } });
    expect(status).toBe(400);
    expect(body.message).toMatch(/reserved/i);
    expect(await listedEmails()).not.toContain(email);
  });

  it('requires an email and refuses a wrong password', async () => {
    expect(await helper('/users', { method: 'POST', body: { username: unique() } })).toEqual({
      status: 400,
      body: { message: 'email is required.' },
    });
    const email = `${unique()}@example.com`;
    await helper('/users', { method: 'POST', body: { email } });
    const wrong = await helper('/users', { method: 'POST', body: { email, password: 'Other-Passw0rd!' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.message).toMatch(/different password/);
  });

  it('refreshes tokens with the refresh token, and refuses a bad one', async () => {
    const email = `${unique()}@example.com`;
    const signedIn = (await helper('/users', { method: 'POST', body: { email } })).body;
    const refreshed = await helper('/sessions/refresh', {
      method: 'POST',
      body: { refreshToken: signedIn.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    const me = await graphql.post('{ me { email } }', {}, { Authorization: refreshed.body.idToken });
    expect(me.body.data.me).toEqual({ email });
    const bad = await helper('/sessions/refresh', { method: 'POST', body: { refreshToken: 'not-a-token' } });
    expect(bad.status).toBe(401);
  });

  it('lists the tables with their keys and pages through their items', async () => {
    for (const _ of [1, 2]) await helper('/users', { method: 'POST', body: { email: `${unique()}@example.com` } });
    const tables = (await helper('/tables')).body.tables as { name: string; keys: unknown[] }[];
    const users = tables.find((t) => t.name.endsWith('-users'));
    expect(users?.keys).toEqual([{ name: 'user_id', type: 'HASH' }]);

    const first = await helper(`/tables/${users?.name}/items?limit=1`);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.next).toEqual(expect.any(String));
    const second = await helper(`/tables/${users?.name}/items?limit=1&next=${encodeURIComponent(first.body.next)}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.items[0].user_id).not.toBe(first.body.items[0].user_id);
  });

  it('refuses bad paging and unknown tables', async () => {
    expect((await helper('/tables/prolynk-users/items?limit=0')).status).toBe(400);
    expect((await helper('/tables/prolynk-users/items?next=%%%')).status).toBe(400);
    expect(await helper('/tables/no-such-table/items')).toEqual({
      status: 404,
      body: { message: 'No table named no-such-table.' },
    });
  });

  it('lists the objects in the bucket with their URLs', async () => {
    const key = `users/${unique()}/profile/avatar.png`;
    const s3 = new S3Client({
      endpoint: stack.s3Endpoint,
      region: stack.region,
      forcePathStyle: true,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    await s3.send(new PutObjectCommand({ Bucket: stack.bucket, Key: key, Body: 'png!', ContentType: 'image/png' }));
    s3.destroy();
    const objects = [];
    let next: string | null = null;
    do {
      const page: any = (await helper(`/objects${next ? `?next=${encodeURIComponent(next)}` : ''}`)).body;
      objects.push(...page.objects);
      next = page.next;
    } while (next);
    expect(objects.find((o) => o.key === key)).toEqual({
      key,
      size: 4,
      lastModified: expect.any(String),
      url: `${stack.s3Endpoint}/${stack.bucket}/${key}`,
    });
  });

  it('describes every resolver: kind, data source, bundled code, pipeline functions', async () => {
    const resolvers = (await helper('/resolvers')).body.resolvers as any[];
    const unit = resolvers.find((r) => r.typeName === 'Query' && r.fieldName === 'usernameAvailable');
    expect(unit).toMatchObject({
      kind: 'UNIT',
      dataSource: { type: 'AMAZON_DYNAMODB', tableName: expect.stringMatching(/-profiles$/) },
      functions: [],
      sampleArguments: { username: '' },
    });
    expect(unit.code).toContain('function request(ctx)');
    const pipeline = resolvers.find((r) => r.typeName === 'Mutation' && r.fieldName === 'saveProfile');
    expect(pipeline.kind).toBe('PIPELINE');
    // The tombstone check first (resolvers/functions/refuseDeletedAccount.ts), then the four steps of its folder.
    const names = pipeline.functions.map((f: { name: string }) => f.name);
    expect(names).toHaveLength(5);
    expect(names[0]).toBe('refuseDeletedAccount');
    expect(pipeline.sampleArguments).toEqual({ input: {} });
  });

  it('streams the request log live, in the terminal format', async () => {
    const controller = new AbortController();
    const response = await fetch(`${origin}/_console/api/log`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const marker = unique();
    // The log names a request by its operation name: a unique one finds this request's line.
    await graphql.postRaw(
      JSON.stringify({
        query: `query ${marker} { usernameAvailable(username: "ada") { available } }`,
        operationName: marker,
      }),
      { 'x-api-key': stack.apiKey },
    );
    let text = '';
    const decoder = new TextDecoder();
    while (!text.includes(marker)) {
      const chunk = await reader.read();
      if (chunk.done) throw new Error(`the log stream ended before the request's line:\n${text}`);
      text += decoder.decode(chunk.value);
    }
    controller.abort();
    const event = text.split('\n').find((line) => line.startsWith('data:') && line.includes(marker)) ?? '';
    const line = JSON.parse(event.slice('data:'.length));
    expect(line).toMatchObject({ status: 200, errorTypes: [] });
    expect(line.line).toMatch(
      new RegExp(`^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} 200 query ${marker} auth=API_KEY \\d+\\.\\dms$`),
    );
  });

  it('serves the page and its assets, nothing outside the bundle, and JSON for unknown helpers', async () => {
    const page = await fetch(`${origin}/`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('/_console/assets/app.js');
    const script = await fetch(`${origin}/_console/assets/app.js`);
    expect([script.status, script.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect((await fetch(`${origin}/_console/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
    expect(await helper('/nothing-here')).toEqual({
      status: 404,
      body: { message: 'Nothing at GET /_console/api/nothing-here in the local console.' },
    });
  });
});
