// The Lambda functions' error contract (docs/architecture.md §4): a few domain errors carrying the same
// errorTypes the resolvers raise (BadRequest, Unauthorized, NotFound, Conflict), which the REST
// shim maps to HTTP. The error's `name` is its errorType, because Lambda reports a thrown error's
// `name` as `errorType` (and Cognito shows only its message).

export type ErrorType = 'BadRequest' | 'Unauthorized' | 'NotFound' | 'Conflict';

/** An expected refusal whose message is safe to show to the caller. */
export class DomainError extends Error {
  constructor(
    readonly errorType: ErrorType,
    message: string,
  ) {
    super(message);
    this.name = errorType;
  }
}

/** The input is malformed or breaks a rule. */
export class BadRequestError extends DomainError {
  constructor(message: string) {
    super('BadRequest', message);
  }
}

/** The caller has no (usable) identity. */
export class UnauthorizedError extends DomainError {
  constructor(message: string) {
    super('Unauthorized', message);
  }
}

/** The thing the caller named does not exist. */
export class NotFoundError extends DomainError {
  constructor(message: string) {
    super('NotFound', message);
  }
}

/** The request collides with existing state (a taken username, a lost race). */
export class ConflictError extends DomainError {
  constructor(message: string) {
    super('Conflict', message);
  }
}

/** True for the domain errors above (also across bundles, where instanceof may not hold). */
export function isDomainError(error: unknown): error is DomainError {
  return (
    error instanceof DomainError ||
    (error instanceof Error &&
      typeof (error as Partial<DomainError>).errorType === 'string' &&
      error.name === (error as DomainError).errorType)
  );
}
