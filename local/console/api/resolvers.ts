// The resolver view: every field's resolver as deployed — unit or pipeline, its data source (and
// table), the bundled APPSYNC_JS code, and a pipeline's functions in order — read from the same
// API definition the engine runs.
import { getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType } from 'graphql';
import type { GraphQLInputType, GraphQLSchema } from 'graphql';
import { Hono } from 'hono';
import type { ApiDefinition, DataSourceDefinition } from '../../appsync/engine/definitions.ts';

/** One step of a resolver as the console shows it. */
export interface ConsoleResolverStep {
  name: string;
  dataSource: Pick<DataSourceDefinition, 'name' | 'type' | 'tableName'> | null;
  code: string;
}

/** One resolver as the console shows it. */
export interface ConsoleResolver {
  typeName: string;
  fieldName: string;
  kind: 'UNIT' | 'PIPELINE';
  dataSource: ConsoleResolverStep['dataSource'];
  code: string;
  functions: ConsoleResolverStep[];
  /** The field's arguments with placeholder values, to start a test context from. */
  sampleArguments: Record<string, unknown>;
}

/** The resolvers of an API, sorted by type and field. */
export function describeResolvers(api: ApiDefinition, schema: GraphQLSchema): ConsoleResolver[] {
  const dataSource = (name: string | undefined) => {
    const found = api.dataSources.find((d) => d.name === name);
    return found ? { name: found.name, type: found.type, tableName: found.tableName } : null;
  };
  return api.resolvers
    .map((resolver) => ({
      typeName: resolver.typeName,
      fieldName: resolver.fieldName,
      kind: resolver.kind,
      dataSource: dataSource(resolver.dataSourceName),
      code: resolver.code,
      functions: (resolver.functionIds ?? []).flatMap((id) => {
        const fn = api.functions.find((f) => f.id === id);
        return fn ? [{ name: fn.name, dataSource: dataSource(fn.dataSourceName), code: fn.code }] : [];
      }),
      sampleArguments: sampleArguments(schema, resolver.typeName, resolver.fieldName),
    }))
    .sort((a, b) => `${a.typeName}.${a.fieldName}`.localeCompare(`${b.typeName}.${b.fieldName}`));
}

/** The /resolvers route. */
export function resolverRoutes(api: ApiDefinition, schema: GraphQLSchema): Hono {
  const resolvers = describeResolvers(api, schema);
  const app = new Hono();
  app.get('/resolvers', (c) => c.json({ resolvers }));
  return app;
}

function sampleArguments(schema: GraphQLSchema, typeName: string, fieldName: string): Record<string, unknown> {
  const type = schema.getType(typeName);
  const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
  return Object.fromEntries((field?.args ?? []).map((arg) => [arg.name, sampleValue(arg.type, 0)]));
}

// Placeholders a person overwrites: required input fields are filled in, optional ones left out.
const SCALAR_SAMPLES: Record<string, unknown> = {
  String: '',
  ID: '',
  Int: 0,
  Float: 0,
  Boolean: false,
  AWSDate: '2000-01-01',
  AWSDateTime: '2000-01-01T00:00:00.000Z',
  AWSTimestamp: 0,
  AWSEmail: 'ada@example.com',
  AWSURL: 'https://example.com',
  AWSJSON: {},
};

function sampleValue(type: GraphQLInputType, depth: number): unknown {
  if (isNonNullType(type)) return sampleValue(type.ofType, depth);
  if (isListType(type)) return [];
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]?.value ?? null;
  if (isInputObjectType(named)) {
    if (depth > 3) return {};
    const required = Object.values(named.getFields()).filter((f) => isNonNullType(f.type));
    return Object.fromEntries(required.map((f) => [f.name, sampleValue(f.type, depth + 1)]));
  }
  return SCALAR_SAMPLES[named.name] ?? null;
}
