// The local AppSync GraphQL engine: parses and validates a request as AppSync does
// (prepareDocument.ts), runs every field through its APPSYNC_JS resolver or the parent's property
// after its directive-based authorization (fieldResolvers.ts), and answers in AppSync's response
// format (executeRequest.ts). Transport (HTTP, WebSocket) and request-level authentication live
// elsewhere; this is create-only, nothing listens.
import type { GraphQLSchema } from 'graphql';
import type { DataSource } from '../runtime/contract.ts';
import type { createAppSyncGlobals } from '../runtime/globals.ts';
import { buildAppSyncSchema } from './buildAppSyncSchema.ts';
import type { ApiDefinition } from './definitions.ts';
import { createDocumentCache } from './documentCache.ts';
import { executionLimits } from './executionLimits.ts';
import type { Caller, GraphQLRequest, AppSyncResponse } from './engineTypes.ts';
import { executeRequest } from './executeRequest.ts';
import { assertResolversMatchSchema, wireFieldResolvers } from './fieldResolvers.ts';
import { prepareDocument } from './prepareDocument.ts';
import type { PreparedDocument } from './prepareDocument.ts';
import { createResolverEvaluator } from './resolverEvaluator.ts';
import { resolveSubscription } from './resolveSubscription.ts';
import type { SubscriptionResolution } from './resolveSubscription.ts';

export type {
  AppSyncResponse,
  Caller,
  FieldExtensionCall,
  FieldLog,
  GraphQLRequest,
  MutationResult,
} from './engineTypes.ts';

/** The engine for one API. */
export interface AppSyncEngine {
  readonly schema: GraphQLSchema;
  execute(request: GraphQLRequest, caller: Caller): Promise<AppSyncResponse>;
  /** A realtime `start`: validates the subscription, checks its auth and runs its resolver at subscribe time. */
  resolveSubscription(request: GraphQLRequest, caller: Caller): Promise<SubscriptionResolution>;
}

/** Inputs: the API as deployed, its data sources by name, and options for the util globals. */
export interface AppSyncEngineOptions {
  api: ApiDefinition;
  dataSources: Map<string, DataSource>;
  globalsOptions?: Parameters<typeof createAppSyncGlobals>[1];
}

// Distinct query texts kept parsed and validated; far above what one application sends. Longer
// texts are prepared every time, so the cache stays small whatever clients send.
const DOCUMENT_CACHE_SIZE = 500;
const CACHEABLE_QUERY_LENGTH = 64 * 1024;

/** Builds the engine: schema, compiled resolvers (compiled once, here), and field wiring. */
export function createAppSyncEngine(options: AppSyncEngineOptions): AppSyncEngine {
  const { api } = options;
  const schema = buildAppSyncSchema(api.schema);
  const evaluator = createResolverEvaluator(api, options.dataSources, options.globalsOptions);
  assertResolversMatchSchema(schema, evaluator.fields());
  wireFieldResolvers({
    schema,
    evaluator,
    settings: { defaultAuth: api.defaultAuth, additionalAuth: api.additionalAuth },
    env: { ...api.environmentVariables },
    limits: executionLimits(api.limits),
  });

  const documents = createDocumentCache<PreparedDocument>(DOCUMENT_CACHE_SIZE);
  const prepared = (query: string) =>
    query.length > CACHEABLE_QUERY_LENGTH
      ? prepareDocument(schema, query)
      : documents.get(query, () => prepareDocument(schema, query));
  const execute = (request: GraphQLRequest, caller: Caller) =>
    executeRequest(schema, prepared(request.query), request, caller);
  return {
    schema,
    execute,
    resolveSubscription: (request, caller) =>
      resolveSubscription({ schema, prepare: prepared, execute }, request, caller),
  };
}
