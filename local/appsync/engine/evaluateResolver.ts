// Runs one field's resolver with AppSync semantics. Unit resolvers live here; pipelines in
// evaluatePipeline.ts.
import type { HandlerSite } from '../runtime/contract.ts';
import type { InvocationStack } from '../runtime/invocationStack.ts';
import { evaluatePipelineResolver } from './evaluatePipeline.ts';
import { applyDataSourceOutcome, createResolverContext, dataSourceCallContext } from './resolverContext.ts';
import type { CompiledResolver, CompiledUnitResolver, ResolverInput, ResolverOutcome } from './resolverTypes.ts';
import { createInvocationRecords, finish, runHandler } from './runHandler.ts';

/** Evaluates a unit or pipeline resolver for one field; never throws for resolver-caused failures. */
export function evaluateResolver(
  resolver: CompiledResolver,
  input: ResolverInput,
  invocations: InvocationStack,
): Promise<ResolverOutcome> {
  return resolver.kind === 'UNIT'
    ? evaluateUnitResolver(resolver, input, invocations)
    : evaluatePipelineResolver(resolver, input, invocations);
}

/** Unit resolver: request → data source (skipped on earlyReturn) → response. */
async function evaluateUnitResolver(
  resolver: CompiledUnitResolver,
  input: ResolverInput,
  invocations: InvocationStack,
): Promise<ResolverOutcome> {
  const ctx = createResolverContext(input);
  const records = createInvocationRecords();
  const site = (handler: 'request' | 'response'): HandlerSite => ({
    parentTypeName: input.info.parentTypeName,
    fieldName: input.info.fieldName,
    kind: 'resolver',
    handler,
  });

  const request = runHandler(resolver.handlers, site('request'), ctx, input.identity, records, invocations, () => ({}));
  if (request.kind === 'error') return finish(records, null, request.error);
  // earlyReturn in a unit resolver's request handler: the resolver returns that value [D].
  if (request.kind === 'early') return finish(records, request.value);

  applyDataSourceOutcome(ctx, await resolver.dataSource.invoke(request.value, dataSourceCallContext(ctx)));
  const response = runHandler(
    resolver.handlers,
    site('response'),
    ctx,
    input.identity,
    records,
    invocations,
    () => ctx.result,
  );
  if (response.kind === 'error') return finish(records, null, response.error);
  return finish(records, response.value);
}
