// Wires every field of the schema the way AppSync resolves it: the API's depth limit, the field's
// auth directives, then its APPSYNC_JS resolver (within the resolver count limit), or, with no
// resolver, the parent object's property of the same name.
import { getNamedType, isObjectType } from 'graphql';
import type { GraphQLField, GraphQLObjectType, GraphQLResolveInfo, GraphQLSchema } from 'graphql';
import type { FieldError } from '../runtime/contract.ts';
import { depthLimitError, resolverLimitError } from './executionLimits.ts';
import type { ExecutionLimits } from './executionLimits.ts';
import { authorizeField } from './fieldAuthorization.ts';
import type { AuthSettings } from './fieldAuthorization.ts';
import { recordFieldError, recordFieldOutcome } from './requestState.ts';
import type { RequestState } from './requestState.ts';
import type { ResolverEvaluator } from './resolverEvaluator.ts';
import type { CompiledResolver, ResolverInput, ResolverOutcome } from './resolverTypes.ts';
import { selectionSetGraphQL, selectionSetList } from './selectionSet.ts';

/** What resolving a field needs besides the request: the schema, the compiled resolvers, auth settings, env. */
export interface FieldWiring {
  schema: GraphQLSchema;
  evaluator: ResolverEvaluator;
  settings: AuthSettings;
  /** ctx.env: the API's environment variables. */
  env: Record<string, string>;
  /** QueryDepthLimit and ResolverCountLimit (docs/appsync-facts.md §5.1). */
  limits: ExecutionLimits;
}

/** Fails when a resolver is attached to a field the schema does not define. */
export function assertResolversMatchSchema(schema: GraphQLSchema, fields: Iterable<string>): void {
  for (const key of fields) {
    const [typeName, fieldName] = key.split('.') as [string, string];
    const type = schema.getType(typeName);
    if (!isObjectType(type) || !type.getFields()[fieldName])
      throw new Error(`Resolver ${key} is attached to a field the schema does not define`);
  }
}

/** Sets `resolve` on every field of every object type of the schema (graphql-js executes with the RequestState as context). */
export function wireFieldResolvers(wiring: FieldWiring): void {
  for (const type of Object.values(wiring.schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) wireField(wiring, type, field);
  }
}

function wireField(wiring: FieldWiring, type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): void {
  const resolver = wiring.evaluator.get(`${type.name}.${field.name}`);
  field.resolve = (source, args, context, info) => {
    const state = context as RequestState;
    const tooDeep = depthLimitError(wiring.limits, info);
    if (tooDeep) {
      recordFieldError(state, tooDeep, info);
      return null;
    }
    const denial = authorizeField(type, field, state.caller, wiring.settings);
    if (denial) {
      recordFieldError(state, { message: denial, errorType: 'Unauthorized', data: null, errorInfo: null }, info);
      return null;
    }
    if (resolver) {
      const overLimit = resolverLimitError(wiring.limits, state.resolverCalls);
      if (overLimit) {
        recordFieldError(state, overLimit, info);
        return null;
      }
      state.resolverCalls += 1;
      return runResolver(wiring, resolver, { source, args: args as Record<string, unknown> }, state, info);
    }
    // No resolver: AppSync takes the parent object's property of the same name.
    return source !== null && typeof source === 'object' ? (source as Record<string, unknown>)[field.name] : null;
  };
}

async function runResolver(
  wiring: FieldWiring,
  resolver: CompiledResolver,
  field: { source: unknown; args: Record<string, unknown> },
  state: RequestState,
  info: GraphQLResolveInfo,
): Promise<unknown> {
  let outcome: ResolverOutcome;
  try {
    outcome = await wiring.evaluator.evaluate(resolver, resolverInput(wiring, field, state, info));
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
  recordFieldOutcome(state, outcome, info);
  return outcome.aborted ? null : outcome.data;
}

// The resolver's ctx for one field (docs/appsync-facts.md §4).
function resolverInput(
  wiring: FieldWiring,
  field: { source: unknown; args: Record<string, unknown> },
  state: RequestState,
  info: GraphQLResolveInfo,
): ResolverInput {
  return {
    arguments: field.args,
    source: field.source,
    identity: state.caller.identity,
    info: {
      fieldName: info.fieldName,
      parentTypeName: info.parentType.name,
      variables: info.variableValues,
      selectionSetList: selectionSetList({
        schema: wiring.schema,
        fieldNodes: info.fieldNodes,
        returnType: getNamedType(info.returnType),
        fragments: info.fragments,
        variableValues: info.variableValues,
      }),
      selectionSetGraphQL: selectionSetGraphQL(info.fieldNodes),
    },
    request: { headers: state.headers, domainName: state.caller.domainName ?? null },
    env: wiring.env,
  };
}
