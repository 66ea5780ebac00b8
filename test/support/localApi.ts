// The deployed API, in-process: the synthesized template's resolvers run by the local APPSYNC_JS
// engine against the run's DynamoDB Local (tables created by the global setup's local stack).
// Resolver suites use it to exercise each bundle without HTTP or token plumbing.
import { resolve } from 'node:path';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  createDynamoDbDataSource,
  createAppSyncEngine,
  createNoneDataSource,
  localDynamoDbClient,
  createLocalReferenceResolver,
  extractGraphqlApis,
  loadCloudAssembly,
  offlinePhysicalIds,
} from '../../local/index.ts';
import type { AppSyncEngine, Caller, DataSource } from '../../local/index.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** The engine over the synthesized API, the raw DynamoDB client, and helpers to read tables (default: the run's stack). */
export function localApi(endpoint = process.env.PROLYNK_TEST_DYNAMODB_ENDPOINT) {
  if (!endpoint)
    throw new Error('PROLYNK_TEST_DYNAMODB_ENDPOINT is unset: run the suites through vitest (global setup).');
  const { template } = loadCloudAssembly(resolve(ROOT, 'cdk.out'));
  const [api] = extractGraphqlApis(
    template,
    createLocalReferenceResolver(template, { physicalIds: offlinePhysicalIds(template) }),
  );
  const client = localDynamoDbClient(endpoint);
  const dataSources = new Map<string, DataSource>(
    api.dataSources.map((d) => [
      d.name,
      d.type === 'AMAZON_DYNAMODB'
        ? createDynamoDbDataSource({ name: d.name, tableName: d.tableName as string, client })
        : createNoneDataSource(d.name),
    ]),
  );
  const engine: AppSyncEngine = createAppSyncEngine({ api, dataSources });
  const env = api.environmentVariables;

  return {
    engine,
    client,
    tables: { users: env.USERS_TABLE, profiles: env.PROFILES_TABLE, links: env.LINKS_TABLE },
    assetsBaseUrl: env.ASSETS_BASE_URL,
    /** Runs one GraphQL request as `caller` and returns AppSync's response body. */
    async run(caller: Caller, query: string, variables: Record<string, unknown> = {}) {
      return (await engine.execute({ query, variables }, caller)).body as {
        data: Record<string, any> | null;
        errors?: Record<string, any>[];
      };
    },
    /** A raw item, strongly consistent, or null. */
    async item(table: string, key: Record<string, string>) {
      const out = await client.send(
        new GetItemCommand({
          TableName: table,
          Key: Object.fromEntries(Object.entries(key).map(([k, v]) => [k, { S: v }])),
          ConsistentRead: true,
        }),
      );
      return out.Item ? unmarshall(out.Item) : null;
    },
  };
}

/** A fresh, valid, unique username. */
export function uniqueName(prefix = 'u'): string {
  return `${prefix}${Math.random().toString(36).slice(2, 10)}`;
}
