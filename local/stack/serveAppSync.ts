// Phase 4 of the local stack: the AppSync engine over the API's data sources, served on the
// GraphQL endpoint; mutations served over HTTP fan out to the realtime endpoint's subscriptions
// (docs/architecture.md §5).
import type { AuthConfig } from '../appsync/auth/authenticate.ts';
import { createAppSyncEngine } from '../appsync/engine/createAppSyncEngine.ts';
import type { AppSyncEngine } from '../appsync/engine/createAppSyncEngine.ts';
import type { ApiDefinition } from '../appsync/engine/definitions.ts';
import { createRealtimeServer } from '../appsync/realtime/createRealtimeServer.ts';
import { createSubscriptionHub } from '../appsync/realtime/subscriptionHub.ts';
import { createGraphqlHttpHandler } from '../appsync/server/createGraphqlHttpHandler.ts';
import { LOCAL_REGION } from '../awsConfig.ts';
import type { InternalFaultSink } from '../http/internalFaults.ts';
import type { RequestLogSink } from '../http/requestLog.ts';
import type { LambdaRunner } from '../lambda/index.ts';
import type { LocalConsole } from '../console/createLocalConsole.ts';
import type { GraphqlEndpoint } from './graphqlEndpoint.ts';
import { localDataSources } from './localDataSources.ts';
import type { LocalServices } from './startServices.ts';
import type { StopList } from './stopList.ts';

/**
 * Builds the engine and serves it on `endpoint` (HTTP and real-time) behind the local tools that
 * share the port (the console and EvaluateCode, `toolsFor`); returns the engine.
 */
export function serveAppSync(
  api: ApiDefinition,
  backends: { services: LocalServices; runner: LambdaRunner },
  endpoint: GraphqlEndpoint,
  sinks: { requestLog: RequestLogSink; faults: InternalFaultSink },
  stops: StopList,
  toolsFor: (engine: AppSyncEngine) => LocalConsole,
): AppSyncEngine {
  const { services, runner } = backends;
  const engine = createAppSyncEngine({
    api,
    dataSources: localDataSources(api, { dynamoDb: services.dynamoDbClient, runner, faults: sinks.faults }),
  });
  const auth: AuthConfig = {
    defaultAuth: api.defaultAuth,
    additionalAuth: api.additionalAuth,
    apiKeys: api.apiKeys,
    cognito: { issuer: services.userPool.issuer, jwksUri: services.userPool.jwksUri },
    region: LOCAL_REGION,
  };
  const hub = createSubscriptionHub();
  const realtime = createRealtimeServer({ engine, auth, hub, faults: sinks.faults });
  stops.add(realtime.close);
  const tools = toolsFor(engine);
  const log = tools.tapRequestLog(sinks.requestLog);
  endpoint.serve(tools.serve(createGraphqlHttpHandler({ engine, log, auth, hub, faults: sinks.faults })), realtime);
  return engine;
}
