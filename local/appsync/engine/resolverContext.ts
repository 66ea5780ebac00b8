// Builds the `ctx` a handler receives (docs/appsync-facts.md §4). Data from the host (arguments, source,
// identity, data-source results) is copied into a patched realm first, so APPSYNC_JS intrinsics
// (no sort comparator, …) apply to it as they do to objects the handler creates.
import type { DataSourceCallContext } from '../runtime/contract.ts';
import { adoptIntoSandbox } from '../runtime/realm.ts';
import type { ResolverInput } from './resolverTypes.ts';

/** The ctx object plus the slots the evaluator changes between steps. */
export type ResolverContext = Record<string, unknown> & {
  stash: Record<string, unknown>;
  arguments: Record<string, unknown>;
  identity: unknown;
  source: unknown;
  request: { headers: Record<string, unknown> };
  info: { fieldName: string; parentTypeName: string; variables: Record<string, unknown> };
};

function fixed(target: object, key: string, value: unknown, enumerable = true): void {
  Object.defineProperty(target, key, { value, enumerable, writable: false, configurable: false });
}

/** Creates the ctx shared by every handler of one resolver (stash included). */
export function createResolverContext(input: ResolverInput): ResolverContext {
  const ctx: Record<string, unknown> = {};
  const args = adoptIntoSandbox(input.arguments);
  fixed(ctx, 'arguments', args);
  fixed(ctx, 'args', args);
  fixed(ctx, 'identity', adoptIntoSandbox(input.identity ?? null));
  fixed(ctx, 'source', adoptIntoSandbox(input.source ?? null));
  // "You can't delete or replace the entire stash" [D]: the slot is read-only, its keys are not.
  fixed(ctx, 'stash', adoptIntoSandbox({}));
  const request = adoptIntoSandbox({ headers: input.request.headers, domainName: input.request.domainName }) as object;
  fixed(ctx, 'request', request);
  const info = adoptIntoSandbox({
    fieldName: input.info.fieldName,
    parentTypeName: input.info.parentTypeName,
    variables: input.info.variables,
  }) as object;
  // JSON.stringify(ctx.info) omits these two; they must be read directly [D].
  fixed(info, 'selectionSetList', adoptIntoSandbox(input.info.selectionSetList), false);
  fixed(info, 'selectionSetGraphQL', input.info.selectionSetGraphQL, false);
  fixed(ctx, 'info', info);
  fixed(ctx, 'env', Object.freeze(adoptIntoSandbox({ ...input.env })));
  return ctx as ResolverContext;
}

/** The part of ctx a data source may forward (a Lambda data source sends it on). */
export function dataSourceCallContext(ctx: ResolverContext): DataSourceCallContext {
  const prev = ctx.prev as { result: unknown } | undefined;
  return {
    arguments: ctx.arguments,
    identity: ctx.identity,
    source: ctx.source,
    info: { fieldName: ctx.info.fieldName, parentTypeName: ctx.info.parentTypeName, variables: ctx.info.variables },
    stash: ctx.stash,
    prev,
    request: { headers: ctx.request.headers },
  };
}

/**
 * Puts a data source's outcome on ctx: `result`, or `error` {message, type} with a null result —
 * except where AppSync gives both (a cancelled transaction's cancellationReasons, §2.3).
 */
export function applyDataSourceOutcome(
  ctx: ResolverContext,
  outcome: { result?: unknown; error?: { message: string; type: string } },
): void {
  if (outcome.error) {
    ctx.error = adoptIntoSandbox({ message: outcome.error.message, type: outcome.error.type });
    ctx.result = adoptIntoSandbox(outcome.result ?? null);
  } else {
    delete ctx.error;
    ctx.result = adoptIntoSandbox(outcome.result ?? null);
  }
}
