// The errors Lambda's Invoke API itself answers with, before any function code runs (Lambda API
// reference, Invoke, "Errors"): the runner rejects with one of these, the Invoke endpoint answers
// its status and `x-amzn-ErrorType`, AppSync's Lambda data source reports `Lambda:<name>` and the
// HTTP API its integration failure (docs/architecture.md §5 "Lambda").

/** An Invoke API error: HTTP status, error type (the error's name) and the body's extra fields. */
export class LambdaServiceError extends Error {
  constructor(
    name: string,
    message: string,
    readonly statusCode: number,
    readonly extra: Record<string, string> = {},
  ) {
    super(message);
    this.name = name;
  }
}

/** Thrown by invoke for a function the template does not define (Lambda: ResourceNotFoundException). */
export class FunctionNotFoundError extends LambdaServiceError {
  constructor(readonly nameOrArn: string) {
    super('ResourceNotFoundException', `Function not found: ${nameOrArn}`, 404);
  }
}

/** Why Lambda throttled: the function's reserved concurrency, or the account's unreserved pool. */
export type ThrottleReason = 'ReservedFunctionConcurrentInvocationLimitExceeded' | 'ConcurrentInvocationLimitExceeded';

/** 429 TooManyRequestsException, body `{"Reason": …, "Type": "User", "message": "Rate Exceeded."}`. */
export class TooManyRequestsError extends LambdaServiceError {
  constructor(readonly reason: ThrottleReason) {
    super('TooManyRequestsException', 'Rate Exceeded.', 429, { Reason: reason });
  }
}

/** Lambda's synchronous request payload limit: 6 MiB (Lambda quotas, "Invocation payload"). */
export const MAX_SYNC_PAYLOAD_BYTES = 6 * 1024 * 1024;

/** 413 RequestEntityTooLargeException, with the message Lambda answers an oversized Invoke with. */
export class RequestTooLargeError extends LambdaServiceError {
  constructor() {
    super(
      'RequestEntityTooLargeException',
      `Request must be smaller than ${MAX_SYNC_PAYLOAD_BYTES} bytes for the InvokeFunction operation`,
      413,
    );
  }
}
