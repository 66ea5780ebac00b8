// An API's resolvers compiled once against their data sources, with the APPSYNC_JS globals they
// share, and evaluated one field at a time. The engine wires them into GraphQL execution; the
// bench calls them directly to time the runtime without HTTP or GraphQL parsing.
import type { DataSource } from '../runtime/contract.ts';
import { createAppSyncGlobals } from '../runtime/globals.ts';
import { createInvocationStack } from '../runtime/invocationStack.ts';
import { compileResolvers } from './compileResolvers.ts';
import type { ApiDefinition } from './definitions.ts';
import { evaluateResolver } from './evaluateResolver.ts';
import type { CompiledResolver, ResolverInput, ResolverOutcome } from './resolverTypes.ts';

/** The compiled resolvers of one API, keyed `Type.field`. */
export interface ResolverEvaluator {
  /** Every `Type.field` that has a resolver. */
  fields(): IterableIterator<string>;
  /** The compiled resolver for `Type.field`, if there is one. */
  get(field: string): CompiledResolver | undefined;
  /** Runs one resolver (request → data source → response); never throws for resolver-caused failures. */
  evaluate(resolver: CompiledResolver, input: ResolverInput): Promise<ResolverOutcome>;
}

/** Compiles `api`'s resolvers against `dataSources`; `globalsOptions` fixes the clock and randomness of `util`. */
export function createResolverEvaluator(
  api: ApiDefinition,
  dataSources: Map<string, DataSource>,
  globalsOptions?: Parameters<typeof createAppSyncGlobals>[1],
): ResolverEvaluator {
  const invocations = createInvocationStack();
  const globals = createAppSyncGlobals(invocations, globalsOptions);
  const compiled = compileResolvers(api, dataSources, globals, invocations);
  return {
    fields: () => compiled.keys(),
    get: (field) => compiled.get(field),
    evaluate: (resolver, input) => evaluateResolver(resolver, input, invocations),
  };
}
