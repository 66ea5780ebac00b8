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

  it('round-trips binary values as the default client does', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]).toString('base64');
    const put = await viaLean.invoke(
      {
        operation: 'PutItem',
        key: { id: { S: 'lean-bin' } },
        attributeValues: { b: { B: bytes }, bs: { BS: [bytes, 'AA=='] } },
      },
      call,
    );
    expect(put.error).toBeUndefined();

    const request = { operation: 'GetItem', key: { id: { S: 'lean-bin' } }, consistentRead: true };
    const [lean, standard] = await Promise.all([viaLean.invoke(request, call), viaDefault.invoke(request, call)]);
    expect(lean).toEqual(standard);
    expect(lean.result).toEqual({ id: 'lean-bin', b: bytes, bs: expect.arrayContaining([bytes, 'AA==']) });
  });

  it('gives a cancelled transaction the same error and cancellation reasons as the default client', async () => {
    await viaDefault.invoke({ operation: 'PutItem', key: { id: { S: 'lean-tx' } }, attributeValues: {} }, call);
    const request = {
      operation: 'TransactWriteItems',
      transactItems: [
        {
          table: tableName,
          operation: 'PutItem',
          key: { id: { S: 'lean-tx' } },
          condition: { expression: 'attribute_not_exists(id)', returnValuesOnConditionCheckFailure: true },
        },
        { table: tableName, operation: 'PutItem', key: { id: { S: 'lean-tx-2' } } },
      ],
    };
    const lean = await viaLean.invoke(request, call);
    const standard = await viaDefault.invoke(request, call);

    expect(lean.error?.type).toBe('DynamoDB:TransactionCanceledException');
    expect(withoutRequestId(lean)).toEqual(withoutRequestId(standard));
  });

  it('answers as DynamoDB being unavailable when nothing listens, after the same retries', async () => {
    const closed = createDynamoDbDataSource({
      name: 'Closed',
      tableName,
      client: dataSourceDynamoDbClient('http://127.0.0.1:9'),
    });
    const outcome = await closed.invoke({ operation: 'GetItem', key: { id: { S: 'x' } } }, call);

    expect(outcome.error?.type).toBe('DynamoDB:DynamoDbException');
    expect(outcome.error?.message).toMatch(
      /^Service Unavailable: .*ECONNREFUSED.*\(Service: DynamoDb, Status Code: 503/,
    );
  });
});
