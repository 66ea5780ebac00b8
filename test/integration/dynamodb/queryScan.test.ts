import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbDataSource } from '../../../local/index.ts';
import type { DataSource } from '../../../local/index.ts';
import { createTestTable, testDynamoDbClient } from './localTables.ts';
import { DATA_SOURCE_CALL } from '../../support/dataSourceCall.ts';

let client: DynamoDBClient;
let source: DataSource;
let otherSource: DataSource;
const call = DATA_SOURCE_CALL;
const invoke = (request: unknown, target = source) => target.invoke(request, call);

interface Page {
  items: Record<string, unknown>[];
  nextToken: string | null;
  scannedCount: number;
}

const byId = (id: string) => ({
  expression: '#id = :id',
  expressionNames: { '#id': 'id' },
  expressionValues: { ':id': { S: id } },
});

beforeAll(async () => {
  client = testDynamoDbClient();
  const tableName = await createTestTable(client, 'query', { sortKey: true, ownerIndex: true });
  source = createDynamoDbDataSource({ name: 'QueryTable', tableName, client });
  otherSource = createDynamoDbDataSource({
    name: 'OtherTable',
    tableName: await createTestTable(client, 'query-other', { sortKey: true }),
    client,
  });
  for (let i = 1; i <= 5; i++) {
    await invoke({
      operation: 'PutItem',
      key: { id: { S: 'p' }, sk: { S: `s${i}` } },
      attributeValues: { n: { N: i }, owner: { S: i % 2 === 0 ? 'even' : 'odd' } },
    });
  }
});

describe('Query', () => {
  it('pages through all items with nextToken, in key order, then returns nextToken null', async () => {
    const seen: unknown[] = [];
    let nextToken: string | null = null;
    let pages = 0;
    do {
      const outcome = await invoke({ operation: 'Query', query: byId('p'), limit: 2, consistentRead: true, nextToken });
      const page = outcome.result as Page;
      expect(typeof page.scannedCount).toBe('number');
      seen.push(...page.items.map((item) => item.sk));
      nextToken = page.nextToken;
      pages++;
    } while (nextToken !== null && pages < 10);

    expect(seen).toEqual(['s1', 's2', 's3', 's4', 's5']);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it('returns {items, nextToken, scannedCount} with scannedCount counting items before the filter', async () => {
    const outcome = await invoke({
      operation: 'Query',
      query: byId('p'),
      consistentRead: true,
      filter: { expression: '#n > :min', expressionNames: { '#n': 'n' }, expressionValues: { ':min': { N: 3 } } },
    });
    expect(outcome).toEqual({
      result: {
        items: [expect.objectContaining({ sk: 's4', n: 4 }), expect.objectContaining({ sk: 's5', n: 5 })],
        nextToken: null,
        scannedCount: 5,
      },
    });
  });

  it('reads backwards with scanIndexForward false', async () => {
    const page = (await invoke({ operation: 'Query', query: byId('p'), scanIndexForward: false, limit: 1 }))
      .result as Page;
    expect(page.items.map((item) => item.sk)).toEqual(['s5']);
  });

  it('queries a global secondary index', async () => {
    const page = (
      await invoke({
        operation: 'Query',
        index: 'byOwner',
        query: { expression: '#o = :o', expressionNames: { '#o': 'owner' }, expressionValues: { ':o': { S: 'even' } } },
      })
    ).result as Page;
    expect(page.items.map((item) => item.sk)).toEqual(['s2', 's4']);
  });

  it('refuses a nextToken issued for another index or another table', async () => {
    const fromTable = (await invoke({ operation: 'Query', query: byId('p'), limit: 1 })).result as Page;
    expect(fromTable.nextToken).not.toBeNull();

    const onIndex = await invoke({
      operation: 'Query',
      index: 'byOwner',
      nextToken: fromTable.nextToken,
      query: { expression: '#o = :o', expressionNames: { '#o': 'owner' }, expressionValues: { ':o': { S: 'even' } } },
    });
    const onOtherTable = await invoke(
      { operation: 'Query', query: byId('p'), nextToken: fromTable.nextToken },
      otherSource,
    );
    const garbage = await invoke({ operation: 'Query', query: byId('p'), nextToken: 'not-a-token' });

    expect(onIndex.error?.message).toMatch(/Invalid nextToken: it was issued for table '.+', not index 'byOwner'/);
    expect(onOtherTable.error?.message).toMatch(/Invalid nextToken/);
    expect(garbage.error?.message).toMatch(/Invalid nextToken/);
  });
});

describe('Scan', () => {
  it('returns {items, nextToken, scannedCount} and pages with nextToken', async () => {
    const first = (await invoke({ operation: 'Scan', limit: 3, consistentRead: true })).result as Page;
    const second = (await invoke({ operation: 'Scan', limit: 3, consistentRead: true, nextToken: first.nextToken }))
      .result as Page;

    expect(first.items).toHaveLength(3);
    expect(first.scannedCount).toBe(3);
    expect(first.nextToken).toEqual(expect.any(String));
    expect([...first.items, ...second.items].map((item) => item.sk).sort()).toEqual(['s1', 's2', 's3', 's4', 's5']);
  });
});
