// Compiles every resolver and pipeline function of an API once, binding each to its data source.
// A bundle AppSync would reject fails here, naming the resolver or function, as `cdk deploy` would.
import type { DataSource } from '../runtime/contract.ts';
import type { InvocationSource } from '../runtime/contract.ts';
import { compileBundle } from '../runtime/sandbox.ts';
import type { SandboxGlobals } from '../runtime/sandbox.ts';
import type { ApiDefinition, DataSourceDefinition } from './definitions.ts';
import { createNoneDataSource } from './noneDataSource.ts';
import type { CompiledFunction, CompiledResolver } from './resolverTypes.ts';

/** AWS's limit on functions in one pipeline resolver (docs/appsync-facts.md §3). */
const MAX_PIPELINE_FUNCTIONS = 10;

/** Compiles the API's resolvers, keyed `Type.field`. */
export function compileResolvers(
  api: ApiDefinition,
  dataSources: Map<string, DataSource>,
  globals: SandboxGlobals,
  invocations: InvocationSource,
): Map<string, CompiledResolver> {
  const definitions = new Map(api.dataSources.map((definition) => [definition.name, definition]));
  const dataSourceNamed = (name: string | undefined, owner: string): DataSource => {
    if (!name) throw new Error(`${owner} has no data source`);
    const provided = dataSources.get(name);
    if (provided) return provided;
    const definition = definitions.get(name);
    if (!definition) throw new Error(`${owner} refers to data source ${name}, which the API does not define`);
    return definition.type === 'NONE' ? createNoneDataSource(name) : unavailableDataSource(definition);
  };

  const functions = new Map<string, CompiledFunction>();
  for (const fn of api.functions) {
    functions.set(fn.id, {
      name: fn.name,
      handlers: compileBundle(fn.code, fn.name, globals, { invocations }),
      dataSource: dataSourceNamed(fn.dataSourceName, `Function ${fn.name}`),
    });
  }

  const resolvers = new Map<string, CompiledResolver>();
  for (const resolver of api.resolvers) {
    const key = `${resolver.typeName}.${resolver.fieldName}`;
    const handlers = compileBundle(resolver.code, key, globals, { invocations });
    if (resolver.kind === 'UNIT') {
      resolvers.set(key, {
        kind: 'UNIT',
        handlers,
        dataSource: dataSourceNamed(resolver.dataSourceName, `Resolver ${key}`),
      });
      continue;
    }
    const ids = resolver.functionIds ?? [];
    if (ids.length > MAX_PIPELINE_FUNCTIONS)
      throw new Error(`Resolver ${key} has ${ids.length} functions; AppSync allows at most ${MAX_PIPELINE_FUNCTIONS}`);
    const steps = ids.map((id) => {
      const fn = functions.get(id);
      if (!fn) throw new Error(`Resolver ${key} refers to function ${id}, which the API does not define`);
      return fn;
    });
    resolvers.set(key, { kind: 'PIPELINE', handlers, functions: steps });
  }
  return resolvers;
}

// A data source type with no local implementation wired in: the resolver sees ctx.error, as it
// would for a failing data source, instead of the whole API refusing to start.
function unavailableDataSource(definition: DataSourceDefinition): DataSource {
  return {
    name: definition.name,
    type: definition.type,
    invoke: () =>
      Promise.resolve({
        error: {
          message: `Data source ${definition.name} (${definition.type}) is not available in the local emulator`,
          type: 'LocalDataSourceUnavailable',
        },
      }),
  };
}
