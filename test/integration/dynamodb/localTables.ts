// Tables for the DynamoDB data-source suites: unique names per file on the run's DynamoDB Local.
import { randomUUID } from 'node:crypto';
import type { CreateTableCommandInput, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ensureTables, localDynamoDbClient } from '../../../local/index.ts';

/** A client for the DynamoDB Local the global setup started. */
export function testDynamoDbClient(): DynamoDBClient {
  const endpoint = process.env.PROLYNK_TEST_DYNAMODB_ENDPOINT;
  if (endpoint === undefined)
    throw new Error('PROLYNK_TEST_DYNAMODB_ENDPOINT is not set: run the tests through vitest (global setup).');
  return localDynamoDbClient(endpoint);
}

/** A fresh table named `<prefix>-<random>` with string key `id`, optional string sort key `sk` and GSI `byOwner` (owner, sk). */
export async function createTestTable(
  client: DynamoDBClient,
  prefix: string,
  options: { sortKey?: boolean; ownerIndex?: boolean } = {},
): Promise<string> {
  const TableName = `${prefix}-${randomUUID().slice(0, 8)}`;
  const table: CreateTableCommandInput = {
    TableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [
      { AttributeName: 'id', KeyType: 'HASH' },
      ...(options.sortKey ? [{ AttributeName: 'sk', KeyType: 'RANGE' as const }] : []),
    ],
    AttributeDefinitions: [
      { AttributeName: 'id', AttributeType: 'S' },
      ...(options.sortKey || options.ownerIndex ? [{ AttributeName: 'sk', AttributeType: 'S' as const }] : []),
      ...(options.ownerIndex ? [{ AttributeName: 'owner', AttributeType: 'S' as const }] : []),
    ],
    GlobalSecondaryIndexes: options.ownerIndex
      ? [
          {
            IndexName: 'byOwner',
            KeySchema: [
              { AttributeName: 'owner', KeyType: 'HASH' },
              { AttributeName: 'sk', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ]
      : undefined,
  };
  await ensureTables(client, [table]);
  return TableName;
}
