// The stats functions' DynamoDB I/O (docs/architecture.md §3: keys and Queries only, no Scan).
// Profile and link reads are the ones the public pages make; markers and counters are the only writes.
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { CountPlan } from './countPlan.ts';
import type { CounterRow } from './sumStats.ts';
import { counterSortKeyRange, dailyKeyKey } from './statsKeys.ts';
import type { DailyKeyStore } from './visitorHash.ts';

/** The table names the store works on. */
export interface StatsTables {
  stats: string;
  visitors: string;
  profiles: string;
  links: string;
}

/** A link as the redirect needs it. */
export interface LiveLink {
  url: string;
  title: string;
}

/** Everything the stats use cases read and write. */
export interface StatsStore extends DailyKeyStore {
  /** The user id owning the profile `username` (normalized), or null. */
  profileOwner(username: string): Promise<string | null>;
  /** The link, unless it is missing or soft-deleted. */
  liveLink(userId: string, linkId: string): Promise<LiveLink | null>;
  /** Titles of every link the account has, soft-deleted ones included, by link id. */
  linkTitles(userId: string): Promise<Map<string, string>>;
  /** Writes the marker unless a live one exists; false means the visitor was seen within the window. */
  claimFirstVisit(seen: CountPlan['seen'], nowSeconds: number): Promise<boolean>;
  /** Adds one to the counter (creating it). */
  increment(counter: CountPlan['counter']): Promise<void>;
  /** The counters of one shard partition between two days (inclusive). */
  counters(pk: string, from: string, to: string): Promise<CounterRow[]>;
}

/** A StatsStore on DynamoDB. */
export function dynamoDbStatsStore(client: DynamoDBClient, tables: StatsTables): StatsStore {
  return new DynamoDbStatsStore(client, tables);
}

class DynamoDbStatsStore implements StatsStore {
  constructor(
    private readonly client: DynamoDBClient,
    private readonly tables: StatsTables,
  ) {}

  async profileOwner(username: string): Promise<string | null> {
    const item = await this.getItem(this.tables.profiles, { username: { S: username } });
    return item?.user_id?.S ?? null;
  }

  async liveLink(userId: string, linkId: string): Promise<LiveLink | null> {
    const item = await this.getItem(this.tables.links, { user_id: { S: userId }, link_id: { S: linkId } });
    if (!item || item.is_deleted?.BOOL === true || item.url?.S === undefined) return null;
    return { url: item.url.S, title: item.title?.S ?? '' };
  }

  async linkTitles(userId: string): Promise<Map<string, string>> {
    const titles = new Map<string, string>();
    const input = {
      TableName: this.tables.links,
      KeyConditionExpression: '#owner = :owner',
      ProjectionExpression: '#id, #title',
      ExpressionAttributeNames: { '#owner': 'user_id', '#id': 'link_id', '#title': 'title' },
      ExpressionAttributeValues: { ':owner': { S: userId } },
    };
    await queryAll(this.client, input, (item) => {
      if (item.link_id?.S && item.title?.S !== undefined) titles.set(item.link_id.S, item.title.S);
    });
    return titles;
  }

  claimFirstVisit(seen: CountPlan['seen'], nowSeconds: number): Promise<boolean> {
    return this.putIfAbsent({
      TableName: this.tables.visitors,
      Item: { pk: { S: seen.pk }, expires_at: { N: String(seen.expiresAt) } },
      // TTL deletes lazily (hours, days): an expired marker still on the table does not count.
      ConditionExpression: 'attribute_not_exists(pk) OR expires_at <= :now',
      ExpressionAttributeValues: { ':now': { N: String(nowSeconds) } },
    });
  }

  async increment(counter: CountPlan['counter']): Promise<void> {
    await this.client.send(
      new UpdateItemCommand({
        TableName: this.tables.stats,
        Key: { pk: { S: counter.pk }, sk: { S: counter.sk } },
        // Every counter of one day carries the same expiry, so setting it again changes nothing.
        UpdateExpression: 'SET expires_at = :expires ADD #count :one',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':one': { N: '1' }, ':expires': { N: String(counter.expiresAt) } },
      }),
    );
  }

  async counters(pk: string, from: string, to: string): Promise<CounterRow[]> {
    const range = counterSortKeyRange(from, to);
    const rows: CounterRow[] = [];
    const input = {
      TableName: this.tables.stats,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :start AND :end',
      ProjectionExpression: 'sk, #count',
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: { ':pk': { S: pk }, ':start': { S: range.start }, ':end': { S: range.end } },
    };
    await queryAll(this.client, input, (item) => {
      if (item.sk?.S && item.count?.N) rows.push({ sk: item.sk.S, count: Number(item.count.N) });
    });
    return rows;
  }

  async readKey(day: string): Promise<Uint8Array | null> {
    const item = await this.getItem(this.tables.visitors, { pk: { S: dailyKeyKey(day) } }, true);
    return item?.secret?.B ?? null;
  }

  createKey(day: string, secret: Uint8Array, expiresAt: number): Promise<boolean> {
    return this.putIfAbsent({
      TableName: this.tables.visitors,
      Item: { pk: { S: dailyKeyKey(day) }, secret: { B: secret }, expires_at: { N: String(expiresAt) } },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  }

  private async getItem(table: string, key: Record<string, AttributeValue>, consistent = false) {
    return (await this.client.send(new GetItemCommand({ TableName: table, Key: key, ConsistentRead: consistent })))
      .Item;
  }

  // A conditional put: true when written, false when its condition refused it.
  private async putIfAbsent(input: ConstructorParameters<typeof PutItemCommand>[0]): Promise<boolean> {
    try {
      await this.client.send(new PutItemCommand(input));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

type QueryInput = ConstructorParameters<typeof QueryCommand>[0];

/** Runs a Query to its last page, handing each item to `each`. */
export async function queryAll(
  client: DynamoDBClient,
  input: QueryInput,
  each: (item: Record<string, AttributeValue>) => void,
): Promise<void> {
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) each(item);
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
}
