// The users table, page by page, resuming where the previous run stopped: the reconciler compares
// a bounded number of rows per run, and a full pass spans as many runs as it needs. A Scan, which
// the project allows only here — a scheduled job, never a request path (README "Leaving ProLynk").
import { DeleteItemCommand, GetItemCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';

/** One users row, as much of it as the comparison needs. */
export interface UsersRow {
  userId: string;
  /** The profile the row names, if any. */
  username: string | null;
  createdAt: string | null;
}

/** One page of the walk. */
export interface UsersPage {
  rows: UsersRow[];
  /** This page was the last of the pass. */
  done: boolean;
  /** Saves the position after this page (the next pass starts over when `done`). */
  advance(): Promise<void>;
}

/** Where the walk stands. */
export interface UsersCursor {
  /** The page at the saved position; the position moves only when the page is advanced past. */
  nextPage(): Promise<UsersPage>;
}

// The cursor lives in the account-jobs table under a key no sub can take.
const CURSOR_KEY = { user_id: '#reconciler', job: 'users-cursor' };

/** A UsersCursor over `usersTable`, saving its position in `jobsTable` after every page. */
export function scanUsersCursor(
  client: DynamoDBClient,
  tables: { users: string; accountJobs: string },
  pageSize: number,
): UsersCursor {
  return {
    async nextPage() {
      const { Item } = await client.send(
        new GetItemCommand({ TableName: tables.accountJobs, Key: marshall(CURSOR_KEY), ConsistentRead: true }),
      );
      const saved = Item ? (unmarshall(Item).last_key as string | undefined) : undefined;
      const page = await client.send(
        new ScanCommand({
          TableName: tables.users,
          Limit: pageSize,
          ProjectionExpression: '#id, #name, #created',
          ExpressionAttributeNames: { '#id': 'user_id', '#name': 'username', '#created': 'created_at' },
          ExclusiveStartKey: saved ? (JSON.parse(saved) as Record<string, AttributeValue>) : undefined,
        }),
      );
      const rows = (page.Items ?? []).map((item) => {
        const row = unmarshall(item);
        return {
          userId: String(row.user_id),
          username: typeof row.username === 'string' && row.username !== '' ? row.username : null,
          createdAt: typeof row.created_at === 'string' ? row.created_at : null,
        };
      });
      const next = page.LastEvaluatedKey;
      const advance = async () => {
        if (next === undefined) {
          await client.send(new DeleteItemCommand({ TableName: tables.accountJobs, Key: marshall(CURSOR_KEY) }));
          return;
        }
        await client.send(
          new PutItemCommand({
            TableName: tables.accountJobs,
            Item: marshall({ ...CURSOR_KEY, last_key: JSON.stringify(next) }),
          }),
        );
      };
      return { rows, done: next === undefined, advance };
    },
  };
}
