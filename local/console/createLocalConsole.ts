// The local console's server side, on the API's port: the page and its assets at `/`, and its
// helpers under /_console/api (users, tables, objects, resolvers, the live request log). Local
// code only: none of it is part of the deployed template.
import type { RequestListener } from 'node:http';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { getRequestListener } from '@hono/node-server';
import type { GraphQLSchema } from 'graphql';
import { Hono } from 'hono';
import type { IamCredentials } from '../appsync/auth/iam.ts';
import type { ApiDefinition } from '../appsync/engine/definitions.ts';
import { createApiKeysHandler } from '../appsync/controlPlane/createApiKeysHandler.ts';
import { createEvaluateCodeHandler } from '../appsync/evaluateCode/createEvaluateCodeHandler.ts';
import { LOCAL_CREDENTIALS } from '../awsConfig.ts';
import type { RequestLogSink } from '../http/requestLog.ts';
import { configRoutes, consoleConfig } from './api/consoleConfig.ts';
import { consoleErrorResponse } from './api/consoleError.ts';
import { objectRoutes } from './api/objects.ts';
import { createRequestLogStream } from './api/requestLogStream.ts';
import { resolverRoutes } from './api/resolvers.ts';
import { tableRoutes } from './api/tables.ts';
import { userRoutes } from './api/users.ts';
import { CONSOLE_BUNDLE_DIR, ensureConsoleBundle } from './ensureConsoleBundle.ts';
import { routeApiPort } from './routeApiPort.ts';
import { staticAssetRoutes } from './staticAssets.ts';

/** The path prefix of the console's helpers. */
export const CONSOLE_API_PREFIX = '/_console/api';

/** What the console reads from the running stack. */
export interface LocalConsoleOptions {
  api: ApiDefinition;
  schema: GraphQLSchema;
  region: string;
  iamCredentials?: IamCredentials;
  dynamoDbClient: DynamoDBClient;
  s3Endpoint: string;
  bucket: string;
  cognito: { endpoint: string; userPoolId: string; clientId: string };
  /** Where the bundle lives (default dist/console). */
  bundleDir?: string;
}

/** The console: the API port's listener around the GraphQL one, a tap for the request log, and how to stop its streams. */
export interface LocalConsole {
  /** Serves EvaluateCode and the console next to `graphql` on one port. */
  serve(graphql: RequestListener): RequestListener;
  tapRequestLog(sink: RequestLogSink): RequestLogSink;
  close(): Promise<void>;
}

/** Creates the console over a running stack's services. */
export function createLocalConsole(options: LocalConsoleOptions): LocalConsole {
  const bundleDir = options.bundleDir ?? CONSOLE_BUNDLE_DIR;
  const ready = ensureConsoleBundle(bundleDir);
  // Observed here so a failed build never surfaces as an unhandled rejection; the page reports it.
  ready.catch(() => undefined);
  const log = createRequestLogStream();
  const iam = options.iamCredentials ?? { ...LOCAL_CREDENTIALS };

  const helpers = new Hono()
    .route('/', configRoutes(consoleConfig(options.api, { region: options.region, bucket: options.bucket, iam })))
    .route(
      '/',
      userRoutes({
        cognitoEndpoint: options.cognito.endpoint,
        userPoolId: options.cognito.userPoolId,
        clientId: options.cognito.clientId,
        region: options.region,
      }),
    )
    .route('/', tableRoutes(options.dynamoDbClient))
    .route('/', objectRoutes({ s3Endpoint: options.s3Endpoint, bucket: options.bucket, region: options.region }))
    .route('/', resolverRoutes(options.api, options.schema))
    .route('/', log.routes);
  const app = new Hono().route(CONSOLE_API_PREFIX, helpers).route('/', staticAssetRoutes(bundleDir, ready));
  app.onError(consoleErrorResponse);
  app.notFound((c) => c.json({ message: `Nothing at ${c.req.method} ${c.req.path} in the local console.` }, 404));
  const evaluateCode = createEvaluateCodeHandler({ region: options.region, credentials: iam });
  const apiKeys = createApiKeysHandler({
    region: options.region,
    credentials: iam,
    apiId: options.api.apiId,
    apiKeys: options.api.apiKeys,
  });
  return {
    serve: (graphql) => routeApiPort({ graphql, evaluateCode, apiKeys, console: getRequestListener(app.fetch) }),
    tapRequestLog: log.tap,
    close: async () => log.close(),
  };
}
