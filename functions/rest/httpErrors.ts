// The REST shim's error contract (docs/rest-contract.md "Error Handling Patterns": every error is JSON
// with `error` and an optional `message`): `error` is the status's reason phrase, `message` the detail.

const REASON_PHRASES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The HTTP statuses the shim answers errors with. */
export type ErrorStatus = 400 | 401 | 404 | 409 | 500 | 503;

/** Seconds a 503's Retry-After asks the caller to wait: DynamoDB's own outages and throttling pass in about that. */
export const RETRY_AFTER_SECONDS = 1;

/** The seed's error body. */
export interface ErrorBody {
  error: string;
  message?: string;
}

/** An error the shim answers with `status` and a message that is safe to show the caller. */
export class HttpError extends Error {
  constructor(
    readonly status: ErrorStatus,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** The reason phrase of an HTTP status ("Not Found" for 404). */
export function reasonPhrase(status: number): string {
  return REASON_PHRASES[status] ?? 'Error';
}

/** The JSON body for an error response: `{ error: <reason phrase>, message }`. */
export function errorBody(status: number, message?: string): ErrorBody {
  return message === undefined ? { error: reasonPhrase(status) } : { error: reasonPhrase(status), message };
}
