import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readHandlerSource } from './readHandlerSource.ts';
import { readSchemaFields } from './schemaFields.ts';
import type { SchemaFields } from './schemaFields.ts';

/** An AppSync function: a pipeline step of its own, or a shared one from resolvers/functions/. */
export interface ResolverFunctionPlan {
  /** The AppSync function name (letters, digits, `_`), unique in the API. */
  name: string;
  file: string;
  dataSourceName: string;
}

/** A unit resolver: resolvers/<Type>.<field>.ts. */
export interface UnitResolverPlan {
  kind: 'UNIT';
  typeName: string;
  fieldName: string;
  file: string;
  dataSourceName: string;
}

/** A pipeline resolver: resolvers/<Type>.<field>/index.ts plus its numbered steps. */
export interface PipelineResolverPlan {
  kind: 'PIPELINE';
  typeName: string;
  fieldName: string;
  /** index.ts: the resolver's own request (before) and response (after) handlers. */
  file: string;
  /** The steps in order, by AppSync function name. */
  functionNames: string[];
}

/** Everything the stack wires, found on disk. */
export interface ResolverWiring {
  resolvers: (UnitResolverPlan | PipelineResolverPlan)[];
  /** Each function once, even when several pipelines share it. */
  functions: ResolverFunctionPlan[];
}

export interface DiscoverResolversOptions {
  resolversDir: string;
  schemaPath: string;
  /** The data source names a `// @dataSource` header may use. */
  dataSourceNames: readonly string[];
}

/** Why synth refuses the resolvers folder; the message names the file. */
export class ResolverWiringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResolverWiringError';
  }
}

const NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;
const FIELD_ENTRY = /^([_A-Za-z][_0-9A-Za-z]*)\.([_A-Za-z][_0-9A-Za-z]*)(\.ts)?$/;
const PIPELINE_STEP = /^(\d+)\.([_A-Za-z][_0-9A-Za-z]*)\.ts$/;
// AppSync caps a pipeline at 10 functions.
const MAX_PIPELINE_STEPS = 10;
const NOT_DISCOVERED = new Set(['lib', 'functions']);

/** Finds the resolver files (docs/architecture.md §2), checks them against the schema, and plans their wiring. */
export function discoverResolvers(options: DiscoverResolversOptions): ResolverWiring {
  const schema = readSchemaFields(options.schemaPath);
  const functions = new Map<string, ResolverFunctionPlan>();
  const resolvers: (UnitResolverPlan | PipelineResolverPlan)[] = [];
  const seen = new Map<string, string>();

  for (const entry of readdirSync(options.resolversDir).sort()) {
    const path = join(options.resolversDir, entry);
    const isDirectory = statSync(path).isDirectory();
    if (isDirectory && NOT_DISCOVERED.has(entry)) continue;
    if (!isDirectory && (entry.startsWith('.') || !entry.endsWith('.ts') || entry.endsWith('.d.ts'))) continue;
    const match = FIELD_ENTRY.exec(entry);
    if (!match || Boolean(match[3]) === isDirectory) {
      throw new ResolverWiringError(
        `${show(path)}: expected a unit resolver file <Type>.<field>.ts or a pipeline folder <Type>.<field>/`,
      );
    }
    const [, typeName, fieldName] = match;
    checkFieldExists(schema, typeName, fieldName, path);
    const key = `${typeName}.${fieldName}`;
    const previous = seen.get(key);
    if (previous) throw new ResolverWiringError(`${show(path)}: ${key} already has a resolver in ${show(previous)}`);
    seen.set(key, path);

    if (!isDirectory) {
      resolvers.push({
        kind: 'UNIT',
        typeName,
        fieldName,
        file: path,
        dataSourceName: requireDataSource(path, options),
      });
      continue;
    }
    resolvers.push(planPipeline(path, typeName, fieldName, options, functions));
  }

  for (const rootType of schema.rootTypes) {
    for (const fieldName of schema.types.get(rootType) ?? []) {
      if (!seen.has(`${rootType}.${fieldName}`)) {
        throw new ResolverWiringError(
          `${rootType}.${fieldName} has no resolver: add ${show(join(options.resolversDir, `${rootType}.${fieldName}.ts`))} or a pipeline folder ${rootType}.${fieldName}/`,
        );
      }
    }
  }
  return { resolvers, functions: [...functions.values()] };
}

