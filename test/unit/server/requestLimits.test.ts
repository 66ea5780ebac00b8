// AppSync's limits on what one request may ask, over a real socket (docs/appsync-facts.md §5.1):
// graphql-java's parser limits (a document nested thousands of levels deep is a syntax error, never
// a crash), the request size (refused while the body arrives, before authentication), and the API's
// QueryDepthLimit and ResolverCountLimit as field errors, introspection exempt.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppSyncEngine } from '../../../local/appsync/engine/createAppSyncEngine.ts';
import type { ApiDefinition } from '../../../local/appsync/engine/definitions.ts';
import { createGraphqlHttpHandler } from '../../../local/appsync/server/createGraphqlHttpHandler.ts';
import { silentRequestLog } from '../../../local/http/requestLog.ts';
import { stopServer } from '../../../local/http/serverLifecycle.ts';
import { uploadUntilAnswered } from '../../support/uploadUntilAnswered.ts';

const API_KEY = 'da2-limits-test';
const echo = (name: string) =>
  `export function request(ctx) { return { payload: { name: '${name}' } }; }\nexport function response(ctx) { return ctx.result; }`;

function apiWith(limits: ApiDefinition['limits']): ApiDefinition {
  return {
    logicalId: 'Api',
    apiId: 'localapi',
    name: 'limits-test',
    schema: 'type Query { node: Node }\ntype Node { child: Node name: String }',
    defaultAuth: { mode: 'API_KEY' },
    additionalAuth: [],
    apiKeys: [{ value: API_KEY, expires: 4_102_444_800 }],
    environmentVariables: {},
    dataSources: [{ name: 'none', type: 'NONE' }],
    functions: [],
    resolvers: [
      { typeName: 'Query', fieldName: 'node', kind: 'UNIT', dataSourceName: 'none', code: echo('root') },
      { typeName: 'Node', fieldName: 'child', kind: 'UNIT', dataSourceName: 'none', code: echo('child') },
    ],
    limits,
  };
}

const servers: http.Server[] = [];
async function serve(limits: ApiDefinition['limits']): Promise<string> {
  const api = apiWith(limits);
  const engine = createAppSyncEngine({ api, dataSources: new Map() });
  const server = http.createServer(
    createGraphqlHttpHandler({
      engine,
      auth: { defaultAuth: api.defaultAuth, additionalAuth: [], apiKeys: api.apiKeys, region: 'us-east-1' },
      log: silentRequestLog,
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

let unlimited: string;
let limited: string;
beforeAll(async () => {
  unlimited = await serve(undefined);
  limited = await serve({ queryDepth: 2, resolverCount: 2 });
});
afterAll(async () => {
  await Promise.all(servers.map(stopServer));
});

async function query(url: string, text: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
    body: JSON.stringify({ query: text }),
  });
  return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: Record<string, unknown>[] } };
}

const nested = (levels: number) => `{ node ${'{ child '.repeat(levels - 1)}{ name }${' }'.repeat(levels - 1)} }`;

describe('graphql-java’s parser limits', () => {
  it.each([1_000, 2_000, 20_000])(
    'refuses a query nested %i levels deep as a syntax error, not a 500',
    async (levels) => {
      const { status, body } = await query(unlimited, nested(levels));

      expect(status).toBe(200);
      expect(body.data).toBeNull();
      expect(body.errors).toEqual([
        expect.objectContaining({
          message:
            "Invalid Syntax : More than 500 deep 'grammar' rules have been entered. To prevent Denial Of Service attacks, parsing has been cancelled.",
        }),
      ]);
    },
  );

  it('still answers a query nested as deep as real clients nest', async () => {
    const { body } = await query(unlimited, nested(20));

    expect(body.errors).toBeUndefined();
  });

  it('refuses a document of more than 15,000 tokens', async () => {
    const { body } = await query(unlimited, `{ ${'node { name } '.repeat(4_000)}}`);

    expect(body.errors?.[0]?.message).toBe(
      "Invalid Syntax : More than 15000 'grammar' tokens have been presented. To prevent Denial Of Service attacks, parsing has been cancelled.",
    );
  });
});

describe('the request size', () => {
  it('refuses an unauthenticated 30 MB body with 413 while it is still arriving, before authentication', async () => {
    const outcome = await uploadUntilAnswered(unlimited, 30 * 1024 * 1024);

    expect(outcome.status).toBe(413);
    expect(JSON.parse(outcome.body)).toEqual({
      errors: [{ errorType: 'PayloadTooLargeException', message: 'The request body is larger than 5242880 bytes.' }],
    });
    expect(outcome.bytesSent).toBeLessThan(30 * 1024 * 1024);
  });
});

describe('QueryDepthLimit and ResolverCountLimit', () => {
  it('fails the fields past the depth limit with QueryDepthLimitReached and answers the rest', async () => {
    const { status, body } = await query(limited, '{ node { name child { name } } }');

    expect(status).toBe(200);
    expect(body.data).toEqual({ node: { name: 'root', child: { name: null } } });
    expect(body.errors).toEqual([
      expect.objectContaining({ path: ['node', 'child', 'name'], errorType: 'QueryDepthLimitReached' }),
    ]);
  });

  it('fails the resolvers past the count with ResolverExecutionLimitReached, without running them', async () => {
    const { body } = await query(limited, '{ a: node { name } b: node { name } c: node { name } }');

    expect(body.data).toEqual({ a: { name: 'root' }, b: { name: 'root' }, c: null });
    expect(body.errors).toEqual([expect.objectContaining({ path: ['c'], errorType: 'ResolverExecutionLimitReached' })]);
  });

  it('lets introspection through, however deep (the console introspects)', async () => {
    const { body } = await query(limited, getIntrospectionQuery());

    expect(body.errors).toBeUndefined();
    expect(body.data).toMatchObject({ __schema: { queryType: { name: 'Query' } } });
  });
});
