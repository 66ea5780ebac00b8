import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, TypeInfo, validate, visit, visitWithTypeInfo } from 'graphql';
import type { GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import * as operations from '../../../../functions/rest/operations.ts';
import { buildAppSyncSchema } from '../../../../local/index.ts';

const schema = buildAppSyncSchema(
  readFileSync(join(import.meta.dirname, '..', '..', '../..', 'schema.graphql'), 'utf8'),
);
const DOCUMENTS = {
  ME_QUERY: operations.ME_QUERY,
  SAVE_PROFILE_MUTATION: operations.SAVE_PROFILE_MUTATION,
  PUBLIC_PROFILE_QUERY: operations.PUBLIC_PROFILE_QUERY,
  USERNAME_AVAILABLE_QUERY: operations.USERNAME_AVAILABLE_QUERY,
  SAVE_LINK_MUTATION: operations.SAVE_LINK_MUTATION,
  DELETE_LINK_MUTATION: operations.DELETE_LINK_MUTATION,
  CREATE_UPLOAD_URL_MUTATION: operations.CREATE_UPLOAD_URL_MUTATION,
};

/** Every Type.field a document selects, resolved against the schema. */
function selectedFields(document: string): Record<string, string[]> {
  const typeInfo = new TypeInfo(schema);
  const fields: Record<string, Set<string>> = {};
  visit(
    parse(document),
    visitWithTypeInfo(typeInfo, {
      Field() {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (parent && field) (fields[parent.name] ??= new Set()).add(field.name);
      },
    }),
  );
  return Object.fromEntries(Object.entries(fields).map(([type, names]) => [type, [...names].sort()]));
}

describe("the REST shim's GraphQL operations", () => {
  it('are all valid against schema.graphql', () => {
    for (const [name, document] of Object.entries(DOCUMENTS)) {
      expect(validate(schema, parse(document)).map((error) => `${name}: ${error.message}`)).toEqual([]);
    }
  });

  it('grant IAM exactly the fields the IAM-signed public documents select', () => {
    const selected: Record<string, string[]> = {};
    for (const document of [operations.PUBLIC_PROFILE_QUERY, operations.USERNAME_AVAILABLE_QUERY]) {
      for (const [type, names] of Object.entries(selectedFields(document)))
        selected[type] = [...new Set([...(selected[type] ?? []), ...names])].sort();
    }
    const granted = Object.fromEntries(
      Object.entries(operations.PUBLIC_IAM_FIELDS).map(([type, names]) => [type, [...names].sort()]),
    );
    expect(granted).toEqual(selected);
  });

  it("select every Profile and Project field for the owner's answer, so no field is dropped from REST", () => {
    const selected = selectedFields(operations.SAVE_PROFILE_MUTATION);
    const fieldsOf = (type: string) => Object.keys((schema.getType(type) as GraphQLObjectType).getFields()).sort();
    expect(selected.Profile).toEqual(fieldsOf('Profile'));
    expect(selected.Project).toEqual(fieldsOf('Project'));
  });

  it('never select private fields in the public profile read', () => {
    expect(selectedFields(operations.PUBLIC_PROFILE_QUERY).Profile).not.toEqual(
      expect.arrayContaining(['dateOfBirth']),
    );
    expect(selectedFields(operations.PUBLIC_PROFILE_QUERY).Project).not.toContain('imageKey');
  });
});
