// Phase 1 of the local stack: the local services the template needs, started side by side (DynamoDB
// Local, cognito-local, s3rver, the development certificate), with the template's tables and user
// pool created on them. cognito-local calls the pool's triggers through a Lambda Invoke endpoint,
// which must exist before it starts; the functions behind it are attached once everything is up
// (no trigger can fire before the stack is ready).
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { InternalFaultSink } from '../http/internalFaults.ts';
import { ensureUserPool, startCognitoLocal } from '../services/cognito.ts';
import type { EnsuredUserPool, RunningCognitoLocal } from '../services/cognito.ts';
import { ensureDevCertificate } from '../services/devCertificate.ts';
import type { DevCertificate } from '../services/devCertificate.ts';
import { ensureTables, localDynamoDbClient, startDynamoDbLocal } from '../services/dynamodb.ts';
import type { RunningDynamoDbLocal } from '../services/dynamodb.ts';
import { managedLoginTargets } from '../oauth/serveManagedLogin.ts';
import { startS3Local } from '../services/s3.ts';
import type { RunningS3Local } from '../services/s3.ts';
import { extractTables } from '../template/index.ts';
import { allStarted } from './allStarted.ts';
import { listenLambdaInvoke } from './lateHandler.ts';
import type { LambdaInvokeEndpoint } from './lateHandler.ts';
import type { StackTemplate } from './stackTemplate.ts';
import type { StopList } from './stopList.ts';

/** Where the services keep their data and which ports they take (0: any free one). */
export interface ServiceOptions {
  dataDir: string;
  host: string;
  ports: { dynamoDb?: number; cognito?: number; s3?: number; lambda?: number };
  /** Wipe the services' data first. */
  fresh?: boolean;
  /** Where the Lambda Invoke endpoint reports the emulator's own faults. */
  faults?: InternalFaultSink;
}

/** The running services, the template's resources created on them. */
export interface LocalServices {
  lambda: LambdaInvokeEndpoint;
  dynamoDb: RunningDynamoDbLocal;
  dynamoDbClient: DynamoDBClient;
  cognito: RunningCognitoLocal;
  userPool: EnsuredUserPool;
  s3: RunningS3Local;
  certificate: DevCertificate;
}

// The data folder's subfolders that `--fresh` wipes (the certificate is kept).
const SERVICE_DATA = ['dynamodb', 'cognito', 's3'];

/** Starts every service; each one that started is registered in `stops`, even when another failed. */
export async function startServices(
  stack: StackTemplate,
  options: ServiceOptions,
  stops: StopList,
): Promise<LocalServices> {
  const { dataDir, host, ports } = options;
  if (options.fresh) {
    for (const service of SERVICE_DATA) rmSync(join(dataDir, service), { recursive: true, force: true });
  }
  const lambda = await listenLambdaInvoke(host, ports.lambda ?? 0, options.faults);
  stops.add(lambda.close);
  // Started side by side; whichever came up is stopped again if another one failed.
  const [dynamoDb, cognito, s3, certificate] = await allStarted(stops, [
    startDynamoDbLocal({ port: ports.dynamoDb ?? 0, dataDir: join(dataDir, 'dynamodb'), host }),
    startCognitoLocal({
      dataDir: join(dataDir, 'cognito'),
      port: ports.cognito ?? 0,
      host,
      lambdaEndpoint: lambda.endpoint,
      triggers: stack.pool.lambdaTriggers,
      extraTargets: managedLoginTargets(stack.federation),
    }),
    startS3Local({
      dataDir: join(dataDir, 's3'),
      port: ports.s3 ?? 0,
      host,
      buckets: stack.buckets.map((b) => ({
        name: b.name,
        cors: b.corsRules,
        publicReadKeyPatterns: b.publicReadKeyPatterns,
      })),
    }),
    ensureDevCertificate(join(dataDir, 'tls')),
  ] as const);

  const dynamoDbClient = localDynamoDbClient(dynamoDb.endpoint);
  const { pool } = stack;
  const [userPool] = await Promise.all([
    ensureUserPool(cognito.endpoint, {
      name: pool.name,
      createInput: pool.createInput,
      clients: pool.clients.map((c) => ({
        name: c.name,
        explicitAuthFlows: c.explicitAuthFlows,
        createInput: c.createInput,
      })),
    }),
    ensureTables(dynamoDbClient, extractTables(stack.template, stack.staticRefs)),
  ]);
  return { lambda, dynamoDb, dynamoDbClient, cognito, userPool, s3, certificate };
}
