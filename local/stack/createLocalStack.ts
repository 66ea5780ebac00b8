// The whole system on one machine, from the synthesized template (DESIGN §1, §5): DynamoDB Local,
// cognito-local and s3rver started by the project, the resources the template declares created
// on them, and the AppSync API served over HTTP and HTTPS on one port. Create-only: the CLI in
// local/cli/start.ts binds fixed ports; tests pass port 0 and a temp data folder.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import http from 'node:http';
import { createDynamoDbDataSource } from '../appsync/dataSources/dynamodb.ts';
import { createLambdaDataSource } from '../appsync/dataSources/lambda.ts';
import { createAppSyncEngine } from '../appsync/engine/createAppSyncEngine.ts';
import type { AppSyncEngine } from '../appsync/engine/createAppSyncEngine.ts';
import type { ApiDefinition } from '../appsync/engine/definitions.ts';
import { createNoneDataSource } from '../appsync/engine/noneDataSource.ts';
import type { DataSource } from '../appsync/runtime/contract.ts';
import { createGraphqlHttpHandler } from '../appsync/server/createGraphqlHttpHandler.ts';
import { listenDualProtocol } from '../http/dualProtocolServer.ts';
import { createHttpApiHandler, extractHttpApis, listenHttpApi } from '../httpApi/index.ts';
import { createLambdaInvokeHandler, createLambdaRunner, loadLambdaFunctions } from '../lambda/index.ts';
import type { LambdaRunner } from '../lambda/index.ts';
import { silentRequestLog } from '../http/requestLog.ts';
import { httpEndpoint, stopServer } from '../http/serverLifecycle.ts';
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
  LOCAL_REGION,
  loadCloudAssembly,
  resourcesOfType,
} from '../template/index.ts';
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
  if (pools.length !== 1) throw new Error(`The local stack serves exactly one Cognito user pool; the template has ${pools.length}.`);
  const [pool] = pools;

  if (options.fresh) {
    for (const service of ['dynamodb', 'cognito', 's3']) rmSync(join(options.dataDir, service), { recursive: true, force: true });
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
        buckets: buckets.map((b) => ({ name: b.name, cors: b.corsRules, publicReadKeyPatterns: b.publicReadKeyPatterns })),
      }),
      ensureDevCertificate(join(options.dataDir, 'tls')),
    ] as const);

    const dynamoDbClient = localDynamoDbClient(dynamoDb.endpoint);
    const [ensuredPool] = await Promise.all([
      ensureUserPool(cognito.endpoint, {
        name: pool.name,
        createInput: pool.createInput,
        clients: pool.clients.map((c) => ({ name: c.name, explicitAuthFlows: c.explicitAuthFlows, createInput: c.createInput })),
      }),
      ensureTables(dynamoDbClient, extractTables(template, staticRefs)),
    ]);

    // The GraphQL server listens before the functions load: the REST shim's GRAPHQL_URL
    // (Fn::GetAtt Api.GraphQLUrl) names its port. Requests wait for the engine with a 503.
    let graphqlHandler: http.RequestListener | undefined = undefined;
    const server = await listenDualProtocol((req, res) => (graphqlHandler ? graphqlHandler(req, res) : stillStarting(res)), {
      port: ports.api ?? 0,
      host,
      key: certificate.key,
      cert: certificate.cert,
    });
    stoppers.push(server.close);

    const physicalIds: Record<string, string> = { [pool.logicalId]: ensuredPool.userPoolId };
    for (const [graphqlApiId] of resourcesOfType(template, 'AWS::AppSync::GraphQLApi')) {
      physicalIds[`${graphqlApiId}.GraphQLUrl`] = `http://${host.includes(':') ? `[${host}]` : host}:${server.port}/graphql`;
    }
    pool.clients.forEach((client) => {
      const ensured = ensuredPool.clients.find((c) => c.name === client.name);
      if (ensured) physicalIds[client.logicalId] = ensured.clientId;
    });
    const refs = createLocalReferenceResolver(template, { physicalIds });
    const apis = extractGraphqlApis(template, refs);
    if (apis.length !== 1) throw new Error(`The local stack serves exactly one GraphQL API; the template has ${apis.length}.`);
    const api = withLocalBucketUrls(apis[0], buckets.map((b) => b.name), s3.endpoint);

    const localAssetsUrl = `${s3.endpoint}/${buckets[0]?.name ?? ''}`;
    const runner = createLambdaRunner(loadLambdaFunctions(template, assembly.assets, refs), {
      logs: options.lambdaLogs ?? 'ignore',
      envOverrides: {
        AWS_REGION: LOCAL_REGION,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
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

    const dataSources = new Map<string, DataSource>();
    for (const definition of api.dataSources) {
      dataSources.set(definition.name, localDataSource(definition, dynamoDbClient, runner));
    }
    const engine = createAppSyncEngine({ api, dataSources });
    graphqlHandler = createGraphqlHttpHandler({
      engine,
      log: options.requestLog ?? silentRequestLog,
      auth: {
        defaultAuth: api.defaultAuth,
        additionalAuth: api.additionalAuth,
        apiKeys: api.apiKeys,
        cognito: { issuer: ensuredPool.issuer, jwksUri: ensuredPool.jwksUri },
        region: LOCAL_REGION,
      },
    });

    // The REST shim's HTTP API, when the template has one (DESIGN §5 "HTTP API").
    const httpApis = extractHttpApis(template, refs);
    if (httpApis.length > 1) throw new Error(`The local stack serves at most one HTTP API; the template has ${httpApis.length}.`);
    let restUrl: string | undefined;
    if (httpApis.length === 1) {
      const restHandler = createHttpApiHandler({
        api: httpApis[0],
        invoke: (functionLogicalId, event) => runner.invoke(functionLogicalId, event),
        jwt: {
          issuerMap: {
            [`https://cognito-idp.${LOCAL_REGION}.amazonaws.com/${ensuredPool.userPoolId}`]: { issuer: ensuredPool.issuer, jwksUri: ensuredPool.jwksUri },
          },
        },
      });
      const rest = await listenHttpApi(restHandler, { port: ports.rest ?? 0, host });
      stoppers.push(rest.close);
      restUrl = `http://${host === '127.0.0.1' ? 'localhost' : host}:${rest.port}`;
    }

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

function localDataSource(definition: ApiDefinition['dataSources'][number], client: ReturnType<typeof localDynamoDbClient>, runner: LambdaRunner): DataSource {
  switch (definition.type) {
    case 'AMAZON_DYNAMODB':
      return createDynamoDbDataSource({ name: definition.name, tableName: definition.tableName as string, client });
    case 'AWS_LAMBDA':
      return createLambdaDataSource({ name: definition.name, functionName: definition.lambdaFunctionLogicalId as string, runner });
    case 'NONE':
      return createNoneDataSource(definition.name);
    default:
      throw new Error(`Data source ${definition.name}: type ${definition.type} is not served locally yet.`);
  }
}

/**
 * Points environment variables that hold a bucket's public AWS URL at the local S3 endpoint, so
 * URLs the resolvers derive from upload keys are readable locally.
 */
function withLocalBucketUrls(api: ApiDefinition, bucketNames: string[], s3Endpoint: string): ApiDefinition {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(api.environmentVariables)) {
    const bucket = bucketNames.find((b) => value === `https://${b}.s3.amazonaws.com`);
    env[name] = bucket ? `${s3Endpoint}/${bucket}` : value;
  }
  return { ...api, environmentVariables: env };
}

function stillStarting(res: http.ServerResponse): void {
  res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'The local stack is still starting.' }));
}

/** The Lambda Invoke API endpoint, answering 503 until the runner is attached. */
async function listenLambdaInvoke(host: string, port: number) {
  let handler: http.RequestListener | undefined;
  const server = http.createServer((req, res) => {
    if (handler) return handler(req, res);
    res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'The local stack is still starting.' }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    endpoint: httpEndpoint(server, host),
    attach(runner: LambdaRunner) {
      handler = createLambdaInvokeHandler(runner);
    },
    close: () => stopServer(server),
  };
}

/**
 * Like Promise.all, but every service that did start has its `stop` registered before the first
 * failure is rethrown, so a failed start leaves no process (DynamoDB Local's JVM) behind.
 */
async function allStarted<const T extends readonly Promise<unknown>[]>(stoppers: (() => Promise<void>)[], starts: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(starts);
  for (const outcome of settled) {
    const stop = outcome.status === 'fulfilled' ? (outcome.value as { stop?: () => Promise<void> } | undefined)?.stop : undefined;
    if (stop) stoppers.push(stop);
  }
  const failed = settled.find((outcome) => outcome.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return settled.map((outcome) => (outcome as PromiseFulfilledResult<unknown>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}
