// The DynamoDB Streams event Lambda delivers (event source mapping, StreamViewType
// NEW_AND_OLD_IMAGES) and the partial-batch answer it accepts (ReportBatchItemFailures).
// Declared here because the project does not depend on @types/aws-lambda.
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** One change record, as Lambda passes it: images in DynamoDB's JSON wire format. */
export interface DynamoDBStreamRecord {
  eventID?: string;
  eventName?: 'INSERT' | 'MODIFY' | 'REMOVE';
  eventVersion?: string;
  eventSource?: string;
  awsRegion?: string;
  /** `arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>`. */
  eventSourceARN?: string;
  dynamodb?: {
    /** Epoch seconds. */
    ApproximateCreationDateTime?: number;
    Keys?: Record<string, AttributeValue>;
    NewImage?: Record<string, AttributeValue>;
    OldImage?: Record<string, AttributeValue>;
    SequenceNumber?: string;
    SizeBytes?: number;
    StreamViewType?: string;
  };
}

/** The event of one invocation: a batch of records from ONE shard, in order. */
export interface DynamoDBStreamEvent {
  Records: DynamoDBStreamRecord[];
}

/** ReportBatchItemFailures: Lambda retries the shard from the lowest sequence number listed. */
export interface StreamBatchResponse {
  batchItemFailures: { itemIdentifier: string }[];
}

/** The table a stream ARN belongs to (`…:table/<name>/stream/<label>` → `<name>`). */
export function tableNameOfStreamArn(arn: string | undefined): string | undefined {
  const match = /:table\/([^/]+)\/stream\//.exec(arn ?? '');
  return match ? match[1] : undefined;
}
