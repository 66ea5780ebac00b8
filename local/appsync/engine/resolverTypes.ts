// The shapes the evaluator works with: compiled resolvers (bundles bound to data sources), the
// per-field input taken from the GraphQL execution, and the outcome handed back to it.
import type { DataSource, ExtensionCall, FieldError } from '../runtime/contract.ts';
import type { CompiledHandlers } from '../runtime/sandbox.ts';

/** A pipeline function: its bundle and the data source it calls. */
export interface CompiledFunction {
  name: string;
  handlers: CompiledHandlers;
  dataSource: DataSource;
}

/** A unit resolver: one bundle, one data source. */
export interface CompiledUnitResolver {
  kind: 'UNIT';
  handlers: CompiledHandlers;
  dataSource: DataSource;
}

/** A pipeline resolver: its own bundle around an ordered list of functions. */
export interface CompiledPipelineResolver {
  kind: 'PIPELINE';
  handlers: CompiledHandlers;
  functions: CompiledFunction[];
}

export type CompiledResolver = CompiledUnitResolver | CompiledPipelineResolver;

/** ctx.info as AppSync builds it (docs/appsync-facts.md §4). */
export interface ResolverInfo {
  fieldName: string;
  parentTypeName: string;
  variables: Record<string, unknown>;
  selectionSetList: string[];
  selectionSetGraphQL: string;
}

/** Everything about one field resolution that ends up in `ctx`. */
export interface ResolverInput {
  arguments: Record<string, unknown>;
  source: unknown;
  identity: unknown;
  info: ResolverInfo;
  request: { headers: Record<string, unknown>; domainName: string | null };
  env: Record<string, string>;
}

/** The result of one field's resolver, with what the handlers recorded on the way. */
export interface ResolverOutcome {
  /** The field's value; null when the resolver was aborted by util.error or a code error. */
  data: unknown;
  /** appendError entries in call order, then the aborting error (if any). */
  errors: FieldError[];
  aborted: boolean;
  extensionCalls: ExtensionCall[];
  responseHeaders: Record<string, string>;
  logs: { level: 'log' | 'error'; message: string }[];
}
