// Small factories for the evaluator and engine tests: compiled bundles, a fake in-memory data
// source, and resolver inputs.
import type { DataSource, DataSourceOutcome } from '../../../local/appsync/runtime/contract.ts';
import { createAppSyncGlobals } from '../../../local/appsync/runtime/globals.ts';
import { createInvocationStack } from '../../../local/appsync/runtime/invocationStack.ts';
import { compileBundle } from '../../../local/appsync/runtime/sandbox.ts';
import type { CompiledHandlers } from '../../../local/appsync/runtime/sandbox.ts';
import type { ResolverInput } from '../../../local/appsync/engine/resolverTypes.ts';

export const invocations = createInvocationStack();
const globals = createAppSyncGlobals(invocations);

/** Compiles a hand-written ESM bundle with the shared test globals. */
export function bundle(code: string, name = 'Query.test'): CompiledHandlers {
  return compileBundle(code, name, globals, { invocations });
}

/** A fake data source that records each request and answers with `respond`. */
export function fakeDataSource(
  respond: (request: unknown) => DataSourceOutcome = (request) => ({ result: request }),
): DataSource & { requests: unknown[] } {
  const requests: unknown[] = [];
  return {
    name: 'fake',
    type: 'AMAZON_DYNAMODB',
    requests,
    invoke(request) {
      requests.push(request);
      return Promise.resolve(respond(request));
    },
  };
}

/** A resolver input for Query.test with overridable parts. */
export function resolverInput(overrides: Partial<ResolverInput> = {}): ResolverInput {
  return {
    arguments: {},
    source: null,
    identity: null,
    info: {
      fieldName: 'test',
      parentTypeName: 'Query',
      variables: {},
      selectionSetList: ['id'],
      selectionSetGraphQL: '{\n  test {\n    id\n  }\n}',
    },
    request: { headers: {}, domainName: null },
    env: {},
    ...overrides,
  };
}
