// The tombstone / erasure record in the account-jobs table (resolvers/lib/accountJobKeys.ts), as
// the erasure worker and the reconciler read and move it. Every change refreshes its expiry: a
// tombstone lives one longest token lifetime after its last change, so it outlasts every token
// the deleted user still holds, however long the erasure takes.
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  ScanCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { AttributeValue, DynamoDBClient, TransactWriteItem } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { DELETION_JOB, DELETION_STATUS } from '../../resolvers/lib/accountJobKeys.ts';

export type DeletionStatus = (typeof DELETION_STATUS)[keyof typeof DELETION_STATUS];

/** One account's erasure, as stored. */
export interface DeletionJob {
  userId: string;
  status: DeletionStatus;
  requestedAt: string;
  requestedBy: string;
  updatedAt: string;
  /** The erasure steps done so far, by name. */
  stepsDone: string[];
  /** Epoch seconds after which the final sweep may run (set when every step is done). */
  finalSweepAfter: number | null;
}

/** Reads and moves erasure records. */
export interface DeletionJobs {
  get(userId: string): Promise<DeletionJob | null>;
  /**
   * Writes a new PENDING tombstone; false when the account already has one. With `profile`, the
   * profile row of that name is deleted in the same transaction (if the account still owns it),
   * as deleteAccount does: a tombstone never exists next to the public profile it names.
   */
  create(
    userId: string,
    requestedBy: string,
    now: Date,
    profile?: { table: string; username: string },
  ): Promise<boolean>;
  recordStep(userId: string, step: string, now: Date): Promise<void>;
  awaitFinalSweep(userId: string, sweepAfter: number, now: Date): Promise<void>;
  complete(userId: string, now: Date): Promise<void>;
  /** Touches a job still in `status` so its stream record runs the worker again; false when it moved on. */
  nudge(userId: string, status: DeletionStatus, now: Date): Promise<boolean>;
  /** Every job that is not COMPLETE, page by page (a scheduled job's Scan of a small table). */
  unfinished(): AsyncIterable<DeletionJob>;
}

/** DeletionJobs on the account-jobs table. */
export function dynamoDbDeletionJobs(client: DynamoDBClient, table: string, ttlSeconds: number): DeletionJobs {
  const key = (userId: string) => marshall({ user_id: userId, job: DELETION_JOB });
  const expiry = (now: Date) => Math.floor(now.getTime() / 1000) + ttlSeconds;
  const update = async (userId: string, set: Record<string, unknown>, extra: Partial<UpdateShape> = {}) => {
    const names: Record<string, string> = { '#id': 'user_id', ...extra.names };
    const values: Record<string, unknown> = { ...extra.values };
    const clauses = Object.entries(set).map(([attribute, value], i) => {
      names[`#s${i}`] = attribute;
      values[`:s${i}`] = value;
      return `#s${i} = :s${i}`;
    });
    await client.send(
      new UpdateItemCommand({
        TableName: table,
        Key: key(userId),
        UpdateExpression: `SET ${clauses.join(', ')}${extra.add ? ` ${extra.add}` : ''}`,
        ConditionExpression: ['attribute_exists(#id)', extra.condition].filter(Boolean).join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: marshall(values, { removeUndefinedValues: true }),
      }),
    );
  };
  const stamp = (now: Date) => ({ updated_at: now.toISOString(), expires_at: expiry(now) });

  const create: DeletionJobs['create'] = async (userId, requestedBy, now, profile) => {
    const tombstone: TransactWriteItem = {
      Put: {
        TableName: table,
        Item: marshall({
          user_id: userId,
          job: DELETION_JOB,
          status: DELETION_STATUS.pending,
          requested_by: requestedBy,
          requested_at: now.toISOString(),
          ...stamp(now),
        }),
        ConditionExpression: 'attribute_not_exists(#id)',
        ExpressionAttributeNames: { '#id': 'user_id' },
      },
    };
    const takeOffline: TransactWriteItem[] = profile
      ? [
          {
            Delete: {
              TableName: profile.table,
              Key: marshall({ username: profile.username }),
              ConditionExpression: '#owner = :owner',
              ExpressionAttributeNames: { '#owner': 'user_id' },
              ExpressionAttributeValues: marshall({ ':owner': userId }),
            },
          },
        ]
      : [];
    try {
      await client.send(new TransactWriteItemsCommand({ TransactItems: [tombstone, ...takeOffline] }));
      return true;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const [existing, offline] = (error.CancellationReasons ?? []).map((reason) => reason.Code);
      if (existing === 'ConditionalCheckFailed') return false;
      // The name is no longer this account's (renamed, freed, claimed by someone else): the tombstone alone.
      if (offline === 'ConditionalCheckFailed') return create(userId, requestedBy, now);
      throw error;
    }
  };

  return {
    async get(userId) {
      const { Item } = await client.send(
        new GetItemCommand({ TableName: table, Key: key(userId), ConsistentRead: true }),
      );
      return Item ? toJob(Item) : null;
    },
    create,
    recordStep: (userId, step, now) =>
      update(userId, stamp(now), {
        add: 'ADD #done :step',
        names: { '#done': 'steps_done' },
        values: { ':step': new Set([step]) },
      }),
    awaitFinalSweep: (userId, sweepAfter, now) =>
      update(userId, { ...stamp(now), status: DELETION_STATUS.awaitingFinalSweep, final_sweep_after: sweepAfter }),
    complete: (userId, now) => update(userId, { ...stamp(now), status: DELETION_STATUS.complete }),
    async nudge(userId, status, now) {
      try {
        await update(
          userId,
          { nudged_at: now.toISOString() },
          { condition: '#status = :seen', names: { '#status': 'status' }, values: { ':seen': status } },
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
    async *unfinished() {
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page = await client.send(
          new ScanCommand({
            TableName: table,
            FilterExpression: '#job = :deletion AND #status <> :complete',
            ExpressionAttributeNames: { '#job': 'job', '#status': 'status' },
            ExpressionAttributeValues: marshall({ ':deletion': DELETION_JOB, ':complete': DELETION_STATUS.complete }),
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) yield toJob(item);
        start = page.LastEvaluatedKey;
      } while (start !== undefined);
    },
  };
}

interface UpdateShape {
  add: string;
  condition: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

function toJob(item: Record<string, AttributeValue>): DeletionJob {
  const row = unmarshall(item);
  const done = row.steps_done as Set<string> | undefined;
  return {
    userId: String(row.user_id),
    status: row.status as DeletionStatus,
    requestedAt: String(row.requested_at),
    requestedBy: String(row.requested_by ?? ''),
    updatedAt: String(row.updated_at ?? row.requested_at),
    stepsDone: done ? [...done] : [],
    finalSweepAfter: typeof row.final_sweep_after === 'number' ? row.final_sweep_after : null,
  };
}
