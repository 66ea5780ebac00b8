// The current state an event describes, read from the tables by key (docs/architecture.md §3: no Scan). Reads
// are consistent — a stream record can arrive before an eventually consistent read would see its
// write — and remembered for the batch, so each name, owner and link list is read once.
import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

type Item = Record<string, unknown>;

/** The three reads the publisher needs. */
export interface ProfileStore {
  /** The username the account's users row holds now; null when the row or the name is gone. */
  currentUsername(userId: string): Promise<string | null>;
  /** The profile row of `username`; null when none. */
  profile(username: string): Promise<Item | null>;
  /** Every link row of the owner, soft-deleted ones included. */
  links(userId: string): Promise<Item[]>;
}

export interface StoreTables {
  users: string;
  profiles: string;
  links: string;
}

/** A ProfileStore on DynamoDB. */
export function dynamoDbProfileStore(client: DynamoDBClient, tables: StoreTables): ProfileStore {
  const getItem = async (table: string, key: Record<string, AttributeValue>): Promise<Item | null> => {
    const out = await client.send(new GetItemCommand({ TableName: table, Key: key, ConsistentRead: true }));
    return out.Item ? unmarshall(out.Item) : null;
  };
  return {
    async currentUsername(userId) {
      const user = await getItem(tables.users, { user_id: { S: userId } });
      return typeof user?.username === 'string' && user.username !== '' ? user.username : null;
    },
    profile: (username) => getItem(tables.profiles, { username: { S: username } }),
    async links(userId) {
      const items: Item[] = [];
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tables.links,
            KeyConditionExpression: '#owner = :owner',
            ExpressionAttributeNames: { '#owner': 'user_id' },
            ExpressionAttributeValues: { ':owner': { S: userId } },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) items.push(unmarshall(item));
        start = page.LastEvaluatedKey;
      } while (start !== undefined);
      return items;
    },
  };
}

/** The same store, each distinct read made at most once (one batch's lifetime). */
export function rememberedReads(store: ProfileStore): ProfileStore {
  const cache = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, read: () => Promise<T>): Promise<T> => {
    if (!cache.has(key)) {
      const pending = read();
      // A failed read is not remembered: a later event may try again.
      pending.catch(() => cache.delete(key));
      cache.set(key, pending);
    }
    return cache.get(key) as Promise<T>;
  };
  return {
    currentUsername: (userId) => once(`user:${userId}`, () => store.currentUsername(userId)),
    profile: (username) => once(`profile:${username}`, () => store.profile(username)),
    links: (userId) => once(`links:${userId}`, () => store.links(userId)),
  };
}
