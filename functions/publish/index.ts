// The stream publisher (docs/architecture.md §4 "Privacy of real-time updates"): DynamoDB Streams on the
// profiles and links tables → publishProfileEvent, signed with the function's IAM role, carrying
// only the public view. Partial failures are reported with batchItemFailures
// (FunctionResponseTypes: ReportBatchItemFailures on the event source mapping); a batch that
// keeps failing ends in the mapping's on-failure queue.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { ProfileEventInput } from '../../generated/graphql.ts';
import { createAppSyncClient, environmentCredentials } from '../lib/appsyncClient.ts';
import { readEnvironment } from '../lib/environment.ts';
import { createPowertools, MetricUnit, withPowertools } from '../lib/powertools.ts';
import { publishBatch } from './publishBatch.ts';
import { publishEvent } from './publishEvent.ts';
import { dynamoDbProfileStore } from './profileStore.ts';
import type { DynamoDBStreamEvent, StreamBatchResponse } from './streamEvent.ts';

const env = readEnvironment('publish');
const tools = createPowertools('publish');
const tables = { users: env.USERS_TABLE, profiles: env.PROFILES_TABLE, links: env.LINKS_TABLE };
const store = dynamoDbProfileStore(tools.tracer.captureAWSv3Client(new DynamoDBClient({})), tables);
const graphql = createAppSyncClient({
  url: env.GRAPHQL_URL,
  region: env.AWS_REGION,
  credentials: environmentCredentials,
});

// Counted here, where each call's success is known: one data point per event subscribers received.
async function publishCounted(input: ProfileEventInput): Promise<void> {
  await publishEvent(graphql, input);
  tools.metrics.addMetric('ProfileEventsPublished', MetricUnit.Count, 1);
}

/** DynamoDB Streams handler: publishes the batch's profile events, reports the records to retry. */
export const handler = withPowertools(tools, async (event: DynamoDBStreamEvent): Promise<StreamBatchResponse> => {
  const started = Date.now();
  const records = Array.isArray(event?.Records) ? event.Records : [];
  const result = await publishBatch(records, { tables, store, publish: publishCounted, logger: tools.logger });
  if (result.batchItemFailures.length > 0)
    tools.metrics.addMetric('ProfileEventRecordsFailed', MetricUnit.Count, result.batchItemFailures.length);
  tools.logger.info('batch done', {
    operation: 'publishBatch',
    records: records.length,
    failed: result.batchItemFailures.length,
    outcome: result.batchItemFailures.length === 0 ? 'ok' : 'partial',
    durationMs: Date.now() - started,
  });
  return result;
});
