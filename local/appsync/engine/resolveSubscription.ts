// A subscription at subscribe time (docs/appsync-facts.md §8.3): the start's document must be one
// subscription with one root field; the field's directives are checked for the caller and its
// resolver runs (usually a NONE data source) so that it may call util.unauthorized() or
// extensions.setSubscriptionFilter(...). Nothing is delivered here; the realtime server keeps
// what this returns and matches published mutations against it.
import { Kind, getArgumentValues, getOperationAST, getVariableValues, isObjectType } from 'graphql';
import type { DocumentNode, FieldNode, FragmentDefinitionNode, GraphQLSchema, SelectionSetNode } from 'graphql';
import type { AppSyncErrorEntry } from './formatErrors.ts';

/** An error entry for a refused start: AppSync's GraphQL error shapes, or a realtime {errorType, message}. */
export type SubscriptionErrorEntry = AppSyncErrorEntry | { errorType: string; message: string };

/** A subscription that passed validation, authorization and its resolver. */
export interface ResolvedSubscription {
  fieldName: string;
  /** The alias, or the field name: the key of `data` in delivered messages. */
  responseKey: string;
  /** The field's arguments after coercion; omitted arguments are absent (basic filtering §8.3). */
  arguments: Record<string, unknown>;
  /** The field as the subscriber selected it, for shaping each delivery. */
  fieldNode: FieldNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /** What the resolver passed to extensions.setSubscriptionFilter, if it did. */
  filter?: unknown;
}

export type SubscriptionResolution =
  | { ok: true; subscription: ResolvedSubscription }
  | { ok: false; errors: SubscriptionErrorEntry[] };

/** What resolving needs from the engine: the schema, its cached parse+validate, and its executor. */
export interface SubscriptionResolverDeps<Request, Caller> {
  schema: GraphQLSchema;
  prepare(query: string): { ok: true; document: DocumentNode } | { ok: false; errors: AppSyncErrorEntry[] };
  execute(
    request: Request,
    caller: Caller,
  ): Promise<{
    body: { errors?: AppSyncErrorEntry[] };
    extensionCalls: { name: string; args: unknown[]; parentTypeName: string }[];
  }>;
}

// graphql-js's SingleFieldSubscriptionsRule; AppSync answers several root fields in one start
// with DuplicatedOperationError instead of a validation error [O]; its message is not recorded.
const SEVERAL_ROOT_FIELDS = /must select only one top level field/;

/** Validates, authorizes and runs a subscription's resolver once, at subscribe time. */
export async function resolveSubscription<
  Request extends { query: string; variables?: Record<string, unknown> | null; operationName?: string | null },
  Caller,
>(deps: SubscriptionResolverDeps<Request, Caller>, request: Request, caller: Caller): Promise<SubscriptionResolution> {
  const prepared = deps.prepare(request.query);
  if (!prepared.ok) {
    if (prepared.errors.some((error) => SEVERAL_ROOT_FIELDS.test(error.message))) {
      return refused('DuplicatedOperationError', 'Only one subscription operation is supported per start message.');
    }
    return { ok: false, errors: prepared.errors };
  }
  const { document } = prepared;
  const operation = getOperationAST(document, request.operationName ?? undefined);
  if (!operation)
    return refused(
      'ValidationError',
      request.operationName
        ? `Unknown operation named "${request.operationName}".`
        : 'Must provide operation name if query contains multiple operations.',
    );
  if (operation.operation !== 'subscription')
    return refused('UnsupportedOperation', `${operation.operation} not supported through the realtime channel`);

  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
  }
  const fieldNode = firstField(operation.selectionSet, fragments);
  const subscriptionType = deps.schema.getSubscriptionType();
  const field =
    fieldNode && isObjectType(subscriptionType) ? subscriptionType.getFields()[fieldNode.name.value] : undefined;
  if (!fieldNode || !field) return refused('ValidationError', 'The subscription selects no field.');

  // Execution reports variable problems, directive denials and resolver errors in AppSync's words.
  const executed = await deps.execute(request, caller);
  if (executed.body.errors?.length) return { ok: false, errors: executed.body.errors };

  const coerced = getVariableValues(deps.schema, operation.variableDefinitions ?? [], request.variables ?? {});
  const variables = coerced.coerced ?? {};
  const filterCall = executed.extensionCalls
    .filter((call) => call.name === 'setSubscriptionFilter' && call.parentTypeName === subscriptionType?.name)
    .at(-1);
  return {
    ok: true,
    subscription: {
      fieldName: field.name,
      responseKey: fieldNode.alias?.value ?? field.name,
      arguments: getArgumentValues(field, fieldNode, variables),
      fieldNode,
      fragments,
      variables,
      ...(filterCall ? { filter: filterCall.args[0] } : {}),
    },
  };
}

function refused(errorType: string, message: string): SubscriptionResolution {
  return { ok: false, errors: [{ errorType, message }] };
}

function firstField(
  selectionSet: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
): FieldNode | undefined {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') return selection;
      continue;
    }
    const inner =
      selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragments[selection.name.value]?.selectionSet;
    const found = inner ? firstField(inner, fragments) : undefined;
    if (found) return found;
  }
  return undefined;
}
