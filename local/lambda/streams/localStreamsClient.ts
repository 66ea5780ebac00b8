// DynamoDB Local serves the DynamoDB Streams API on its own endpoint; with -sharedDb the
// credentials only need to be present, so the same fixed local ones are used.
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';

/** A DynamoDB Streams client for DynamoDB Local at `endpoint` (region us-east-1, credentials local/local). */
export function localStreamsClient(endpoint: string): DynamoDBStreamsClient {
  return new DynamoDBStreamsClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}
