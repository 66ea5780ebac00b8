import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbDataSource } from '../../../local/index.ts';
import type { DataSource } from '../../../local/index.ts';
import { createTestTable, testDynamoDbClient } from './localTables.ts';
import { DATA_SOURCE_CALL } from '../../support/dataSourceCall.ts';

// Request objects are written the way @aws-appsync/utils/dynamodb emits them on AWS
// (docs/appsync-facts.md §1.3/§2.1): typed values with numbers as JSON numbers.
let client: DynamoDBClient;
let source: DataSource;
const call = DATA_SOURCE_CALL;
const invoke = (request: unknown) => source.invoke(request, call);

beforeAll(async () => {
  client = testDynamoDbClient();
  const tableName = await createTestTable(client, 'items');
  source = createDynamoDbDataSource({ name: 'ItemsTable', tableName, client });
});

describe('GetItem', () => {
  it('returns the stored item as plain JSON: numbers as numbers, sets as arrays, binary as base64', async () => {
    await invoke({
      operation: 'PutItem',
      key: { id: { S: 'get-1' } },
      attributeValues: {
        count: { N: 12345 },
        price: { N: 4.56 },
        tags: { SS: ['a'] },
        scores: { NS: [1, 23, 4.56] },
        blob: { B: 'aGVsbG8=' },
        ok: { BOOL: true },
        nothing: { NULL: null },
        nested: { M: { list: { L: [{ S: 'foo' }, { N: 123 }, { M: { bar: { S: 'baz' } } }] } } },
      },
    });

    const outcome = await invoke({ operation: 'GetItem', key: { id: { S: 'get-1' } }, consistentRead: true });

    expect(outcome).toEqual({
      result: {
        id: 'get-1',
        count: 12345,
        price: 4.56,
        tags: ['a'],
        scores: expect.arrayContaining([1, 23, 4.56]),
        blob: 'aGVsbG8=',
        ok: true,
        nothing: null,
        nested: { list: ['foo', 123, { bar: 'baz' }] },
      },
    });
  });

  it('returns null for a missing item', async () => {
    expect(await invoke({ operation: 'GetItem', key: { id: { S: 'never-written' } } })).toEqual({ result: null });
  });

  it('applies a projection', async () => {
    await invoke({
      operation: 'PutItem',
      key: { id: { S: 'get-2' } },
      attributeValues: { a: { S: 'x' }, b: { S: 'y' } },
    });
    const outcome = await invoke({
      operation: 'GetItem',
      key: { id: { S: 'get-2' } },
      consistentRead: true,
      projection: { expression: '#a', expressionNames: { '#a': 'a' } },
    });
    expect(outcome).toEqual({ result: { a: 'x' } });
  });

  it('accepts numbers written as strings by hand-written request objects', async () => {
    await invoke({ operation: 'PutItem', key: { id: { S: 'get-3' } }, attributeValues: { n: { N: '10' } } });
    expect(await invoke({ operation: 'GetItem', key: { id: { S: 'get-3' } }, consistentRead: true })).toEqual({
      result: { id: 'get-3', n: 10 },
    });
  });
});

