import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbDataSource } from '../../../local/index.ts';
import type { DataSource } from '../../../local/index.ts';
import { createTestTable, testDynamoDbClient } from './localTables.ts';
import { DATA_SOURCE_CALL } from '../../support/dataSourceCall.ts';

let client: DynamoDBClient;
let source: DataSource;
let users: string;
let names: string;
// Transactions run for mutations.
const call = { ...DATA_SOURCE_CALL, info: { ...DATA_SOURCE_CALL.info, parentTypeName: 'Mutation' } };
const invoke = (request: unknown) => source.invoke(request, call);
const notExists = { expression: 'attribute_not_exists(#id)', expressionNames: { '#id': 'id' } };

beforeAll(async () => {
  client = testDynamoDbClient();
  users = await createTestTable(client, 'tx-users');
  names = await createTestTable(client, 'tx-names');
  source = createDynamoDbDataSource({ name: 'UsersTable', tableName: users, client });
});

describe('TransactWriteItems', () => {
  it('returns {keys: [...in request order], cancellationReasons: null}', async () => {
    const outcome = await invoke({
      operation: 'TransactWriteItems',
      transactItems: [
        {
          table: users,
          operation: 'PutItem',
          key: { id: { S: 'u1' } },
          attributeValues: { username: { S: 'ann' } },
          condition: notExists,
        },
        {
          table: names,
          operation: 'PutItem',
          key: { id: { S: 'ann' } },
          attributeValues: { owner: { S: 'u1' } },
          condition: notExists,
        },
      ],
    });
    expect(outcome).toEqual({ result: { keys: [{ id: 'u1' }, { id: 'ann' }], cancellationReasons: null } });
  });

  it('is cancelled as DynamoDB:TransactionCanceledException with one reason per item in request order, the failing one carrying the current item', async () => {
    const outcome = await invoke({
      operation: 'TransactWriteItems',
      transactItems: [
        {
          table: users,
          operation: 'PutItem',
          key: { id: { S: 'u2' } },
          attributeValues: { username: { S: 'ann' } },
          condition: notExists,
        },
        {
          table: names,
          operation: 'PutItem',
          key: { id: { S: 'ann' } },
          attributeValues: { owner: { S: 'u2' } },
          condition: notExists,
        },
        {
          table: names,
          operation: 'ConditionCheck',
          key: { id: { S: 'ann' } },
          condition: { ...notExists, returnValuesOnConditionCheckFailure: false },
        },
      ],
    });

    // AppSync sets both: ctx.error, and ctx.result = {keys: null, cancellationReasons} (docs/appsync-facts.md §2.3).
    const error = outcome.error!;
    const result = outcome.result as { keys: null; cancellationReasons: unknown[] };
    expect(result.keys).toBeNull();
    expect(error.type).toBe('DynamoDB:TransactionCanceledException');
    expect(error.message).toMatch(/\(Service: DynamoDb, Status Code: 400, Request ID: .+\)$/);
    // Reason codes are DynamoDB's CancellationReason codes; `item` is present unless
    // returnValuesOnConditionCheckFailure is false (AppSync transaction-condition docs).
    expect(result.cancellationReasons).toEqual([
      { type: 'None', message: 'None' },
      { type: 'ConditionalCheckFailed', message: expect.any(String), item: { id: 'ann', owner: 'u1' } },
      { type: 'ConditionalCheckFailed', message: expect.any(String) },
    ]);
    expect(await invoke({ operation: 'GetItem', key: { id: { S: 'u2' } }, consistentRead: true })).toEqual({
      result: null,
    });
  });

  it('supports UpdateItem and DeleteItem entries', async () => {
    const outcome = await invoke({
      operation: 'TransactWriteItems',
      transactItems: [
        {
          table: users,
          operation: 'UpdateItem',
          key: { id: { S: 'u1' } },
          update: {
            expression: 'SET #u = :u',
            expressionNames: { '#u': 'username' },
            expressionValues: { ':u': { S: 'bea' } },
          },
        },
        {
          table: names,
          operation: 'DeleteItem',
          key: { id: { S: 'ann' } },
          condition: {
            expression: '#o = :o',
            expressionNames: { '#o': 'owner' },
            expressionValues: { ':o': { S: 'u1' } },
          },
        },
      ],
    });
    expect(outcome).toEqual({ result: { keys: [{ id: 'u1' }, { id: 'ann' }], cancellationReasons: null } });
    expect(await invoke({ operation: 'GetItem', key: { id: { S: 'u1' } }, consistentRead: true })).toEqual({
      result: { id: 'u1', username: 'bea' },
    });
  });
});

describe('TransactGetItems', () => {
  it('returns {items: [item|null…], cancellationReasons: null} in request order', async () => {
    await invoke({
      operation: 'TransactWriteItems',
      transactItems: [
        { table: names, operation: 'PutItem', key: { id: { S: 'cat' } }, attributeValues: { owner: { S: 'u9' } } },
      ],
    });
    const outcome = await invoke({
      operation: 'TransactGetItems',
      transactItems: [
        { table: names, key: { id: { S: 'nobody' } } },
        { table: users, key: { id: { S: 'u1' } } },
        {
          table: names,
          key: { id: { S: 'cat' } },
          projection: { expression: '#o', expressionNames: { '#o': 'owner' } },
        },
      ],
    });
    expect(outcome).toEqual({
      result: { items: [null, { id: 'u1', username: 'bea' }, { owner: 'u9' }], cancellationReasons: null },
    });
  });
});
