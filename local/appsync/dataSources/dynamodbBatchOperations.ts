// BatchGetItem, BatchPutItem, BatchDeleteItem across the tables the request names. AppSync does not
// retry unprocessed entries: it returns them, with null in their place in `data` (see
// docs/appsync-facts.md §2.3). DynamoDB answers in no particular order, so results are matched back to the
// request by key to keep request order.
import { BatchGetItemCommand, BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import type { KeysAndAttributes, WriteRequest } from '@aws-sdk/client-dynamodb';
import type { DataSourceOutcome } from '../runtime/contract.ts';
import { sameAttributeValue, sameItem, toPlainItem, toSdkItem } from './attributeValues.ts';
import type { SdkItem } from './attributeValues.ts';
import { toSdkExpressions } from './dynamodbExpressions.ts';
import { arrayField, objectField, optionalBoolean } from './dynamodbRequestFields.ts';
import type { DynamoDbTarget, RequestObject } from './dynamodbRequestFields.ts';

type PerTable<T> = Record<string, T[]>;

/** BatchGetItem: `{data: {T: [item|null…]}, unprocessedKeys: {T: [key…]}}`, items in request order. */
export async function batchGetItem(request: RequestObject, { client }: DynamoDbTarget): Promise<DataSourceOutcome> {
  const requestItems: Record<string, KeysAndAttributes> = {};
  const requested: PerTable<SdkItem> = {};
  for (const [table, spec] of Object.entries(objectField(request.tables, 'tables'))) {
    const path = `tables.${table}`;
    const tableSpec = objectField(spec, path);
    const keys = arrayField(tableSpec.keys, `${path}.keys`).map((key, i) => toSdkItem(key, `${path}.keys[${i}]`));
    requested[table] = keys;
    requestItems[table] = {
      Keys: keys,
      ConsistentRead: optionalBoolean(tableSpec.consistentRead, `${path}.consistentRead`),
      ...withKeyAttributes(toSdkExpressions({ projection: tableSpec.projection }, path), keys),
    };
  }
  const output = await client.send(new BatchGetItemCommand({ RequestItems: requestItems }));
  const data: PerTable<unknown> = {};
  const unprocessedKeys: PerTable<unknown> = {};
  for (const [table, keys] of Object.entries(requested)) {
    const found = output.Responses?.[table] ?? [];
    data[table] = keys.map((key) => {
      const item = found.find((candidate) => hasKey(candidate, key));
      return item === undefined ? null : toPlainItem(item);
    });
    unprocessedKeys[table] = (output.UnprocessedKeys?.[table]?.Keys ?? []).map(toPlainItem);
  }
  return { result: { data, unprocessedKeys } };
}

/** BatchPutItem: `{data: {T: [item|null…]}, unprocessedItems: {T: [item…]}}` ([?] by analogy with BatchGetItem). */
export async function batchPutItem(request: RequestObject, { client }: DynamoDbTarget): Promise<DataSourceOutcome> {
  const items = readPerTable(request, (entry, path) => toSdkItem(entry, path));
  const unprocessed = await batchWrite(client, items, (Item) => ({ PutRequest: { Item } }));
  const data: PerTable<unknown> = {};
  const unprocessedItems: PerTable<unknown> = {};
  for (const [table, written] of Object.entries(items)) {
    const left = unprocessed[table]?.map((w) => w.PutRequest?.Item ?? {}) ?? [];
    data[table] = written.map((item) => (left.some((l) => sameItem(l, item)) ? null : toPlainItem(item)));
    unprocessedItems[table] = left.map(toPlainItem);
  }
  return { result: { data, unprocessedItems } };
}

/** BatchDeleteItem: `{data: {T: [key|null…]}, unprocessedKeys: {T: [key…]}}` ([?] by analogy with BatchGetItem). */
export async function batchDeleteItem(request: RequestObject, { client }: DynamoDbTarget): Promise<DataSourceOutcome> {
  const keys = readPerTable(request, (entry, path) => toSdkItem(entry, path));
  const unprocessed = await batchWrite(client, keys, (Key) => ({ DeleteRequest: { Key } }));
  const data: PerTable<unknown> = {};
  const unprocessedKeys: PerTable<unknown> = {};
  for (const [table, deleted] of Object.entries(keys)) {
    const left = unprocessed[table]?.map((w) => w.DeleteRequest?.Key ?? {}) ?? [];
    data[table] = deleted.map((key) => (left.some((l) => sameItem(l, key)) ? null : toPlainItem(key)));
    unprocessedKeys[table] = left.map(toPlainItem);
  }
  return { result: { data, unprocessedKeys } };
}

function readPerTable(request: RequestObject, read: (entry: unknown, path: string) => SdkItem): PerTable<SdkItem> {
  const perTable: PerTable<SdkItem> = {};
  for (const [table, entries] of Object.entries(objectField(request.tables, 'tables'))) {
    perTable[table] = arrayField(entries, `tables.${table}`).map((entry, i) => read(entry, `tables.${table}[${i}]`));
  }
  return perTable;
}

async function batchWrite(
  client: DynamoDbTarget['client'],
  perTable: PerTable<SdkItem>,
  toRequest: (item: SdkItem) => WriteRequest,
) {
  const requestItems: Record<string, WriteRequest[]> = {};
  for (const [table, entries] of Object.entries(perTable)) requestItems[table] = entries.map(toRequest);
  const output = await client.send(new BatchWriteItemCommand({ RequestItems: requestItems }));
  return output.UnprocessedItems ?? {};
}

function hasKey(item: SdkItem, key: SdkItem): boolean {
  return Object.entries(key).every(
    ([name, value]) => item[name] !== undefined && sameAttributeValue(item[name], value),
  );
}

/**
 * Results can only be matched to requested keys if they carry the key attributes, so a projection
 * gets them added (the items then include their key attributes even if the projection left them out).
 */
function withKeyAttributes<
  T extends { ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> },
>(params: T, keys: SdkItem[]): T {
  if (params.ProjectionExpression === undefined || keys.length === 0) return params;
  const names = { ...params.ExpressionAttributeNames };
  const extra = Object.keys(keys[0]).map((name, i) => {
    names[`#prolynkKey${i}`] = name;
    return `#prolynkKey${i}`;
  });
  return {
    ...params,
    ProjectionExpression: [params.ProjectionExpression, ...extra].join(', '),
    ExpressionAttributeNames: names,
  };
}