describe('PutItem', () => {
  it('returns the item written, key included (recorded request: put({key:{id:"abc"}, item:{value:10}}))', async () => {
    const outcome = await invoke({
      operation: 'PutItem',
      key: { id: { S: 'abc' } },
      attributeValues: { value: { N: 10 } },
    });
    expect(outcome).toEqual({ result: { id: 'abc', value: 10 } });
  });

  it("fails a violated condition with DynamoDB:ConditionalCheckFailedException and AWS's message", async () => {
    await invoke({ operation: 'PutItem', key: { id: { S: 'put-cond' } }, attributeValues: { v: { N: 1 } } });

    const outcome = await invoke({
      operation: 'PutItem',
      key: { id: { S: 'put-cond' } },
      attributeValues: { v: { N: 2 } },
      condition: { expression: 'attribute_not_exists(#id)', expressionNames: { '#id': 'id' } },
    });

    expect(outcome.result).toBeUndefined();
    expect(outcome.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
    expect(outcome.error?.message).toMatch(
      /^The conditional request failed \(Service: DynamoDb, Status Code: 400, Request ID: .+\)$/,
    );
    expect(await invoke({ operation: 'GetItem', key: { id: { S: 'put-cond' } }, consistentRead: true })).toEqual({
      result: { id: 'put-cond', v: 1 },
    });
  });

  it('succeeds when the condition fails but the stored item already equals the one written', async () => {
    const request = {
      operation: 'PutItem',
      key: { id: { S: 'put-same' } },
      attributeValues: { v: { N: 1 }, tags: { SS: ['x', 'y'] } },
      condition: { expression: 'attribute_not_exists(#id)', expressionNames: { '#id': 'id' } },
    };
    await invoke(request);

    const retry = await invoke({ ...request, attributeValues: { v: { N: 1 }, tags: { SS: ['y', 'x'] } } });

    expect(retry.error).toBeUndefined();
    expect(retry.result).toEqual({ id: 'put-same', v: 1, tags: expect.arrayContaining(['x', 'y']) });
  });

  it('ignores condition.equalsIgnore attributes when comparing the stored item', async () => {
    const condition = {
      expression: 'attribute_not_exists(#id)',
      expressionNames: { '#id': 'id' },
      equalsIgnore: ['updatedAt'],
    };
    await invoke({
      operation: 'PutItem',
      key: { id: { S: 'put-ignore' } },
      attributeValues: { v: { N: 1 }, updatedAt: { S: 't1' } },
      condition,
    });

    const sameButTimestamp = await invoke({
      operation: 'PutItem',
      key: { id: { S: 'put-ignore' } },
      attributeValues: { v: { N: 1 }, updatedAt: { S: 't2' } },
      condition,
    });
    const different = await invoke({
      operation: 'PutItem',
      key: { id: { S: 'put-ignore' } },
      attributeValues: { v: { N: 2 }, updatedAt: { S: 't2' } },
      condition,
    });

    expect(sameButTimestamp).toEqual({ result: { id: 'put-ignore', v: 1, updatedAt: 't1' } });
    expect(different.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
  });
});

describe('UpdateItem', () => {
  it('returns the item after the update (ALL_NEW)', async () => {
    await invoke({
      operation: 'PutItem',
      key: { id: { S: 'upd-1' } },
      attributeValues: { count: { N: 1 }, name: { S: 'a' } },
    });

    // The shape util/dynamodb update() emits for increment(10) (docs/appsync-facts.md §2.1).
    const outcome = await invoke({
      operation: 'UpdateItem',
      key: { id: { S: 'upd-1' } },
      update: {
        expression: 'SET #expName_1 = #expName_1 + :expValue_1',
        expressionNames: { '#expName_1': 'count' },
        expressionValues: { ':expValue_1': { N: 10 } },
      },
    });

    expect(outcome).toEqual({ result: { id: 'upd-1', count: 11, name: 'a' } });
  });

  it('rejects a failed condition even when the update would change nothing', async () => {
    await invoke({ operation: 'PutItem', key: { id: { S: 'upd-2' } }, attributeValues: { v: { N: 1 } } });

    const outcome = await invoke({
      operation: 'UpdateItem',
      key: { id: { S: 'upd-2' } },
      update: { expression: 'SET #v = :v', expressionNames: { '#v': 'v' }, expressionValues: { ':v': { N: 1 } } },
      condition: {
        expression: '#v = :other',
        expressionNames: { '#v': 'v' },
        expressionValues: { ':other': { N: 99 } },
      },
    });

    expect(outcome.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
  });
});

describe('DeleteItem', () => {
  it('returns the item before deletion (ALL_OLD) and removes it', async () => {
    await invoke({ operation: 'PutItem', key: { id: { S: 'del-1' } }, attributeValues: { v: { S: 'gone' } } });

    const outcome = await invoke({ operation: 'DeleteItem', key: { id: { S: 'del-1' } } });

    expect(outcome).toEqual({ result: { id: 'del-1', v: 'gone' } });
    expect(await invoke({ operation: 'GetItem', key: { id: { S: 'del-1' } }, consistentRead: true })).toEqual({
      result: null,
    });
  });

  it('succeeds when the condition fails because the item is already gone', async () => {
    const outcome = await invoke({
      operation: 'DeleteItem',
      key: { id: { S: 'del-absent' } },
      condition: { expression: 'attribute_exists(#id)', expressionNames: { '#id': 'id' } },
    });
    expect(outcome).toEqual({ result: null });
  });

  it('rejects when the condition fails on an existing item', async () => {
    await invoke({ operation: 'PutItem', key: { id: { S: 'del-2' } }, attributeValues: { owner: { S: 'ann' } } });
    const outcome = await invoke({
      operation: 'DeleteItem',
      key: { id: { S: 'del-2' } },
      condition: {
        expression: '#o = :o',
        expressionNames: { '#o': 'owner' },
        expressionValues: { ':o': { S: 'bob' } },
      },
    });
    expect(outcome.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
  });
});

describe('errors', () => {
  it('reports a DynamoDB validation failure as DynamoDB:DynamoDbException (as AppSync does)', async () => {
    const outcome = await invoke({ operation: 'GetItem', key: { id: { N: 1 } } });
    expect(outcome.error?.type).toBe('DynamoDB:DynamoDbException');
    expect(outcome.error?.message).toMatch(/\(Service: DynamoDb, Status Code: 400, Request ID: .+\)$/);
  });

  it('refuses a Sync request and an unknown operation with a clear message', async () => {
    expect((await invoke({ operation: 'Sync' })).error?.message).toMatch(/Sync operation is not supported/);
    expect((await invoke({ operation: 'Frobnicate' })).error?.message).toMatch(
      /Unsupported DynamoDB operation "Frobnicate"/,
    );
  });
});
