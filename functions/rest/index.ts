// The REST shim's Lambda (API Gateway HTTP API, payload 2.0): the seed's seven endpoints, each
// answered by one GraphQL operation against the AppSync API at GRAPHQL_URL (docs/architecture.md §4).
import { handle } from 'hono/aws-lambda';
import { createAppSyncClient, environmentCredentials } from '../lib/appsyncClient.ts';
import { readEnvironment } from '../lib/environment.ts';
import { createPowertools, withPowertools } from '../lib/powertools.ts';
import { createRestApp } from './app.ts';

const env = readEnvironment('rest');
const tools = createPowertools('rest');
const graphql = createAppSyncClient({
  url: env.GRAPHQL_URL,
  region: env.AWS_REGION,
  credentials: environmentCredentials,
});
const app = handle(createRestApp({ graphql, logger: tools.logger }));

/** API Gateway HTTP API (payload format 2.0) handler. */
export const handler = withPowertools(tools, (event: Parameters<typeof app>[0], context) => app(event, context));
