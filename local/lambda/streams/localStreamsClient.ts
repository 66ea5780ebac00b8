// DynamoDB Local serves the DynamoDB Streams API on its own endpoint; with -sharedDb the
// credentials only need to be present, so the same fixed local ones are used.
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { localClientConfig } from '../../awsConfig.ts';

/** A DynamoDB Streams client for DynamoDB Local at `endpoint` (the local region and credentials). */
export function localStreamsClient(endpoint: string): DynamoDBStreamsClient {
  return new DynamoDBStreamsClient(localClientConfig(endpoint));
}
