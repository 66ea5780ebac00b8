// The `ctx` an evaluated handler receives, built from EvaluateCode's context map: the same object
// the engine builds for a live request (docs/appsync-facts.md §4), filled from what the caller
// supplies — arguments, source, identity, info, request, and for a response handler result,
// error, prev and stash.
import { adoptIntoSandbox } from '../runtime/realm.ts';
import { createResolverContext } from '../engine/resolverContext.ts';
import type { ResolverContext } from '../engine/resolverContext.ts';

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

const text = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);

/** Builds ctx from an EvaluateCode context map; absent parts get AppSync's empty values. */
export function evaluationContext(context: Record<string, unknown>): ResolverContext {
  const info = record(context.info);
  const request = record(context.request);
  const ctx = createResolverContext({
    arguments: record(context.arguments ?? context.args),
    source: context.source ?? null,
    identity: context.identity ?? null,
    info: {
      fieldName: text(info.fieldName, ''),
      parentTypeName: text(info.parentTypeName, ''),
      variables: record(info.variables),
      selectionSetList: Array.isArray(info.selectionSetList) ? info.selectionSetList.map(String) : [],
      selectionSetGraphQL: text(info.selectionSetGraphQL, ''),
    },
    request: {
      headers: record(request.headers),
      domainName: typeof request.domainName === 'string' ? request.domainName : null,
    },
    env: Object.fromEntries(Object.entries(record(context.env)).map(([key, value]) => [key, String(value)])),
  });
  // The stash slot itself is read-only; what the caller put in it is copied key by key.
  for (const [key, value] of Object.entries(record(context.stash))) ctx.stash[key] = adoptIntoSandbox(value);
  for (const key of ['result', 'error', 'prev'] as const) {
    if (Object.hasOwn(context, key)) ctx[key] = adoptIntoSandbox(context[key]);
  }
  return ctx;
}
