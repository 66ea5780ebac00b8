// util.error's `data` is filtered by the query's selection set before it reaches the client;
// `errorInfo` is not (built-in-util-js [D]).
import { Kind } from 'graphql';
import type { FieldNode, FragmentDefinitionNode, SelectionSetNode } from 'graphql';

/** Keeps only the selected fields of `data` (recursively, under their response keys). */
export function filterErrorData(
  data: unknown,
  fieldNodes: readonly FieldNode[],
  fragments: Record<string, FragmentDefinitionNode>,
): unknown {
  const sets = fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  return sets.length === 0 ? data : filter(data, sets, fragments);
}

function filter(data: unknown, sets: SelectionSetNode[], fragments: Record<string, FragmentDefinitionNode>): unknown {
  if (Array.isArray(data)) return data.map((item) => filter(item, sets, fragments));
  if (data === null || typeof data !== 'object') return data;
  const source = data as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of fieldsOf(sets, fragments)) {
    const value = source[field.name.value];
    if (value === undefined) continue;
    out[(field.alias ?? field.name).value] = field.selectionSet
      ? filter(value, [field.selectionSet], fragments)
      : value;
  }
  return out;
}

function fieldsOf(sets: SelectionSetNode[], fragments: Record<string, FragmentDefinitionNode>): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const set of sets) {
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) fields.push(selection);
      else if (selection.kind === Kind.INLINE_FRAGMENT) fields.push(...fieldsOf([selection.selectionSet], fragments));
      else {
        const fragment = fragments[selection.name.value];
        if (fragment) fields.push(...fieldsOf([fragment.selectionSet], fragments));
      }
    }
  }
  return fields;
}
