// AppSync's answer → the HTTP status the REST shim gives (docs/architecture.md §4 "The API"): our errorTypes map
// one to one; validation errors (no errorType) are the caller's malformed input; a request-level
// HTTP 401 is a refused token; DynamoDB being briefly unavailable or throttling is a 503 the caller
// may retry; everything else is our fault and becomes a generic 500.
import type { GraphqlError } from '../lib/appsyncClient.ts';
import type { ErrorStatus } from './httpErrors.ts';
import type { RestFieldNamer } from './restFieldNames.ts';
import { restMessage } from './restFieldNames.ts';

export type { GraphqlError } from '../lib/appsyncClient.ts';

/** A refusal the shim passes on (`expose`: the message is safe to show), or an internal failure. */
export interface MappedError {
  status: ErrorStatus;
  message: string;
  /** False when the cause is ours: the caller gets a generic message and the cause is logged. */
  expose: boolean;
}

const STATUS_BY_ERROR_TYPE: Record<string, ErrorStatus> = {
  BadRequest: 400,
  Unauthorized: 401,
  // AppSync's own request-level type, also possible inside a 200 for some refusals.
  UnauthorizedException: 401,
  NotFound: 404,
  Conflict: 409,
};

// How AppSync reports a DynamoDB failure worth retrying: the exceptions DynamoDB documents as
// retryable, and its service-side (5xx) failures, which AppSync passes on as DynamoDbException
// with the status in the message ("… (Service: DynamoDb, Status Code: 503, …)").
const RETRYABLE_DATA_SOURCE_TYPES = new Set([
  'DynamoDB:ProvisionedThroughputExceededException',
  'DynamoDB:RequestLimitExceeded',
  'DynamoDB:ThrottlingException',
  'DynamoDB:InternalServerErrorException',
]);
const SERVICE_SIDE_STATUS = /\(Service: DynamoDb, Status Code: 5\d\d\b/;

/** Message of a 503: the data store is briefly unavailable. */
export const UNAVAILABLE_MESSAGE = 'The service is briefly unavailable; please try again in a moment.';

function isRetryable(errorType: string, message: string): boolean {
  if (RETRYABLE_DATA_SOURCE_TYPES.has(errorType)) return true;
  return errorType === 'DynamoDB:DynamoDbException' && SERVICE_SIDE_STATUS.test(message);
}

/** Message given for failures whose cause must not reach the caller. */
export const GENERIC_FAILURE_MESSAGE = 'Something went wrong; please try again later.';

/**
 * A GraphQL validation error (a value GraphQL could not coerce) in plain words: its own text speaks
 * of variables and GraphQL types. The routes check value types first, so this is a fallback.
 */
export const WRONG_TYPE_MESSAGE = 'A value in the request body has the wrong type.';

// A GraphQL input path inside a message: `input.contentLength`, `input.projects[2].link`.
const INPUT_PATH = /\binput(?:\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])+/g;

/** A BadRequest in REST terms: the field the resolver named, or every input path in the message, renamed. */
function badRequestMessage(error: GraphqlError, namer: RestFieldNamer | undefined): string {
  const rename = (path: string) => namer?.(path) ?? path.replace(/^input\./, '');
  const field = error.errorInfo?.field;
  if (typeof field === 'string' && error.message.startsWith(`${field}: `)) {
    return restMessage(rename(field), error.message.slice(field.length + 2));
  }
  return error.message.replace(INPUT_PATH, rename);
}

/**
 * Maps AppSync's HTTP status and `errors` to the shim's HTTP error; null when there is no error.
 * `namer` gives the REST key for a GraphQL input path, so 400 messages name the body's own keys.
 */
export function mapGraphqlErrors(
  httpStatus: number,
  errors: readonly GraphqlError[] | null | undefined,
  namer?: RestFieldNamer,
): MappedError | null {
  const first = errors?.[0];
  // AppSync refuses a missing, malformed or expired token before GraphQL runs.
  if (httpStatus === 401) return { status: 401, message: first?.message ?? 'Unauthorized', expose: true };
  if (httpStatus < 200 || httpStatus >= 300) {
    return {
      status: 500,
      message: `AppSync answered HTTP ${httpStatus}: ${first?.errorType ?? ''} ${first?.message ?? ''}`.trim(),
      expose: false,
    };
  }
  if (first === undefined) return null;
  const errorType = first.errorType ?? null;
  // Validation errors ("Variable 'input' has an invalid value…") carry no errorType: the input had a wrong type.
  if (errorType === null) return { status: 400, message: WRONG_TYPE_MESSAGE, expose: true };
  if (errorType === 'BadRequest') return { status: 400, message: badRequestMessage(first, namer), expose: true };
  const status = Object.hasOwn(STATUS_BY_ERROR_TYPE, errorType) ? STATUS_BY_ERROR_TYPE[errorType] : undefined;
  if (status !== undefined) return { status, message: first.message, expose: true };
  if (isRetryable(errorType, first.message)) return { status: 503, message: UNAVAILABLE_MESSAGE, expose: true };
  return { status: 500, message: `${errorType}: ${first.message}`, expose: false };
}
