// Writes a confirmed user's rows in ONE TransactWriteItems (docs/architecture.md §3): the users row only if
// none exists for the sub, and the profile only if nobody holds the name. Either both are
// written or neither.
import { TransactionCanceledException, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import type { AttributeValue, DynamoDBClient, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { ConflictError } from '../lib/errors.ts';
import type { NewAccount } from './newAccount.ts';

export interface AccountTables {
  users: string;
  profiles: string;
}

/** `created`: both rows written; `existing`: the users row was already there (a retried trigger), nothing changed. */
export type CreateAccountOutcome = 'created' | 'existing';

/** Creates the account's rows atomically; a name taken meanwhile is a Conflict and writes nothing. */
export async function createAccount(
  client: DynamoDBClient,
  tables: AccountTables,
  account: NewAccount,
): Promise<CreateAccountOutcome> {
  const items: TransactWriteItem[] = [
    {
      Put: {
        TableName: tables.users,
        Item: toAttributeValues(account.user),
        ConditionExpression: 'attribute_not_exists(#id)',
        ExpressionAttributeNames: { '#id': 'user_id' },
      },
    },
  ];
  if (account.profile !== null) {
    items.push({
      Put: {
        TableName: tables.profiles,
        Item: toAttributeValues(account.profile),
        ConditionExpression: 'attribute_not_exists(#name)',
        ExpressionAttributeNames: { '#name': 'username' },
      },
    });
  }
  try {
    await client.send(new TransactWriteItemsCommand({ TransactItems: items }));
    return 'created';
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    // One reason per item, in request order: [users row, profile].
    const [userReason, profileReason] = (error.CancellationReasons ?? []).map((reason) => reason.Code);
    // Cognito retries a trigger that timed out even if the first run committed.
    if (userReason === 'ConditionalCheckFailed') return 'existing';
    if (profileReason === 'ConditionalCheckFailed') {
      throw new ConflictError(
        `Username: "${account.profile?.username}" was claimed by another account before this sign-up was confirmed; sign in and choose another name.`,
      );
    }
    if (userReason === 'TransactionConflict' || profileReason === 'TransactionConflict') {
      throw new ConflictError('Your account is being created by another request right now; try again.');
    }
    throw error;
  }
}

function toAttributeValues(row: Record<string, string | boolean>): Record<string, AttributeValue> {
  return Object.fromEntries(
    Object.entries(row).map(([name, value]) => [name, typeof value === 'boolean' ? { BOOL: value } : { S: value }]),
  );
}
