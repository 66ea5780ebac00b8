import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbDataSource } from '../../../local/index.ts';
import type { DataSource } from '../../../local/index.ts';
import { createTestTable, testDynamoDbClient } from './localTables.ts';
import { DATA_SOURCE_CALL } from '../../support/dataSourceCall.ts';

let client: DynamoDBClient;
let source: DataSource;
let posts: string;
let authors: string;
const call = DATA_SOURCE_CALL;
const invoke = (request: unknown) => source.invoke(request, call);

beforeAll(async () => {
  client = testDynamoDbClient();
  posts = await createTestTable(client, 'batch-posts');
  authors = await createTestTable(client, 'batch-authors');
  // The data source's own table is irrelevant for batch operations: they name their tables.
  source = createDynamoDbDataSource({ name: 'PostsTable', tableName: posts, client });
});

describe('BatchPutItem', () => {
  it('returns {data: {T: [items…]}, unprocessedItems: {T: []}} for every table, in request order', async () => {
    const outcome = await invoke({
      operation: 'BatchPutItem',
      tables: {
        [posts]: [
          { id: { S: 'p1' }, title: { S: 'one' } },
          { id: { S: 'p2' }, title: { S: 'two' } },
          { id: { S: 'p3' }, title: { S: 'three' } },
        ],
        [authors]: [{ id: { S: 'a1' }, name: { S: 'Ann' }, age: { N: 40 } }],
      },
    });
    expect(outcome).toEqual({
      result: {
        data: {
          [posts]: [
            { id: 'p1', title: 'one' },
            { id: 'p2', title: 'two' },
            { id: 'p3', title: 'three' },
          ],
          [authors]: [{ id: 'a1', name: 'Ann', age: 40 }],
        },
        unprocessedItems: { [posts]: [], [authors]: [] },
      },
    });
  });
});

describe('BatchGetItem', () => {
  it('keeps request order per table and puts null where an item is missing', async () => {
    const outcome = await invoke({
      operation: 'BatchGetItem',
      tables: {
        [posts]: { keys: [{ id: { S: 'p3' } }, { id: { S: 'missing' } }, { id: { S: 'p1' } }], consistentRead: true },
        [authors]: {
          keys: [{ id: { S: 'a1' } }],
          consistentRead: true,
          projection: { expression: '#n', expressionNames: { '#n': 'name' } },
        },
      },
    });
    expect(outcome).toEqual({
      result: {
        data: {
          [posts]: [{ id: 'p3', title: 'three' }, null, { id: 'p1', title: 'one' }],
          // The key attribute comes along so results can be matched to requested keys.
          [authors]: [{ id: 'a1', name: 'Ann' }],
        },
        unprocessedKeys: { [posts]: [], [authors]: [] },
      },
    });
  });
});

describe('BatchDeleteItem', () => {
  it('returns {data: {T: [keys…]}, unprocessedKeys: {T: []}} and deletes the items', async () => {
    const outcome = await invoke({
      operation: 'BatchDeleteItem',
      tables: { [posts]: [{ id: { S: 'p1' } }, { id: { S: 'p2' } }] },
    });
    const after = await invoke({
      operation: 'BatchGetItem',
      tables: {
        [posts]: { keys: [{ id: { S: 'p1' } }, { id: { S: 'p2' } }, { id: { S: 'p3' } }], consistentRead: true },
      },
    });

    expect(outcome).toEqual({
      result: { data: { [posts]: [{ id: 'p1' }, { id: 'p2' }] }, unprocessedKeys: { [posts]: [] } },
    });
    expect((after.result as { data: Record<string, unknown[]> }).data[posts]).toEqual([
      null,
      null,
      { id: 'p3', title: 'three' },
    ]);
  });
});
