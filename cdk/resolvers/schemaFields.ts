import { readFileSync } from 'node:fs';
import { Kind, parse } from 'graphql';

/** The object types of a schema, their fields, and which of them are root operation types. */
export interface SchemaFields {
  /** Type name → its field names (extensions merged in). */
  types: Map<string, Set<string>>;
  /** Query / Mutation / Subscription type names as the schema declares them. */
  rootTypes: string[];
}

/** Reads the object types and root types of an SDL file (parsed only: AWS scalars need no prelude). */
export function readSchemaFields(schemaPath: string): SchemaFields {
  const document = parse(readFileSync(schemaPath, 'utf8'));
  const types = new Map<string, Set<string>>();
  let rootTypes: string[] | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) {
      const fields = types.get(definition.name.value) ?? new Set<string>();
      for (const field of definition.fields ?? []) fields.add(field.name.value);
      types.set(definition.name.value, fields);
    } else if (definition.kind === Kind.SCHEMA_DEFINITION) {
      rootTypes = definition.operationTypes.map((operation) => operation.type.name.value);
    }
  }
  // Without a schema block, GraphQL's default root names apply.
  rootTypes ??= ['Query', 'Mutation', 'Subscription'].filter((name) => types.has(name));
  return { types, rootTypes };
}
