// The stream publisher (docs/architecture.md §4 "Privacy of real-time updates"): DynamoDB Streams on the
// profiles and links tables → publishProfileEvent, signed with the function's IAM role, carrying
// only the public view. Partial failures are reported with batchItemFailures
// (FunctionResponseTypes: ReportBatchItemFailures on the event source mapping).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createAppSyncClient, environmentCredentials } from '../lib/appsyncClient.ts';
import { createLogger } from '../lib/logger.ts';
import { publishBatch } from './publishBatch.ts';
import { publishEvent } from './publishEvent.ts';
import { dynamoDbProfileStore } from './profileStore.ts';
import type { DynamoDBStreamEvent, StreamBatchResponse } from './streamEvent.ts';

const logger = createLogger('publish');
const tables = {
  users: requiredEnv('USERS_TABLE'),
  profiles: requiredEnv('PROFILES_TABLE'),
  links: requiredEnv('LINKS_TABLE'),
};
const store = dynamoDbProfileStore(new DynamoDBClient({}), tables);
const graphql = createAppSyncClient({
  url: requiredEnv('GRAPHQL_URL'),
  region: requiredEnv('AWS_REGION'),
  credentials: environmentCredentials,
});

/** DynamoDB Streams handler: publishes the batch's profile events, reports the records to retry. */
export async function handler(event: DynamoDBStreamEvent): Promise<StreamBatchResponse> {
  const started = Date.now();
  const records = Array.isArray(event?.Records) ? event.Records : [];
  const result = await publishBatch(records, {
    tables,
    store,
    publish: (input) => publishEvent(graphql, input),
    logger,
  });
  logger.info('batch done', {
    operation: 'publishBatch',
    records: records.length,
    failed: result.batchItemFailures.length,
    outcome: result.batchItemFailures.length === 0 ? 'ok' : 'partial',
    durationMs: Date.now() - started,
  });
  return result;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set.`);
  return value;
}