function planPipeline(
  folder: string,
  typeName: string,
  fieldName: string,
  options: DiscoverResolversOptions,
  functions: Map<string, ResolverFunctionPlan>,
): PipelineResolverPlan {
  const index = join(folder, 'index.ts');
  if (!existsSync(index)) {
    throw new ResolverWiringError(
      `${show(folder)}: a pipeline folder needs index.ts with the resolver's request and response`,
    );
  }
  const steps = new Map<number, string>();
  for (const entry of readdirSync(folder).sort()) {
    if (entry === 'index.ts' || entry.startsWith('.')) continue;
    const path = join(folder, entry);
    const match = PIPELINE_STEP.exec(entry);
    if (!match)
      throw new ResolverWiringError(`${show(path)}: pipeline steps are named <n>.<name>.ts, e.g. 1.validate.ts`);
    const position = Number(match[1]);
    if (steps.has(position))
      throw new ResolverWiringError(`${show(path)}: step ${position} is also ${show(steps.get(position) ?? '')}`);
    steps.set(position, path);
  }
  if (steps.size === 0)
    throw new ResolverWiringError(`${show(folder)}: a pipeline needs at least one step (1.<name>.ts)`);
  if (steps.size > MAX_PIPELINE_STEPS) {
    throw new ResolverWiringError(
      `${show(folder)}: ${steps.size} steps; AppSync allows at most ${MAX_PIPELINE_STEPS} functions in a pipeline`,
    );
  }

  const functionNames = [...steps.entries()]
    .sort(([a], [b]) => a - b)
    .map(([position, path]) => {
      const { sharedFunctionName } = readHandlerSource(path);
      if (sharedFunctionName !== undefined) return addSharedFunction(sharedFunctionName, path, options, functions);
      const name = `${typeName}_${fieldName}_${position}_${PIPELINE_STEP.exec(path.slice(folder.length + 1))?.[2]}`;
      functions.set(name, { name, file: path, dataSourceName: requireDataSource(path, options, 'step') });
      return name;
    });
  return { kind: 'PIPELINE', typeName, fieldName, file: index, functionNames };
}

/** A step whose header is `// @function <name>`: the shared function resolvers/functions/<name>.ts, created once. */
function addSharedFunction(
  name: string,
  step: string,
  options: DiscoverResolversOptions,
  functions: Map<string, ResolverFunctionPlan>,
): string {
  const file = join(options.resolversDir, 'functions', `${name}.ts`);
  if (!NAME.test(name) || !existsSync(file)) {
    throw new ResolverWiringError(
      `${show(step)}: unknown shared function "${name}" in \`// @function\` (no ${show(file)})`,
    );
  }
  // The step's own code would never run (the shared file is what AppSync gets), so none is allowed.
  if (readHandlerSource(step).hasCode) {
    throw new ResolverWiringError(
      `${show(step)}: a \`// @function ${name}\` step holds no code; its code is ${show(file)}`,
    );
  }
  if (!functions.has(name)) functions.set(name, { name, file, dataSourceName: requireDataSource(file, options) });
  return name;
}

function requireDataSource(
  file: string,
  options: DiscoverResolversOptions,
  role: 'step' | 'handler' = 'handler',
): string {
  const { dataSourceName, sharedFunctionName } = readHandlerSource(file);
  const known = options.dataSourceNames.join(' | ');
  if (sharedFunctionName !== undefined) {
    const header = `\`// @dataSource <Name>\` (one of ${known})`;
    throw new ResolverWiringError(
      `${show(file)}: only a pipeline step may be a shared function (\`// @function\`); give it ${header}`,
    );
  }
  if (!dataSourceName) {
    const shared = role === 'step' ? ', or `// @function <name>` for a shared step in resolvers/functions/' : '';
    throw new ResolverWiringError(
      `${show(file)}: the first line must be \`// @dataSource <Name>\` (one of ${known})${shared}`,
    );
  }
  if (!options.dataSourceNames.includes(dataSourceName)) {
    throw new ResolverWiringError(`${show(file)}: unknown data source "${dataSourceName}" (expected one of ${known})`);
  }
  return dataSourceName;
}

function checkFieldExists(schema: SchemaFields, typeName: string, fieldName: string, path: string): void {
  const fields = schema.types.get(typeName);
  if (!fields) throw new ResolverWiringError(`${show(path)}: the schema has no object type ${typeName}`);
  if (!fields.has(fieldName))
    throw new ResolverWiringError(`${show(path)}: the schema has no field ${typeName}.${fieldName}`);
}

function show(path: string): string {
  return relative(process.cwd(), path) || path;
}
