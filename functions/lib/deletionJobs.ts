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
  const target: JobsTable = { client, table, ttlSeconds };
  const create: DeletionJobs['create'] = async (userId, requestedBy, now, profile) => {
    const outcome = await createTombstone(target, userId, requestedBy, now, profile);
    // The name is no longer this account's (renamed, freed, claimed by someone else): the tombstone alone.
    return outcome === 'profile-not-owned' ? create(userId, requestedBy, now) : outcome === 'created';
  };
  return {
    async get(userId) {
      const { Item } = await client.send(
        new GetItemCommand({ TableName: table, Key: jobKey(userId), ConsistentRead: true }),
      );
      return Item ? toJob(Item) : null;
    },
    create,
    recordStep: (userId, step, now) =>
      updateJob(
        target,
        userId,
        now,
        {},
        { add: 'ADD #done :step', names: { '#done': 'steps_done' }, values: { ':step': new Set([step]) } },
      ),
    awaitFinalSweep: (userId, sweepAfter, now) =>
      updateJob(target, userId, now, { status: DELETION_STATUS.awaitingFinalSweep, final_sweep_after: sweepAfter }),
    complete: (userId, now) => updateJob(target, userId, now, { status: DELETION_STATUS.complete }),
    async nudge(userId, status, now) {
      try {
        await updateJob(
          target,
          userId,
          now,
          { nudged_at: now.toISOString() },
          { condition: '#status = :seen', names: { '#status': 'status' }, values: { ':seen': status } },
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) return false;
        throw error;
      }
    },
    unfinished: () => scanUnfinished(target),
  };
}

interface JobsTable {
  client: DynamoDBClient;
  table: string;
  ttlSeconds: number;
}

interface UpdateExtras {
  add: string;
  condition: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
}

function jobKey(userId: string): Record<string, AttributeValue> {
  return marshall({ user_id: userId, job: DELETION_JOB });
}

// Every change stamps updated_at and moves the expiry one token lifetime ahead.
function stamp(target: JobsTable, now: Date): Record<string, unknown> {
  return { updated_at: now.toISOString(), expires_at: Math.floor(now.getTime() / 1000) + target.ttlSeconds };
}

async function createTombstone(
  target: JobsTable,
  userId: string,
  requestedBy: string,
  now: Date,
  profile?: { table: string; username: string },
): Promise<'created' | 'exists' | 'profile-not-owned'> {
  const tombstone: TransactWriteItem = {
    Put: {
      TableName: target.table,
      Item: marshall({
        user_id: userId,
        job: DELETION_JOB,
        status: DELETION_STATUS.pending,
        requested_by: requestedBy,
        requested_at: now.toISOString(),
        ...stamp(target, now),
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
    await target.client.send(new TransactWriteItemsCommand({ TransactItems: [tombstone, ...takeOffline] }));
    return 'created';
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const [existing, offline] = (error.CancellationReasons ?? []).map((reason) => reason.Code);
    if (existing === 'ConditionalCheckFailed') return 'exists';
    if (offline === 'ConditionalCheckFailed') return 'profile-not-owned';
    throw error;
  }
}

async function updateJob(
  target: JobsTable,
  userId: string,
  now: Date,
  set: Record<string, unknown>,
  extra: Partial<UpdateExtras> = {},
): Promise<void> {
  const names: Record<string, string> = { '#id': 'user_id', ...extra.names };
  const values: Record<string, unknown> = { ...extra.values };
  const clauses = Object.entries({ ...stamp(target, now), ...set }).map(([attribute, value], i) => {
    names[`#s${i}`] = attribute;
    values[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
  await target.client.send(
    new UpdateItemCommand({
      TableName: target.table,
      Key: jobKey(userId),
      UpdateExpression: `SET ${clauses.join(', ')}${extra.add ? ` ${extra.add}` : ''}`,
      // Never recreate a job that is gone (expired): only move an existing one.
      ConditionExpression: ['attribute_exists(#id)', extra.condition].filter(Boolean).join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: marshall(values, { removeUndefinedValues: true }),
    }),
  );
}

async function* scanUnfinished(target: JobsTable): AsyncIterable<DeletionJob> {
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await target.client.send(
      new ScanCommand({
        TableName: target.table,
        FilterExpression: '#job = :deletion AND #status <> :complete',
        ExpressionAttributeNames: { '#job': 'job', '#status': 'status' },
        ExpressionAttributeValues: marshall({ ':deletion': DELETION_JOB, ':complete': DELETION_STATUS.complete }),
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) yield toJob(item);
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
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
