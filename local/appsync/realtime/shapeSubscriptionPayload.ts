// What one subscriber receives (docs/appsync-facts.md §8.3): the mutation's result, already limited by the
// mutation's selection set, read through the subscriber's own selection. A field the subscriber
// asks for but the mutation did not select comes back null. `__typename` is answered from the
// schema, since the mutation may not have selected it.
import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getDirectiveValues,
  getNamedType,
  isAbstractType,
  isObjectType,
} from 'graphql';
import type {
  DirectiveNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLNamedType,
  GraphQLOutputType,
  GraphQLSchema,
  SelectionSetNode,
} from 'graphql';

/** The subscriber's selection and what it needs to read it. */
export interface SubscriberSelection {
  schema: GraphQLSchema;
  fieldNode: FieldNode;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
}

/** Shapes a published value for the subscription field selected by `selection`. */
export function shapeSubscriptionPayload(
  value: unknown,
  returnType: GraphQLOutputType,
  selection: SubscriberSelection,
): unknown {
  return shapeValue(value, getNamedType(returnType), selection.fieldNode.selectionSet, selection);
}

function shapeValue(
  value: unknown,
  type: GraphQLNamedType,
  selectionSet: SelectionSetNode | undefined,
  selection: SubscriberSelection,
): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map((element) => shapeValue(element, type, selectionSet, selection));
  if (!selectionSet || typeof value !== 'object') return value;
  const runtimeType = isAbstractType(type)
    ? selection.schema.getType(String((value as Record<string, unknown>).__typename))
    : type;
  const out: Record<string, unknown> = {};
  collect(value as Record<string, unknown>, runtimeType ?? type, selectionSet, selection, out);
  return out;
}

function collect(
  value: Record<string, unknown>,
  type: GraphQLNamedType,
  selectionSet: SelectionSetNode,
  selection: SubscriberSelection,
  out: Record<string, unknown>,
): void {
  for (const node of selectionSet.selections) {
    if (!included(node, selection.variables)) continue;
    if (node.kind === Kind.FIELD) {
      const key = node.alias?.value ?? node.name.value;
      if (node.name.value === '__typename') {
        out[key] = isObjectType(type) ? type.name : (value.__typename ?? null);
        continue;
      }
      const field = isObjectType(type) ? type.getFields()[node.name.value] : undefined;
      const nested = field ? getNamedType(field.type) : type;
      out[key] = shapeValue(value[node.name.value], nested, node.selectionSet, selection);
      continue;
    }
    const fragment = node.kind === Kind.INLINE_FRAGMENT ? node : selection.fragments[node.name.value];
    if (!fragment) continue;
    const condition = fragment.typeCondition?.name.value;
    if (condition && condition !== type.name && !implementsCondition(selection.schema, type, condition)) continue;
    collect(value, type, fragment.selectionSet, selection, out);
  }
}

function implementsCondition(schema: GraphQLSchema, type: GraphQLNamedType, condition: string): boolean {
  const abstract = schema.getType(condition);
  return isObjectType(type) && abstract !== undefined && isAbstractType(abstract) && schema.isSubType(abstract, type);
}

function included(node: { directives?: readonly DirectiveNode[] }, variables: Record<string, unknown>): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, variables);
  return include?.if !== false;
}
