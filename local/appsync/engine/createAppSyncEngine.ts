// The local AppSync GraphQL engine: parses and validates a request as AppSync does, runs every
// field through its APPSYNC_JS resolver (or the parent's property), applies directive-based field
// authorization, and answers in AppSync's response format. Transport (HTTP, WebSocket) and
// request-level authentication live elsewhere; this is create-only, nothing listens.
import {
  GraphQLError,
  Kind,
  execute,
  getLocation,
  getNamedType,
  getOperationAST,
  isObjectType,
  parse,
  responsePathAsArray,
  validate,
} from 'graphql';
import type {
  DocumentNode,
  FieldNode,
  GraphQLField,
  GraphQLObjectType,
  GraphQLResolveInfo,
  GraphQLSchema,
} from 'graphql';
import type { DataSource, ExtensionCall, FieldError } from '../runtime/contract.ts';
import { createAppSyncGlobals } from '../runtime/globals.ts';
import { createInvocationStack } from '../runtime/invocationStack.ts';
import { buildAppSyncSchema } from './buildAppSyncSchema.ts';
import { compileResolvers } from './compileResolvers.ts';
import { createDocumentCache } from './documentCache.ts';
import type { ApiDefinition, AuthMode } from './definitions.ts';
import { evaluateResolver } from './evaluateResolver.ts';
import { authorizeField } from './fieldAuthorization.ts';
import type { AuthSettings } from './fieldAuthorization.ts';
import { filterErrorData } from './filterErrorData.ts';
import {
  appSyncLocations,
  formatCompletionError,
  formatFieldError,
  formatRequestError,
  nonNullMessage,
} from './formatErrors.ts';
import type { AppSyncErrorEntry, AppSyncLocation } from './formatErrors.ts';
import { resolverRequestHeaders } from './requestHeaders.ts';
import { resolveSubscription } from './resolveSubscription.ts';
import type { SubscriptionResolution } from './resolveSubscription.ts';
import type { CompiledResolver, ResolverOutcome } from './resolverTypes.ts';
import { selectionSetGraphQL, selectionSetList } from './selectionSet.ts';
import {
  appSyncSyntaxMessage,
  appSyncValidationErrors,
  appSyncVariableMessage,
  indexDocument,
} from './validationMessages.ts';

/** A GraphQL request as posted to /graphql. */
export interface GraphQLRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** The authenticated caller, as request-level authentication established it. */
export interface Caller {
  authMode: AuthMode;
  /** ctx.identity for that mode (null for API key). */
  identity: unknown;
  /** The HTTP request headers (any case; duplicates as arrays). */
  headers: Record<string, string | string[] | undefined>;
  cognitoGroups?: string[];
  /** ctx.request.domainName: the custom domain, or null on the default endpoint. */
  domainName?: string | null;
}

/** An extensions.* call, with the field whose handler made it. */
export interface FieldExtensionCall extends ExtensionCall {
  parentTypeName: string;
  fieldName: string;
  path: (string | number)[];
}

/** A console.log / console.error line from a handler. */
export interface FieldLog {
  parentTypeName: string;
  fieldName: string;
  path: (string | number)[];
  level: 'log' | 'error';
  message: string;
}

/** What the transport needs to answer: the JSON body (always HTTP 200) and side channels. */
export interface AppSyncResponse {
  body: { data: unknown; errors?: AppSyncErrorEntry[] };
  /** util.http.addResponseHeader(s) across all fields; the last write of a name wins. */
  headers: Record<string, string>;
  extensionCalls: FieldExtensionCall[];
  logs: FieldLog[];
  /** A mutation's root fields and their results as in body.data, for subscription fan-out (docs/appsync-facts.md §8.3). */
  mutationResults: MutationResult[];
}

/** One root mutation field's result, as the mutation's own selection set shaped it. */
export interface MutationResult {
  fieldName: string;
  value: unknown;
}

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

interface RequestState {
  caller: Caller;
  headers: Record<string, string | string[]>;
  errors: AppSyncErrorEntry[];
  responseHeaders: Record<string, string>;
  extensionCalls: FieldExtensionCall[];
  logs: FieldLog[];
}

type PreparedDocument = { ok: true; document: DocumentNode } | { ok: false; errors: AppSyncErrorEntry[] };

// Distinct query texts kept parsed and validated; far above what one application sends.
const DOCUMENT_CACHE_SIZE = 500;

