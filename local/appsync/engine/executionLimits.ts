// AppSync's two execution limits, set on the API (QueryDepthLimit, ResolverCountLimit;
// docs/appsync-facts.md §5.1). Past either, the field fails with its own error and is null (null
// travels to the first nullable parent), and nothing below it runs; the rest of the query goes on.
// Introspection fields (`__schema`, `__type` and below) are resolved by graphql-js itself, not by
// the wired fields, so they count toward neither limit (the console's GraphiQL introspects deeper
// than a small depth limit).
import type { GraphQLResolveInfo } from 'graphql';
import type { FieldError } from '../runtime/contract.ts';
import type { ApiDefinition } from './definitions.ts';

/** The limits in force; Infinity where the API sets none. */
export interface ExecutionLimits {
  queryDepth: number;
  resolverCount: number;
}

// ResolverCountLimit 0 or absent: AppSync's 10,000 resolvers per request (AppSync quotas).
const DEFAULT_RESOLVER_COUNT = 10_000;

/** The API's limits with AppSync's defaults: no depth limit, 10,000 resolvers. */
export function executionLimits(limits: ApiDefinition['limits']): ExecutionLimits {
  const queryDepth = limits?.queryDepth ?? 0;
  const resolverCount = limits?.resolverCount ?? 0;
  return {
    queryDepth: queryDepth > 0 ? queryDepth : Number.POSITIVE_INFINITY,
    resolverCount: resolverCount > 0 ? resolverCount : DEFAULT_RESOLVER_COUNT,
  };
}

/** How deep a field is: root fields are at depth 1, and list indexes do not count. */
export function fieldDepth(info: GraphQLResolveInfo): number {
  let depth = 0;
  for (let at: GraphQLResolveInfo['path'] | undefined = info.path; at; at = at.prev) {
    if (typeof at.key === 'string') depth += 1;
  }
  return depth;
}

/** The field's error when it lies past the depth limit. */
export function depthLimitError(limits: ExecutionLimits, info: GraphQLResolveInfo): FieldError | undefined {
  if (fieldDepth(info) <= limits.queryDepth) return undefined;
  return { errorType: 'QueryDepthLimitReached', message: 'Query depth limit reached', data: null, errorInfo: null };
}

/** The field's error when running its resolver would exceed the resolver count (`ran`: resolvers run before it). */
export function resolverLimitError(limits: ExecutionLimits, ran: number): FieldError | undefined {
  if (ran < limits.resolverCount) return undefined;
  return {
    errorType: 'ResolverExecutionLimitReached',
    message: 'Resolver execution limit reached',
    data: null,
    errorInfo: null,
  };
}
