// One export per account per minute, decided atomically by DynamoDB: a conditional write of the
// export record in the same transaction as a check that the account has no tombstone (an account
// being deleted gets no export; an export racing the deletion is caught by the final sweep).
import { TransactionCanceledException, TransactWriteItemsCommand } from '@aws-sdk/client-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { DELETION_JOB, EXPORT_JOB } from '../../resolvers/lib/accountJobKeys.ts';
import { ConflictError, UnauthorizedError } from '../lib/errors.ts';

/** At most one export per this many seconds. */
export const EXPORT_INTERVAL_SECONDS = 60;

/** An export refused for the rate limit, with when to try again. */
export class ExportTooSoonError extends ConflictError {
  constructor(readonly retryAfter: Date) {
    super(`You can export your account once a minute; try again after ${retryAfter.toISOString()}.`);
  }
}

/** Claims the account's export slot at `now`, or throws ExportTooSoonError / UnauthorizedError (deleted account). */
export async function claimExportSlot(client: DynamoDBClient, table: string, userId: string, now: Date): Promise<void> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  try {
    await client.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            ConditionCheck: {
              TableName: table,
              Key: marshall({ user_id: userId, job: DELETION_JOB }),
              ConditionExpression: 'attribute_not_exists(#id)',
              ExpressionAttributeNames: { '#id': 'user_id' },
            },
          },
          {
            Put: {
              TableName: table,
              Item: marshall({
                user_id: userId,
                job: EXPORT_JOB,
                last_export_at: now.toISOString(),
                last_export_epoch: nowSeconds,
                expires_at: nowSeconds + 24 * 3600,
              }),
              ConditionExpression: 'attribute_not_exists(#id) OR #last <= :cutoff',
              ExpressionAttributeNames: { '#id': 'user_id', '#last': 'last_export_epoch' },
              ExpressionAttributeValues: marshall({ ':cutoff': nowSeconds - EXPORT_INTERVAL_SECONDS }),
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const [deletion, slot] = error.CancellationReasons ?? [];
    if (deletion?.Code === 'ConditionalCheckFailed') throw new UnauthorizedError('This account has been deleted.');
    if (slot?.Code === 'ConditionalCheckFailed') {
      const last = slot.Item ? Number(unmarshall(slot.Item).last_export_epoch) : nowSeconds;
      throw new ExportTooSoonError(new Date((last + EXPORT_INTERVAL_SECONDS) * 1000));
    }
    if ([deletion?.Code, slot?.Code].includes('TransactionConflict')) {
      throw new ConflictError('Another export of your account is starting right now; try again in a minute.');
    }
    throw error;
  }
}