/** Builds the engine: schema, compiled resolvers (compiled once, here), and field wiring. */
export function createAppSyncEngine(options: AppSyncEngineOptions): AppSyncEngine {
  const { api } = options;
  const schema = buildAppSyncSchema(api.schema);
  const invocations = createInvocationStack();
  const globals = createAppSyncGlobals(invocations, options.globalsOptions);
  const resolvers = compileResolvers(api, options.dataSources, globals, invocations);
  const settings: AuthSettings = { defaultAuth: api.defaultAuth, additionalAuth: api.additionalAuth };
  const env = { ...api.environmentVariables };

  for (const key of resolvers.keys()) {
    const [typeName, fieldName] = key.split('.') as [string, string];
    const type = schema.getType(typeName);
    if (!isObjectType(type) || !type.getFields()[fieldName])
      throw new Error(`Resolver ${key} is attached to a field the schema does not define`);
  }

  async function runResolver(
    resolver: CompiledResolver,
    source: unknown,
    args: Record<string, unknown>,
    state: RequestState,
    info: GraphQLResolveInfo,
  ): Promise<unknown> {
    const path = responsePathAsArray(info.path);
    let outcome: ResolverOutcome;
    try {
      outcome = await evaluateResolver(
        resolver,
        {
          arguments: args,
          source,
          identity: state.caller.identity,
          info: {
            fieldName: info.fieldName,
            parentTypeName: info.parentType.name,
            variables: info.variableValues,
            selectionSetList: selectionSetList({
              schema,
              fieldNodes: info.fieldNodes,
              returnType: getNamedType(info.returnType),
              fragments: info.fragments,
              variableValues: info.variableValues,
            }),
            selectionSetGraphQL: selectionSetGraphQL(info.fieldNodes),
          },
          request: { headers: state.headers, domainName: state.caller.domainName ?? null },
          env,
        },
        invocations,
      );
    } catch (thrown) {
      // A data source that throws instead of reporting an error is a bug in the emulator.
      const error: FieldError = {
        message: thrown instanceof Error ? thrown.message : String(thrown),
        errorType: 'InternalFailure',
        data: null,
        errorInfo: null,
      };
      outcome = { data: null, errors: [error], aborted: true, extensionCalls: [], responseHeaders: {}, logs: [] };
    }
    const site = { parentTypeName: info.parentType.name, fieldName: info.fieldName, path };
    Object.assign(state.responseHeaders, outcome.responseHeaders);
    for (const call of outcome.extensionCalls) state.extensionCalls.push({ ...call, ...site });
    for (const line of outcome.logs) state.logs.push({ ...line, ...site });
    for (const error of outcome.errors) {
      state.errors.push(
        formatFieldError(path, fieldLocations(info), {
          ...error,
          data: filterErrorData(error.data, info.fieldNodes, info.fragments),
        }),
      );
    }
    return outcome.aborted ? null : outcome.data;
  }

  function wire(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): void {
    const resolver = resolvers.get(`${type.name}.${field.name}`);
    field.resolve = (source, args, context, info) => {
      const state = context as RequestState;
      const denial = authorizeField(type, field, state.caller, settings);
      if (denial) {
        state.errors.push(
          formatFieldError(responsePathAsArray(info.path), fieldLocations(info), {
            message: denial,
            errorType: 'Unauthorized',
            data: null,
            errorInfo: null,
          }),
        );
        return null;
      }
      if (resolver) return runResolver(resolver, source, args as Record<string, unknown>, state, info);
      // No resolver: AppSync takes the parent object's property of the same name.
      return source !== null && typeof source === 'object' ? (source as Record<string, unknown>)[field.name] : null;
    };
  }

  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) wire(type, field);
  }

  /** Parse + validate, with errors already in AppSync's words. */
  function prepare(query: string): PreparedDocument {
    let document: DocumentNode;
    try {
      document = parse(query);
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      return {
        ok: false,
        errors: [formatRequestError(appSyncLocations(error.locations), appSyncSyntaxMessage(error))],
      };
    }
    const invalid = validate(schema, document);
    if (invalid.length > 0) {
      const facts = indexDocument(schema, document);
      return {
        ok: false,
        errors: appSyncValidationErrors(invalid, facts).map(({ message, locations }) =>
          formatRequestError(appSyncLocations(locations), message),
        ),
      };
    }
    return { ok: true, document };
  }
  const documents = createDocumentCache<PreparedDocument>(DOCUMENT_CACHE_SIZE);
  const prepared = (query: string) => documents.get(query, () => prepare(query));

  const engine: AppSyncEngine = {
    schema,
    resolveSubscription: (request, caller) =>
      resolveSubscription({ schema, prepare: prepared, execute: engine.execute }, request, caller),
    async execute(request, caller) {
      const empty = { headers: {}, extensionCalls: [], logs: [], mutationResults: [] };
      const ready = prepared(request.query);
      if (!ready.ok) return { body: { data: null, errors: ready.errors }, ...empty };
      const document = ready.document;

      const state: RequestState = {
        caller,
        headers: resolverRequestHeaders(caller.headers),
        errors: [],
        responseHeaders: {},
        extensionCalls: [],
        logs: [],
      };
      const result = await execute({
        schema,
        document,
        variableValues: request.variables ?? undefined,
        operationName: request.operationName ?? undefined,
        contextValue: state,
      });
      const engineErrors = result.data === undefined ? oneErrorPerVariable(result.errors ?? []) : (result.errors ?? []);
      const errors = [
        ...state.errors,
        ...engineErrors.map((error) => formatEngineError(error, schema, result.data === undefined)),
      ];
      const body: AppSyncResponse['body'] = { data: result.data ?? null };
      if (errors.length > 0) body.errors = errors;
      const mutationResults = mutationRootResults(document, request.operationName, result.data);
      return {
        body,
        headers: state.responseHeaders,
        extensionCalls: state.extensionCalls,
        logs: state.logs,
        mutationResults,
      };
    },
  };
  return engine;
}

