// The REST shim's Lambda (API Gateway HTTP API, payload 2.0): the seed's seven endpoints, each
// answered by one GraphQL operation against the AppSync API at GRAPHQL_URL (docs/architecture.md §4).
import { handle } from 'hono/aws-lambda';
import { createRestApp } from './app.ts';
import { createAppSyncClient, environmentCredentials } from '../lib/appsyncClient.ts';

const graphql = createAppSyncClient({
  url: requiredEnv('GRAPHQL_URL'),
  region: requiredEnv('AWS_REGION'),
  credentials: environmentCredentials,
});

/** API Gateway HTTP API (payload format 2.0) handler. */
export const handler = handle(createRestApp({ graphql }));

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set.`);
  return value;
}
