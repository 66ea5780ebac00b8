// Pipeline resolvers (docs/appsync-facts.md §1.6, §4): resolver request → each function (request → data
// source → response) → resolver response, with ctx.prev.result chaining and one shared stash.
import type { FieldError, HandlerSite } from '../runtime/contract.ts';
import type { InvocationStack } from '../runtime/invocationStack.ts';
import { applyDataSourceOutcome, createResolverContext, dataSourceCallContext } from './resolverContext.ts';
import type { ResolverContext } from './resolverContext.ts';
import type { CompiledFunction, CompiledPipelineResolver, ResolverInput, ResolverOutcome } from './resolverTypes.ts';
import { createInvocationRecords, finish, runHandler } from './runHandler.ts';
import type { InvocationRecords } from './runHandler.ts';

/** Evaluates a pipeline resolver; util.error anywhere stops it and nulls the field. */
export async function evaluatePipelineResolver(
  resolver: CompiledPipelineResolver,
  input: ResolverInput,
  invocations: InvocationStack,
): Promise<ResolverOutcome> {
  const ctx = createResolverContext(input);
  const records = createInvocationRecords();
  const site = (kind: 'resolver' | 'function', handler: 'request' | 'response'): HandlerSite => ({
    parentTypeName: input.info.parentTypeName,
    fieldName: input.info.fieldName,
    kind,
    handler,
  });

  const before = runHandler(
    resolver.handlers,
    site('resolver', 'request'),
    ctx,
    input.identity,
    records,
    invocations,
    () => ({}),
  );
  if (before.kind === 'error') return finish(records, null, before.error);
  let previous = before.value;

  // earlyReturn in the resolver's request handler skips every function [D].
  if (before.kind === 'value') {
    for (const fn of resolver.functions) {
      const step = await runFunction(fn, ctx, previous, input, records, invocations, site);
      if (step.kind === 'error') return finish(records, null, step.error);
      previous = step.value;
      if (step.skipTo === 'END') break;
    }
  }

  ctx.prev = { result: previous };
  ctx.result = previous;
  delete ctx.error;
  const after = runHandler(
    resolver.handlers,
    site('resolver', 'response'),
    ctx,
    input.identity,
    records,
    invocations,
    () => ctx.result,
  );
  if (after.kind === 'error') return finish(records, null, after.error);
  return finish(records, after.value);
}

type StepOutcome =
  | { kind: 'value'; value: unknown; skipTo: 'END' | 'NEXT' | undefined }
  | { kind: 'error'; error: FieldError };

async function runFunction(
  fn: CompiledFunction,
  ctx: ResolverContext,
  previous: unknown,
  input: ResolverInput,
  records: InvocationRecords,
  invocations: InvocationStack,
  site: (kind: 'resolver' | 'function', handler: 'request' | 'response') => HandlerSite,
): Promise<StepOutcome> {
  ctx.prev = { result: previous };
  delete ctx.result;
  delete ctx.error;
  const request = runHandler(
    fn.handlers,
    site('function', 'request'),
    ctx,
    input.identity,
    records,
    invocations,
    () => ({}),
  );
  if (request.kind === 'error') return request;
  // earlyReturn in a function's request handler skips its data source and response handler; the
  // value becomes the function's result (skipTo 'END' also skips the remaining functions) [D].
  if (request.kind === 'early') return { kind: 'value', value: request.value, skipTo: request.skipTo };

  applyDataSourceOutcome(ctx, await fn.dataSource.invoke(request.value, dataSourceCallContext(ctx)));
  const response = runHandler(
    fn.handlers,
    site('function', 'response'),
    ctx,
    input.identity,
    records,
    invocations,
    () => ctx.result,
  );
  if (response.kind === 'error') return response;
  if (response.kind === 'early') return { kind: 'value', value: response.value, skipTo: response.skipTo };
  return { kind: 'value', value: response.value, skipTo: undefined };
}
