// The resolvers' error contract: domain errors carry our errorTypes (BadRequest, Unauthorized,
// NotFound, Conflict), which the REST shim maps to HTTP; data-source errors are re-raised as
// AppSync reports them, because an unreported ctx.error is silently dropped.
import { util } from '@aws-appsync/utils';
import type { InputProblem } from './problems.ts';

/** Aborts the field with BadRequest naming the input field. */
export function raiseBadRequest(problem: InputProblem): never {
  return util.error(`${problem.field}: ${problem.message}`, 'BadRequest', null, { field: problem.field });
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

/** The caller's Cognito sub; Unauthorized for callers without one (API key, IAM). */
export function callerSub(identity: unknown): string {
  const sub = identity ? (identity as { sub?: string }).sub : undefined;
  if (!sub) {
    util.unauthorized();
  }
  return sub as string;
}