// The root fields of an executed mutation with their values under their response keys.
function mutationRootResults(
  document: DocumentNode,
  operationName: string | null | undefined,
  data: Record<string, unknown> | null | undefined,
): MutationResult[] {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!data || operation?.operation !== 'mutation') return [];
  const fragments = new Map(
    document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])),
  );
  const fields: FieldNode[] = [];
  const collect = (selections: typeof operation.selectionSet.selections): void => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet.selections);
      else collect(fragments.get(selection.name.value)?.selectionSet.selections ?? []);
    }
  };
  collect(operation.selectionSet.selections);
  return fields
    .filter((field) => field.name.value !== '__typename')
    .map((field) => ({ fieldName: field.name.value, value: data[field.alias?.value ?? field.name.value] }));
}

// graphql-java stops at the first problem of a variable and checks for undeclared input fields
// first (aws-appsync-community#273 shows only that error for a value that also lacked a required
// field); graphql-js lists every problem.
function oneErrorPerVariable(errors: readonly GraphQLError[]): GraphQLError[] {
  const byVariable = new Map<string, GraphQLError>();
  const others: GraphQLError[] = [];
  for (const error of errors) {
    const name = /^Variable "\$([^"]+)"/.exec(error.message)?.[1];
    if (name === undefined) {
      others.push(error);
      continue;
    }
    const kept = byVariable.get(name);
    if (!kept || (!/is not defined by type/.test(kept.message) && /is not defined by type/.test(error.message)))
      byVariable.set(name, error);
  }
  return [...byVariable.values(), ...others];
}

function fieldLocations(info: GraphQLResolveInfo): AppSyncLocation[] {
  const loc = info.fieldNodes[0]?.loc;
  if (!loc) return [];
  const { line, column } = getLocation(loc.source, loc.start);
  return [{ line, column, sourceName: null }];
}

// Errors graphql-js raises itself: variable coercion and operation selection (before execution),
// and value completion (non-null violations, serialisation) during it.
function formatEngineError(error: GraphQLError, schema: GraphQLSchema, beforeExecution: boolean): AppSyncErrorEntry {
  if (beforeExecution) {
    const message = error.message.startsWith('Variable "$') ? appSyncVariableMessage(error.message) : error.message;
    return formatRequestError(null, message);
  }
  const path = error.path ? [...error.path] : [];
  const nonNull = /^Cannot return null for non-nullable field ([^.]+)\.([^.]+)\.$/.exec(error.message);
  if (nonNull) {
    const parent = schema.getType(nonNull[1] ?? '');
    const field = isObjectType(parent) ? parent.getFields()[nonNull[2] ?? ''] : undefined;
    const typeName = field ? getNamedType(field.type).name : 'null';
    return formatCompletionError(path, nonNullMessage(typeName, nonNull[1] ?? '', path));
  }
  return { path, locations: appSyncLocations(error.locations), message: error.message };
}
