// Executes a prepared document with graphql-js and assembles AppSync's response: the errors the
// resolvers reported, then the ones graphql-js raised itself, in AppSync's wording, plus a mutation's
// root results for subscription fan-out.
import { Kind, execute, getNamedType, getOperationAST, isObjectType } from 'graphql';
import type { DocumentNode, FieldNode, GraphQLError, GraphQLSchema } from 'graphql';
import type { AppSyncResponse, Caller, GraphQLRequest, MutationResult } from './engineTypes.ts';
import { appSyncLocations, formatCompletionError, formatRequestError, nonNullMessage } from './formatErrors.ts';
import type { AppSyncErrorEntry } from './formatErrors.ts';
import type { PreparedDocument } from './prepareDocument.ts';
import { createRequestState } from './requestState.ts';
import { appSyncVariableMessage } from './validationMessages.ts';

/** Runs `request` (already prepared) as `caller` against the wired schema. */
export async function executeRequest(
  schema: GraphQLSchema,
  prepared: PreparedDocument,
  request: GraphQLRequest,
  caller: Caller,
): Promise<AppSyncResponse> {
  if (!prepared.ok)
    return {
      body: { data: null, errors: prepared.errors },
      headers: {},
      extensionCalls: [],
      logs: [],
      mutationResults: [],
    };
  const { document } = prepared;
  const state = createRequestState(caller);
  const result = await execute({
    schema,
    document,
    variableValues: request.variables ?? undefined,
    operationName: request.operationName ?? undefined,
    contextValue: state,
  });
  const beforeExecution = result.data === undefined;
  const engineErrors = beforeExecution ? oneErrorPerVariable(result.errors ?? []) : (result.errors ?? []);
  const errors = [...state.errors, ...engineErrors.map((error) => formatEngineError(error, schema, beforeExecution))];
  const body: AppSyncResponse['body'] = { data: result.data ?? null };
  if (errors.length > 0) body.errors = errors;
  return {
    body,
    headers: state.responseHeaders,
    extensionCalls: state.extensionCalls,
    logs: state.logs,
    mutationResults: mutationRootResults(document, request.operationName, result.data),
  };
}

/** The root fields of an executed mutation with their values under their response keys. */
export function mutationRootResults(
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
