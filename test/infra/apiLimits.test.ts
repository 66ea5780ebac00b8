// AppSync's per-request guards (stage apiLimits → QueryDepthLimit, ResolverCountLimit) sized from
// what the API's own clients send: the REST shim's documents, the stream publisher's mutation and
// the real-time subscription, measured against schema.graphql and the resolvers that exist.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSchema, getNamedType, isObjectType, Kind, parse } from 'graphql';
import type { GraphQLSchema, SelectionSetNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { STAGE_NAMES, stageConfig } from '../../cdk/config/stages.ts';
import { discoverResolvers } from '../../cdk/resolvers/discoverResolvers.ts';
import { PUBLISH_PROFILE_EVENT_MUTATION } from '../../functions/publish/publishEvent.ts';
import * as restOperations from '../../functions/rest/operations.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SCHEMA_PATH = join(ROOT, 'schema.graphql');
const schemaText = readFileSync(SCHEMA_PATH, 'utf8');
// AppSync's directives and scalars, declared so graphql-js accepts the AppSync dialect.
const APPSYNC_PRELUDE = readFileSync(join(ROOT, 'aws-prelude.graphql'), 'utf8');
const schema = buildSchema(`${APPSYNC_PRELUDE}\n${schemaText}`);

const resolved = new Set(
  discoverResolvers({
    resolversDir: join(ROOT, 'resolvers'),
    schemaPath: SCHEMA_PATH,
    dataSourceNames: ['UsersTable', 'ProfilesTable', 'LinksTable', 'NONE', 'PresignLambda', 'StatsLambda'],
  }).resolvers.map((plan) => `${plan.typeName}.${plan.fieldName}`),
);

const SUBSCRIPTION = 'subscription { onProfileEvent(username: "ada") { username kind renamedTo profile occurredAt } }';
const clientDocuments: Record<string, string> = {
  ...Object.fromEntries(
    Object.entries(restOperations as Record<string, unknown>).filter(
      (entry): entry is [string, string] =>
        typeof entry[1] === 'string' && /^\s*(query|mutation|subscription)\b/.test(entry[1]),
    ),
  ),
  PUBLISH_PROFILE_EVENT_MUTATION,
  SUBSCRIPTION,
};

/** Depth (root fields are level 1, each nested selection one more, scalars included) and resolver invocations of a document's operation. */
function measure(document: string): { depth: number; resolvers: number } {
  const [operation] = parse(document).definitions;
  if (operation.kind !== Kind.OPERATION_DEFINITION) throw new Error('expected an operation');
  const rootType = schema.getRootType(operation.operation);
  const walk = (set: SelectionSetNode, typeName: string, level: number): { depth: number; resolvers: number } => {
    let depth = level;
    let resolvers = 0;
    for (const selection of set.selections) {
      if (selection.kind !== Kind.FIELD) throw new Error('fragments are not used by the API clients');
      if (resolved.has(`${typeName}.${selection.name.value}`)) resolvers += 1;
      if (!selection.selectionSet) continue;
      const parent = schema.getType(typeName);
      if (!isObjectType(parent)) throw new Error(`${typeName} is not an object type`);
      const fieldType = getNamedType(parent.getFields()[selection.name.value].type);
      const inner = walk(selection.selectionSet, fieldType.name, level + 1);
      depth = Math.max(depth, inner.depth);
      resolvers += inner.resolvers;
    }
    return { depth, resolvers };
  };
  return walk(operation.selectionSet, rootType?.name ?? 'Query', 1);
}

/** The deepest selection any document can have: the schema's longest type path (Infinity with a cycle). */
function schemaDepth(target: GraphQLSchema): number {
  const deepest = (typeName: string, path: string[]): number => {
    if (path.includes(typeName)) return Number.POSITIVE_INFINITY;
    const type = target.getType(typeName);
    if (!isObjectType(type)) return 0;
    return (
      1 +
      Math.max(
        0,
        ...Object.values(type.getFields()).map((f) => deepest(getNamedType(f.type).name, [...path, typeName])),
      )
    );
  };
  return Math.max(...['Query', 'Mutation', 'Subscription'].map((root) => deepest(root, [])));
}

describe('AppSync guards', () => {
  const measured = Object.entries(clientDocuments).map(([name, text]) => ({ name, ...measure(text) }));
  const needed = {
    depth: Math.max(...measured.map((m) => m.depth)),
    resolvers: Math.max(...measured.map((m) => m.resolvers)),
  };

  it('measures the clients: depth 4 (myStats → days → clicks → linkId), at most 2 resolvers (profile and its links)', () => {
    expect(measured.length).toBeGreaterThanOrEqual(9);
    expect(needed).toEqual({ depth: 4, resolvers: 2 });
    expect(schemaDepth(schema)).toBe(4);
  });

  it('lets every client document and every query the schema allows through, in every stage', () => {
    for (const stage of STAGE_NAMES) {
      const { apiLimits } = stageConfig(stage);
      // One level more than the schema allows: AppSync does not document whether it counts the
      // operation itself as a level.
      expect(apiLimits.queryDepth).toBeGreaterThanOrEqual(schemaDepth(schema) + 1);
      expect(apiLimits.resolverCount).toBeGreaterThanOrEqual(needed.resolvers);
      // Tight enough to mean something: no deeper than a cycle would need, and an alias-multiplied
      // document (e.g. 50 aliased profile lookups) is refused.
      expect(apiLimits.queryDepth).toBeLessThanOrEqual(schemaDepth(schema) + 2);
      expect(apiLimits.resolverCount).toBeLessThanOrEqual(5 * needed.resolvers);
    }
  });
});
