// ctx.info.selectionSetList and selectionSetGraphQL (docs/appsync-facts.md §4): '/' nesting, aliases only under
// the alias, fragments expanded into the list, and for an interface or union only the fields of
// the type itself (fragments on other types are left out).
import {
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  Kind,
  getDirectiveValues,
  getNamedType,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  print,
} from 'graphql';
import type {
  DirectiveNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLNamedType,
  GraphQLSchema,
  SelectionSetNode,
} from 'graphql';

/** What the selection-set builders need from graphql-js's resolve info. */
export interface SelectionSource {
  schema: GraphQLSchema;
  fieldNodes: readonly FieldNode[];
  returnType: GraphQLNamedType;
  fragments: Record<string, FragmentDefinitionNode>;
  variableValues: Record<string, unknown>;
}

/** Lists the selected fields below the resolved field, nested with '/', as AppSync's selectionSetList. */
export function selectionSetList(source: SelectionSource): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const node of source.fieldNodes) {
    if (node.selectionSet) collect(node.selectionSet, source.returnType, '', source, out, seen);
  }
  return out;
}

function collect(
  selectionSet: SelectionSetNode,
  parentType: GraphQLNamedType,
  prefix: string,
  source: SelectionSource,
  out: string[],
  seen: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (!included(selection, source.variableValues)) continue;
    if (selection.kind === Kind.FIELD) {
      const path = prefix + (selection.alias ?? selection.name).value;
      if (!seen.has(path)) {
        seen.add(path);
        out.push(path);
      }
      if (selection.selectionSet && (isObjectType(parentType) || isInterfaceType(parentType))) {
        const field = parentType.getFields()[selection.name.value];
        if (field) collect(selection.selectionSet, getNamedType(field.type), `${path}/`, source, out, seen);
      }
      continue;
    }
    const condition =
      selection.kind === Kind.INLINE_FRAGMENT
        ? selection.typeCondition?.name.value
        : source.fragments[selection.name.value]?.typeCondition.name.value;
    const fragmentSelection =
      selection.kind === Kind.INLINE_FRAGMENT
        ? selection.selectionSet
        : source.fragments[selection.name.value]?.selectionSet;
    if (fragmentSelection && appliesTo(condition, parentType, source.schema)) {
      collect(fragmentSelection, parentType, prefix, source, out, seen);
    }
  }
}

function appliesTo(condition: string | undefined, parentType: GraphQLNamedType, schema: GraphQLSchema): boolean {
  if (condition === undefined || condition === parentType.name) return true;
  const conditionType = schema.getType(condition);
  // A fragment on an interface or union the object type belongs to applies to it too.
  return isObjectType(parentType) && isAbstractType(conditionType) && schema.isSubType(conditionType, parentType);
}

function included(
  node: { readonly directives?: readonly DirectiveNode[] },
  variables: Record<string, unknown>,
): boolean {
  if (!node.directives || node.directives.length === 0) return true;
  const skip = getDirectiveValues(GraphQLSkipDirective, node, variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, variables);
  return include?.if !== false;
}

/** The field as GraphQL text inside braces, the form of AppSync's doc example for selectionSetGraphQL. */
export function selectionSetGraphQL(fieldNodes: readonly FieldNode[]): string {
  const body = fieldNodes
    .map((node) =>
      print(node)
        .split('\n')
        .map((line) => `  ${line}`)
        .join('\n'),
    )
    .join('\n');
  return `{\n${body}\n}`;
}
