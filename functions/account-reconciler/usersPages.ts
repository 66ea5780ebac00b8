// The users table (and the profiles no users row covers), page by page, resuming where the
// previous run stopped: the reconciler compares a bounded number of rows per run, and a full pass
// spans as many runs as it needs. Scans, which the project allows only here — a scheduled job,
// never a request path (README "Leaving ProLynk").
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

// Cursors live in the account-jobs table under keys no sub can take.
const CURSOR_USER = '#reconciler';

/** What one walk reads: a table whose rows name an account, and where its position is saved. */
interface Walk {
  table: string;
  accountJobs: string;
  /** The cursor's job key: one per walk. */
  cursorJob: string;
  /** Rows to leave out of a page (their account is covered by another walk). */
  skip?: (row: UsersRow) => Promise<boolean>;
}

/** A UsersCursor over `usersTable`, saving its position in `jobsTable` after every page. */
export function scanUsersCursor(
  client: DynamoDBClient,
  tables: { users: string; accountJobs: string },
  pageSize: number,
): UsersCursor {
  return scanCursor(
    client,
    { table: tables.users, accountJobs: tables.accountJobs, cursorJob: 'users-cursor' },
    pageSize,
  );
}

/**
 * A UsersCursor over the profiles that no users row covers: seed-era profiles whose owner never
 * signed in since (`me` creates the missing users row, docs/architecture.md §3). The users walk
 * cannot see them, so an owner deleted outside the API would otherwise stay online forever.
 */
export function scanUncoveredProfilesCursor(
  client: DynamoDBClient,
  tables: { users: string; profiles: string; accountJobs: string },
  pageSize: number,
): UsersCursor {
  const hasUsersRow = async (row: UsersRow) => {
    const { Item } = await client.send(
      new GetItemCommand({
        TableName: tables.users,
        Key: marshall({ user_id: row.userId }),
        ProjectionExpression: 'user_id',
      }),
    );
    return Item !== undefined;
  };
  return scanCursor(
    client,
    { table: tables.profiles, accountJobs: tables.accountJobs, cursorJob: 'profiles-cursor', skip: hasUsersRow },
    pageSize,
  );
}

function scanCursor(client: DynamoDBClient, walk: Walk, pageSize: number): UsersCursor {
  const cursorKey = marshall({ user_id: CURSOR_USER, job: walk.cursorJob });
  return {
    async nextPage() {
      const { Item } = await client.send(
        new GetItemCommand({ TableName: walk.accountJobs, Key: cursorKey, ConsistentRead: true }),
      );
      const saved = Item ? (unmarshall(Item).last_key as string | undefined) : undefined;
      const page = await client.send(
        new ScanCommand({
          TableName: walk.table,
          Limit: pageSize,
          ProjectionExpression: '#id, #name, #created',
          ExpressionAttributeNames: { '#id': 'user_id', '#name': 'username', '#created': 'created_at' },
          ExclusiveStartKey: saved ? (JSON.parse(saved) as Record<string, AttributeValue>) : undefined,
        }),
      );
      const rows: UsersRow[] = [];
      for (const item of page.Items ?? []) {
        const row = toRow(unmarshall(item));
        if (row !== null && !(walk.skip && (await walk.skip(row)))) rows.push(row);
      }
      const next = page.LastEvaluatedKey;
      const advance = async () => {
        if (next === undefined) {
          await client.send(new DeleteItemCommand({ TableName: walk.accountJobs, Key: cursorKey }));
          return;
        }
        await client.send(
          new PutItemCommand({
            TableName: walk.accountJobs,
            Item: { ...cursorKey, last_key: { S: JSON.stringify(next) } },
          }),
        );
      };
      return { rows, done: next === undefined, advance };
    },
  };
}

function toRow(row: Record<string, unknown>): UsersRow | null {
  if (typeof row.user_id !== 'string' || row.user_id === '') return null;
  return {
    userId: row.user_id,
    username: typeof row.username === 'string' && row.username !== '' ? row.username : null,
    createdAt: typeof row.created_at === 'string' ? row.created_at : null,
  };
}
