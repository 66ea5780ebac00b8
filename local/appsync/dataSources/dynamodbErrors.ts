// How DynamoDB failures reach ctx.error. AppSync calls DynamoDB with the AWS SDK for Java v2, so
// (recorded on AWS, aws/aws-appsync-community#220 and #343):
// - exceptions that SDK models keep their name: `DynamoDB:ConditionalCheckFailedException`;
// - the rest (ValidationException, …) surface as the SDK's base class: `DynamoDB:DynamoDbException`;
// - the message carries the SDK v2 suffix "(Service: DynamoDb, Status Code: 400, Request ID: …)".
// DynamoDB Local unreachable (it died and the supervisor is restarting it, local/services/supervisor.ts)
// reads as DynamoDB's own transient failure, a 503 the caller may retry, never as a fault of ours.
import type { DataSourceError } from '../runtime/contract.ts';

/** A request object AppSync itself would refuse before calling DynamoDB (bad shape, unknown operation). */
export class InvalidRequestObjectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRequestObjectError';
  }
}

// Data-plane exceptions modelled by the Java SDK v2 DynamoDB client.
const MODELED_EXCEPTIONS = new Set([
  'ConditionalCheckFailedException',
  'IdempotentParameterMismatchException',
  'InternalServerErrorException',
  'ItemCollectionSizeLimitExceededException',
  'LimitExceededException',
  'ProvisionedThroughputExceededException',
  'ReplicatedWriteConflictException',
  'RequestLimitExceededException',
  'ResourceInUseException',
  'ResourceNotFoundException',
  'ThrottlingException',
  'TransactionCanceledException',
  'TransactionConflictException',
  'TransactionInProgressException',
]);

interface SdkServiceError {
  name: string;
  message: string;
  $metadata?: { httpStatusCode?: number; requestId?: string };
}

/** Maps an error thrown by the SDK client (or by request validation) to AppSync's `{message, type}`. */
export function toDataSourceError(error: unknown): DataSourceError {
  if (error instanceof InvalidRequestObjectError) {
    // [?] The type AppSync uses for a malformed DynamoDB request object from a JS handler.
    return { message: error.message, type: 'MappingTemplate' };
  }
  if (isSdkServiceError(error)) {
    const exception = MODELED_EXCEPTIONS.has(error.name) ? error.name : 'DynamoDbException';
    return { message: awsMessage(error), type: `DynamoDB:${exception}` };
  }
  const cause = error instanceof Error ? error.message : String(error);
  return {
    message: `Service Unavailable: DynamoDB could not be reached (${cause}) (Service: DynamoDb, Status Code: 503, Request ID: null)`,
    type: 'DynamoDB:DynamoDbException',
  };
}

/** The message text with the SDK v2 suffix AppSync shows, e.g. "The conditional request failed (Service: DynamoDb, …)". */
export function awsMessage(error: SdkServiceError): string {
  const status = error.$metadata?.httpStatusCode ?? 400;
  const requestId = error.$metadata?.requestId ?? 'null';
  return `${error.message} (Service: DynamoDb, Status Code: ${status}, Request ID: ${requestId})`;
}

/** True for errors the SDK raised from a DynamoDB error response. */
function isSdkServiceError(error: unknown): error is SdkServiceError {
  return (
    error instanceof Error && typeof (error as { $metadata?: unknown }).$metadata === 'object' && '$fault' in error
  );
}
