// The DynamoDB calls the migration makes, each reporting the capacity it consumed: paginated
// Scan pages, BatchGetItem of one page's related rows, GetItem, and the conditional updates that
// ops/migrate/writeUnits.ts sends in transactions.
import { BatchGetItemCommand, GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, ConsumedCapacity, DynamoDBClient, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { RowUpdate } from './fixes/rowUpdate.ts';
import { renderUpdate } from './fixes/rowUpdate.ts';

/** A row as plain JSON. */
export type Item = Record<string, unknown>;

/** Capacity units consumed, summed over calls. */
export interface Consumed {
  read: number;
  write: number;
}

/** A client plus the running capacity total. */
export interface Db {
  client: DynamoDBClient;
  consumed: Consumed;
}

/** Adds what a response reports to the total (DynamoDB Local may report nothing). */
export function addConsumed(db: Db, reported: ConsumedCapacity | ConsumedCapacity[] | undefined): void {
  for (const c of Array.isArray(reported) ? reported : reported ? [reported] : []) {
    db.consumed.read += c.ReadCapacityUnits ?? (c.WriteCapacityUnits === undefined ? (c.CapacityUnits ?? 0) : 0);
    db.consumed.write += c.WriteCapacityUnits ?? 0;
  }
}

/** One Scan page of `segment` of `total` segments, from `startKey`. */
export async function scanPage(
  db: Db,
  table: string,
  segment: number,
  total: number,
  limit: number,
  startKey: Record<string, AttributeValue> | null,
) {
  const out = await db.client.send(
    new ScanCommand({
      TableName: table,
      Limit: limit,
      Segment: segment,
      TotalSegments: total,
      ExclusiveStartKey: startKey ?? undefined,
      ReturnConsumedCapacity: 'TOTAL',
    }),
  );
  addConsumed(db, out.ConsumedCapacity);
  return { items: (out.Items ?? []).map((i) => unmarshall(i)), lastKey: out.LastEvaluatedKey ?? null };
}

/** The items under `keys` (at most 100, distinct), by their key's JSON; missing ones are absent. */
export async function batchGet(db: Db, table: string, keys: Item[]): Promise<Map<string, Item>> {
  const found = new Map<string, Item>();
  let pending = keys.map((k) => marshall(k));
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    if (attempt > 0) await new Promise((done) => setTimeout(done, Math.min(1000, 50 * 2 ** attempt)));
    const out = await db.client.send(
      new BatchGetItemCommand({
        RequestItems: { [table]: { Keys: pending, ConsistentRead: true } },
        ReturnConsumedCapacity: 'TOTAL',
      }),
    );
    addConsumed(db, out.ConsumedCapacity);
    for (const item of out.Responses?.[table] ?? []) {
      const plain = unmarshall(item);
      found.set(keyOf(plain, Object.keys(keys[0] ?? {})), plain);
    }
    pending = out.UnprocessedKeys?.[table]?.Keys ?? [];
  }
  return found;
}

/** The JSON of `item`'s key attributes, in `names` order (to look up batchGet results). */
export function keyOf(item: Item, names: string[]): string {
  return JSON.stringify(names.map((n) => item[n]));
}

/** One item by key, strongly consistent. */
export async function getItem(db: Db, table: string, key: Item): Promise<Item | null> {
  const out = await db.client.send(
    new GetItemCommand({ TableName: table, Key: marshall(key), ConsistentRead: true, ReturnConsumedCapacity: 'TOTAL' }),
  );
  addConsumed(db, out.ConsumedCapacity);
  return out.Item ? unmarshall(out.Item) : null;
}

/** A condition expression with its own placeholders (#c…, :c…). */
export interface Condition {
  expression: string;
  names: Record<string, string>;
  values: Item;
}

/** A transaction action: `update` on `key` if `condition` holds. */
export function updateAction(table: string, key: Item, update: RowUpdate, condition: Condition): TransactWriteItem {
  const rendered = renderUpdate(update);
  const values = {
    ...(rendered.ExpressionAttributeValues ?? {}),
    ...(Object.keys(condition.values).length ? marshall(condition.values, { removeUndefinedValues: true }) : {}),
  };
  return {
    Update: {
      TableName: table,
      Key: marshall(key),
      UpdateExpression: rendered.UpdateExpression,
      ConditionExpression: condition.expression,
      ExpressionAttributeNames: { ...rendered.ExpressionAttributeNames, ...condition.names },
      ExpressionAttributeValues: Object.keys(values).length ? values : undefined,
    },
  };
}

/** "The row exists and its updated_at is still what we read" (or still absent): unchanged since. */
export function unchangedSince(item: Item, keyAttribute: string, extra?: Condition): Condition {
  const names = { '#ckey': keyAttribute, '#cupd': 'updated_at' };
  const base: Condition =
    item.updated_at === undefined
      ? { expression: 'attribute_exists(#ckey) AND attribute_not_exists(#cupd)', names, values: {} }
      : { expression: 'attribute_exists(#ckey) AND #cupd = :cseen', names, values: { ':cseen': item.updated_at } };
  return extra
    ? {
        expression: `${base.expression} AND ${extra.expression}`,
        names: { ...base.names, ...extra.names },
        values: { ...base.values, ...extra.values },
      }
    : base;
}

/** Runs `task` over `items`, at most `limit` at a time. */
export async function eachLimited<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next];
      next += 1;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
