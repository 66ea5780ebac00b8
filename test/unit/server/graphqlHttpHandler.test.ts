// POST /graphql over a real socket, with a tiny API whose resolver echoes what it received.
// Expected values come from docs/appsync-facts.md §4 (ctx.request.headers).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppSyncEngine } from '../../../local/appsync/engine/createAppSyncEngine.ts';
import type { ApiDefinition } from '../../../local/appsync/engine/definitions.ts';
import { createGraphqlHttpHandler } from '../../../local/appsync/server/createGraphqlHttpHandler.ts';
import { silentRequestLog } from '../../../local/http/requestLog.ts';
import { stopServer } from '../../../local/http/serverLifecycle.ts';

const API_KEY = 'da2-handler-test';

const api: ApiDefinition = {
  logicalId: 'Api',
  apiId: 'localapi',
  name: 'handler-test',
  schema: 'type Query { header(name: String!): String }',
  defaultAuth: { mode: 'API_KEY' },
  additionalAuth: [],
  apiKeys: [{ value: API_KEY, expires: 4_102_444_800 }],
  environmentVariables: {},
  dataSources: [{ name: 'none', type: 'NONE' }],
  functions: [],
  resolvers: [
    {
      typeName: 'Query',
      fieldName: 'header',
      kind: 'UNIT',
      dataSourceName: 'none',
      code: 'export function request(ctx) { return { payload: JSON.stringify(ctx.request.headers[ctx.args.name]) }; }\nexport function response(ctx) { return ctx.result; }',
    },
  ],
};

let server: http.Server;

beforeAll(async () => {
  const engine = createAppSyncEngine({ api, dataSources: new Map() });
  const handler = createGraphqlHttpHandler({
    engine,
    auth: { defaultAuth: api.defaultAuth, additionalAuth: [], apiKeys: api.apiKeys, region: 'us-east-1' },
    log: silentRequestLog,
  });
  server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
});

afterAll(() => stopServer(server));

/** Posts `body` with `headers` (array values are sent as repeated header lines). */
function post(
  body: string,
  headers: Record<string, string | string[]>,
): Promise<{ status: number; body: { data?: Record<string, unknown> | null } }> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': API_KEY, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data?: Record<string, unknown> | null },
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const headerQuery = (name: string) => JSON.stringify({ query: `{ header(name: "${name}") }` });

describe('ctx.request.headers over HTTP', () => {
  it('gives a header sent more than once as an array of its values (ctx.request.headers.custom[1])', async () => {
    const response = await post(headerQuery('x-custom'), { 'x-custom': ['first', 'second'] });

    expect(response.status).toBe(200);
    expect(JSON.parse(String(response.body.data?.header))).toEqual(['first', 'second']);
  });

  it('gives a header sent once as a plain string', async () => {
    const response = await post(headerQuery('x-custom'), { 'x-custom': 'only' });

    expect(JSON.parse(String(response.body.data?.header))).toBe('only');
  });

  it('never exposes cookie, however many times it is sent', async () => {
    const response = await post(headerQuery('cookie'), { cookie: ['a=1', 'b=2'] });

    expect(response.body.data?.header).toBeNull();
  });
});
