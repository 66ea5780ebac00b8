import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbDataSource, dataSourceDynamoDbClient } from '../../../local/index.ts';
import type { DataSource } from '../../../local/index.ts';
import { createTestTable, testDynamoDbClient } from './localTables.ts';
import { DATA_SOURCE_CALL } from '../../support/dataSourceCall.ts';

// The data path's lean client drops signing and other middleware; what a resolver sees through it
// must be what it sees through the SDK's default client.
const endpoint = () => process.env.PROLYNK_TEST_DYNAMODB_ENDPOINT ?? '';
const lean = () => dataSourceDynamoDbClient(endpoint());
let leanClient: ReturnType<typeof lean>;
let tableName: string;
let viaLean: DataSource;
let viaDefault: DataSource;
const call = DATA_SOURCE_CALL;
// Request IDs differ per call; everything else must match.
const withoutRequestId = (outcome: { error?: { message: string } }) =>
  JSON.parse(JSON.stringify(outcome).replace(/Request ID: [0-9a-f-]+/g, 'Request ID: <id>'));

beforeAll(async () => {
  const client = testDynamoDbClient();
  tableName = await createTestTable(client, 'lean');
  leanClient = lean();
  viaLean = createDynamoDbDataSource({ name: 'Lean', tableName, client: leanClient });
  viaDefault = createDynamoDbDataSource({ name: 'Default', tableName, client });
});

afterAll(() => leanClient.destroy());

describe('the data sources’ DynamoDB client', () => {
  it('writes and reads what the default client reads, unsigned', async () => {
    const put = await viaLean.invoke(
      { operation: 'PutItem', key: { id: { S: 'lean-1' } }, attributeValues: { n: { N: 7 } } },
      call,
    );
    expect(put.error).toBeUndefined();

    const read = await viaDefault.invoke(
      { operation: 'GetItem', key: { id: { S: 'lean-1' } }, consistentRead: true },
      call,
    );
    expect(read).toEqual({ result: { id: 'lean-1', n: 7 } });
    const raw = await leanClient.send(new GetItemCommand({ TableName: tableName, Key: { id: { S: 'lean-1' } } }));
    expect(raw.Item?.n).toEqual({ N: '7' });
  });

  it('gives a failed condition the same ctx.error as the default client', async () => {
    const request = {
      operation: 'PutItem',
      key: { id: { S: 'lean-1' } },
      attributeValues: { n: { N: 8 } },
      condition: { expression: 'attribute_not_exists(id)' },
    };
    const [lean, standard] = await Promise.all([viaLean.invoke(request, call), viaDefault.invoke(request, call)]);

    expect(lean.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(withoutRequestId(lean)).toEqual(withoutRequestId(standard));
  });

  it('reports a missing table as the default client does', async () => {
    const missing = { operation: 'GetItem', key: { id: { S: 'x' } } };
    const leanMissing = createDynamoDbDataSource({ name: 'L', tableName: 'no-such-table', client: leanClient });
    const defaultMissing = createDynamoDbDataSource({
      name: 'D',
      tableName: 'no-such-table',
      client: testDynamoDbClient(),
    });
    const [a, b] = await Promise.all([leanMissing.invoke(missing, call), defaultMissing.invoke(missing, call)]);

    expect(a.error?.type).toBe('DynamoDB:ResourceNotFoundException');
    expect(withoutRequestId(a)).toEqual(withoutRequestId(b));
  });
});
