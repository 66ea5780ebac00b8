// The whole system on one machine, from the synthesized template (docs/architecture.md §1, §5): DynamoDB Local,
// cognito-local and s3rver started by the project, the resources the template declares created
// on them, and the AppSync API served over HTTP and HTTPS on one port. Create-only: the CLI in
// local/cli/start.ts binds fixed ports; tests pass port 0 and a temp data folder.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createAppSyncEngine } from '../appsync/engine/createAppSyncEngine.ts';
import type { AppSyncEngine } from '../appsync/engine/createAppSyncEngine.ts';
import type { ApiDefinition } from '../appsync/engine/definitions.ts';
import type { AuthConfig } from '../appsync/auth/authenticate.ts';
import { createRealtimeServer } from '../appsync/realtime/createRealtimeServer.ts';
import type { RealtimeServer } from '../appsync/realtime/createRealtimeServer.ts';
import { createSubscriptionHub } from '../appsync/realtime/subscriptionHub.ts';
import { createGraphqlHttpHandler } from '../appsync/server/createGraphqlHttpHandler.ts';
import { listenDualProtocol } from '../http/dualProtocolServer.ts';
import { createLambdaRunner, loadLambdaFunctions } from '../lambda/index.ts';
import {
  loadEventSourceMappings,
  localStreamArns,
  localStreamsClient,
  startStreamPollers,
} from '../lambda/streams/index.ts';
import { silentRequestLog } from '../http/requestLog.ts';
import { loadSchedules, startSchedules } from '../schedules/index.ts';
import type { RequestLogSink } from '../http/requestLog.ts';
import { ensureUserPool, startCognitoLocal } from '../services/cognito.ts';
import { ensureDevCertificate } from '../services/devCertificate.ts';
import { ensureTables, localDynamoDbClient, startDynamoDbLocal } from '../services/dynamodb.ts';
import { startS3Local } from '../services/s3.ts';
import {
  createLocalReferenceResolver,
  extractBuckets,
  extractGraphqlApis,
  extractTables,
  extractUserPools,
  LOCAL_ACCOUNT_ID,
  LOCAL_REGION,
  loadCloudAssembly,
  resourcesOfType,
} from '../template/index.ts';
import { allStarted } from './allStarted.ts';
import { lateHandler, listenLambdaInvoke } from './lateHandler.ts';
import { localDataSources, withLocalBucketUrls } from './localDataSources.ts';
import { serveRestApi } from './serveRestApi.ts';
import type { LocalOutputs } from './localOutputs.ts';
import { writeOutputs } from './localOutputs.ts';

/** Where and how to run. Ports: 0 picks a free one. */
export interface LocalStackOptions {
  cdkOutDir: string;
  dataDir: string;
  fresh?: boolean;
  host?: string;
  ports?: { api?: number; dynamoDb?: number; cognito?: number; s3?: number; lambda?: number; rest?: number };
  /** Lambda functions' own log lines: shown (npm start) or dropped (tests, the default). */
  lambdaLogs?: 'inherit' | 'ignore';
  requestLog?: RequestLogSink;
  /** Run the template's scheduled rules on their rate (npm start); off by default (tests invoke them). */
  schedules?: boolean;
}

/** A running local stack. */
export interface LocalStack {
  outputs: LocalOutputs;
  outputsFile: string;
  api: ApiDefinition;
  engine: AppSyncEngine;
  stop(): Promise<void>;
}

