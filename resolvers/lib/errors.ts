// The resolvers' error contract: domain errors carry our errorTypes (BadRequest, Unauthorized,
// NotFound, Conflict), which the REST shim maps to HTTP; data-source errors are re-raised as
// AppSync reports them, because an unreported ctx.error is silently dropped.
import { util } from '@aws-appsync/utils';
import type { InputProblem } from './problems.ts';

/** Aborts the field with BadRequest naming the input field. */
export function raiseBadRequest(problem: InputProblem): never {
  return util.error(`${problem.field}: ${problem.message}`, 'BadRequest', null, { field: problem.field });
}

/** Aborts the field with NotFound; `field`, when given, names the argument that points at nothing. */
export function raiseNotFound(message: string, field?: string): never {
  return util.error(message, 'NotFound', null, field ? { field } : null);
}

/** Aborts the field with Conflict: the request collides with stored state or a concurrent write. */
export function raiseConflict(message: string, field?: string): never {
  return util.error(message, 'Conflict', null, field ? { field } : null);
}

/** Aborts the field with AppSync's own Unauthorized error. */
export function raiseUnauthorized(): never {
  return util.unauthorized();
}

/** Re-raises a data source's error (ctx.error) unchanged, when there is one. */
export function raiseIfDataSourceError(error: { message: string; type: string } | null | undefined): void {
  if (error) {
    util.error(error.message, error.type);
  }
}

/** The cancellation reason types of a cancelled TransactWriteItems, in request order. */
export function cancellationTypes(result: unknown): string[] {
  const reasons = result
    ? ((result as { cancellationReasons?: { type: string }[] | null }).cancellationReasons ?? [])
    : [];
  return reasons.map((r) => r.type);
}

/**
 * The caller's Cognito sub; null for callers without one (API key, IAM). Fields only a signed-in
 * user may call write `viewerSub(ctx) ?? raiseUnauthorized()`.
 */
export function viewerSub(ctx: { identity?: unknown }): string | null {
  const identity = ctx.identity as { sub?: unknown } | null | undefined;
  const sub = identity ? identity.sub : null;
  return typeof sub === 'string' && sub !== '' ? sub : null;
}
