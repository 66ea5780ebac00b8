// The DynamoDB side of an erasure: every row of one account, found by key or by the owner's GSI,
// removed. Each removal is idempotent (deleting what is gone changes nothing), so a retried
// erasure simply does it again.
import {
  BatchWriteItemCommand,
  DeleteItemCommand,
  GetItemCommand,
  QueryCommand,
  ConditionalCheckFailedException,
} from '@aws-sdk/client-dynamodb';
import type { AttributeValue, DynamoDBClient, WriteRequest } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { EXPORT_JOB } from '../../resolvers/lib/accountJobKeys.ts';
import { PROFILES_BY_OWNER_INDEX } from '../lib/accountTables.ts';
import type { AccountTables } from '../lib/accountTables.ts';

/** The row removals an erasure is made of. */
export interface AccountRows {
  /** Deletes every profile row the account owns; returns how many. */
  deleteProfiles(userId: string): Promise<number>;
  /** Deletes every link row of the account, soft-deleted ones included; returns how many. */
  deleteLinks(userId: string): Promise<number>;
  deleteUsersRow(userId: string): Promise<void>;
  /** Deletes the account's export rate-limit record. */
  deleteExportRecord(userId: string): Promise<void>;
}

// BatchWriteItem takes at most 25 requests.
const BATCH = 25;
const MAX_UNPROCESSED_ROUNDS = 8;

/** AccountRows on DynamoDB. */
export function dynamoDbAccountRows(client: DynamoDBClient, tables: AccountTables): AccountRows {
  const profileNamesOf = async (userId: string): Promise<Set<string>> => {
    const names = new Set<string>();
    // The users row names the profile, read strongly; the GSI also finds rows it might not name.
    const { Item } = await client.send(
      new GetItemCommand({ TableName: tables.users, Key: marshall({ user_id: userId }), ConsistentRead: true }),
    );
    const named = Item ? unmarshall(Item).username : undefined;
    if (typeof named === 'string' && named !== '') names.add(named);
    for await (const row of queryAll(client, {
      TableName: tables.profiles,
      IndexName: PROFILES_BY_OWNER_INDEX,
      KeyConditionExpression: '#owner = :owner',
      ExpressionAttributeNames: { '#owner': 'user_id' },
      ExpressionAttributeValues: marshall({ ':owner': userId }),
    })) {
      names.add(String(row.username));
    }
    return names;
  };

  return {
    async deleteProfiles(userId) {
      let deleted = 0;
      for (const username of await profileNamesOf(userId)) {
        try {
          // Only while it is still this account's: a freed name may already belong to someone else.
          await client.send(
            new DeleteItemCommand({
              TableName: tables.profiles,
              Key: marshall({ username }),
              ConditionExpression: '#owner = :owner',
              ExpressionAttributeNames: { '#owner': 'user_id' },
              ExpressionAttributeValues: marshall({ ':owner': userId }),
            }),
          );
          deleted++;
        } catch (error) {
          if (!(error instanceof ConditionalCheckFailedException)) throw error;
        }
      }
      return deleted;
    },
    async deleteLinks(userId) {
      const keys: Record<string, AttributeValue>[] = [];
      for await (const row of queryAll(client, {
        TableName: tables.links,
        KeyConditionExpression: '#owner = :owner',
        ExpressionAttributeNames: { '#owner': 'user_id', '#link': 'link_id' },
        ExpressionAttributeValues: marshall({ ':owner': userId }),
        ProjectionExpression: '#owner, #link',
        ConsistentRead: true,
      })) {
        keys.push(marshall({ user_id: row.user_id, link_id: row.link_id }));
      }
      for (let start = 0; start < keys.length; start += BATCH) {
        await batchDelete(
          client,
          tables.links,
          keys.slice(start, start + BATCH).map((Key) => ({ DeleteRequest: { Key } })),
        );
      }
      return keys.length;
    },
    async deleteUsersRow(userId) {
      await client.send(new DeleteItemCommand({ TableName: tables.users, Key: marshall({ user_id: userId }) }));
    },
    async deleteExportRecord(userId) {
      await client.send(
        new DeleteItemCommand({ TableName: tables.accountJobs, Key: marshall({ user_id: userId, job: EXPORT_JOB }) }),
      );
    },
  };
}

async function* queryAll(
  client: DynamoDBClient,
  input: ConstructorParameters<typeof QueryCommand>[0],
): AsyncIterable<Record<string, unknown>> {
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    for (const item of page.Items ?? []) yield unmarshall(item);
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
}

// DynamoDB may leave some requests of a batch unprocessed under load: they are sent again.
async function batchDelete(client: DynamoDBClient, table: string, requests: WriteRequest[]): Promise<void> {
  let pending = requests;
  for (let round = 0; pending.length > 0; round++) {
    if (round === MAX_UNPROCESSED_ROUNDS) throw new Error(`${pending.length} link deletions stayed unprocessed.`);
    if (round > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** round));
    const out = await client.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
    pending = out.UnprocessedItems?.[table] ?? [];
  }
}