/** Starts every service the template needs and serves the GraphQL API; resolves when ready. */
export async function createLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const host = options.host ?? '127.0.0.1';
  const ports = options.ports ?? {};
  const assembly = loadCloudAssembly(options.cdkOutDir);
  const template = assembly.template;
  const staticRefs = createLocalReferenceResolver(template);
  const buckets = extractBuckets(template, staticRefs);
  const pools = extractUserPools(template, staticRefs);
  if (pools.length !== 1)
    throw new Error(`The local stack serves exactly one Cognito user pool; the template has ${pools.length}.`);
  const [pool] = pools;

  if (options.fresh) {
    for (const service of ['dynamodb', 'cognito', 's3'])
      rmSync(join(options.dataDir, service), { recursive: true, force: true });
  }

  const stoppers: (() => Promise<void>)[] = [];
  const stop = async () => {
    await Promise.allSettled(stoppers.reverse().map((s) => s()));
  };
  try {
    // cognito-local calls the pool's triggers through a Lambda Invoke endpoint, which must exist
    // before it starts; the functions behind it need the other services' endpoints, so the
    // runner is attached once everything is up (no trigger can fire before the stack is ready).
    const lambda = await listenLambdaInvoke(host, ports.lambda ?? 0);
    stoppers.push(lambda.close);
    // Started side by side; whichever came up is stopped again if another one failed.
    const [dynamoDb, cognito, s3, certificate] = await allStarted(stoppers, [
      startDynamoDbLocal({ port: ports.dynamoDb ?? 0, dataDir: join(options.dataDir, 'dynamodb'), host }),
      startCognitoLocal({
        dataDir: join(options.dataDir, 'cognito'),
        port: ports.cognito ?? 0,
        host,
        lambdaEndpoint: lambda.endpoint,
        triggers: pool.lambdaTriggers,
      }),
      startS3Local({
        dataDir: join(options.dataDir, 's3'),
        port: ports.s3 ?? 0,
        host,
        buckets: buckets.map((b) => ({
          name: b.name,
          cors: b.corsRules,
          publicReadKeyPatterns: b.publicReadKeyPatterns,
        })),
      }),
      ensureDevCertificate(join(options.dataDir, 'tls')),
    ] as const);

    const dynamoDbClient = localDynamoDbClient(dynamoDb.endpoint);
    const [ensuredPool] = await Promise.all([
      ensureUserPool(cognito.endpoint, {
        name: pool.name,
        createInput: pool.createInput,
        clients: pool.clients.map((c) => ({
          name: c.name,
          explicitAuthFlows: c.explicitAuthFlows,
          createInput: c.createInput,
        })),
      }),
      ensureTables(dynamoDbClient, extractTables(template, staticRefs)),
    ]);

    // The GraphQL server listens before the functions load: the REST shim's GRAPHQL_URL
    // (Fn::GetAtt Api.GraphQLUrl) names its port. Requests wait for the engine with a 503.
    const graphql = lateHandler();
    // WebSocket handshakes (ws:// and wss:// /graphql/realtime) are refused until the engine exists.
    let realtime: RealtimeServer | undefined = undefined;
    const server = await listenDualProtocol(graphql.listener, {
      port: ports.api ?? 0,
      host,
      key: certificate.key,
      cert: certificate.cert,
      upgrade: (req, socket, head) => (realtime ? realtime.handleUpgrade(req, socket, head) : socket.destroy()),
    });
    stoppers.push(server.close);

    // Stream ARNs name the tables' creation time on DynamoDB Local: known only now.
    const physicalIds: Record<string, string> = {
      [pool.logicalId]: ensuredPool.userPoolId,
      ...(await localStreamArns(dynamoDbClient, template)),
    };
    for (const [graphqlApiId] of resourcesOfType(template, 'AWS::AppSync::GraphQLApi')) {
      physicalIds[`${graphqlApiId}.GraphQLUrl`] =
        `http://${host.includes(':') ? `[${host}]` : host}:${server.port}/graphql`;
    }
    pool.clients.forEach((client) => {
      const ensured = ensuredPool.clients.find((c) => c.name === client.name);
      if (ensured) physicalIds[client.logicalId] = ensured.clientId;
    });
    const refs = createLocalReferenceResolver(template, { physicalIds });
    const apis = extractGraphqlApis(template, refs);
    if (apis.length !== 1)
      throw new Error(`The local stack serves exactly one GraphQL API; the template has ${apis.length}.`);
    const api = withLocalBucketUrls(
      apis[0],
      buckets.map((b) => b.name),
      s3.endpoint,
    );

    const localAssetsUrl = `${s3.endpoint}/${buckets[0]?.name ?? ''}`;
    const runner = createLambdaRunner(loadLambdaFunctions(template, assembly.assets, refs), {
      logs: options.lambdaLogs ?? 'ignore',
      envOverrides: {
        AWS_REGION: LOCAL_REGION,
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_ENDPOINT_URL_DYNAMODB: dynamoDb.endpoint,
        AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognito.endpoint,
        S3_ENDPOINT: s3.endpoint,
        ASSETS_BASE_URL: localAssetsUrl,
      },
    });
    stoppers.push(async () => runner.close());
    lambda.attach(runner);

    // DynamoDB stream event-source mappings, polled like Lambda does (docs/architecture.md §5).
    const streamsClient = localStreamsClient(dynamoDb.endpoint);
    const pollers = startStreamPollers({
      mappings: loadEventSourceMappings(template, refs),
      streamsClient,
      invoke: (functionName, event) => runner.invoke(functionName, event),
      region: LOCAL_REGION,
    });
    stoppers.push(async () => {
      await pollers.stop();
      streamsClient.destroy();
    });
    await pollers.ready;

    // Scheduled rules (the account reconciler), on their rate (README "Leaving ProLynk").
    if (options.schedules) {
      const scheduler = startSchedules({
        schedules: loadSchedules(template).schedules,
        invoke: (functionLogicalId, event) => runner.invoke(functionLogicalId, event),
        region: LOCAL_REGION,
        account: LOCAL_ACCOUNT_ID,
      });
      stoppers.push(async () => scheduler.stop());
    }

    const engine = createAppSyncEngine({ api, dataSources: localDataSources(api, dynamoDbClient, runner) });
    const auth: AuthConfig = {
      defaultAuth: api.defaultAuth,
      additionalAuth: api.additionalAuth,
      apiKeys: api.apiKeys,
      cognito: { issuer: ensuredPool.issuer, jwksUri: ensuredPool.jwksUri },
      region: LOCAL_REGION,
    };
    // Mutations served over HTTP fan out to the realtime endpoint's subscriptions (docs/architecture.md §5).
    const hub = createSubscriptionHub();
    graphql.attach(createGraphqlHttpHandler({ engine, log: options.requestLog ?? silentRequestLog, auth, hub }));
    realtime = createRealtimeServer({ engine, auth, hub });
    stoppers.push(realtime.close);

    // The REST shim's HTTP API, when the template has one (docs/architecture.md §5 "HTTP API").
    const rest = await serveRestApi({ template, refs, runner, userPool: ensuredPool, host, port: ports.rest ?? 0 });
    if (rest) stoppers.push(rest.close);
    const restUrl = rest ? `http://${host === '127.0.0.1' ? 'localhost' : host}:${rest.port}` : undefined;

    const client = pool.clients[0];
    const outputs: LocalOutputs = {
      graphqlUrl: `http://${host === '127.0.0.1' ? 'localhost' : host}:${server.port}/graphql`,
      realtimeUrl: `wss://${host === '127.0.0.1' ? 'localhost' : host}:${server.port}/graphql/realtime`,
      apiKey: api.apiKeys[0]?.value ?? '',
      region: LOCAL_REGION,
      userPoolId: ensuredPool.userPoolId,
      userPoolClientId: physicalIds[client.logicalId],
      cognitoEndpoint: cognito.endpoint,
      cognitoIssuer: ensuredPool.issuer,
      s3Endpoint: s3.endpoint,
      bucket: buckets[0]?.name ?? '',
      dynamoDbEndpoint: dynamoDb.endpoint,
      lambdaEndpoint: lambda.endpoint,
      tlsCertificate: certificate.certPath,
      dataDir: options.dataDir,
      ...(restUrl ? { restUrl } : {}),
    };
    const outputsFile = writeOutputs(options.dataDir, outputs);
    return { outputs, outputsFile, api, engine, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
