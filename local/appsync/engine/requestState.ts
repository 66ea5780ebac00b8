// What one GraphQL request gathers while its fields resolve: errors in AppSync's format, response
// headers, extensions calls and handler logs. graphql-js hands it to every field as its context.
import { getLocation, responsePathAsArray } from 'graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { FieldError } from '../runtime/contract.ts';
import type { Caller, FieldExtensionCall, FieldLog } from './engineTypes.ts';
import { filterErrorData } from './filterErrorData.ts';
import { formatFieldError } from './formatErrors.ts';
import type { AppSyncErrorEntry, AppSyncLocation } from './formatErrors.ts';
import { resolverRequestHeaders } from './requestHeaders.ts';
import type { ResolverOutcome } from './resolverTypes.ts';

/** The per-request state the engine's field resolvers write to. */
export interface RequestState {
  caller: Caller;
  /** ctx.request.headers as resolvers see them. */
  headers: Record<string, string | string[]>;
  errors: AppSyncErrorEntry[];
  responseHeaders: Record<string, string>;
  extensionCalls: FieldExtensionCall[];
  logs: FieldLog[];
  /** Resolvers run so far (ResolverCountLimit). */
  resolverCalls: number;
}

/** An empty state for a request made by `caller`. */
export function createRequestState(caller: Caller): RequestState {
  return {
    caller,
    headers: resolverRequestHeaders(caller.headers),
    errors: [],
    responseHeaders: {},
    extensionCalls: [],
    logs: [],
    resolverCalls: 0,
  };
}

/** Adds one field's resolver outcome (errors, headers, extensions calls, logs) to the request. */
export function recordFieldOutcome(state: RequestState, outcome: ResolverOutcome, info: GraphQLResolveInfo): void {
  const path = responsePathAsArray(info.path);
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
}

/** Adds an error for a field that failed without a resolver outcome (e.g. its auth directives denied the caller). */
export function recordFieldError(state: RequestState, error: FieldError, info: GraphQLResolveInfo): void {
  state.errors.push(formatFieldError(responsePathAsArray(info.path), fieldLocations(info), error));
}

function fieldLocations(info: GraphQLResolveInfo): AppSyncLocation[] {
  const loc = info.fieldNodes[0]?.loc;
  if (!loc) return [];
  const { line, column } = getLocation(loc.source, loc.start);
  return [{ line, column, sourceName: null }];
}
