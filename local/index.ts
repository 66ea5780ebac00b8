// The public surface of local/ (local/README.md "Entry points"): what the CLIs, bench/ and the test
// suites use. Anything not exported here is an internal of the emulator; only unit tests of that
// internal import it directly (test/unit/<area>/, enforced by eslint.config.js).

// The whole stack: start it, describe it, keep its template current.
export { createLocalStack } from './stack/createLocalStack.ts';
export type { LocalStack, LocalStackOptions } from './stack/createLocalStack.ts';
export { ensureCloudAssembly } from './stack/ensureCloudAssembly.ts';
export { formatOutputs } from './stack/localOutputs.ts';
export type { LocalOutputs } from './stack/localOutputs.ts';

// One AWS configuration for every local client and process.
export {
  LOCAL_ACCOUNT_ID,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  localAwsEnvironment,
  localClientConfig,
  localS3ClientConfig,
} from './awsConfig.ts';
export type { LocalClientConfig, LocalCredentials } from './awsConfig.ts';

// What the servers tell: one line per request, and the emulator's own faults.
export { consoleRequestLog, silentRequestLog } from './http/requestLog.ts';
export type { RequestLogEntry, RequestLogSink } from './http/requestLog.ts';
export { stderrFaults, writeFaults } from './http/internalFaults.ts';
export { trackInFlightRequests } from './http/inFlightRequests.ts';
export type { InFlightRequests } from './http/inFlightRequests.ts';
export type { InternalFault, InternalFaultSink } from './http/internalFaults.ts';

// The local services, one at a time (DynamoDB Local, cognito-local, s3rver, the TLS certificate).
export { ensureTables, localDynamoDbClient, startDynamoDbLocal } from './services/dynamodb.ts';
export type { RunningDynamoDbLocal } from './services/dynamodb.ts';
export { ensureUserPool, startCognitoLocal } from './services/cognito.ts';
export type { EnsuredUserPool, RunningCognitoLocal, UserPoolDefinition } from './services/cognito.ts';
export { DEFAULT_LOCAL_PASSWORD, getLocalTokens } from './services/cognito/tokens.ts';
export type { LocalTokenRequest, LocalTokens } from './services/cognito/tokens.ts';
export { corsConfigurationXml, startS3Local } from './services/s3.ts';
export type { LocalBucket, RunningS3Local } from './services/s3.ts';
export { ensureDevCertificate } from './services/devCertificate.ts';
export type { DevCertificate } from './services/devCertificate.ts';

// The template, read the way the local stack reads it.
export {
  createLocalReferenceResolver,
  extractGraphqlApis,
  loadCloudAssembly,
  offlinePhysicalIds,
} from './template/index.ts';
export type { CfnTemplate, ReferenceResolver } from './template/index.ts';

// AppSync: the engine over an API definition, its data sources, and request authentication.
export { createAppSyncEngine } from './appsync/engine/createAppSyncEngine.ts';
export type { AppSyncEngine, AppSyncResponse, Caller, GraphQLRequest } from './appsync/engine/createAppSyncEngine.ts';
export { buildAppSyncSchema } from './appsync/engine/buildAppSyncSchema.ts';
export { createResolverEvaluator } from './appsync/engine/resolverEvaluator.ts';
export type { ResolverEvaluator } from './appsync/engine/resolverEvaluator.ts';
export type { ApiDefinition, DataSourceDefinition } from './appsync/engine/definitions.ts';
export type { ResolverInput, ResolverOutcome } from './appsync/engine/resolverTypes.ts';
export { createDynamoDbDataSource } from './appsync/dataSources/dynamodb.ts';
export { dataSourceDynamoDbClient } from './appsync/dataSources/dataSourceClient.ts';
export { createNoneDataSource } from './appsync/engine/noneDataSource.ts';
export type { DataSource } from './appsync/runtime/contract.ts';
export { authenticateIamRequest } from './appsync/auth/iam.ts';

// Lambda: the runner for the template's functions and the DynamoDB stream pollers.
export { createLambdaRunner, loadLambdaFunctions } from './lambda/index.ts';
export type { LambdaFunctionDefinition, LambdaInvokeResult, LambdaRunner } from './lambda/index.ts';
export { localStreamArns, localStreamsClient, startStreamPollers } from './lambda/streams/index.ts';
export type { LambdaStreamRecord, StreamMappingDefinition, StreamPollers } from './lambda/streams/index.ts';

// EventBridge: the template's scheduled rules (the account reconciler) and the events they send.
export { loadSchedules, scheduledEvent, startSchedules } from './schedules/index.ts';
export type { LoadedSchedules, ScheduleDefinition, Scheduler, SchedulerOptions } from './schedules/index.ts';
