// util.error / util.appendError / util.unauthorized: APPSYNC_JS has no throw, so these are the
// only way a handler reports a field error (docs/appsync-facts.md §1.1).
import { UtilErrorSignal } from '../contract.ts';
import type { FieldError, InvocationSource } from '../contract.ts';

/** Builds the FieldError AppSync reports, with absent parts as null. */
export function fieldError(message: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown): FieldError {
  return {
    message: String(message),
    errorType: errorType === undefined || errorType === null ? null : String(errorType),
    data: data ?? null,
    errorInfo: errorInfo ?? null,
  };
}

/** Creates util.error, util.appendError and util.unauthorized bound to the running invocation. */
export function createErrorHelpers(invocations: InvocationSource) {
  return {
    error(message: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown): never {
      throw new UtilErrorSignal(fieldError(message, errorType, data, errorInfo));
    },
    appendError(message: unknown, errorType?: unknown, data?: unknown, errorInfo?: unknown): undefined {
      invocations.current().appendedErrors.push(fieldError(message, errorType, data, errorInfo));
      return undefined;
    },
    // EvaluateCode reports the message as "Unauthorized" (docs/appsync-facts.md §1.1 [O]).
    unauthorized(): never {
      throw new UtilErrorSignal(fieldError('Unauthorized', 'Unauthorized'));
    },
  };
}

/** The signal for a util/extensions call AppSync would refuse (wrong place, bad argument). */
export function usageError(message: string): UtilErrorSignal {
  return new UtilErrorSignal(fieldError(message));
}
